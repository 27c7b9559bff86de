import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { MemberSessionCreate, validateInput, validateWire } from "@effect-polar/core/MemberSessionCreate"
import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { validationTable, wireBody } from "./fixtures.js"

const label = (row: (typeof validationTable)[number]) => {
  const text = JSON.stringify(row.input) ?? "undefined"
  return `${row.field} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`
}

describe("MemberSessionCreate validation answers as Polar's pydantic (validation-table.json)", () => {
  assert.strictEqual(validationTable.length, 35)

  for (const row of validationTable) {
    it(`wire: ${label(row)}`, () => {
      const result = validateWire(wireBody(row))
      if (row.accepted) {
        if (Either.isLeft(result)) assert.fail(JSON.stringify(result.left))
        if (row.field === "member_id") assert.strictEqual(result.right.memberId, row.normalized)
        if (row.field === "return_url") assert.strictEqual(result.right.returnUrl, row.normalized)
      } else {
        if (Either.isRight(result)) assert.fail("accepted, pydantic refuses")
        const got = result.left.map(({ ctx, loc, msg, type }) => ({ type, loc, msg, ...(ctx ? { ctx } : {}) }))
        assert.deepStrictEqual(got, row.errors)
      }
    })

    if (row.field !== "body") {
      it(`input: ${label(row)}`, () => {
        const input = row.field === "member_id"
          ? { memberId: row.input }
          : { memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", returnUrl: row.input }
        // The table includes values a TypeScript caller cannot pass (numbers, objects): force them
        // through the type, as a JavaScript caller could.
        const result = validateInput(Schema.decodeUnknownSync(Schema.Any)(input))
        if (row.accepted) {
          assert.isTrue(Either.isRight(result))
        } else {
          if (Either.isRight(result)) assert.fail("accepted, pydantic refuses")
          assert.deepStrictEqual(
            result.left.map(({ loc, msg, type }) => ({ loc, msg, type })),
            row.errors?.map(({ loc, msg, type }) => ({ loc, msg, type }))
          )
        }
      })
    }
  }

  it("reports every invalid field at once, member_id first", () => {
    const result = validateWire({ member_id: "not-a-uuid", return_url: "/account" })
    assert.deepStrictEqual(
      Either.getLeft(result).pipe((left) => left._tag === "Some" ? left.value.map((e) => e.loc.join(".")) : []),
      ["body.member_id", "body.return_url"]
    )
  })

  it("keeps the offending input on each error", () => {
    const result = validateWire({ member_id: "not-a-uuid" })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) assert.strictEqual(result.left[0]?.input, "not-a-uuid")
  })

  it("encodes to the snake_case wire body, return_url null by default", () => {
    const value = new MemberSessionCreate({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", returnUrl: null })
    assert.deepStrictEqual(Schema.encodeSync(MemberSessionCreate)(value), {
      member_id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
      return_url: null
    })
  })

  it("HTTPValidationError has a one-line-per-error message", () => {
    const result = validateWire({ member_id: "not-a-uuid", return_url: "ftp://x" })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      const error = new HTTPValidationError({ detail: result.left })
      assert.strictEqual(error._tag, "HTTPValidationError")
      assert.isFalse(error.fromServer)
      assert.strictEqual(
        error.message,
        "Invalid request, not sent: body.member_id: Input should be a valid UUID, invalid character: found `n` at 1 (uuid_parsing); body.return_url: URL scheme should be 'http' or 'https' (url_scheme)"
      )
    }
  })
})
