import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import {
  encodeInput,
  HttpUrlOrNull,
  MemberSessionCreate,
  MemberSessionCreateWire,
  toJson,
  Uuid4,
  validateInput,
  validateWire
} from "@effect-polar/core/MemberSessionCreate"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { validationTable, wireBody } from "./fixtures.js"

const label = (row: (typeof validationTable)[number]) => {
  const text = JSON.stringify(row.input) ?? "undefined"
  return `${row.field} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`
}

// The table includes values a TypeScript caller cannot pass (numbers, objects): force them through
// the type, as a JavaScript caller could.
const anyInput = Schema.decodeUnknownSync(Schema.Any)

describe("MemberSessionCreate validation answers as Polar's pydantic (validation-table.json)", () => {
  assert.strictEqual(validationTable.length, 35)

  for (const row of validationTable) {
    it(`wire: ${label(row)}`, () => {
      const result = validateWire(wireBody(row))
      if (row.accepted) {
        if (Result.isFailure(result)) return assert.fail(JSON.stringify(result.failure))
        assert.instanceOf(result.success, MemberSessionCreate)
        if (row.field === "member_id") assert.strictEqual(result.success.memberId, row.normalized)
        if (row.field === "return_url") assert.strictEqual(result.success.returnUrl, row.normalized)
      } else {
        if (Result.isSuccess(result)) return assert.fail("accepted, pydantic refuses")
        const got = result.failure.map(({ ctx, loc, msg, type }) => ({ type, loc, msg, ...(ctx ? { ctx } : {}) }))
        assert.deepStrictEqual(got, row.errors)
      }
    })

    if (row.field !== "body") {
      it(`input: ${label(row)}`, () => {
        const input = row.field === "member_id"
          ? { memberId: row.input }
          : { memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", returnUrl: row.input }
        const result = validateInput(anyInput(input))
        if (row.accepted) {
          assert.isTrue(Result.isSuccess(result))
        } else {
          if (Result.isSuccess(result)) return assert.fail("accepted, pydantic refuses")
          assert.deepStrictEqual(
            result.failure.map(({ loc, msg, type }) => ({ loc, msg, type })),
            row.errors?.map(({ loc, msg, type }) => ({ loc, msg, type }))
          )
        }
      })
    }
  }

  it("reports every invalid field at once, member_id first", () => {
    const result = validateWire({ member_id: "not-a-uuid", return_url: "/account" })
    assert.deepStrictEqual(
      Result.match(result, { onFailure: (errors) => errors.map((e) => e.loc.join(".")), onSuccess: () => [] }),
      ["body.member_id", "body.return_url"]
    )
  })

  it("keeps the offending input on each error", () => {
    const result = validateWire({ member_id: "not-a-uuid" })
    assert.isTrue(Result.isFailure(result))
    if (Result.isFailure(result)) assert.strictEqual(result.failure[0]?.input, "not-a-uuid")
  })

  it("encodes to the snake_case wire body, return_url null by default", () => {
    const value = new MemberSessionCreate({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", returnUrl: null })
    assert.deepStrictEqual(Schema.encodeSync(MemberSessionCreateWire)(value), {
      member_id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
      return_url: null
    })
    const validated = validateWire({ member_id: "3B9E5F1A2C4D4E8F9A0B1C2D3E4F5A6B" })
    assert.deepStrictEqual(
      Result.map(validated, Schema.encodeSync(MemberSessionCreateWire)),
      Result.succeed({
        member_id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
        return_url: null
      })
    )
  })

  it("sends the input as given, under wire names: an undefined field is absent, a value is not normalised", () => {
    assert.strictEqual(
      toJson({ memberId: "3B9E5F1A2C4D4E8F9A0B1C2D3E4F5A6B" }),
      `{"member_id":"3B9E5F1A2C4D4E8F9A0B1C2D3E4F5A6B"}`
    )
    assert.strictEqual(
      toJson({ memberId: "m", returnUrl: undefined }),
      `{"member_id":"m"}`
    )
    assert.deepStrictEqual(encodeInput({ memberId: "m", returnUrl: "https://example.com" }), {
      member_id: "m",
      return_url: "https://example.com"
    })
    // a JavaScript caller may pass anything: what is not an object goes as given, and is refused as Polar would
    assert.strictEqual(encodeInput(anyInput("m")), "m")
    assert.deepStrictEqual(
      Result.match(validateInput(anyInput(null)), {
        onFailure: (errors) => errors.map((e) => e.type),
        onSuccess: () => []
      }),
      ["missing"]
    )
    assert.deepStrictEqual(
      Result.match(validateInput(anyInput({})), {
        onFailure: (errors) => errors.map((e) => e.loc.join(".")),
        onSuccess: () => []
      }),
      ["body.member_id"]
    )
  })

  it("Uuid4 and HttpUrlOrNull are schemas of the field validators", () => {
    assert.strictEqual(
      Schema.decodeUnknownSync(Uuid4)("{3B9E5F1A-2C4D-4E8F-9A0B-1C2D3E4F5A6B}"),
      "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
    )
    const refused = Schema.decodeUnknownResult(Uuid4)("3b9e5f1a-2c4d-1e8f-9a0b-1c2d3e4f5a6b")
    assert.isTrue(Result.isFailure(refused))
    if (Result.isFailure(refused)) assert.include(refused.failure.message, "UUID version 4 expected")
    assert.strictEqual(Schema.decodeUnknownSync(HttpUrlOrNull)("https://Example.com"), "https://example.com/")
    assert.isNull(Schema.decodeUnknownSync(HttpUrlOrNull)(null))
    const notHttp = Schema.decodeUnknownResult(HttpUrlOrNull)("ftp://example.com")
    assert.isTrue(Result.isFailure(notHttp))
    if (Result.isFailure(notHttp)) assert.include(notHttp.failure.message, "URL scheme should be 'http' or 'https'")
  })

  it("validateCustomerId answers as the customer_id field", () => {
    assert.deepStrictEqual(
      CustomerSessionCreate.validateCustomerId("C5A1E2D34B5C4D6E8F708192A3B4C5D6"),
      Result.succeed("c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6")
    )
    const refused = CustomerSessionCreate.validateCustomerId(42)
    assert.isTrue(Result.isFailure(refused))
    if (Result.isFailure(refused)) {
      assert.deepStrictEqual(refused.failure.map((e) => [e.loc.join("."), e.type]), [["body.customer_id", "uuid_type"]])
    }
  })

  it("HTTPValidationError has a one-line-per-error message", () => {
    const result = validateWire({ member_id: "not-a-uuid", return_url: "ftp://x" })
    assert.isTrue(Result.isFailure(result))
    if (Result.isFailure(result)) {
      const error = new HTTPValidationError({ detail: result.failure })
      assert.strictEqual(error._tag, "HTTPValidationError")
      assert.isFalse(error.fromServer)
      assert.instanceOf(error, Error)
      assert.strictEqual(
        error.message,
        "Invalid request, not sent: body.member_id: Input should be a valid UUID, invalid character: found `n` at 1 (uuid_parsing); body.return_url: URL scheme should be 'http' or 'https' (url_scheme)"
      )
      const fromServer = new HTTPValidationError({ detail: [], error: "RequestValidationError", statusCode: 422 })
      assert.isTrue(fromServer.fromServer)
      assert.strictEqual(fromServer.message, "Polar refused the request (422 RequestValidationError): no detail given")
    }
  })

  it.effect("HTTPValidationError is a yieldable error caught by its tag", () =>
    Effect.gen(function*() {
      const caught = yield* Effect.gen(function*() {
        return yield* new HTTPValidationError({ detail: [] })
      }).pipe(Effect.catchTag("HTTPValidationError", (error) => Effect.succeed(error.message)))
      assert.strictEqual(caught, "Invalid request, not sent: no detail given")
    }))
})
