/**
 * The emulator's contract rows, written once for each server generation and run against two
 * drivers: the model in process and the server over HTTP. Each row makes an emulator, sends
 * requests and asserts on the answers.
 */
import * as CustomerSession from "@effect-polar/core/CustomerSession"
import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import type { ValidationError } from "@effect-polar/core/HTTPValidationError"
import * as MemberSession from "@effect-polar/core/MemberSession"
import type { PolarEmulator } from "@effect-polar/testing"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

// -----------------------------------------------------------------------------
// Fixtures
// -----------------------------------------------------------------------------

/** The contract's fixtures, kept verbatim in effect4/packages/core/test/fixtures (today's in `current/`). */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../core/test/fixtures")
/** The raw text of a contract fixture. */
export const fixtureText = (name: string): string => fs.readFileSync(path.join(fixtures, name), "utf8")
/** A contract fixture parsed as JSON. */
export const fixtureJson = (name: string): unknown => JSON.parse(fixtureText(name))

// -----------------------------------------------------------------------------
// Drivers
// -----------------------------------------------------------------------------

/** One answer, as either driver sees it. */
export type Answer =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly headers: Record<string, string>
    readonly body: string
  }
  | { readonly _tag: "Reset" }

/** A request to send; what is left out takes the generation's default. */
export interface Send {
  readonly method?: string
  readonly path?: string
  /** The bearer token; `null` sends no `Authorization`. Default `polar_oat_anything`. */
  readonly token?: string | null
  /** A JSON body (default: a valid body of the generation's endpoint). */
  readonly body?: unknown
  /** The body's text, sent as is. */
  readonly raw?: string
  /** `Content-Type`; `null` sends none. Default `application/json`. */
  readonly contentType?: string | null
  /** `Polar-Version`. */
  readonly version?: string
  /** `Polar-Organization`. */
  readonly organization?: string
  readonly headers?: Readonly<Record<string, string>>
}

/** A driver: an emulator made from options, and a way to send it a request. */
export interface Driver {
  readonly name: string
  readonly with: <A, E>(
    options: PolarEmulator.Options,
    f: (send: (request: Send) => Effect.Effect<Answer>, emulator: PolarEmulator.PolarEmulator) => Effect.Effect<A, E>
  ) => Effect.Effect<A, E>
}

export const JANE = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
export const SAM = "9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5"
export const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
export const SOLO = "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"
export const ACME_ORG = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
export const SOLO_ORG = "1b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e"
export const OTHER_ORG_MEMBER = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"
const UNKNOWN = "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a"

/** The request a `Send` stands for, in an emulator of `generation`. */
export const requestOf = (
  request: Send,
  generation: PolarEmulator.GenerationName = "current"
): PolarEmulator.Request & { readonly headers: Record<string, string> } => {
  const method = request.method ?? "POST"
  const headers: Record<string, string> = { accept: "application/json" }
  const contentType = request.contentType === undefined ? "application/json" : request.contentType
  if (contentType !== null) headers["content-type"] = contentType
  const token = request.token === undefined ? "polar_oat_anything" : request.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (request.version !== undefined) headers["polar-version"] = request.version
  if (request.organization !== undefined) headers["polar-organization"] = request.organization
  Object.assign(headers, request.headers)
  const fallback = generation === "legacy" ? { member_id: JANE } : { customer_id: ACME, member_id: JANE }
  return {
    method,
    path: request.path ?? (generation === "legacy" ? "/v1/member-sessions/" : "/v1/customer-sessions/"),
    headers,
    body: request.raw ??
      (method === "GET" || method === "HEAD"
        ? ""
        : JSON.stringify(request.body === undefined ? fallback : request.body))
  }
}

// -----------------------------------------------------------------------------
// Assertions
// -----------------------------------------------------------------------------

/** The JSON of an answer. */
export const jsonOf = (answer: Answer): unknown => {
  if (answer._tag !== "Response") return assert.fail("the connection was reset")
  return JSON.parse(answer.body)
}

/** The value at a path of a JSON value. */
export const at = (value: unknown, ...keys: ReadonlyArray<string | number>): unknown =>
  keys.reduce<unknown>((v, key) => (typeof v === "object" && v !== null ? Reflect.get(v, key) : undefined), value)

/** The string at a path of a JSON value. */
export const textAt = (value: unknown, ...keys: ReadonlyArray<string | number>): string => {
  const found = at(value, ...keys)
  return typeof found === "string" ? found : assert.fail(`${keys.join(".")}: expected a string, got ${found}`)
}

export const expectStatus = (answer: Answer, status: number): void => {
  assert.strictEqual(answer._tag, "Response")
  if (answer._tag === "Response") assert.strictEqual(answer.status, status, answer.body)
}

const headerOf = (answer: Answer, name: string): string | undefined =>
  answer._tag === "Response" ? answer.headers[name] : undefined

const kind = (value: unknown): string => value === null ? "null" : Array.isArray(value) ? "array" : typeof value

/**
 * `actual` has the shape of `expected`: the same keys in the same order, and at every field the
 * same JSON type (a `null` on either side standing for a nullable field). Free-form objects
 * (`metadata`) are compared by type only.
 */
export const assertSameShape = (actual: unknown, expected: unknown, where = "$"): void => {
  const [a, e] = [kind(actual), kind(expected)]
  if (a === "null" || e === "null") return
  assert.strictEqual(a, e, where)
  if (where.endsWith(".metadata")) return
  if (a === "object" && typeof actual === "object" && actual !== null && typeof expected === "object" && expected) {
    assert.deepStrictEqual(Object.keys(actual), Object.keys(expected), where)
    for (const key of Object.keys(expected)) {
      assertSameShape(Reflect.get(actual, key), Reflect.get(expected, key), `${where}.${key}`)
    }
  }
  if (Array.isArray(actual) && Array.isArray(expected) && actual.length === expected.length) {
    expected.forEach((item, i) => assertSameShape(actual[i], item, `${where}[${i}]`))
  }
}

