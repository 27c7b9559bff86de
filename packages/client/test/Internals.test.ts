/**
 * The client's internal pieces on their own: the retry driver and the per-attempt deadlines.
 */
import { MemberSessions } from "@effect-polar/client"
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { SDKError } from "@effect-polar/core/SDKError"
import { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, FiberRef, Schedule, TestClock } from "effect"
import * as Deadlines from "../src/internal/deadlines.js"
import { retrying } from "../src/internal/retry.js"
import { created, legacyPolar, MEMBER_ID } from "./utils.js"

const failure = (statusCode: number) =>
  new SDKError({ reason: "StatusCode", message: `status ${statusCode}`, method: "POST", url: "u", statusCode })

/** An attempt answering `outcomes` in turn (the last repeats), counting its runs. */
const attempts = (outcomes: ReadonlyArray<SDKError | HTTPValidationError | "ok">) => {
  let runs = 0
  const attempt = Effect.suspend(() => {
    const outcome = outcomes[Math.min(runs++, outcomes.length - 1)]!
    return outcome === "ok" ? Effect.succeed("ok") : Effect.fail(outcome)
  })
  return { attempt, runs: () => runs }
}

describe("the retry driver", () => {
  it.effect("retries retryable failures while the schedule continues, then answers the last failure", () =>
    Effect.gen(function*() {
      const { attempt, runs } = attempts([failure(503)])
      const error = yield* retrying(attempt, Schedule.recurs(2)).pipe(Effect.flip)
      assert.strictEqual(runs(), 3)
      assert.strictEqual(error._tag === "SDKError" ? error.statusCode : undefined, 503)
    }))

  it.effect("stops at the first failure that is not retryable (a 4XX, a 422)", () =>
    Effect.gen(function*() {
      const { attempt, runs } = attempts([failure(503), failure(404), "ok"])
      const error = yield* retrying(attempt, Schedule.recurs(5)).pipe(Effect.flip)
      assert.strictEqual(runs(), 2)
      assert.strictEqual(error._tag === "SDKError" ? error.statusCode : undefined, 404)
      const validation = attempts([new HTTPValidationError({ detail: [] }), "ok"])
      yield* retrying(validation.attempt, Schedule.recurs(5)).pipe(Effect.flip)
      assert.strictEqual(validation.runs(), 1)
    }))

  it.effect("succeeds once an attempt does; false means one attempt", () =>
    Effect.gen(function*() {
      const retried = attempts([failure(500), failure(429), "ok"])
      assert.strictEqual(yield* retrying(retried.attempt, Schedule.recurs(5)), "ok")
      assert.strictEqual(retried.runs(), 3)
      const once = attempts([failure(500), "ok"])
      yield* retrying(once.attempt, false).pipe(Effect.flip)
      assert.strictEqual(once.runs(), 1)
    }))

  it.effect("waits the schedule's delays on the Effect clock", () =>
    Effect.gen(function*() {
      const { attempt, runs } = attempts([failure(503), "ok"])
      const fiber = yield* Effect.fork(retrying(attempt, Schedule.spaced("3 seconds")))
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual(runs(), 1)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* Fiber.join(fiber), "ok")
      assert.strictEqual(runs(), 2)
    }))
})

describe("the per-attempt deadlines", () => {
  it.scoped("what an attempt sets in its FiberRefs is the caller's afterwards, as with Effect.timeout", () =>
    Effect.gen(function*() {
      const deadlines = yield* Deadlines.make({ inheritFiberRefs: true })
      const ref = FiberRef.unsafeMake("before")
      yield* deadlines.timeout(FiberRef.set(ref, "set in the attempt"), Duration.seconds(1), () => "timeout")
      assert.strictEqual(yield* FiberRef.get(ref), "set in the attempt")
    }))

  it.scoped("a timed-out attempt fails with the timeout's error and leaves the caller's FiberRefs alone", () =>
    Effect.gen(function*() {
      const deadlines = yield* Deadlines.make({ inheritFiberRefs: true })
      const ref = FiberRef.unsafeMake("before")
      const fiber = yield* Effect.fork(
        deadlines.timeout(
          Effect.zipRight(FiberRef.set(ref, "late"), Effect.never),
          Duration.seconds(1),
          () => "timeout"
        )
      )
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* Fiber.join(fiber).pipe(Effect.flip), "timeout")
      assert.strictEqual(yield* FiberRef.get(ref), "before")
    }))

  it.effect("through the client: a FiberRef a transformClient sets during the request is the caller's", () =>
    Effect.gen(function*() {
      const ref = FiberRef.unsafeMake("before")
      const fake = legacyPolar([created], {
        transformClient: (client) =>
          HttpClient.transform(client, (effect) => Effect.zipLeft(effect, FiberRef.set(ref, "seen by the transport")))
      })
      yield* Effect.gen(function*() {
        yield* MemberSessions.create({ memberId: MEMBER_ID })
        assert.strictEqual(yield* FiberRef.get(ref), "seen by the transport")
      }).pipe(Effect.provide(fake.layer))
    }))
})
