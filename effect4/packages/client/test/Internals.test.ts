/**
 * The client's internal pieces on their own: retrying with `Effect.retry`, and what an attempt sets
 * in its fiber's context surviving `Effect.timeoutOrElse` and `Effect.retry`.
 */
import { MemberSessions } from "@effect-polar/client"
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { SDKError } from "@effect-polar/core/SDKError"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/testing/TestClock"
import * as ContextChanges from "../src/internal/contextChanges.js"
import { retrying } from "../src/internal/retry.js"
import { created, legacyPolar, MEMBER_ID, raw } from "./utils.js"

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

/** A reference standing for anything a caller's code keeps in its fiber's context. */
const Seen = Context.Reference<string>("test/Seen", { defaultValue: () => "before" })

/** Sets `Seen` in the running fiber's context for the rest of the fiber: Effect 4's FiberRef.set. */
const setSeen = (value: string) =>
  Effect.withFiber((fiber) => {
    fiber.setContext(Context.add(fiber.context, Seen, value))
    return Effect.void
  })

describe("retrying", () => {
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

  it.effect("the schedule is stepped with the retryable failures only", () =>
    Effect.gen(function*() {
      const seen: Array<number | undefined> = []
      const schedule = Schedule.recurs(5).pipe(
        Schedule.setInputType<SDKError>(),
        Schedule.tap(({ input }) => Effect.sync(() => seen.push(input.statusCode)))
      )
      const { attempt } = attempts([failure(503), failure(429), failure(422)])
      yield* retrying(attempt, schedule).pipe(Effect.flip)
      assert.deepStrictEqual(seen, [503, 429])
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
      const fiber = yield* Effect.forkChild(retrying(attempt, Schedule.spaced("3 seconds")))
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual(runs(), 1)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* Fiber.join(fiber), "ok")
      assert.strictEqual(runs(), 2)
    }))
  it.effect("the schedule and the attempts see what they would see under Effect.retry of every attempt", () =>
    Effect.gen(function*() {
      const observe = (via: "retrying" | "Effect.retry") => {
        const steps: Array<[number, number | undefined, number]> = []
        const metadata: Array<number> = []
        const schedule = Schedule.exponential("1 second").pipe(
          Schedule.setInputType<SDKError>(),
          Schedule.upTo({ times: 3 }),
          Schedule.tap(({ attempt, elapsed, input }) =>
            Effect.sync(() => steps.push([attempt, input.statusCode, elapsed]))
          )
        )
        const outcomes: ReadonlyArray<SDKError | "ok"> = [failure(503), failure(429), "ok"]
        let runs = 0
        const attempt: Effect.Effect<string, SDKError> = Effect.suspend(() => {
          const outcome = outcomes[Math.min(runs++, outcomes.length - 1)]!
          return outcome === "ok" ? Effect.succeed("ok") : Effect.fail(outcome)
        })
        // what a transformClient reading the schedule's metadata would see in each attempt
        const seen = Effect.flatMap(
          Effect.service(Schedule.CurrentMetadata),
          (meta) => Effect.suspend(() => (metadata.push(meta.attempt), attempt))
        )
        // every failure here is retryable: what the client did before was Effect.retry of each attempt
        const run = via === "retrying" ? retrying(seen, schedule, true) : Effect.retry(seen, schedule)
        // inside a caller's own schedule (its metadata at attempt 7), which Effect.retry hides from the attempts
        const outer = { ...Schedule.CurrentMetadata.defaultValue(), attempt: 7 }
        return Effect.map(
          Effect.provideService(run, Schedule.CurrentMetadata, outer),
          (value) => ({ value, steps, metadata })
        )
      }
      const ours = yield* Effect.forkChild(observe("retrying"))
      const theirs = yield* Effect.forkChild(observe("Effect.retry"))
      yield* TestClock.adjust("10 seconds")
      const [a, b] = [yield* Fiber.join(ours), yield* Fiber.join(theirs)]
      assert.deepStrictEqual(a, b)
      assert.deepStrictEqual(a.metadata, [0, 1, 2])
    }))
})

