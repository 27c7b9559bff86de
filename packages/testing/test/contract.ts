/**
 * The emulator's contract rows, written once and run against two drivers: the model in process
 * and the server over HTTP. Each row seeds an emulator, sends requests and asserts on the answers.
 */
import { MemberSession } from "@effect-polar/core/MemberSession"
import type { PolarEmulator } from "@effect-polar/testing"
import { assert } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../core/test/fixtures")
/** The raw text of a contract fixture (kept in packages/core/test/fixtures). */
export const fixtureText = (name: string): string => fs.readFileSync(path.join(fixtures, name), "utf8")
/** A contract fixture parsed as JSON. */
export const fixtureJson = (name: string): unknown => JSON.parse(fixtureText(name))

/** One answer, as either driver sees it. */
export type Answer =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly headers: Record<string, string>
    readonly body: string
  }
  | { readonly _tag: "Reset" }

export interface Send {
  readonly method?: string
  readonly path?: string
  readonly token?: string | null
  readonly body?: unknown
  readonly raw?: string
}

/** A driver: an emulator made from options, and a way to send it a request. */
export interface Driver {
  readonly name: string
  readonly with: <A, E>(
    options: PolarEmulator.Options,
    f: (send: (request: Send) => Effect.Effect<Answer>, emulator: PolarEmulator.PolarEmulator) => Effect.Effect<A, E>
  ) => Effect.Effect<A, E>
}

export const MEMBER = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
export const OTHER_ORG_MEMBER = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"

export const requestOf = (request: Send): PolarEmulator.Request & { readonly headers: Record<string, string> } => {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" }
  const token = request.token === undefined ? "polar_oat_anything" : request.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  return {
    method: request.method ?? "POST",
    path: request.path ?? "/v1/member-sessions/",
    headers,
    body: request.raw ?? JSON.stringify(request.body ?? { member_id: MEMBER })
  }
}

const jsonOf = (answer: Answer): unknown => {
  if (answer._tag !== "Response") assert.fail("the connection was reset")
  return JSON.parse(answer.body)
}

const expectStatus = (answer: Answer, status: number) => {
  assert.strictEqual(answer._tag, "Response")
  if (answer._tag === "Response") assert.strictEqual(answer.status, status, answer.body)
}

/** A row of the contract: a name and an effect asserting it with a driver. */
export interface Row {
  readonly name: string
  readonly run: (driver: Driver) => Effect.Effect<void>
}

const validationTable: ReadonlyArray<{
  readonly field: string
  readonly input: unknown
  readonly accepted: boolean
  readonly normalized?: string | null
  readonly errors?: ReadonlyArray<
    {
      readonly type: string
      readonly loc: ReadonlyArray<string | number>
      readonly msg: string
      readonly ctx?: unknown
    }
  >
}> = JSON.parse(fixtureText("validation-table.json"))

const decodeSession = Schema.decodeUnknownSync(MemberSession)

