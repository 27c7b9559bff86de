/**
 * Every row of the conformance tables (what Polar's FastAPI + pydantic answers for thousands of
 * generated bodies, see `conformance/generate.py`) run through the body validators themselves: the
 * same acceptance, the same model, the same `model_dump`, the same errors in the same order.
 * (Core's `test/Conformance.test.ts` runs the same rows through its Effect bindings.)
 *
 * `EFFECT_POLAR_CONFORMANCE_TABLES` points at another folder of tables (CI runs the generator with
 * a fresh seed into one).
 */
import type { Pydantic } from "@effect-polar/wire"
import { RequestBodies } from "@effect-polar/wire"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "vitest"

const tablesDir = process.env["EFFECT_POLAR_CONFORMANCE_TABLES"] ??
  path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "conformance", "tables")

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
  readonly generator: string
  readonly rows: ReadonlyArray<Row>
}

const readTable = (name: string): Table => JSON.parse(fs.readFileSync(path.join(tablesDir, name), "utf8"))

/** An answer in the tables' terms: what the server would put on the wire. */
type Answer =
  | { readonly accepted: true; readonly model: string; readonly value: unknown }
  | { readonly accepted: false; readonly errors: ReadonlyArray<unknown> }

const expected = (row: Row): Answer =>
  row.accepted
    ? { accepted: true, model: row.model ?? "", value: row.value }
    : { accepted: false, errors: row.errors ?? [] }

const answer = (result: Pydantic.Validation<Pydantic.Model>): Answer =>
  result.ok
    ? { accepted: true, model: result.value.title, value: result.value.value }
    : {
      accepted: false,
      errors: result.errors.map(({ ctx, input, loc, msg, type }) =>
        ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx }
      )
    }

/** Runs every row; answers how many were checked and the first disagreements. */
const check = (table: Table, validate: Pydantic.Validator<Pydantic.Model>) => {
  const disagreements: Array<string> = []
  for (const row of table.rows) {
    const got = answer(validate(row.body))
    try {
      assert.deepStrictEqual(got, expected(row))
    } catch {
      disagreements.push(
        `${row.field}/${row.mutation} ${JSON.stringify(row.body)}\n  pydantic: ${
          JSON.stringify(expected(row))
        }\n  wire:     ${JSON.stringify(got)}`
      )
    }
  }
  return disagreements
}

const report = (name: string, table: Table, disagreements: ReadonlyArray<string>) => {
  console.info(
    `${name}: ${table.rows.length} rows checked (seed ${table.seed}, pydantic ${table.pydantic}), ` +
      `${disagreements.length} disagreements`
  )
  if (disagreements.length > 0) {
    assert.fail(
      `${disagreements.length} of ${table.rows.length} rows disagree with pydantic:\n` +
        disagreements.slice(0, Number(process.env["CONFORMANCE_SHOW"] ?? 25)).join("\n")
    )
  }
}

const members = readTable("member-sessions.json")
const customers = readTable("customer-sessions.json")

describe(`conformance with pydantic (${tablesDir})`, () => {
  it("the tables hold at least 5,000 rows in all, written by this package's generator", () => {
    assert.isAtLeast(members.rows.length + customers.rows.length, 5000)
    assert.strictEqual(members.generator, "packages/wire/conformance/generate.py")
    assert.strictEqual(customers.generator, "packages/wire/conformance/generate.py")
  })

  it(`RequestBodies.memberSessionCreate: every one of ${members.rows.length} member-session rows`, () => {
    report("RequestBodies.memberSessionCreate", members, check(members, RequestBodies.memberSessionCreate))
  })

  it(`RequestBodies.customerSessionCreate: every one of ${customers.rows.length} customer-session rows`, () => {
    report("RequestBodies.customerSessionCreate", customers, check(customers, RequestBodies.customerSessionCreate))
  })

  it("RequestBodies.customerId answers as the customer_id field of every customer-session row", () => {
    let checked = 0
    for (const row of customers.rows) {
      const body = row.body
      if (typeof body !== "object" || body === null || Array.isArray(body) || !("customer_id" in body)) continue
      const result = RequestBodies.customerId(body.customer_id)
      const fromBody = RequestBodies.customerSessionCreate(body)
      if (result.ok) {
        // a valid customer_id is never the reason the union refuses the body under its member
        if (fromBody.ok && fromBody.value.title === RequestBodies.CUSTOMER_ID_CREATE) {
          assert.strictEqual(fromBody.value.value["customer_id"], result.value)
        }
      } else {
        const own = result.errors.map((error) => ({ ...error, loc: error.loc.slice(1) }))
        const inUnion = fromBody.ok ? [] : fromBody.errors
          .filter((error) => error.loc[1] === RequestBodies.CUSTOMER_ID_CREATE && error.loc[2] === "customer_id")
          .map((error) => ({ ...error, loc: [error.loc[2]!, ...error.loc.slice(3)] }))
        if (!fromBody.ok) assert.deepStrictEqual(inUnion, own, JSON.stringify(body))
      }
      checked++
    }
    assert.isAtLeast(checked, 1000)
  })
})