describe("what an attempt sets in its fiber's context", () => {
  it.effect("Effect 4's own timeout and retry drop it (why the client carries it)", () =>
    Effect.gen(function*() {
      yield* Effect.timeoutOrElse(setSeen("in a timeout"), { duration: "1 second", orElse: () => Effect.void })
      assert.strictEqual(yield* Seen, "before")
      yield* Effect.retry(setSeen("in a retry"), Schedule.recurs(1))
      assert.strictEqual(yield* Seen, "before")
    }))

  it.effect("is the caller's afterwards, through timeoutOrElse and retry, as with Effect 3's Effect.timeout", () =>
    Effect.gen(function*() {
      const changes = ContextChanges.make()
      let run = 0
      const attempt = Effect.suspend(() => {
        run++
        return Effect.flatMap(Effect.service(Seen), (previous) =>
          // the second attempt sees what the first one set
          Effect.andThen(setSeen(`${previous} > attempt ${run}`), run === 1 ? Effect.fail(failure(503)) : Effect.void))
      })
      const timed = Effect.timeoutOrElse(ContextChanges.tracked(changes)(attempt), {
        duration: "1 second",
        orElse: () => Effect.fail(failure(504))
      })
      yield* ContextChanges.inherited(changes)(retrying(timed, Schedule.recurs(1)))
      assert.strictEqual(yield* Seen, "before > attempt 1 > attempt 2")
    }))

  it.effect("Effect.updateServiceScoped in an attempt is seen by the caller", () =>
    Effect.gen(function*() {
      const changes = ContextChanges.make()
      yield* ContextChanges.inherited(changes)(
        Effect.timeoutOrElse(ContextChanges.tracked(changes)(Effect.updateServiceScoped(Seen, () => "scoped")), {
          duration: "1 second",
          orElse: () => Effect.void
        })
      )
      assert.strictEqual(yield* Seen, "scoped")
    }))

  it.effect("a timed-out attempt's changes are dropped, as a race's loser's", () =>
    Effect.gen(function*() {
      const changes = ContextChanges.make()
      const fiber = yield* Effect.forkChild(
        ContextChanges.inherited(changes)(
          Effect.timeoutOrElse(ContextChanges.tracked(changes)(Effect.andThen(setSeen("late"), Effect.never)), {
            duration: "1 second",
            orElse: () => Effect.fail("timeout")
          })
        ).pipe(Effect.flip, Effect.andThen(Effect.service(Seen)))
      )
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* Fiber.join(fiber), "before")
    }))

  it.effect("through the client: what a transformClient sets during the request is the caller's", () =>
    Effect.gen(function*() {
      const fake = legacyPolar([raw(503, "busy"), created], {
        retry: Schedule.recurs(1),
        transformClient: (client) =>
          HttpClient.transform(
            client,
            (effect) =>
              Effect.tap(effect, () => Effect.flatMap(Effect.service(Seen), (previous) => setSeen(`${previous}, seen`)))
          )
      })
      yield* Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(
          Effect.andThen(MemberSessions.create({ memberId: MEMBER_ID }), Effect.service(Seen))
        )
        yield* TestClock.adjust("1 second")
        // both attempts ran the transform, the second one from what the first one set
        assert.strictEqual(yield* Fiber.join(fiber), "before, seen, seen")
      }).pipe(Effect.provide(fake.layer))
    }))

  it.effect("without a transformClient nothing is carried (no code of the caller's runs in an attempt)", () =>
    Effect.gen(function*() {
      const fake = legacyPolar([created])
      yield* MemberSessions.create({ memberId: MEMBER_ID }).pipe(Effect.provide(fake.layer))
      assert.strictEqual(yield* Seen, "before")
    }))
})
