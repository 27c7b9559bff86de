/**
 * The pieces of one client call, measured in isolation and without a network: JSON.parse, the
 * response schema (and its nested parts), input validation, and the Effect machinery the client
 * wraps every call in (runtime entry, per-attempt timeout, retry schedule, span). The operations
 * take turns in rounds (this machine's speed drifts), each round running an operation for a fixed
 * time; the figure is CPU time per operation, median of the rounds after the first (warm-up).
 */
import { RetryPolicy } from "@effect-polar/client"
import { Address, CountryCode, Customer, TaxId } from "@effect-polar/core/Customer"
import * as CustomerSession from "@effect-polar/core/CustomerSession"
import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import { Member } from "@effect-polar/core/Member"
import * as MemberSession from "@effect-polar/core/MemberSession"
import { toJson, validateInput, validateWire } from "@effect-polar/core/MemberSessionCreate"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import { CUSTOMER_ID, MEMBER_ID, RETURN_URL } from "./constants.js"
import { customerSessionFixturePath, fixturePath, median, report } from "./shared.js"

export interface BreakdownRow {
  readonly name: string
  readonly usPerOp: number
  readonly ops: number
}

const quick = process.argv.includes("--quick")
const rounds = quick ? 3 : 6
const batchMs = quick ? 100 : 400

const fixture = fs.readFileSync(fixturePath, "utf8")
const request = { memberId: MEMBER_ID, returnUrl: RETURN_URL }
const customerSessionFixture = fs.readFileSync(customerSessionFixturePath, "utf8")
const customerSessionRequest = { customerId: CUSTOMER_ID, memberId: MEMBER_ID, returnUrl: RETURN_URL }

interface Operation {
  readonly name: string
  readonly op: () => unknown
  readonly runs: Array<number>
  ops: number
}

const operations: Array<Operation> = []
const add = (name: string, op: () => unknown) => operations.push({ name, op, runs: [], ops: 0 })

/** Runs `operation` for about `batchMs`, answering CPU µs per call. */
const batch = async (operation: Operation): Promise<number> => {
  const cpu = process.cpuUsage()
  const deadline = performance.now() + batchMs
  let done = 0
  while (performance.now() < deadline) {
    const value = operation.op()
    if (value instanceof Promise) await value
    done++
  }
  const used = process.cpuUsage(cpu)
  operation.ops += done
  return (used.user + used.system) / done
}

const decodeOptions = { errors: "all", onExcessProperty: "ignore" } as const
const decodeWith = <A, I>(schema: Schema.Schema<A, I>, value: unknown) => {
  const decode = Schema.decodeUnknownEither(schema, decodeOptions)
  return () => decode(value)
}
/** The same schema as core's internal DateTime (not exported): an ISO 8601 pattern, then `Schema.Date`. */
const DateTime = Schema.compose(
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/)
  ),
  Schema.Date
)
const parsed = JSON.parse(fixture) as {
  readonly created_at: string
  readonly member_id: string
  readonly member: unknown
  readonly customer: { readonly billing_address: unknown; readonly tax_id: unknown }
}

const customerSessionParsed: unknown = JSON.parse(customerSessionFixture)
const customerSessionJson = CustomerSessionCreate.toJson(customerSessionRequest)
const customerSessionWire: unknown = JSON.parse(customerSessionJson)
/** What the union's validator answers for that body (`model_dump`), which `validateWire` then decodes. */
const customerSessionDump = {
  member_id: MEMBER_ID,
  external_member_id: null,
  return_url: RETURN_URL,
  customer_id: CUSTOMER_ID
}
for (
  const [what, decoded] of [
    ["CustomerSession", CustomerSession.decodeUnknownEither(customerSessionParsed)._tag],
    ["the body", CustomerSessionCreate.validateWire(customerSessionWire)._tag],
    [
      "the dump",
      Schema.decodeUnknownEither(CustomerSessionCreate.CustomerSessionCustomerIDCreate)(customerSessionDump)._tag
    ]
  ] as const
) {
  if (decoded !== "Right") throw new Error(`breakdown: ${what} does not decode`)
}

const prepare = () => {
  const json = toJson(request)
  const valid = validateWire(JSON.parse(json))
  if (valid._tag === "Left") throw new Error("invalid input")
  return json
}

const plain = ManagedRuntime.make(Layer.empty)
await plain.runtime()