/** A validation error as the server renders it. */
const errorJson = (error: ValidationError): Record<string, unknown> => ({
  type: error.type,
  loc: error.loc,
  msg: error.msg,
  ...(error.input === undefined ? {} : { input: error.input }),
  ...(error.ctx === undefined ? {} : { ctx: error.ctx })
})

/** A row of the contract: a name and an effect asserting it with a driver. */
export interface Row {
  readonly name: string
  readonly run: (driver: Driver) => Effect.Effect<void>
}

interface ValidationRow {
  readonly field: string
  readonly input: unknown
  readonly accepted: boolean
  readonly normalized?: string | null
  readonly errors?: ReadonlyArray<{
    readonly type: string
    readonly loc: ReadonlyArray<string | number>
    readonly msg: string
    readonly ctx?: unknown
  }>
}

const validationTable: ReadonlyArray<ValidationRow> = JSON.parse(fixtureText("validation-table.json"))

const decodeMemberSession = (body: unknown) => Result.getOrThrow(MemberSession.decodeUnknownResult(body))
const decodeCustomerSession = (body: unknown) => Result.getOrThrow(CustomerSession.decodeUnknownResult(body))

// -----------------------------------------------------------------------------
// Rows shared by both generations
// -----------------------------------------------------------------------------

const sharedRows = (generation: PolarEmulator.GenerationName): ReadonlyArray<Row> => [
  {
    name: "429 past the per-token rate, with an empty body and Retry-After in seconds",
    run: (driver) =>
      driver.with({ generation, rateLimit: { requests: 2, window: "1 minute" } }, (send) =>
        Effect.gen(function*() {
          expectStatus(yield* send({}), 201)
          expectStatus(yield* send({}), 201)
          const limited = yield* send({})
          expectStatus(limited, 429)
          if (limited._tag !== "Response") return
          assert.strictEqual(limited.body, "")
          assert.match(limited.headers["retry-after"] ?? "", /^\d+$/)
          assert.isAtMost(Number(limited.headers["retry-after"]), 60)
          assert.strictEqual(limited.headers["polar-version"], generation === "current" ? "2026-04" : undefined)
          // checked before routing: an unknown /v1 path of the same token is limited too
          expectStatus(yield* send({ method: "GET", path: "/v1/nope" }), 429)
          // per token: another token is not limited
          expectStatus(yield* send({ token: "polar_oat_other" }), 201)
        }))
  },
  {
    name: "scripted faults: a status with body and headers, then the real behaviour",
    run: (driver) =>
      driver.with({ generation }, (send, emulator) =>
        Effect.gen(function*() {
          emulator.script({ status: 503, body: "{\"error\":\"busy\"}", headers: { "retry-after": "3" } }, {
            status: 500,
            body: "Internal Server Error",
            headers: { "content-type": "text/plain" }
          })
          const first = yield* send({})
          expectStatus(first, 503)
          if (first._tag === "Response") assert.strictEqual(first.headers["retry-after"], "3")
          const second = yield* send({})
          expectStatus(second, 500)
          if (second._tag === "Response") assert.strictEqual(second.body, "Internal Server Error")
          expectStatus(yield* send({}), 201)
          assert.deepStrictEqual(emulator.journal().map((e) => e.outcome), [503, 500, 201])
        }))
  },
  {
    name: "scripted faults: a connection reset before any response, a truncated and a non-JSON body",
    run: (driver) =>
      driver.with({ generation }, (send, emulator) =>
        Effect.gen(function*() {
          emulator.script({ reset: "before-response" }, { truncate: true }, { notJson: true })
          assert.strictEqual((yield* send({}))._tag, "Reset")
          const truncated = yield* send({})
          expectStatus(truncated, 201)
          if (truncated._tag === "Response") assert.throws(() => JSON.parse(truncated.body))
          const notJson = yield* send({})
          expectStatus(notJson, 201)
          if (notJson._tag === "Response") assert.match(notJson.body, /^<html>/)
          expectStatus(yield* send({}), 201)
          // the reset request never reached the application: three sessions, not four
          assert.strictEqual(emulator.sessions().length, 3)
        }))
  },
  {
    name: "concurrent requests each take exactly one scripted fault",
    run: (driver) =>
      driver.with({ generation }, (send, emulator) =>
        Effect.gen(function*() {
          emulator.script({ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 })
          const answers = yield* Effect.all(Array.from({ length: 8 }, () => send({})), { concurrency: "unbounded" })
          const statuses = answers.map((a) => a._tag === "Response" ? a.status : 0).sort()
          assert.deepStrictEqual(statuses, [201, 201, 201, 201, 500, 502, 503, 504])
        }))
  },
  {
    name: "404 for another path, 405 (with Allow) for another method, 307 to the path with its trailing slash",
    run: (driver) =>
      driver.with({ generation }, (send) =>
        Effect.gen(function*() {
          const other = yield* send({ path: generation === "current" ? "/v1/nope/" : "/v1/customer-sessions/" })
          expectStatus(other, 404)
          assert.deepStrictEqual(jsonOf(other), { detail: "Not Found" })
          const put = yield* send({ method: "PUT" })
          expectStatus(put, 405)
          assert.deepStrictEqual(jsonOf(put), { detail: "Method Not Allowed" })
          assert.strictEqual(headerOf(put, "allow"), "POST")
          const slashless = generation === "current" ? "/v1/customer-sessions" : "/v1/member-sessions"
          const redirected = yield* send({ path: slashless })
          expectStatus(redirected, 307)
          assert.match(headerOf(redirected, "location") ?? "", new RegExp(`^http://[^/]+${slashless}/$`))
        }))
  }
]

// -----------------------------------------------------------------------------
// The legacy generation: POST /v1/member-sessions/
// -----------------------------------------------------------------------------

const legacy = (options: PolarEmulator.Options = {}): PolarEmulator.Options => ({ ...options, generation: "legacy" })

