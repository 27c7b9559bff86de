import { CustomerSessions, MemberSessions } from "@effect-polar/client"
import type { PolarClient } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/testing/TestClock"

const JANE = PolarEmulator.demoMembers[0]!
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const SAM_CUSTOMER = "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"

describe("PolarClientTest.layer: today's Polar by default", () => {
  it.effect("MemberSessions.create: the member looked up, the session created through /v1/customer-sessions/", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-11-21T10:00:00Z"))
      const session = yield* MemberSessions.create({ memberId: JANE.id, returnUrl: "https://example.com" })
      const emulator = yield* PolarClientTest.Emulator
      assert.strictEqual(emulator.generation, "current")
      assert.strictEqual(session.member.email, JANE.email)
      assert.strictEqual(session.customerId, ACME)
      assert.isNull(session.customer.email)
      assert.strictEqual(session.returnUrl, "https://example.com/")
      assert.strictEqual(session.createdAt.toISOString(), "2026-11-21T10:00:00.000Z")
      assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
      const token = Redacted.value(session.token)
      assert.match(token, /^polar_mst_/)
      assert.include(Redacted.value(session.memberPortalUrl), `customer_session_token=${token}`)
      // no probe: the test layer's client knows it talks to today's Polar
      assert.deepStrictEqual(emulator.journal().map((e) => `${e.method} ${e.path} ${e.outcome}`), [
        `GET /v1/members/${JANE.id} 200`,
        "POST /v1/customer-sessions/ 201"
      ])
      assert.strictEqual(emulator.journal()[1]!.apiVersion, "2026-10")
    }).pipe(Effect.provide(PolarClientTest.layer())))

  it.effect("CustomerSessions.create: a member session for a team member, a customer session without the member model", () =>
    Effect.gen(function*() {
      const member = yield* CustomerSessions.create({ customerId: ACME, memberId: JANE.id })
      assert.isTrue(member.isMemberSession)
      const byExternalIds = yield* CustomerSessions.create({
        externalCustomerId: "org_42",
        externalMemberId: "usr_1337"
      })
      assert.isTrue(byExternalIds.isMemberSession)
      const customer = yield* CustomerSessions.create({ customerId: SAM_CUSTOMER })
      assert.isFalse(customer.isMemberSession)
      assert.match(Redacted.value(customer.token), /^polar_cst_/)
    }).pipe(Effect.provide(PolarClientTest.layer())))

  it.effect("Polar's refusals come back typed: a team customer without a member, an unknown member", () =>
    Effect.gen(function*() {
      const team = yield* CustomerSessions.create({ customerId: ACME }).pipe(Effect.flip)
      assert.strictEqual(team._tag, "HTTPValidationError")
      if (team._tag === "HTTPValidationError") {
        assert.deepStrictEqual(team.detail.map((d) => d.msg), ["member_id is required for team customers."])
      }
      const unknown = yield* MemberSessions.create({ memberId: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706" }).pipe(
        Effect.flip
      )
      assert.strictEqual(unknown._tag, "HTTPValidationError")
      if (unknown._tag === "HTTPValidationError") {
        assert.deepStrictEqual(unknown.detail.map((d) => [d.loc.join("."), d.msg]), [[
          "body.member_id",
          "Member does not exist."
        ]])
        assert.strictEqual(unknown.statusCode, 404)
      }
    }).pipe(Effect.provide(PolarClientTest.layer())))

  it.effect("seeds members from { id, email }: a member of a team customer of the first organization", () =>
    Effect.gen(function*() {
      const layer = PolarClientTest.layer({ members: [{ id: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706", email: "a@b.c" }] })
      const ok = yield* MemberSessions.create({ memberId: "5C4B3A29-1807-4F6E-9D5C-4B3A29180706" }).pipe(
        Effect.provide(layer)
      )
      assert.strictEqual(ok.member.role, "member")
      assert.strictEqual(ok.member.email, "a@b.c")
    }))
})

describe("PolarClientTest.layer({ generation: \"legacy\" }): the server of January to March 2026", () => {
  const legacy = PolarClientTest.layer({ generation: "legacy" })

  it.effect("MemberSessions.create calls POST /v1/member-sessions/", () =>
    Effect.gen(function*() {
      const session = yield* MemberSessions.create({ memberId: JANE.id, returnUrl: "https://example.com" })
      const emulator = yield* PolarClientTest.Emulator
      assert.strictEqual(emulator.generation, "legacy")
      const token = Redacted.value(session.token)
      assert.strictEqual(
        Redacted.value(session.memberPortalUrl),
        `https://polar.sh/acme-inc/portal?member_session_token=${token}&email=jane.doe%40acme.example`
      )
      assert.deepStrictEqual(emulator.journal().map((e) => `${e.method} ${e.path} ${e.outcome}`), [
        "POST /v1/member-sessions/ 201"
      ])
    }).pipe(Effect.provide(legacy)))

  it.effect("answers 422 Member does not exist for a member it does not know", () =>
    Effect.gen(function*() {
      const error = yield* MemberSessions.create({ memberId: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706" }).pipe(Effect.flip)
      assert.strictEqual(error._tag, "HTTPValidationError")
      if (error._tag === "HTTPValidationError") {
        assert.strictEqual(error.statusCode, 422)
        assert.strictEqual(error.detail[0]!.msg, "Member does not exist.")
      }
    }).pipe(Effect.provide(legacy)))
})

/** The one-request call of each generation, so that the journal holds one entry per attempt. */
const generations: ReadonlyArray<{
  readonly name: string
  readonly options: PolarClientTest.Options
  readonly call: Effect.Effect<unknown, HTTPValidationError | SDKError, PolarClient.PolarClient>
}> = [
  {
    name: "today's Polar, CustomerSessions.create",
    options: {},
    call: CustomerSessions.create({ customerId: ACME, memberId: JANE.id })
  },
  {
    name: "the legacy server, MemberSessions.create",
    options: { generation: "legacy" },
    call: MemberSessions.create({ memberId: JANE.id })
  }
]

for (const generation of generations) {
  describe(`PolarClientTest.layer drives the real client path (${generation.name})`, () => {
    const layer = (client: PolarClientTest.Options["client"] = {}) =>
      PolarClientTest.layer({ ...generation.options, client })

    it.effect("is deterministic for a seed: the same session from two builds of the layer", () =>
      Effect.gen(function*() {
        const tokens = yield* Effect.forEach([1, 2], () =>
          Effect.gen(function*() {
            yield* generation.call
            const emulator = yield* PolarClientTest.Emulator
            return emulator.sessions().map((session) => session.token)
          }).pipe(Effect.provide(PolarClientTest.layer({ ...generation.options, seed: 7 }))))
        assert.strictEqual(tokens[0]!.length, 1)
        assert.deepStrictEqual(tokens[0], tokens[1])
      }))

    it.effect("a scripted 503 followed by success is retried: the journal shows two attempts", () =>
      Effect.gen(function*() {
        const emulator = yield* PolarClientTest.Emulator
        emulator.script({
          status: 503,
          body: "<html>Service Unavailable</html>",
          headers: { "content-type": "text/html" }
        })
        const fiber = yield* Effect.forkChild(generation.call)
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(fiber)
        const journal = emulator.journal()
        assert.deepStrictEqual(journal.map((entry) => entry.outcome), [503, 201])
        // what the real client sent, as the server saw it
        assert.strictEqual(journal[1]!.headers["authorization"], "Bearer polar_oat_<redacted>")
        assert.strictEqual(journal[1]!.headers["content-type"], "application/json")
        assert.match(journal[1]!.headers["user-agent"] ?? "", /^effect-polar\//)
      }).pipe(Effect.provide(layer())))

    it.effect("a 429 with Retry-After waits on the Effect clock", () =>
      Effect.gen(function*() {
        const emulator = yield* PolarClientTest.Emulator
        emulator.script({ status: 429, headers: { "retry-after": "5" } })
        const fiber = yield* Effect.forkChild(generation.call)
        yield* TestClock.adjust("4999 millis")
        assert.strictEqual(emulator.journal().length, 1)
        yield* TestClock.adjust("1 millis")
        yield* Fiber.join(fiber)
        assert.strictEqual(emulator.journal().length, 2)
      }).pipe(Effect.provide(layer())))

    it.effect("a scripted delay past the timeout is a Timeout; a reset is a Transport error; both retried", () =>
      Effect.gen(function*() {
        const emulator = yield* PolarClientTest.Emulator
        emulator.script({ delay: Duration.seconds(3) }, { reset: "before-response" }, { reset: "mid-body" })
        const fiber = yield* Effect.forkChild(generation.call)
        yield* TestClock.adjust("30 seconds")
        yield* Fiber.join(fiber)
        // the delayed request is still processed by the server, as a real one would be
        assert.deepStrictEqual(emulator.journal().map((entry) => entry.outcome), [201, "reset", 201, 201])
      }).pipe(Effect.provide(layer({ timeout: "2 seconds" }))))

    it.effect("retries off: each fault surfaces as the matching SDKError", () =>
      Effect.gen(function*() {
        const emulator = yield* PolarClientTest.Emulator
        const reasonOf = (fault: PolarEmulator.Fault) =>
          Effect.suspend(() => {
            emulator.script(fault)
            return generation.call.pipe(
              Effect.flip,
              Effect.map((error) => error._tag === "SDKError" ? [error.reason, error.statusCode] : [error._tag])
            )
          })
        assert.deepStrictEqual(yield* reasonOf({ status: 500, body: "{\"error\":\"InternalServerError\"}" }), [
          "StatusCode",
          500
        ])
        assert.deepStrictEqual(yield* reasonOf({ reset: "before-response" }), ["Transport", undefined])
        assert.deepStrictEqual(yield* reasonOf({ reset: "mid-body" }), ["Transport", 201])
        assert.deepStrictEqual(yield* reasonOf({ truncate: true }), ["Decode", 201])
        assert.deepStrictEqual(yield* reasonOf({ notJson: true }), ["Decode", 201])
      }).pipe(Effect.provide(layer({ retry: false }))))

    it.effect("each build of the layer owns its state: faults and journal do not leak between tests", () =>
      Effect.gen(function*() {
        const shared = layer()
        yield* Effect.gen(function*() {
          const emulator = yield* PolarClientTest.Emulator
          emulator.script({ status: 401 }, { status: 401 })
          yield* generation.call.pipe(Effect.flip)
        }).pipe(Effect.provide(shared))
        yield* Effect.gen(function*() {
          const emulator = yield* PolarClientTest.Emulator
          yield* generation.call
          assert.strictEqual(emulator.journal().length, 1)
        }).pipe(Effect.provide(shared))
      }))
  })
}