add("JSON.parse(fixture body)", () => JSON.parse(fixture))
add(
  "decode MemberSession with core's decoder (CompiledSchema's generated code; as the client)",
  () => MemberSession.decodeUnknownEither(parsed)
)
add(
  "decode MemberSession with ParseResult (errors: all; the reference, as before)",
  decodeWith(MemberSession.MemberSession, parsed)
)
add(
  "decode MemberSession, whole body (errors: first)",
  (() => {
    const decode = Schema.decodeUnknownEither(MemberSession.MemberSession, { onExcessProperty: "ignore" })
    return () => decode(parsed)
  })()
)
add("  of which: decode Customer (nested object)", decodeWith(Customer, parsed.customer))
add("  of which: decode Member (nested object)", decodeWith(Member, parsed.member))
add("  of which: decode Address (in Customer)", decodeWith(Address, parsed.customer.billing_address))
add(
  "  of which: decode CountryCode \"US\" (open enum: ~250 known values, a String at run time)",
  decodeWith(CountryCode, "US")
)
add(
  "  of which: decode TaxId [value, \"us_ein\"] (its format an open enum of ~90 known values)",
  decodeWith(TaxId, parsed.customer.tax_id)
)
add("  of which: decode one DateTime (pattern + Date, as core's)", decodeWith(DateTime, parsed.created_at))
add("  of which: decode one UUID", decodeWith(Schema.UUID, parsed.member_id))
add("encode the input to JSON and validate that JSON (as the client)", prepare)
add("  of which: encode the input to its JSON text", () => toJson(request))
add("validateInput (the same, for a caller)", () => validateInput(request))
add("today: JSON.parse(customer-session fixture body)", () => JSON.parse(customerSessionFixture))
add(
  "today: decode CustomerSession with core's decoder (as the client)",
  () => CustomerSession.decodeUnknownEither(customerSessionParsed)
)
add(
  "today: decode CustomerSession with ParseResult (errors: all; the reference)",
  decodeWith(CustomerSession.CustomerSession, customerSessionParsed)
)
add("today: CustomerSessionCreate toJson + JSON.parse + validateWire (as CustomerSessions.create)", () => {
  const json = CustomerSessionCreate.toJson(customerSessionRequest)
  const valid = CustomerSessionCreate.validateWire(JSON.parse(json))
  if (valid._tag === "Left") throw new Error("invalid input")
  return json
})
add(
  "  of which: toJson (encode the input to its JSON text)",
  () => CustomerSessionCreate.toJson(customerSessionRequest)
)
add("  of which: JSON.parse of that text", () => JSON.parse(customerSessionJson))
add(
  "  of which: validateWire (the union's two models, then the chosen model's Schema.Class)",
  () => CustomerSessionCreate.validateWire(customerSessionWire)
)
add(
  "  validateWire's last step alone: decode the validated dump into CustomerSessionCustomerIDCreate (ParseResult)",
  decodeWith(CustomerSessionCreate.CustomerSessionCustomerIDCreate, customerSessionDump)
)
add("ManagedRuntime.runPromise(Effect.void)", () => plain.runPromise(Effect.void))
add(
  "runPromise(Effect.void + timeoutFail(10 s)), as each attempt paid before the deadline watcher",
  () => plain.runPromise(Effect.timeoutFail(Effect.void, { duration: "10 seconds", onTimeout: () => "timeout" }))
)
add(
  "runPromise(Effect.void + forkDaemon + await), the floor of the per-attempt deadline (a child fiber)",
  () => plain.runPromise(Effect.flatMap(Effect.forkDaemon(Effect.void), (child) => child.await))
)
add(
  "runPromise(Effect.void + forkDaemon + await + Fiber.inheritAll), the same with the child's FiberRefs joined (as since 0.2)",
  () =>
    plain.runPromise(
      Effect.flatMap(Effect.forkDaemon(Effect.void), (child) => Effect.zipRight(child.await, Fiber.inheritAll(child)))
    )
)
add(
  "runPromise(Effect.void + retry(RetryPolicy.defaultSchedule)), as each call paid before the lazy retry",
  () => plain.runPromise(Effect.retry(Effect.void, { schedule: RetryPolicy.defaultSchedule, while: () => true }))
)
add("runPromise(Effect.void + useSpan (no stack trace) + 4 attributes), as the client", () =>
  plain.runPromise(
    Effect.useSpan("MemberSessions.create", { kind: "client", captureStackTrace: false }, (span) => {
      span.attribute("http.request.method", "POST")
      span.attribute("url.path", "/v1/member-sessions/")
      span.attribute("polar.attempts", 1)
      span.attribute("http.response.status_code", 201)
      return Effect.void
    })
  ))
add("runPromise(Effect.void + withSpan + annotateCurrentSpan), as before", () =>
  plain.runPromise(
    Effect.annotateCurrentSpan({ "polar.attempts": 1 }).pipe(
      Effect.withSpan("MemberSessions.create", {
        kind: "client",
        captureStackTrace: false,
        attributes: { "http.request.method": "POST", "url.path": "/v1/member-sessions/" }
      })
    )
  ))

for (let round = 0; round < rounds; round++) {
  for (const operation of operations) {
    const usPerOp = await batch(operation)
    if (round > 0) operation.runs.push(usPerOp)
  }
}
const rows: Array<BreakdownRow> = operations.map((operation) => ({
  name: operation.name,
  usPerOp: median(operation.runs),
  ops: operation.ops
}))

await plain.dispose()
await report(rows)
process.exit(0)