const legacyRows: ReadonlyArray<Row> = [
  {
    name: "201: a complete MemberSession, token polar_mst_, expires one hour after creation, portal URL built",
    run: (driver) =>
      driver.with(legacy(), (send, emulator) =>
        Effect.gen(function*() {
          const answer = yield* send({ body: { member_id: JANE.toUpperCase(), return_url: "https://Example.com" } })
          expectStatus(answer, 201)
          if (answer._tag !== "Response") return
          assert.match(answer.headers["content-type"] ?? "", /^application\/json/)
          assert.isUndefined(answer.headers["polar-version"])
          const body = jsonOf(answer)
          const session = decodeMemberSession(body)
          const token = textAt(body, "token")
          assert.match(token, /^polar_mst_[A-Za-z0-9]{43}$/)
          assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
          assert.strictEqual(at(body, "return_url"), "https://example.com/")
          assert.strictEqual(at(body, "member_id"), JANE)
          assert.strictEqual(
            at(body, "member_portal_url"),
            `https://polar.sh/acme-inc/portal?member_session_token=${token}&email=jane.doe%40acme.example`
          )
          assertSameShape(body, fixtureJson("member-session.201.json"))
          assert.deepStrictEqual<unknown>(emulator.sessions(), [body])
        }))
  },
  {
    name: "201: a sandbox organization's portal URL points to sandbox.polar.sh",
    run: (driver) =>
      driver.with(
        legacy({ organizations: [{ slug: "solo", environment: "sandbox" }], members: [{ id: JANE, email: "s@x.io" }] }),
        (send) =>
          Effect.gen(function*() {
            const body = jsonOf(yield* send({}))
            assert.match(
              textAt(body, "member_portal_url"),
              /^https:\/\/sandbox\.polar\.sh\/solo\/portal\?member_session_token=/
            )
          })
      )
  },
  {
    name: "401 without a bearer token, and for an unknown token when tokens are seeded",
    run: (driver) =>
      driver.with(legacy({ tokens: [{ token: "polar_oat_known" }] }), (send) =>
        Effect.gen(function*() {
          for (const token of [null, "polar_oat_unknown"]) {
            const answer = yield* send({ token })
            expectStatus(answer, 401)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.401.json"))
            assert.strictEqual(headerOf(answer, "www-authenticate"), "Bearer realm=\"polar\"")
          }
          expectStatus(yield* send({ token: "polar_oat_known" }), 201)
        }))
  },
  {
    name: "403 insufficient_scope for a token without member_sessions:write or web_write",
    run: (driver) =>
      driver.with(
        legacy({ tokens: [{ token: "polar_oat_read", scopes: ["customer_sessions:write"] }] }),
        (send) =>
          Effect.gen(function*() {
            const answer = yield* send({ token: "polar_oat_read" })
            expectStatus(answer, 403)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.403.insufficient-scope.json"))
            assert.strictEqual(
              headerOf(answer, "www-authenticate"),
              "Bearer realm=\"polar\", error=\"insufficient_scope\", scope=\"member_sessions:write web_write\""
            )
          })
      )
  },
  {
    name: "403 NotPermitted for an organization without the feature flags, naming only the missing ones",
    run: (driver) =>
      Effect.gen(function*() {
        yield* driver.with(legacy({ organizations: [{ slug: "acme-inc", seatBasedPricingEnabled: false }] }), (send) =>
          Effect.gen(function*() {
            const answer = yield* send({})
            expectStatus(answer, 403)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.403.not-permitted.json"))
          }))
        yield* driver.with(
          legacy({ organizations: [{ slug: "acme-inc", seatBasedPricingEnabled: false, memberModelEnabled: false }] }),
          (send) =>
            Effect.gen(function*() {
              const detail = textAt(jsonOf(yield* send({})), "detail")
              assert.include(detail, "require member_model_enabled, seat_based_pricing_enabled to be enabled")
            })
        )
      })
  },
  {
    name: "422 Member does not exist. for an unknown member, a member of another organization, and before the flags",
    run: (driver) =>
      Effect.gen(function*() {
        yield* driver.with(
          legacy({
            organizations: [{ slug: "acme-inc" }, { slug: "other" }],
            members: [{ id: JANE, email: "jane@acme.example" }, {
              id: OTHER_ORG_MEMBER,
              email: "x@other.example",
              organization: "other"
            }]
          }),
          (send) =>
            Effect.gen(function*() {
              expectStatus(yield* send({ body: { member_id: UNKNOWN } }), 422)
              const foreign = yield* send({ body: { member_id: OTHER_ORG_MEMBER } })
              expectStatus(foreign, 422)
              assert.deepStrictEqual(jsonOf(foreign), fixtureJson("error.422.member-not-found.json"))
            })
        )
        // the member is looked up first, then its organization's flags
        yield* driver.with(legacy({ organizations: [{ slug: "acme-inc", seatBasedPricingEnabled: false }] }), (send) =>
          Effect.gen(function*() {
            expectStatus(yield* send({ body: { member_id: UNKNOWN } }), 422)
          }))
      })
  },
  {
    name: "422 with pydantic's body for every row of the validation table",
    run: (driver) =>
      driver.with(legacy(), (send) =>
        Effect.gen(function*() {
          for (const row of validationTable) {
            const body = row.field === "body"
              ? row.input
              : row.field === "member_id"
              ? { member_id: row.input }
              : { member_id: JANE, return_url: row.input }
            const answer = yield* send({ body })
            if (row.accepted) {
              expectStatus(answer, 201)
              if (row.field === "return_url") assert.strictEqual(at(jsonOf(answer), "return_url"), row.normalized)
              continue
            }
            expectStatus(answer, 422)
            const json = jsonOf(answer)
            assert.strictEqual(at(json, "error"), "RequestValidationError")
            const detail = at(json, "detail")
            assert.isArray(detail)
            assert.deepStrictEqual<unknown>(
              (Array.isArray(detail) ? detail : []).map((d: unknown) => {
                const ctx = at(d, "ctx")
                return {
                  type: at(d, "type"),
                  loc: at(d, "loc"),
                  msg: at(d, "msg"),
                  ...(ctx === undefined ? {} : { ctx })
                }
              }),
              row.errors,
              JSON.stringify(row.input)
            )
          }
        }))
  },
  {
    name: "422 the two errors of the invalid-body fixture, with their inputs",
    run: (driver) =>
      driver.with(legacy(), (send) =>
        Effect.gen(function*() {
          const answer = yield* send({ body: { member_id: "not-a-uuid", return_url: "/account" } })
          expectStatus(answer, 422)
          assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.422.invalid-body.json"))
        }))
  },
  {
    name: "422 json_invalid for a body that is not JSON, missing for an empty body (not the framework's 400)",
    run: (driver) =>
      driver.with(legacy(), (send) =>
        Effect.gen(function*() {
          const answer = yield* send({ raw: "{\"member_id\": " })
          expectStatus(answer, 422)
          assert.deepStrictEqual(jsonOf(answer), {
            error: "RequestValidationError",
            detail: [{
              type: "json_invalid",
              loc: ["body", 14],
              msg: "JSON decode error",
              input: {},
              ctx: { error: "Expecting value" }
            }]
          })
          for (const raw of ["", "null"]) {
            const empty = yield* send({ raw })
            expectStatus(empty, 422)
            assert.deepStrictEqual(jsonOf(empty), {
              error: "RequestValidationError",
              detail: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }]
            })
          }
          // FastAPI before 0.132 decodes a body sent without a content type as JSON
          expectStatus(yield* send({ contentType: null }), 201)
        }))
  },
  {
    name: "Polar-Version and Polar-Organization are not looked at; the journal has no API version",
    run: (driver) =>
      driver.with(legacy(), (send, emulator) =>
        Effect.gen(function*() {
          const answer = yield* send({ version: "1999-99", organization: ACME_ORG })
          expectStatus(answer, 201)
          assert.isUndefined(headerOf(answer, "polar-version"))
          assert.strictEqual(emulator.journal()[0]!.apiVersion, null)
          assert.strictEqual(emulator.journal()[0]!.organization, ACME_ORG)
        }))
  },
  {
    name: "the journal keeps method, path, redacted headers and decoded body, bounded",
    run: (driver) =>
      driver.with(legacy({ journalSize: 2 }), (send, emulator) =>
        Effect.gen(function*() {
          yield* send({ token: "polar_oat_secretvalue1" })
          yield* send({ token: "polar_oat_secretvalue2", body: { member_id: JANE, return_url: null } })
          yield* send({ token: "polar_oat_secretvalue3", body: { member_id: "nope" } })
          const journal = emulator.journal()
          assert.strictEqual(journal.length, 2)
          assert.deepStrictEqual(journal.map((e) => e.outcome), [201, 422])
          assert.strictEqual(journal[0]!.method, "POST")
          assert.strictEqual(journal[0]!.path, "/v1/member-sessions/")
          assert.strictEqual(journal[0]!.headers["authorization"], "Bearer polar_oat_<redacted>")
          assert.deepStrictEqual(journal[0]!.body, { member_id: JANE, return_url: null })
          assert.notInclude(JSON.stringify(journal), "secretvalue")
          emulator.clearJournal()
          assert.strictEqual(emulator.journal().length, 0)
        }))
  },
  ...sharedRows("legacy")
]

