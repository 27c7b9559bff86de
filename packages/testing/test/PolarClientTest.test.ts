import { MemberSessions } from "@effect-polar/client"
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted, TestClock } from "effect"

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
