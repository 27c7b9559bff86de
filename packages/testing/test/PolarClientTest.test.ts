import { MemberSessions } from "@effect-polar/client"
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Redacted, TestClock } from "effect"

const JANE = PolarEmulator.demoMembers[0]!

describe("PolarClientTest.layer", () => {
  it.effect("creates a session for a seeded member through the real client", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-11-21T10:00:00Z"))
      const session = yield* MemberSessions.create({ memberId: JANE.id, returnUrl: "https://example.com" })
      const emulator = yield* PolarClientTest.Emulator
      assert.strictEqual(session.member.email, JANE.email)
      assert.strictEqual(session.returnUrl, "https://example.com/")
      assert.strictEqual(session.createdAt.toISOString(), "2026-11-21T10:00:00.000Z")
      assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
      const token = Redacted.value(session.token)
      assert.match(token, /^polar_mst_[A-Za-z0-9]{43}$/)
      assert.strictEqual(
        Redacted.value(session.memberPortalUrl),
        `https://polar.sh/acme-inc/portal?member_session_token=${token}&email=jane.doe%40acme.example`
      )
      assert.strictEqual(emulator.sessions().length, 1)
    }).pipe(Effect.provide(PolarClientTest.layer())))

  it.effect("seeds members from { id, email } and answers 422 Member does not exist for others", () =>
    Effect.gen(function*() {
      const layer = PolarClientTest.layer({ members: [{ id: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706", email: "a@b.c" }] })
      const ok = yield* MemberSessions.create({ memberId: "5C4B3A29-1807-4F6E-9D5C-4B3A29180706" }).pipe(
        Effect.provide(layer)
      )
      assert.strictEqual(ok.member.role, "member")
      const error = yield* MemberSessions.create({ memberId: JANE.id }).pipe(Effect.flip, Effect.provide(layer))
      assert.strictEqual(error._tag, "HTTPValidationError")
      if (error._tag === "HTTPValidationError") {
        assert.strictEqual(error.statusCode, 422)
        assert.strictEqual(error.detail[0]!.msg, "Member does not exist.")
      }
    }))

  it.effect("is deterministic for a seed, and each layer build owns its state", () =>
    Effect.gen(function*() {
      const layer = PolarClientTest.layer({ seed: 7 })
      const first = yield* MemberSessions.create({ memberId: JANE.id }).pipe(Effect.provide(layer))
      const again = yield* MemberSessions.create({ memberId: JANE.id }).pipe(Effect.provide(layer))
      assert.strictEqual(first.id, again.id)
      assert.strictEqual(Redacted.value(first.token), Redacted.value(again.token))
    }))
})

describe("PolarClientTest.layer drives the real client path", () => {
  it.effect("a scripted 503 followed by success is retried: the journal shows two attempts", () =>
    Effect.gen(function*() {
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({
        status: 503,
        body: "<html>Service Unavailable</html>",
        headers: { "content-type": "text/html" }
      })
      const fiber = yield* Effect.fork(MemberSessions.create({ memberId: JANE.id }))
      yield* TestClock.adjust("1 second")
      const session = yield* Fiber.join(fiber)
      assert.strictEqual(session.member.email, JANE.email)
      const journal = emulator.journal()
      assert.deepStrictEqual(journal.map((entry) => entry.outcome), [503, 201])
      // what the real client sent, as the server saw it
      assert.strictEqual(journal[1]!.headers["authorization"], "Bearer polar_oat_<redacted>")
      assert.strictEqual(journal[1]!.headers["content-type"], "application/json")
      assert.match(journal[1]!.headers["user-agent"] ?? "", /^effect-polar\//)
      assert.deepStrictEqual(journal[1]!.body, { member_id: JANE.id })
    }).pipe(Effect.provide(PolarClientTest.layer())))

  it.effect("a 429 with Retry-After from the rate limit waits on the Effect clock", () =>
    Effect.gen(function*() {
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ status: 429, headers: { "retry-after": "5" } })
      const fiber = yield* Effect.fork(MemberSessions.create({ memberId: JANE.id }))
      yield* TestClock.adjust("4999 millis")
      assert.strictEqual(emulator.journal().length, 1)
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(emulator.journal().length, 2)
    }).pipe(Effect.provide(PolarClientTest.layer())))

  it.effect("a scripted delay past the timeout is a Timeout; a reset is a Transport error; both retried", () =>
    Effect.gen(function*() {
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ delay: Duration.seconds(3) }, { reset: "before-response" }, { reset: "mid-body" })
      const fiber = yield* Effect.fork(MemberSessions.create({ memberId: JANE.id }, { timeout: "2 seconds" }))
      yield* TestClock.adjust("30 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(emulator.journal().map((entry) => entry.outcome), [201, "reset", 201, 201])
    }).pipe(Effect.provide(PolarClientTest.layer())))

  it.effect("retries off: each fault surfaces as the matching SDKError", () =>
    Effect.gen(function*() {
      const emulator = yield* PolarClientTest.Emulator
      const reasonOf = (fault: PolarEmulator.Fault) =>
        Effect.suspend(() => {
          emulator.script(fault)
          return MemberSessions.create({ memberId: JANE.id }).pipe(
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
    }).pipe(Effect.provide(PolarClientTest.layer({ client: { retry: false } }))))

  it.effect("each build of the layer owns its state: faults and journal do not leak between tests", () =>
    Effect.gen(function*() {
      const layer = PolarClientTest.layer()
      yield* Effect.gen(function*() {
        const emulator = yield* PolarClientTest.Emulator
        emulator.script({ status: 401 }, { status: 401 })
        yield* MemberSessions.create({ memberId: JANE.id }).pipe(Effect.flip)
      }).pipe(Effect.provide(layer))
      yield* Effect.gen(function*() {
        const emulator = yield* PolarClientTest.Emulator
        yield* MemberSessions.create({ memberId: JANE.id })
        assert.strictEqual(emulator.journal().length, 1)
      }).pipe(Effect.provide(layer))
    }))
})
