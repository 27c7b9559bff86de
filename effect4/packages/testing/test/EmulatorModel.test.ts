/**
 * What the contract rows cannot show with real time: determinism (ids and tokens from the seeded
 * generator, times from Effect's Clock), delays and session expiry on the TestClock, and the
 * emulator's own edges (its options, answers the server cannot render).
 */
import { PolarEmulator } from "@effect-polar/testing"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import { at, jsonOf, requestOf, textAt } from "./contract.js"
import type { Answer, Send } from "./contract.js"

const JANE = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const SOLO = "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"

const sender = (emulator: PolarEmulator.PolarEmulator) => (request: Send): Effect.Effect<Answer> =>
  Effect.map(
    emulator.handle(requestOf(request, emulator.generation)),
    (outcome): Answer =>
      outcome._tag === "Response" ? { ...outcome, headers: { ...outcome.headers } } : { _tag: "Reset" }
  )

/** zlib's CRC-32, to check a token's checksum as Polar's secret scanning does. */
const crc32 = (text: string): number => {
  let crc = 0xffffffff
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i)
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

const base62 = (n: number): string => {
  const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
  let out = ""
  for (let rest = n; rest > 0; rest = Math.floor(rest / 62)) out = digits[rest % 62] + out
  return out.padStart(6, "0")
}

