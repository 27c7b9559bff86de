/**
 * Run by `NoCodegen.test.ts` in a child process, once as is and once under
 * `node --disallow-code-generation-from-strings` (what a Content-Security-Policy without
 * `unsafe-eval`, or a Cloudflare Worker, imposes). Prints one JSON document: whether code
 * generation was allowed, how many functions Effect's `SchemaJITCompiler` generated while the
 * package decoded, and what the package answers for valid and invalid responses and request
 * bodies. The two runs must print the same answers.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { fixtureJson, validationTable, wireBody } from "../fixtures.js"

/** Whether `new Function` works here at all. */
const codegen = ((): boolean => {
  try {
    return new Function("return true")() === true
  } catch {
    return false
  }
})()

// Every function built from a string is counted: the JIT compiler builds its parsers with
// `globalThis.Function`, and reads that binding when it compiles (so this spy sees them).
let generated = 0
globalThis.Function = new Proxy(globalThis.Function, {
  apply: (target, self, args) => {
    const made: unknown = Reflect.apply(target, self, args)
    generated++
    return made
  }
})

// imported after the spy is in place, as an application would load the package
const { CustomerSession, CustomerSessionCreate, Member, MemberSession, MemberSessionCreate } = await import(
  "@effect-polar/core"
)

const session: unknown = fixtureJson("member-session.201.json")
const body = (patch: Record<string, unknown>): unknown => ({ ...Object(session), ...patch })
const sessions: ReadonlyArray<unknown> = [
  session,
  fixtureJson("member-session.201.minimal.json"),
  null,
  {},
  body({ id: "not-a-uuid" }),
  body({ created_at: "yesterday" }),
  body({ member: { ...Object(Object(session).member), role: 7 } }),
  body({ customer: "acme" }),
  body({ expires_at: 42 })
]

const encodeSession = Schema.encodeSync(MemberSession.MemberSessionWire)
const encodeCustomerSession = Schema.encodeSync(CustomerSession.CustomerSessionWire)
const encodeMember = Schema.encodeSync(Member.MemberWire)
const answer = <A>(result: Result.Result<A, Schema.SchemaError>, encode: (a: A) => unknown) =>
  Result.match(result, {
    onFailure: (error) => ({ error: error.message }),
    onSuccess: (value) => ({ value: encode(value) })
  })
const validated = (result: Result.Result<unknown, ReadonlyArray<unknown>>) =>
  Result.match(result, {
    onFailure: (detail) => ({ detail: JSON.parse(JSON.stringify(detail)) }),
    onSuccess: (value) => ({ value: JSON.parse(JSON.stringify(value)) })
  })

const answers = {
  sessions: sessions.map((input) => answer(MemberSession.decodeUnknownResult(input), encodeSession)),
  customerSessions: ["current/customer-session.201.member.json", "current/customer-session.201.customer.json"].map(
    (name) => answer(CustomerSession.decodeUnknownResult(fixtureJson(name)), encodeCustomerSession)
  ),
  member: answer(Member.decodeUnknownResult(fixtureJson("current/member.200.json")), encodeMember),
  wire: validationTable.map((row) => validated(MemberSessionCreate.validateWire(wireBody(row)))),
  customerWire: [
    { customer_id: "C5A1E2D34B5C4D6E8F708192A3B4C5D6", member_id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" },
    { external_customer_id: "org_42", return_url: "https://Example.com" },
    {},
    { customer_id: 42, external_customer_id: null }
  ].map((input) => validated(CustomerSessionCreate.validateWire(input)))
}

process.stdout.write(JSON.stringify({ codegen, generated, answers }))
