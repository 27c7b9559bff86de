/**
 * Per-attempt timeouts for many calls with one sleeping fiber.
 *
 * `Effect.timeoutFail` races every attempt against a sleep: two forked fibers, a timer set and
 * cleared, a join of the winner's FiberRefs and an await of the loser's interruption — about
 * 150 µs of CPU per attempt on the bench machine, more than the rest of the client's own code.
 * Here each attempt runs in one child fiber and registers its deadline in a heap; one watcher
 * fiber per client sleeps (on the `Clock`, so `TestClock` drives it) until the earliest deadline
 * and interrupts the attempts whose time is up (it wakes at least every 200 ms). An attempt that
 * finishes removes its deadline; the watcher ends when it wakes to an empty heap, and with the
 * client's scope.
 *
 * The attempt's FiberRefs are inherited by the caller when it ends, as `Effect.timeout` does (a
 * timed-out attempt's are dropped, as the loser's of a race).
 *
 * A call running under another `Clock` than the watcher's (for example a second `TestClock`), or
 * after the client's scope was closed, falls back to `Effect.timeoutFail`: the semantics never
 * depend on which path is taken.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import type * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import type * as Scope from "effect/Scope"
import type { Entry } from "./heap.js"
import { Heap } from "./heap.js"

interface Deadline extends Entry {
  readonly expire: () => void
}

/**
 * The longest the watcher sleeps at once. It ends when it wakes to no deadline, so a program that
 * never closes the client's scope (a `ManagedRuntime` never disposed) is kept alive at most this
 * long after its last call, not for the rest of a 10 s timeout.
 */
const maxSleepMillis = 200

interface Watcher {
  readonly clock: Clock.Clock
  /** When the watcher next wakes up (clock milliseconds). */
  wakeAt: number
  /** Completed to wake the watcher early, when a deadline earlier than `wakeAt` arrives. */
  wake: Deferred.Deferred<void>
}

/**
 * Bounds attempts by a timeout.
 *
 * @internal
 */
export interface Deadlines {
  /**
   * Runs `self`; if it has not ended after `duration`, interrupts it and fails with
   * `onTimeout()`. Interrupting the caller interrupts `self`.
   */
  readonly timeout: <A, E>(
    self: Effect.Effect<A, E>,
    duration: Duration.Duration,
    onTimeout: () => E
  ) => Effect.Effect<A, E>
}

/**
 * Makes the deadlines of one client; its watcher fiber lives at most as long as the scope.
 *
 * @internal
 */
export const make = (
  options: {
    /**
     * Whether an attempt may set FiberRefs its caller sees afterwards: it runs code of the caller's
     * (a `transformClient`). Otherwise they are not merged back (there is nothing to merge).
     */
    readonly inheritFiberRefs: boolean
  }
): Effect.Effect<Deadlines, never, Scope.Scope> =>
  Effect.gen(function*() {
    const inheritFiberRefs = options.inheritFiberRefs
    const scope = yield* Effect.scope
    const heap = new Heap<Deadline>()
    let watcher: Watcher | undefined
    let closed = false
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        closed = true
      })
    )

    const expireDue = (now: number): void => {
      for (let next = heap.peek(); next !== undefined && next.at <= now; next = heap.peek()) {
        heap.remove(next)
        next.expire()
      }
    }

    const watch = (self: Watcher): Effect.Effect<void> =>
      Effect.suspend(() => {
        expireDue(self.clock.unsafeCurrentTimeMillis())
        const next = heap.peek()
        if (next === undefined) {
          watcher = undefined
          return Effect.void
        }
        const now = self.clock.unsafeCurrentTimeMillis()
        self.wakeAt = Math.min(next.at, now + maxSleepMillis)
        self.wake = Deferred.unsafeMake(FiberId.none)
        return Effect.zipRight(
          Effect.raceFirst(
            self.clock.sleep(Duration.millis(Math.max(0, self.wakeAt - now))),
            Deferred.await(self.wake)
          ),
          watch(self)
        )
      })

    const timeout = <A, E>(
      self: Effect.Effect<A, E>,
      duration: Duration.Duration,
      onTimeout: () => E
    ): Effect.Effect<A, E> =>
      Effect.clockWith((clock) => {
        if (closed || (watcher !== undefined && watcher.clock !== clock)) {
          return Effect.timeoutFail(self, { duration, onTimeout })
        }
        return Effect.uninterruptibleMask((restore) =>
          // the child answers its Exit, so that a failed attempt is not also logged as a fiber
          // "terminated with an unhandled error"
          // a daemon: this fiber interrupts it itself when interrupted, and awaits it otherwise
          Effect.flatMap(Effect.forkDaemon(Effect.exit(restore(self))), (child) => {
            let timedOut = false
            const entry: Deadline = {
              at: clock.unsafeCurrentTimeMillis() + Duration.toMillis(duration),
              expire: () => {
                timedOut = true
                child.unsafeInterruptAsFork(FiberId.none)
              },
              index: -1
            }
            heap.push(entry)
            // awaiting the child fails only if this fiber is interrupted: the child goes too
            const awaited = Effect.matchCauseEffect(restore(child.await), {
              onFailure: (cause) => {
                heap.remove(entry)
                return Effect.zipRight(Fiber.interrupt(child), Effect.failCause(cause))
              },
              onSuccess: (exit) => {
                heap.remove(entry)
                // the attempt's exit (the child itself is interruptible only inside `restore`)
                const attempt: Exit.Exit<A, E> = Exit.isSuccess(exit) ? exit.value : Exit.failCause(exit.cause)
                if (timedOut && Exit.isFailure(attempt) && Cause.isInterrupted(attempt.cause)) {
                  return Effect.fail(onTimeout())
                }
                // as a join (and Effect.timeout) does: what the attempt set in its FiberRefs (log
                // annotations, a transformClient's state) is the caller's afterwards; an attempt that
                // runs no code of the caller's changes none, and merging nothing costs a diff per call
                return inheritFiberRefs ? Effect.zipRight(Fiber.inheritAll(child), attempt) : attempt
              }
            })
            if (watcher === undefined) {
              const fresh: Watcher = { clock, wakeAt: entry.at, wake: Deferred.unsafeMake(FiberId.none) }
              watcher = fresh
              // forked from the uninterruptible region: made interruptible so the scope can end it
              const start = Effect.forkIn(
                Effect.ensuring(
                  Effect.interruptible(watch(fresh)),
                  Effect.sync(() => {
                    if (watcher === fresh) watcher = undefined
                  })
                ),
                scope
              )
              return Effect.zipRight(start, awaited)
            }
            if (entry.at < watcher.wakeAt) {
              watcher.wakeAt = entry.at
              Deferred.unsafeDone(watcher.wake, Exit.void)
            }
            return awaited
          })
        )
      })

    return { timeout }
  })