export const rows: ReadonlyArray<Row> = [
  {
    name: "201: a complete MemberSession, token polar_mst_, expires one hour after creation, portal URL built",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const answer = yield* send({ body: { member_id: MEMBER.toUpperCase(), return_url: "https://Example.com" } })
          expectStatus(answer, 201)
          if (answer._tag !== "Response") return
          assert.match(answer.headers["content-type"] ?? "", /^application\/json/)
          const body = JSON.parse(answer.body)
          const session = decodeSession(body)
          assert.match(body.token, /^polar_mst_[A-Za-z0-9]{43}$/)
          assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
          assert.strictEqual(body.return_url, "https://example.com/")
          assert.strictEqual(body.member_id, MEMBER)
          assert.strictEqual(
            body.member_portal_url,
            `https://polar.sh/acme-inc/portal?member_session_token=${body.token}&email=jane.doe%40acme.example`
          )
          assert.deepStrictEqual(Object.keys(body), Object.keys(fixtureJson("member-session.201.json") as object))
        }))
  },
  {
    name: "201: a sandbox organization's portal URL points to sandbox.polar.sh",
    run: (driver) =>
      driver.with(
        { organizations: [{ slug: "solo", environment: "sandbox" }], members: [{ id: MEMBER, email: "s@x.io" }] },
        (send) =>
          Effect.gen(function*() {
            const body = jsonOf(yield* send({})) as { member_portal_url: string }
            assert.match(body.member_portal_url, /^https:\/\/sandbox\.polar\.sh\/solo\/portal\?member_session_token=/)
          })
      )
  },
  {
    name: "401 without a bearer token, and for an unknown token when tokens are seeded",
    run: (driver) =>
      driver.with({ tokens: [{ token: "polar_oat_known" }] }, (send) =>
        Effect.gen(function*() {
          for (const token of [null, "polar_oat_unknown"]) {
            const answer = yield* send({ token })
            expectStatus(answer, 401)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.401.json"))
            if (answer._tag === "Response") {
              assert.strictEqual(answer.headers["www-authenticate"], "Bearer realm=\"polar\"")
            }
          }
          expectStatus(yield* send({ token: "polar_oat_known" }), 201)
        }))
  },
  {
    name: "403 insufficient_scope for a token without member_sessions:write",
    run: (driver) =>
      driver.with(
        { tokens: [{ token: "polar_oat_read", scopes: ["customer_sessions:write"] }] },
        (send) =>
          Effect.gen(function*() {
            const answer = yield* send({ token: "polar_oat_read" })
            expectStatus(answer, 403)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.403.insufficient-scope.json"))
            if (answer._tag === "Response") assert.include(answer.headers["www-authenticate"], "insufficient_scope")
          })
      )
  },
  {
    name: "403 NotPermitted for an organization without the feature flags, naming only the missing ones",
    run: (driver) =>
      Effect.gen(function*() {
        yield* driver.with({ organizations: [{ slug: "acme-inc", seatBasedPricingEnabled: false }] }, (send) =>
          Effect.gen(function*() {
            const answer = yield* send({})
            expectStatus(answer, 403)
            assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.403.not-permitted.json"))
          }))
        yield* driver.with(
          { organizations: [{ slug: "acme-inc", seatBasedPricingEnabled: false, memberModelEnabled: false }] },
          (send) =>
            Effect.gen(function*() {
              const body = jsonOf(yield* send({})) as { detail: string }
              assert.include(body.detail, "require member_model_enabled, seat_based_pricing_enabled to be enabled")
            })
        )
      })
  },
  {
    name: "422 Member does not exist. for an unknown member and for a member of another organization",
    run: (driver) =>
      driver.with(
        {
          organizations: [{ slug: "acme-inc" }, { slug: "other" }],
          members: [{ id: MEMBER, email: "jane@acme.example" }, {
            id: OTHER_ORG_MEMBER,
            email: "x@other.example",
            organization: "other"
          }]
        },
        (send) =>
          Effect.gen(function*() {
            const unknown = yield* send({ body: { member_id: "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a" } })
            expectStatus(unknown, 422)
            const foreign = yield* send({ body: { member_id: OTHER_ORG_MEMBER } })
            expectStatus(foreign, 422)
            assert.deepStrictEqual(jsonOf(foreign), fixtureJson("error.422.member-not-found.json"))
          })
      )
  },
  {
    name: "422 with pydantic's body for every row of the validation table",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          for (const row of validationTable) {
            const body = row.field === "body"
              ? row.input
              : row.field === "member_id"
              ? { member_id: row.input }
              : { member_id: MEMBER, return_url: row.input }
            const answer = yield* send({ body })
            if (row.accepted) {
              expectStatus(answer, 201)
              const json = jsonOf(answer) as { member_id: string; return_url: string | null }
              if (row.field === "return_url") assert.strictEqual(json.return_url, row.normalized)
              continue
            }
            expectStatus(answer, 422)
            const json = jsonOf(answer) as { error: string; detail: ReadonlyArray<Record<string, unknown>> }
            assert.strictEqual(json.error, "RequestValidationError")
            assert.deepStrictEqual<unknown>(
              json.detail.map(({ ctx, loc, msg, type }) => ({ type, loc, msg, ...(ctx === undefined ? {} : { ctx }) })),
              row.errors,
              JSON.stringify(row.input)
            )
          }
        }))
  },
  {
    name: "422 the two errors of the invalid-body fixture, with their inputs",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const answer = yield* send({ body: { member_id: "not-a-uuid", return_url: "/account" } })
          expectStatus(answer, 422)
          assert.deepStrictEqual(jsonOf(answer), fixtureJson("error.422.invalid-body.json"))
        }))
  },
  {
    name: "422 json_invalid for a body that is not JSON, missing for an empty body (not the framework's 400)",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          const answer = yield* send({ raw: "{\"member_id\": " })
          expectStatus(answer, 422)
          const json = jsonOf(answer) as { detail: ReadonlyArray<{ type: string; loc: ReadonlyArray<unknown> }> }
          assert.strictEqual(json.detail[0]?.type, "json_invalid")
          assert.strictEqual(json.detail[0]?.loc[0], "body")
          assert.isNumber(json.detail[0]?.loc[1])
          const empty = yield* send({ raw: "" })
          expectStatus(empty, 422)
          assert.deepStrictEqual(jsonOf(empty), {
            error: "RequestValidationError",
            detail: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }]
          })
        }))
  },
  {
    name: "429 past the per-token rate, with an empty body and Retry-After in seconds",
    run: (driver) =>
      driver.with({ rateLimit: { requests: 2, window: "1 minute" } }, (send) =>
        Effect.gen(function*() {
          expectStatus(yield* send({}), 201)
          expectStatus(yield* send({}), 201)
          const limited = yield* send({})
          expectStatus(limited, 429)
          if (limited._tag !== "Response") return
          assert.strictEqual(limited.body, "")
          assert.match(limited.headers["retry-after"] ?? "", /^\d+$/)
          assert.isAtMost(Number(limited.headers["retry-after"]), 60)
          // per token: another token is not limited
          expectStatus(yield* send({ token: "polar_oat_other" }), 201)
        }))
  },
  {
    name: "404 for another path, 405 for another method",
    run: (driver) =>
      driver.with({}, (send) =>
        Effect.gen(function*() {
          expectStatus(yield* send({ path: "/v1/customer-sessions/" }), 404)
          expectStatus(yield* send({ method: "PUT" }), 405)
        }))
  },
  {
    name: "scripted faults: a status with body and headers, then the real behaviour",
    run: (driver) =>
      driver.with({}, (send, emulator) =>
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
        }))
  },
  {
    name: "scripted faults: a connection reset before any response, a truncated and a non-JSON body",
    run: (driver) =>
      driver.with({}, (send, emulator) =>
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
        }))
  },
  {
    name: "concurrent requests each take exactly one scripted fault",
    run: (driver) =>
      driver.with({}, (send, emulator) =>
        Effect.gen(function*() {
          emulator.script({ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 })
          const answers = yield* Effect.all(Array.from({ length: 8 }, () => send({})), { concurrency: "unbounded" })
          const statuses = answers.map((a) => a._tag === "Response" ? a.status : 0).sort()
          assert.deepStrictEqual(statuses, [201, 201, 201, 201, 500, 502, 503, 504])
        }))
  },
  {
    name: "the journal keeps method, path, redacted headers and decoded body, bounded",
    run: (driver) =>
      driver.with({ journalSize: 2 }, (send, emulator) =>
        Effect.gen(function*() {
          yield* send({ token: "polar_oat_secretvalue1" })
          yield* send({ token: "polar_oat_secretvalue2", body: { member_id: MEMBER, return_url: null } })
          yield* send({ token: "polar_oat_secretvalue3", body: { member_id: "nope" } })
          const journal = emulator.journal()
          assert.strictEqual(journal.length, 2)
          assert.deepStrictEqual(journal.map((e) => e.outcome), [201, 422])
          assert.strictEqual(journal[0]!.method, "POST")
          assert.strictEqual(journal[0]!.path, "/v1/member-sessions/")
          assert.strictEqual(journal[0]!.headers["authorization"], "Bearer polar_oat_<redacted>")
          assert.deepStrictEqual(journal[0]!.body, { member_id: MEMBER, return_url: null })
          assert.notInclude(JSON.stringify(journal), "secretvalue")
          emulator.clearJournal()
          assert.strictEqual(emulator.journal().length, 0)
        }))
  }
]