// -----------------------------------------------------------------------------
// The current generation: Polar today
// -----------------------------------------------------------------------------

const INVALID_TOKEN = "The access token provided is expired, revoked, malformed, or invalid for other reasons."

/** What core's validation (the client's) says of a body, as the server's `detail`. */
const coreErrors = (body: unknown): ReadonlyArray<Record<string, unknown>> | undefined =>
  Result.match(CustomerSessionCreate.validateWire(body), {
    onFailure: (errors) => errors.map(errorJson),
    onSuccess: () => undefined
  })

const currentRows: ReadonlyArray<Row> = [
  {
    name:
      "201 for a member of a team customer: a member session (polar_mst_), one hour, the member's portal URL, the fixture's shape",
    run: (driver) =>
      driver.with({}, (send, emulator) =>
        Effect.gen(function*() {
          const answer = yield* send({
            body: { customer_id: ACME, member_id: JANE, return_url: "https://Example.com" }
          })
          expectStatus(answer, 201)
          if (answer._tag !== "Response") return
          assert.strictEqual(answer.headers["content-type"], "application/json")
          assert.strictEqual(answer.headers["polar-version"], "2026-04")
          const body = jsonOf(answer)
          const token = textAt(body, "token")
          assert.match(token, /^polar_mst_[A-Za-z0-9]{43}$/)
          assert.strictEqual(Date.parse(textAt(body, "expires_at")) - Date.parse(textAt(body, "created_at")), 3_600_000)
          assert.match(textAt(body, "created_at"), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/)
          assert.strictEqual(at(body, "return_url"), "https://example.com/")
          assert.strictEqual(at(body, "customer_id"), ACME)
          assert.strictEqual(
            at(body, "customer_portal_url"),
            `https://polar.sh/acme-inc/portal?customer_session_token=${token}&email=jane.doe%40acme.example`
          )
          assert.isUndefined(at(body, "member"))
          assert.isUndefined(at(body, "member_id"))
          assert.strictEqual(at(body, "customer", "email"), null)
          assert.strictEqual(at(body, "customer", "type"), "team")
          assertSameShape(body, fixtureJson("current/customer-session.201.member.json"))
          const session = decodeCustomerSession(body)
          assert.isTrue(session.isMemberSession)
          assert.deepStrictEqual<unknown>(emulator.sessions(), [body])
        }))
  },
  {
    name:
      "201 for an organization without the member model: a customer session (polar_cst_), member ids ignored, email=None without an email",
    run: (driver) =>
      driver.with({
        customers: [{ id: UNKNOWN, organization: "solo-dev", type: "team", email: null, name: "Solo Team" }]
      }, (send) =>
        Effect.gen(function*() {
          const answer = yield* send({ body: { customer_id: SOLO } })
          expectStatus(answer, 201)
          const body = jsonOf(answer)
          const token = textAt(body, "token")
          assert.match(token, /^polar_cst_[A-Za-z0-9]{43}$/)
          assert.strictEqual(
            at(body, "customer_portal_url"),
            `https://polar.sh/solo-dev/portal?customer_session_token=${token}&email=sam%2Btest%40example.com`
          )
          assertSameShape(body, fixtureJson("current/customer-session.201.customer.json"))
          assert.isFalse(decodeCustomerSession(body).isMemberSession)
          // member_id and external_member_id are not looked at
          const ignored = yield* send({ body: { customer_id: SOLO, member_id: JANE, external_member_id: "nobody" } })
          expectStatus(ignored, 201)
          assert.match(textAt(jsonOf(ignored), "token"), /^polar_cst_/)
          // Python's urlencode writes a missing email as None
          const team = jsonOf(yield* send({ body: { customer_id: UNKNOWN } }))
          assert.match(
            textAt(team, "customer_portal_url"),
            /^https:\/\/polar\.sh\/solo-dev\/portal\?customer_session_token=polar_cst_\w+&email=None$/
          )
          assert.strictEqual(at(team, "customer", "avatar_url"), null)
        }))
  },
  {
    name: "201 by external ids: external_customer_id (or its alias customer_external_id) and external_member_id",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const byExternal = yield* send({ body: { external_customer_id: "org_42", external_member_id: "usr_1337" } })
          expectStatus(byExternal, 201)
          assert.include(textAt(jsonOf(byExternal), "customer_portal_url"), "email=jane.doe%40acme.example")
          const alias = yield* send({ body: { customer_external_id: "org_42", member_id: JANE } })
          expectStatus(alias, 201)
          assert.strictEqual(at(jsonOf(alias), "customer_id"), ACME)
          // an upper-case id is accepted and normalised
          expectStatus(yield* send({ body: { customer_id: ACME.toUpperCase(), member_id: JANE.toUpperCase() } }), 201)
        }))
  },
  {
    name: "an individual customer's owner member: created on first use from the customer, or the one seeded",
    run: (driver) =>
      driver.with({
        organizations: [{ slug: "acme-inc" }],
        customers: [
          { id: SOLO, type: "individual", email: "  solo@acme.example ", name: "Solo" },
          { id: UNKNOWN, type: "individual", email: "billing@two.example" },
          { id: OTHER_ORG_MEMBER, type: "individual", email: null }
        ],
        members: [{ id: SAM, email: "owner@two.example", role: "owner", customerId: UNKNOWN }]
      }, (send) =>
        Effect.gen(function*() {
          for (let i = 0; i < 2; i++) {
            const made = jsonOf(yield* send({ body: { customer_id: SOLO } }))
            assert.match(textAt(made, "token"), /^polar_mst_/)
            // the owner's email: the customer's, stripped
            assert.match(textAt(made, "customer_portal_url"), /&email=solo%40acme\.example$/)
          }
          const seeded = jsonOf(yield* send({ body: { customer_id: UNKNOWN } }))
          assert.match(textAt(seeded, "customer_portal_url"), /&email=owner%40two\.example$/)
          const noEmail = yield* send({ body: { customer_id: OTHER_ORG_MEMBER } })
          expectStatus(noEmail, 422)
          assert.deepStrictEqual(jsonOf(noEmail), {
            error: "PolarRequestValidationError",
            detail: [{
              type: "value_error",
              loc: ["body", "email"],
              msg: "An email is required to create an owner member.",
              input: null
            }]
          })
        }))
  },
  {
    name: "201: a sandbox organization's portal URL points to sandbox.polar.sh",
    run: (driver) =>
      driver.with(
        { organizations: [{ slug: "solo", environment: "sandbox" }], members: [{ id: JANE, email: "s@x.io" }] },
        (send) =>
          Effect.gen(function*() {
            // a member seeded alone belongs to the first organization's default team customer
            const customer = yield* send({ method: "GET", path: `/v1/members/${JANE}` })
            const customerId = textAt(jsonOf(customer), "customer_id")
            const body = jsonOf(yield* send({ body: { customer_id: customerId, member_id: JANE } }))
            assert.match(
              textAt(body, "customer_portal_url"),
              /^https:\/\/sandbox\.polar\.sh\/solo\/portal\?customer_session_token=polar_mst_\w+&email=s%40x\.io$/
            )
            assert.strictEqual(at(body, "customer", "type"), "team")
          })
      )
  },
  {
    name:
      "Polar-Version: 2026-04, 2026-10, 2027-01 served and echoed (absent is 2026-04); a malformed or unknown one is 404 everywhere",
    run: (driver) =>
      Effect.gen(function*() {
        yield* driver.with({}, (send, emulator) =>
          Effect.gen(function*() {
            for (const version of ["2026-04", "2026-10", "2027-01"]) {
              const answer = yield* send({ version })
              expectStatus(answer, 201)
              assert.strictEqual(headerOf(answer, "polar-version"), version)
            }
            assert.strictEqual(headerOf(yield* send({}), "polar-version"), "2026-04")
            for (const version of ["2026-4", "26-04", "latest", "2025-01", "2026-05", "2026-10-01"]) {
              for (
                const request of [
                  {},
                  { method: "GET", path: `/v1/members/${JANE}` },
                  { method: "GET", path: "/v1/nope" },
                  { path: "/v1/member-sessions/" },
                  { token: null }
                ]
              ) {
                const refused = yield* send({ ...request, version })
                expectStatus(refused, 404)
                assert.deepStrictEqual(jsonOf(refused), fixtureJson("current/error.404.route.json"))
                assert.isUndefined(headerOf(refused, "polar-version"), version)
              }
            }
            assert.deepStrictEqual(
              emulator.journal().slice(0, 4).map((entry) => entry.apiVersion),
              ["2026-04", "2026-10", "2027-01", "2026-04"]
            )
            assert.strictEqual(emulator.journal()[4]!.apiVersion, null)
          }))
        yield* driver.with({ apiVersions: ["2026-04"] }, (send) =>
          Effect.gen(function*() {
            expectStatus(yield* send({ version: "2026-10" }), 404)
            expectStatus(yield* send({ version: "2026-04" }), 201)
          }))
      })
  },
  {
    name: "404 Not Found for /v1/member-sessions/: the endpoint is gone",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          for (const method of ["POST", "GET"]) {
            const answer = yield* send({ method, path: "/v1/member-sessions/", body: { member_id: JANE } })
            expectStatus(answer, 404)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("current/error.404.route.json"))
            assert.strictEqual(headerOf(answer, "polar-version"), "2026-04")
          }
        }))
  },
  {
    name: "422 for a body without its customer key: both union members' errors, as in the fixture",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const answer = yield* send({ body: { member_id: JANE } })
          expectStatus(answer, 422)
          assert.deepStrictEqual(jsonOf(answer), fixtureJson("current/error.422.union-missing.json"))
        }))
  },
  {
    name:
      "422 RequestValidationError: exactly core's validation of the body, for the validation table and the union's shapes",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const bodies: Array<unknown> = [
            ...validationTable.map((row) =>
              row.field === "body"
                ? row.input
                : row.field === "member_id"
                ? { customer_id: ACME, member_id: row.input }
                : { customer_id: ACME, member_id: JANE, return_url: row.input }
            ),
            [],
            "text",
            42,
            { customer_id: "nope" },
            { customer_id: "c5a1e2d3-4b5c-1d6e-8f70-8192a3b4c5d6" },
            { customer_id: ACME, member_id: "nope", return_url: "/account" },
            { external_customer_id: 42, member_id: JANE },
            { external_customer_id: "org\u000042", member_id: JANE },
            { customer_id: ACME, external_customer_id: "org_42", member_id: JANE }
          ]
          for (const body of bodies) {
            const answer = yield* send({ body })
            const expected = coreErrors(JSON.parse(JSON.stringify(body)))
            if (expected === undefined) {
              assert.notStrictEqual(at(jsonOf(answer), "error"), "RequestValidationError", JSON.stringify(body))
              continue
            }
            expectStatus(answer, 422)
            assert.deepStrictEqual(
              jsonOf(answer),
              { error: "RequestValidationError", detail: expected },
              JSON.stringify(body)
            )
          }
        }))
  },
  {
    name: "422 Customer does not exist. for an unknown customer id or external id, or one the token does not reach",
    run: (driver) =>
      driver.with(
        { tokens: [{ token: "polar_oat_acme", organization: "acme-inc" }] },
        (send) =>
          Effect.gen(function*() {
            const token = "polar_oat_acme"
            const unknown = yield* send({ token, body: { customer_id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d7" } })
            expectStatus(unknown, 422)
            assert.deepStrictEqual(jsonOf(unknown), fixtureJson("current/error.422.customer-not-found.json"))
            const external = yield* send({ token, body: { external_customer_id: "nobody" } })
            assert.deepStrictEqual(jsonOf(external), {
              error: "PolarRequestValidationError",
              detail: [{
                type: "value_error",
                loc: ["body", "external_customer_id"],
                msg: "Customer does not exist.",
                input: "nobody"
              }]
            })
            // Sam Test is a customer of solo-dev, which this organization token does not reach
            const foreign = yield* send({ token, body: { customer_id: SOLO } })
            expectStatus(foreign, 422)
            assert.strictEqual(at(jsonOf(foreign), "detail", 0, "input"), SOLO)
            expectStatus(yield* send({ token }), 201)
          })
      )
  },
  {
    name: "422 for the member: not this customer's (by id or external id), or none named for a team customer",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const foreign = yield* send({ body: { customer_id: ACME, member_id: SAM } })
          expectStatus(foreign, 422)
          assert.deepStrictEqual(jsonOf(foreign), fixtureJson("current/error.422.member-not-for-customer.json"))
          const external = yield* send({ body: { customer_id: ACME, external_member_id: "nobody" } })
          assert.deepStrictEqual(jsonOf(external), {
            error: "PolarRequestValidationError",
            detail: [{
              type: "value_error",
              loc: ["body", "external_member_id"],
              msg: "Member does not exist for this customer.",
              input: "nobody"
            }]
          })
          for (
            const body of [{ customer_id: ACME }, { customer_id: ACME, member_id: null, external_member_id: null }]
          ) {
            const none = yield* send({ body })
            expectStatus(none, 422)
            assert.deepStrictEqual(jsonOf(none), fixtureJson("current/error.422.team-member-required.json"))
          }
        }))
  },
  {
    name:
      "json_invalid for a body that is not JSON (CPython's message and position), missing for an empty or null body",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const invalid = (pos: number, error: string) => ({
            error: "RequestValidationError",
            detail: [{ type: "json_invalid", loc: ["body", pos], msg: "JSON decode error", input: {}, ctx: { error } }]
          })
          assert.deepStrictEqual(jsonOf(yield* send({ raw: "{\"customer_id\": " })), invalid(16, "Expecting value"))
          assert.deepStrictEqual(
            jsonOf(yield* send({ raw: "{\"customer_id\": \"x\",}" })),
            invalid(19, "Illegal trailing comma before end of object")
          )
          assert.deepStrictEqual(
            jsonOf(yield* send({ raw: "{'customer_id': 1}" })),
            invalid(1, "Expecting property name enclosed in double quotes")
          )
          assert.deepStrictEqual(jsonOf(yield* send({ raw: " " })), invalid(1, "Expecting value"))
          for (const raw of ["", "null"]) {
            const empty = yield* send({ raw })
            expectStatus(empty, 422)
            assert.deepStrictEqual(jsonOf(empty), {
              error: "RequestValidationError",
              detail: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }]
            })
          }
        }))
  },
  {
    name: "a body not sent as JSON (no content type, or another) is validated as text; +json content types are JSON",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const raw = JSON.stringify({ customer_id: SOLO })
          for (const contentType of [null, "text/plain", "application/x-www-form-urlencoded"]) {
            const answer = yield* send({ raw, contentType })
            expectStatus(answer, 422)
            assert.deepStrictEqual(jsonOf(answer), { error: "RequestValidationError", detail: coreErrors(raw) })
          }
          for (
            const contentType of ["application/json; charset=utf-8", "Application/JSON", "application/vnd.polar+json"]
          ) {
            expectStatus(yield* send({ raw, contentType }), 201)
          }
        }))
  },
  {
    name:
      "401 Unauthorized without a token (or with another scheme), after the body is decoded, before it is validated",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          for (const request of [{ token: null }, { token: null, headers: { authorization: "Basic YTpi" } }]) {
            const answer = yield* send(request)
            expectStatus(answer, 401)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.401.json"))
            assert.strictEqual(headerOf(answer, "www-authenticate"), "Bearer realm=\"polar\"")
            assert.strictEqual(headerOf(answer, "polar-version"), "2026-04")
          }
          // FastAPI decodes the body before it solves the auth dependency, and validates it after
          expectStatus(yield* send({ token: null, raw: "{" }), 422)
          expectStatus(yield* send({ token: null, body: {} }), 401)
          expectStatus(yield* send({ token: null, method: "GET", path: "/v1/members/nope" }), 401)
        }))
  },
  {
    name:
      "401 invalid_token for a token the server does not know: from the auth middleware, before routing and the body",
    run: (driver) =>
      driver.with({ tokens: [{ token: "polar_oat_known" }] }, (send) =>
        Effect.gen(function*() {
          for (const request of [{}, { method: "GET", path: "/v1/nope" }, { raw: "{" }]) {
            const answer = yield* send({ ...request, token: "polar_oat_unknown" })
            expectStatus(answer, 401)
            if (answer._tag !== "Response") continue
            assert.strictEqual(
              answer.body,
              `{"error": "invalid_token", "error_description": "${INVALID_TOKEN}"}`
            )
            assert.strictEqual(
              answer.headers["www-authenticate"],
              `Bearer realm="polar", error="invalid_token", error_description="${INVALID_TOKEN}"`
            )
            assert.strictEqual(answer.headers["cache-control"], "no-store")
          }
          expectStatus(yield* send({ token: "polar_oat_known" }), 201)
        }))
  },
  {
    name: "401 Unauthorized for a customer or member session token used as an access token",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          for (const body of [{ customer_id: ACME, member_id: JANE }, { customer_id: SOLO }]) {
            const token = textAt(jsonOf(yield* send({ body })), "token")
            const answer = yield* send({ token, body })
            expectStatus(answer, 401)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.401.json"))
          }
        }))
  },
  {
    name: "403 insufficient_scope naming the endpoint's scopes in WWW-Authenticate, before the body is validated",
    run: (driver) =>
      driver.with({
        tokens: [
          { token: "polar_oat_reader", scopes: ["members:read"] },
          { token: "polar_oat_member_writer", scopes: ["members:write"] },
          { token: "polar_oat_sessions", scopes: ["customer_sessions:write"] },
          { token: "polar_oat_legacy", scopes: ["member_sessions:write", "web_write"] }
        ]
      }, (send) =>
        Effect.gen(function*() {
          for (const token of ["polar_oat_reader", "polar_oat_legacy"]) {
            for (const body of [undefined, {}]) {
              const answer = yield* send({ token, body })
              expectStatus(answer, 403)
              assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.403.insufficient-scope.json"))
              assert.strictEqual(
                headerOf(answer, "www-authenticate"),
                "Bearer realm=\"polar\", error=\"insufficient_scope\", scope=\"customer_sessions:write\""
              )
            }
          }
          const members = yield* send({ token: "polar_oat_sessions", method: "GET", path: `/v1/members/${JANE}` })
          expectStatus(members, 403)
          assert.strictEqual(
            headerOf(members, "www-authenticate"),
            "Bearer realm=\"polar\", error=\"insufficient_scope\", scope=\"members:read members:write\""
          )
          expectStatus(yield* send({ token: "polar_oat_sessions" }), 201)
          for (const token of ["polar_oat_reader", "polar_oat_member_writer"]) {
            expectStatus(yield* send({ token, method: "GET", path: `/v1/members/${JANE}` }), 200)
          }
        }))
  },
  {
    name:
      "GET /v1/members/{id} and /v1/customers/{id}/members/{member_id}: 200 Member, 404 ResourceNotFound, 422 for an id",
    run: (driver) =>
      driver.with(
        { tokens: [{ token: "polar_oat_acme", organization: "acme-inc" }] },
        (send) =>
          Effect.gen(function*() {
            const token = "polar_oat_acme"
            const get = (path: string) => send({ token, method: "GET", path })
            const expected = fixtureJson("current/member.200.json")
            for (const path of [`/v1/members/${JANE}`, `/v1/customers/${ACME}/members/${JANE}`]) {
              const answer = yield* get(path)
              expectStatus(answer, 200)
              const member = jsonOf(answer)
              assertSameShape(member, expected)
              for (const key of ["id", "customer_id", "email", "name", "external_id", "role"]) {
                assert.strictEqual(at(member, key), at(expected, key), key)
              }
              for (const key of ["created_at", "modified_at"]) {
                assert.strictEqual(Date.parse(textAt(member, key)), Date.parse(textAt(expected, key)), key)
              }
              // pydantic's datetimes: microseconds only when there are some
              assert.strictEqual(at(member, "created_at"), "2026-10-02T08:00:00Z")
              assert.strictEqual(at(member, "modified_at"), "2026-10-05T12:30:45.123000Z")
            }
            const notFound = { error: "ResourceNotFound", detail: "Member not found" }
            const unknown = yield* get(`/v1/members/${UNKNOWN}`)
            expectStatus(unknown, 404)
            assert.deepStrictEqual(jsonOf(unknown), fixtureJson("current/error.404.member.json"))
            // Sam is a member of solo-dev, which the token does not reach
            assert.deepStrictEqual(jsonOf(yield* get(`/v1/members/${SAM}`)), notFound)
            // Jane, asked for under another customer
            assert.deepStrictEqual(jsonOf(yield* get(`/v1/customers/${SOLO}/members/${JANE}`)), notFound)
            assert.deepStrictEqual(jsonOf(yield* get(`/v1/customers/${UNKNOWN}/members/${JANE}`)), notFound)
            // path parameters: the member's id any UUID, the customer's a UUID4
            const v1 = "c5a1e2d3-4b5c-1d6e-8f70-8192a3b4c5d6"
            expectStatus(yield* get(`/v1/members/${v1}`), 404)
            const invalid = yield* get(`/v1/customers/${v1}/members/nope`)
            expectStatus(invalid, 422)
            const detail = at(jsonOf(invalid), "detail")
            assert.deepStrictEqual(
              (Array.isArray(detail) ? detail : []).map((d: unknown) => [at(d, "type"), at(d, "loc")]),
              [["uuid_version", ["path", "id"]], ["uuid_parsing", ["path", "member_id"]]]
            )
            assert.strictEqual(at(jsonOf(invalid), "error"), "RequestValidationError")
            const head = yield* send({ token, method: "HEAD", path: `/v1/members/${JANE}` })
            expectStatus(head, 200)
            if (head._tag === "Response") assert.strictEqual(head.body, "")
          })
      )
  },
  {
    name:
      "409 AmbiguousExternalCustomerID for an external id shared across a token's organizations; Polar-Organization picks one",
    run: (driver) =>
      driver.with({
        organizations: [{ slug: "acme-inc", id: ACME_ORG }, { slug: "beta", id: SOLO_ORG, memberModelEnabled: false }],
        customers: [
          { id: ACME, organization: "acme-inc", type: "individual", email: "a@acme.example", externalId: "shared" },
          { id: SOLO, organization: "beta", type: "individual", email: "b@beta.example", externalId: "shared" }
        ],
        members: [],
        tokens: [
          { token: "polar_pat_multi", organizations: ["acme-inc", "beta"] },
          { token: "polar_oat_beta", organization: "beta", organizations: ["acme-inc", "beta"] }
        ]
      }, (send, emulator) =>
        Effect.gen(function*() {
          const body = { external_customer_id: "shared" }
          const ambiguous = yield* send({ token: "polar_pat_multi", body })
          expectStatus(ambiguous, 409)
          assert.deepStrictEqual(
            jsonOf(ambiguous),
            fixtureJson("current/error.409.ambiguous-external-customer-id.json")
          )
          const beta = jsonOf(yield* send({ token: "polar_pat_multi", body, organization: SOLO_ORG }))
          assert.strictEqual(at(beta, "customer_id"), SOLO)
          assert.match(textAt(beta, "token"), /^polar_cst_/)
          const acme = jsonOf(yield* send({ token: "polar_pat_multi", body, organization: ACME_ORG.toUpperCase() }))
          assert.strictEqual(at(acme, "customer_id"), ACME)
          assert.match(textAt(acme, "token"), /^polar_mst_/)
          // an organization the token does not reach: nothing is readable
          const elsewhere = yield* send({ token: "polar_pat_multi", body, organization: UNKNOWN })
          expectStatus(elsewhere, 422)
          assert.strictEqual(at(jsonOf(elsewhere), "detail", 0, "msg"), "Customer does not exist.")
          // an organization token reaches its own organization only
          assert.strictEqual(at(jsonOf(yield* send({ token: "polar_oat_beta", body })), "customer_id"), SOLO)
          // by Polar's id there is no ambiguity
          expectStatus(yield* send({ token: "polar_pat_multi", body: { customer_id: ACME } }), 201)
          assert.deepStrictEqual(
            emulator.journal().map((entry) => entry.organization),
            [null, SOLO_ORG, ACME_ORG.toUpperCase(), UNKNOWN, null, null]
          )
        }))
  },
  {
    name: "scripted faults on GET /v1/members/{id}: each fault, then the real answer",
    run: (driver) =>
      driver.with({}, (send, emulator) =>
        Effect.gen(function*() {
          const get = () => send({ method: "GET", path: `/v1/members/${JANE}` })
          emulator.script(
            { status: 502, body: "<html>Bad Gateway</html>", headers: { "content-type": "text/html" } },
            {
              reset: "before-response"
            },
            { truncate: true },
            { notJson: true }
          )
          const gateway = yield* get()
          expectStatus(gateway, 502)
          assert.isUndefined(headerOf(gateway, "polar-version"))
          assert.strictEqual((yield* get())._tag, "Reset")
          const truncated = yield* get()
          expectStatus(truncated, 200)
          if (truncated._tag === "Response") assert.throws(() => JSON.parse(truncated.body))
          const notJson = yield* get()
          if (notJson._tag === "Response") assert.match(notJson.body, /^<html>/)
          const real = yield* get()
          expectStatus(real, 200)
          assert.strictEqual(at(jsonOf(real), "id"), JANE)
          assert.deepStrictEqual(emulator.journal().map((entry) => entry.outcome), [502, "reset", 200, 200, 200])
        }))
  },
  {
    name: "the journal keeps each request's API version and Polar-Organization, tokens redacted, bounded",
    run: (driver) =>
      driver.with({ journalSize: 3 }, (send, emulator) =>
        Effect.gen(function*() {
          yield* send({ token: "polar_pat_secretvalue0" })
          yield* send({ token: "polar_pat_secretvalue1", version: "2026-10", organization: ACME_ORG })
          yield* send({ token: "polar_at_u_secretvalue2" })
          yield* send({ token: "polar_oat_secretvalue3", version: "nope", method: "GET", path: `/v1/members/${JANE}` })
          const journal = emulator.journal()
          assert.deepStrictEqual(journal.map((entry) => entry.apiVersion), ["2026-10", "2026-04", null])
          assert.deepStrictEqual(journal.map((entry) => entry.organization), [ACME_ORG, null, null])
          assert.deepStrictEqual(journal.map((entry) => entry.outcome), [201, 201, 404])
          assert.deepStrictEqual(journal.map((entry) => entry.headers["authorization"]), [
            "Bearer polar_pat_<redacted>",
            "Bearer polar_at_u_<redacted>",
            "Bearer polar_oat_<redacted>"
          ])
          assert.strictEqual(journal[0]!.headers["polar-version"], "2026-10")
          assert.deepStrictEqual(journal[0]!.body, { customer_id: ACME, member_id: JANE })
          assert.strictEqual(journal[2]!.method, "GET")
          assert.notInclude(JSON.stringify(journal), "secretvalue")
        }))
  },
  ...sharedRows("current")
]

/** Every row, of both generations. */
export const rows: ReadonlyArray<Row> = [
  ...currentRows.map((row) => ({ ...row, name: `current: ${row.name}` })),
  ...legacyRows.map((row) => ({ ...row, name: `legacy: ${row.name}` }))
]
