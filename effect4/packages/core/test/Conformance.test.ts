/**
 * Every row of the conformance tables (what Polar's FastAPI + pydantic answers for thousands of
 * generated bodies, see `packages/wire/conformance/generate.py`) run through core's validation
 * (`validateWire`, `validateInput`: the Effect 4 bindings over `@effect-polar/wire`, whose own test
 * runs the rows through the validators themselves): the same acceptance, the same normalised value,
 * the same errors in the same order.
 *
 * The tables are read from `@effect-polar/wire`'s folder (`../wire` from this package's folder,
 * the `effect4/packages/wire` link); `EFFECT_POLAR_CONFORMANCE_TABLES` points at another folder of
 * tables (CI runs the generator with a fresh seed into one).
 */
import { CustomerSessionCreate, MemberSessionCreate } from "@effect-polar/core"
import type { HTTPValidationError } from "@effect-polar/core"
import { assert, describe, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..")
const tablesDir = process.env["EFFECT_POLAR_CONFORMANCE_TABLES"] ??
  path.join(packageDir, "..", "wire", "conformance", "tables")

interface Row {
  readonly field: string
  readonly mutation: string
  readonly body: unknown
  readonly accepted: boolean
  readonly model?: string
  readonly value?: unknown
  readonly errors?: ReadonlyArray<unknown>
}

interface Table {
  readonly seed: number
  readonly pydantic: string
  readonly rows: ReadonlyArray<Row>
}

const readTable = (name: string): Table => JSON.parse(fs.readFileSync(path.join(tablesDir, name), "utf8"))

/** An answer in the tables' terms: what the server would put on the wire. */
type Answer =
  | { readonly accepted: true; readonly model: string; readonly value: unknown }
  | { readonly accepted: false; readonly errors: ReadonlyArray<unknown> }

const detail = (errors: ReadonlyArray<HTTPValidationError.ValidationError>): ReadonlyArray<unknown> =>
  errors.map(({ ctx, input, loc, msg, type }) => ({ type, loc, msg, input, ...(ctx === undefined ? {} : { ctx }) }))

const expected = (row: Row): Answer =>
  row.accepted
    ? { accepted: true, model: row.model ?? "", value: row.value }
    : { accepted: false, errors: row.errors ?? [] }

const encodeMember = Schema.encodeSync(MemberSessionCreate.MemberSessionCreateWire)
const memberAnswer = (
  result: Result.Result<MemberSessionCreate.MemberSessionCreate, ReadonlyArray<HTTPValidationError.ValidationError>>
): Answer =>
  Result.match(result, {
    onFailure: (errors) => ({ accepted: false, errors: detail(errors) }),
    onSuccess: (value) => ({ accepted: true, model: "MemberSessionCreate", value: encodeMember(value) })
  })

const encodeById = Schema.encodeSync(CustomerSessionCreate.CustomerSessionCustomerIDCreateWire)
const encodeByExternalId = Schema.encodeSync(CustomerSessionCreate.CustomerSessionCustomerExternalIDCreateWire)
const customerAnswer = (
  result: Result.Result<CustomerSessionCreate.CustomerSessionCreate, ReadonlyArray<HTTPValidationError.ValidationError>>
): Answer =>
  Result.match(result, {
    onFailure: (errors) => ({ accepted: false, errors: detail(errors) }),
    onSuccess: (value) =>
      value instanceof CustomerSessionCreate.CustomerSessionCustomerIDCreate
        ? { accepted: true, model: "CustomerSessionCustomerIDCreate", value: encodeById(value) }
        : { accepted: true, model: "CustomerSessionCustomerExternalIDCreate", value: encodeByExternalId(value) }
  })

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * The camelCase input whose wire form is `body`, when there is one: an object with only keys the
 * input has (a JavaScript caller may pass any value in them, so values are not checked).
 */
const asInput = (body: unknown, keys: Readonly<Record<string, string>>): Record<string, unknown> | undefined => {
  if (!isObject(body)) return undefined
  const input: Record<string, unknown> = {}
  for (const [wire, value] of Object.entries(body)) {
    const key = keys[wire]
    if (key === undefined) return undefined
    input[key] = value
  }
  return input
}

/** Runs every row; answers how many were checked and the first disagreements. */
const check = (rows: ReadonlyArray<Row>, answer: (row: Row) => Answer | undefined) => {
  let checked = 0
  const disagreements: Array<string> = []
  for (const row of rows) {
    const got = answer(row)
    if (got === undefined) continue
    checked++
    try {
      assert.deepStrictEqual(got, expected(row))
    } catch {
      disagreements.push(
        `${row.field}/${row.mutation} ${JSON.stringify(row.body)}\n  pydantic: ${
          JSON.stringify(expected(row))
        }\n  core:     ${JSON.stringify(got)}`
      )
    }
  }
  return { checked, disagreements }
}

const report = (name: string, table: Table, result: ReturnType<typeof check>) => {
  console.info(
    `${name}: ${result.checked} rows checked (seed ${table.seed}, pydantic ${table.pydantic}), ` +
      `${result.disagreements.length} disagreements`
  )
  if (result.disagreements.length > 0) {
    assert.fail(
      `${result.disagreements.length} of ${result.checked} rows disagree with pydantic:\n` +
        result.disagreements.slice(0, Number(process.env["CONFORMANCE_SHOW"] ?? 25)).join("\n")
    )
  }
}

// The input type forbids what a JavaScript caller may still pass: the rows force it through.
const anyInput = Schema.decodeUnknownSync(Schema.Any)

const members = readTable("member-sessions.json")
const customers = readTable("customer-sessions.json")
const MEMBER_KEYS = { member_id: "memberId", return_url: "returnUrl" }
const CUSTOMER_KEYS = {
  customer_id: "customerId",
  external_customer_id: "externalCustomerId",
  member_id: "memberId",
  external_member_id: "externalMemberId",
  return_url: "returnUrl"
}

describe(`conformance with pydantic (${path.relative(packageDir, tablesDir)})`, () => {
  it("the tables hold at least 5,000 rows in all", () => {
    console.info(`conformance tables: ${members.rows.length + customers.rows.length} rows`)
    assert.isAtLeast(members.rows.length + customers.rows.length, 5000)
  })

  it(`MemberSessionCreate.validateWire: every one of ${members.rows.length} member-session rows`, () => {
    report(
      "MemberSessionCreate.validateWire",
      members,
      check(members.rows, (row) => memberAnswer(MemberSessionCreate.validateWire(row.body)))
    )
  })

  it("MemberSessionCreate.validateInput: every member-session row a caller can pass", () => {
    report(
      "MemberSessionCreate.validateInput",
      members,
      check(members.rows, (row) => {
        const input = asInput(row.body, MEMBER_KEYS)
        return input === undefined ? undefined : memberAnswer(MemberSessionCreate.validateInput(anyInput(input)))
      })
    )
  })

  it(`CustomerSessionCreate.validateWire: every one of ${customers.rows.length} customer-session rows`, () => {
    report(
      "CustomerSessionCreate.validateWire",
      customers,
      check(customers.rows, (row) => customerAnswer(CustomerSessionCreate.validateWire(row.body)))
    )
  })

  it("CustomerSessionCreate.validateInput: every customer-session row a caller can pass", () => {
    report(
      "CustomerSessionCreate.validateInput",
      customers,
      check(customers.rows, (row) => {
        const input = asInput(row.body, CUSTOMER_KEYS)
        return input === undefined ? undefined : customerAnswer(CustomerSessionCreate.validateInput(anyInput(input)))
      })
    )
  })
})