describe("PolarEmulator model", () => {
  it.effect("ids and tokens come from the seed, times from the Effect Clock; reset starts over", () =>
    Effect.gen(function*() {
      const run = (seed: number) =>
        Effect.gen(function*() {
          const emulator = PolarEmulator.make({ seed })
          const send = sender(emulator)
          yield* send({})
          yield* TestClock.adjust("1500 millis")
          yield* send({ body: { customer_id: SOLO } })
          return emulator
        })
      const first = yield* run(7)
      const again = yield* run(7)
      const secrets = (emulator: PolarEmulator.PolarEmulator) =>
        emulator.sessions().map((session) => [at(session, "id"), at(session, "token")])
      assert.deepStrictEqual(secrets(first), secrets(again))
      const other = yield* run(8)
      assert.notStrictEqual(at(other.sessions()[0], "token"), at(first.sessions()[0], "token"))

      const [member, customer] = first.sessions()
      assert.strictEqual(at(member, "created_at"), "1970-01-01T00:00:00Z")
      assert.strictEqual(at(member, "expires_at"), "1970-01-01T01:00:00Z")
      assert.strictEqual(at(customer, "created_at"), "1970-01-01T00:00:01.500000Z")
      assert.deepStrictEqual(first.journal().map((entry) => entry.at), [0, 1500])

      // the token is Polar's: a prefix, 37 random letters and digits, their CRC-32 in base 62
      for (const session of first.sessions()) {
        const body = textAt(session, "token").slice("polar_xst_".length)
        assert.strictEqual(body.slice(37), base62(crc32(body.slice(0, 37))))
      }

      const tokens = first.sessions().map((session) => at(session, "token"))
      first.reset()
      assert.deepStrictEqual(first.sessions(), [])
      yield* sender(first)({})
      assert.strictEqual(at(first.sessions()[0], "token"), tokens[0])
    }))

  it.effect("a delay fault answers on the TestClock, from the state at that time; the journal shows it pending", () =>
    Effect.gen(function*() {
      const emulator = PolarEmulator.make()
      emulator.script({ delay: Duration.seconds(2) })
      const fiber = yield* Effect.forkChild(sender(emulator)({}))
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(emulator.journal().map((entry) => entry.outcome), ["pending"])
      yield* TestClock.adjust("1 second")
      const answer = yield* Fiber.join(fiber)
      assert.strictEqual(at(jsonOf(answer), "created_at"), "1970-01-01T00:00:02Z")
      assert.deepStrictEqual(emulator.journal().map((entry) => entry.outcome), [201])
    }))

  it.effect("a session's token is a portal subject until it expires, then an unknown token", () =>
    Effect.gen(function*() {
      const emulator = PolarEmulator.make({ tokens: [{ token: "polar_oat_acme" }] })
      const send = sender(emulator)
      const token = textAt(jsonOf(yield* send({ token: "polar_oat_acme" })), "token")
      assert.strictEqual(at(jsonOf(yield* send({ token })), "error"), "Unauthorized")
      yield* TestClock.adjust("61 minutes")
      assert.strictEqual(at(jsonOf(yield* send({ token })), "error"), "invalid_token")
    }))

  it.effect("a member seeded as { id, email } belongs to the first organization's default team customer", () =>
    Effect.gen(function*() {
      const emulator = PolarEmulator.make({ members: [{ id: JANE, email: "jane@acme.example" }] })
      const send = sender(emulator)
      const member = jsonOf(yield* send({ method: "GET", path: `/v1/members/${JANE}` }))
      assert.strictEqual(at(member, "role"), "member")
      const customerId = textAt(member, "customer_id")
      const session = jsonOf(yield* send({ body: { customer_id: customerId, member_id: JANE } }))
      assert.match(textAt(session, "token"), /^polar_mst_/)
      assert.strictEqual(at(session, "customer", "type"), "team")
      assert.strictEqual(at(session, "customer", "email"), "billing@acme-inc.example")
      assert.include(textAt(session, "customer_portal_url"), "https://polar.sh/acme-inc/portal?")
      // no demo data when members are given
      assert.strictEqual((yield* send({ body: { customer_id: ACME, member_id: JANE } }))._tag, "Response")
      assert.strictEqual(
        at(jsonOf(yield* send({ body: { customer_id: SOLO } })), "detail", 0, "msg"),
        "Customer does not exist."
      )
    }))

  it.effect("what the server could not render is its plain 500", () =>
    Effect.gen(function*() {
      // today: an individual customer without an email
      const current = PolarEmulator.make({
        organizations: [{ slug: "solo", memberModelEnabled: false }],
        customers: [{ id: SOLO, type: "individual", email: null }],
        members: []
      })
      const answer = yield* sender(current)({ body: { customer_id: SOLO } })
      assert.deepStrictEqual(answer, {
        _tag: "Response",
        status: 500,
        headers: { "content-type": "text/plain; charset=utf-8", "polar-version": "2026-04" },
        body: "Internal Server Error"
      })
      // legacy: a customer without an email (customers had one then)
      const legacy = PolarEmulator.make({
        generation: "legacy",
        customers: [{ id: ACME, email: null }],
        members: [{ id: JANE, email: "jane@acme.example", customerId: ACME }]
      })
      const old = yield* sender(legacy)({})
      assert.strictEqual(old._tag === "Response" ? old.status : 0, 500)
    }))

  it("refuses a default API version it does not serve, as Polar's server does", () => {
    assert.throws(
      () => PolarEmulator.make({ apiVersions: ["2026-10"] }),
      /Default API version 2026-04 is not supported/
    )
    assert.strictEqual(
      PolarEmulator.make({ apiVersions: ["2026-10"], defaultApiVersion: "2026-10" }).generation,
      "current"
    )
    assert.deepStrictEqual(PolarEmulator.apiVersions, ["2026-04", "2026-10", "2027-01"])
    assert.strictEqual(PolarEmulator.defaultApiVersion, "2026-04")
  })

  it.effect("json_invalid carries CPython's message and position", () =>
    Effect.gen(function*() {
      const send = sender(PolarEmulator.make())
      // from CPython's test_json (test_fail.py) and json.loads on 3.14
      const cases: ReadonlyArray<readonly [string, string, number]> = [
        ["{\"spam\":42,}", "Illegal trailing comma before end of object", 10],
        ["{\"spam\":42 , }", "Illegal trailing comma before end of object", 11],
        ["[123  , ]", "Illegal trailing comma before end of array", 6],
        ["{\"spam\"}", "Expecting ':' delimiter", 7],
        ["{\"spam\":42 \"ham\"", "Expecting ',' delimiter", 11],
        ["[{\"spam\":]", "Expecting value", 9],
        ["{\"a\":01}", "Expecting ',' delimiter", 6],
        ["{\"a\":1}x", "Extra data", 7],
        ["{\"a\":\"x", "Unterminated string starting at", 5],
        ["{\"a\":\"\\q\"}", "Invalid \\escape", 6],
        ["{\"a\":\"\\uZZZZ\"}", "Invalid \\uXXXX escape", 7],
        ["{\"a\":\"a\tb\"}", "Invalid control character at", 7],
        ["{\"😀\":x}", "Expecting value", 5]
      ]
      for (const [raw, error, pos] of cases) {
        const detail = at(jsonOf(yield* send({ raw })), "detail", 0)
        assert.deepStrictEqual(detail, {
          type: "json_invalid",
          loc: ["body", pos],
          msg: "JSON decode error",
          input: {},
          ctx: { error }
        }, raw)
      }
      // CPython accepts what JSON.parse refuses: NaN is a number, refused by the UUID validator
      const nan = at(jsonOf(yield* send({ raw: "{\"customer_id\": NaN}" })), "detail", 0, "type")
      assert.strictEqual(nan, "uuid_type")
    }))
})
