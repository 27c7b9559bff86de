/**
 * Run by `NoCodegen.test.ts` in a child process, once as is and once under
 * `node --disallow-code-generation-from-strings` (what a Content-Security-Policy without
 * `unsafe-eval`, or a Cloudflare Worker, imposes). Prints one JSON document: whether code
 * generation was allowed, whether the schema compiler generated decoders, and what the schemas and
 * the client answer for valid and invalid inputs. The two runs must print the same answers.
 */
import { generated } from "./countCodegen.js"
// the count above is installed before Effect and the packages are loaded
import { MemberSessions } from "@effect-polar/client"
import * as MemberSession from "@effect-polar/core/MemberSession"
import { validateInput, validateWire } from "@effect-polar/core/MemberSessionCreate"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { fixture, json, legacyPolar, MEMBER_ID } from "../utils.js"

const codegen = ((): boolean => {
  try {
    return new Function("return true")() === true
  } catch {
    return false
  }
})()

const session: unknown = JSON.parse(fixture("member-session.201.json"))
const minimal: unknown = JSON.parse(fixture("member-session.201.minimal.json"))
const broken: ReadonlyArray<unknown> = [
  null,
  {},
  { ...Object(session), id: "not-a-uuid" },
  { ...Object(session), created_at: "yesterday" },
  { ...Object(session), member: { ...Object(Object(session).member), role: 7 } },
  { ...Object(session), customer: "acme" }
]

const encodeSession = Schema.encodeSync(MemberSession.MemberSessionWire)
const decoded = (input: unknown) =>
  Result.match(MemberSession.decodeUnknownResult(input), {
    onFailure: (error) => ({ error: error.message }),
    onSuccess: (value) => ({ value: encodeSession(value) })
  })

interface Row {
  readonly field: string
  readonly input: unknown
}
const table: ReadonlyArray<Row> = JSON.parse(fixture("validation-table.json"))
const RETURN_URL = "https://example.com/account"
// each row's input in its field of an otherwise valid body
const validValue = { member_id: MEMBER_ID, return_url: RETURN_URL }
const wireBodies = table.map((row) => ({ ...validValue, [row.field]: row.input }))
const validated = (result: Result.Result<unknown, ReadonlyArray<unknown>>) =>
  Result.match(result, {
    onFailure: (detail) => ({ detail: JSON.parse(JSON.stringify(detail)) }),
    onSuccess: (value) => ({ value: JSON.parse(JSON.stringify(value)) })
  })

/** One create call over the tests' fake transport, answering `status` with `body`. */
const create = (input: { readonly memberId: string; readonly returnUrl?: string }, status: number, body: string) =>
  MemberSessions.create(input).pipe(
    Effect.map((value) => ({ value: encodeSession(value) })),
    Effect.catchTags({
      HTTPValidationError: (error) => Effect.succeed({ validation: JSON.parse(JSON.stringify(error.detail)) }),
      SDKError: (error) => Effect.succeed({ sdkError: error.message })
    }),
    Effect.provide(legacyPolar([json(status, body)], { retry: false }).layer)
  )

const calls = await Effect.runPromise(Effect.all([
  create({ memberId: MEMBER_ID, returnUrl: RETURN_URL }, 201, fixture("member-session.201.json")),
  create({ memberId: "3B9E5F1A2C4D4E8F9A0B1C2D3E4F5A6B" }, 201, fixture("member-session.201.minimal.json")),
  create({ memberId: "not-a-uuid", returnUrl: "ftp://example.com" }, 201, fixture("member-session.201.json")),
  create({ memberId: MEMBER_ID }, 201, JSON.stringify({ ...Object(session), expires_at: 42 }))
]))

const answers = {
  sessions: [session, minimal, ...broken].map(decoded),
  wire: wireBodies.map((body) => validated(validateWire(body))),
  // the typed entry point: the rows whose input is a string (or null, for return_url)
  input: table.flatMap((row) => {
    const value = row.input
    if (row.field === "member_id" && typeof value === "string") {
      return [validated(validateInput({ memberId: value, returnUrl: RETURN_URL }))]
    }
    if (row.field === "return_url" && (typeof value === "string" || value === null)) {
      return [validated(validateInput({ memberId: MEMBER_ID, returnUrl: value }))]
    }
    return []
  }),
  calls
}

process.stdout.write(JSON.stringify({ codegen, compiled: generated() > 0, answers }))
