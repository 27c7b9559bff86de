/**
 * The Effect 3 line's per-attempt deadlines (`packages/client/src/internal/deadlines.ts`), ported to
 * Effect 4 for one measurement only (src/timeout.ts): each attempt runs in a child fiber and puts its
 * deadline in a heap; one watcher fiber per client sleeps until the earliest deadline and interrupts
 * the attempts whose time is up. The same structure and the same heap (the Effect 3 client's own,
 * which has no Effect in it); the fallback to `Effect.timeoutOrElse` under another clock and the
 * FiberRefs inheritance (no FiberRefs in Effect 4) are left out. Not used by any client.
 */
import * as Cause from "effect/Cause"
import type * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import type * as Scope from "effect/Scope"
import type { Entry } from "../../../packages/client/src/internal/heap.js"
import { Heap } from "../../../packages/client/src/internal/heap.js"

interface Deadline extends Entry {
  readonly expire: () => void
}

const maxSleepMillis = 200

interface Watcher {
  readonly clock: Clock.Clock
  wakeAt: number
  wake: Deferred.Deferred<void>
}

export interface Deadlines {
  readonly timeout: <A, E>(self: Effect.Effect<A, E>, duration: Duration.Duration, onTimeout: () => E) => Effect.Effect<
    A,
    E
  >
}

export const make: Effect.Effect<Deadlines, never, Scope.Scope> = Effect.gen(function*() {
  const scope = yield* Effect.scope
  const heap = new Heap<Deadline>()
  let watcher: Watcher | undefined

  const expireDue = (now: number): void => {
    for (let next = heap.peek(); next !== undefined && next.at <= now; next = heap.peek()) {
      heap.remove(next)
      next.expire()
    }
  }

  const watch = (self: Watcher): Effect.Effect<void> =>
    Effect.suspend(() => {
      expireDue(self.clock.currentTimeMillisUnsafe())
      const next = heap.peek()
      if (next === undefined) {
        watcher = undefined
        return Effect.void
      }
      const now = self.clock.currentTimeMillisUnsafe()
      self.wakeAt = Math.min(next.at, now + maxSleepMillis)
      self.wake = Deferred.makeUnsafe<void>()
      return Effect.andThen(
        Effect.raceFirst(self.clock.sleep(Duration.millis(Math.max(0, self.wakeAt - now))), Deferred.await(self.wake)),
        watch(self)
      )
    })

  const timeout = <A, E>(
    self: Effect.Effect<A, E>,
    duration: Duration.Duration,
    onTimeout: () => E
  ): Effect.Effect<A, E> =>
    Effect.clockWith((clock) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(Effect.forkDetach(Effect.exit(restore(self))), (child) => {
          let timedOut = false
          const entry: Deadline = {
            at: clock.currentTimeMillisUnsafe() + Duration.toMillis(duration),
            expire: () => {
              timedOut = true
              child.interruptUnsafe()
            },
            index: -1
          }
          heap.push(entry)
          // awaiting the child fails only if this fiber is interrupted: the child goes too
          const awaited = Effect.matchCauseEffect(restore(Fiber.await(child)), {
            onFailure: (cause) => {
              heap.remove(entry)
              return Effect.andThen(Fiber.interrupt(child), Effect.failCause(cause))
            },
            onSuccess: (exit) => {
              heap.remove(entry)
              const attempt: Exit.Exit<A, E> = Exit.isSuccess(exit) ? exit.value : Exit.failCause(exit.cause)
              if (timedOut && Exit.isFailure(attempt) && Cause.hasInterrupts(attempt.cause)) {
                return Effect.fail(onTimeout())
              }
              return attempt
            }
          })
          if (watcher === undefined) {
            const fresh: Watcher = { clock, wakeAt: entry.at, wake: Deferred.makeUnsafe<void>() }
            watcher = fresh
            const start = Effect.forkIn(
              Effect.ensuring(
                Effect.interruptible(watch(fresh)),
                Effect.sync(() => {
                  if (watcher === fresh) watcher = undefined
                })
              ),
              scope
            )
            return Effect.andThen(start, awaited)
          }
          if (entry.at < watcher.wakeAt) {
            watcher.wakeAt = entry.at
            Deferred.doneUnsafe(watcher.wake, Exit.void)
          }
          return awaited
        })
      )
    )

  return { timeout }
})
