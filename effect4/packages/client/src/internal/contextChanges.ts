/**
 * What an attempt sets in its fiber's context (a `Context.Reference`, log annotations: Effect 4's
 * FiberRefs) stays the caller's afterwards, as it did in Effect 3, where `Effect.timeout` joined the
 * winner's FiberRefs into the caller.
 *
 * Effect 4's own combinators undo such changes when they end: `Effect.timeoutOrElse` runs the
 * attempt in a child fiber of a race and hands back only its exit, and `Effect.retry` and
 * `Effect.provideService`/`withParentSpan` restore the context they found. So the changes of each
 * attempt are recorded (in the racing fiber, when the attempt ends), replayed at the start of the
 * next attempt, and applied to the caller's fiber once the call is over, outside all those regions.
 * An interrupted attempt's changes (one that timed out) are dropped, as the loser's of a race.
 *
 * Only a client with a `transformClient` needs it: otherwise no code of the caller's runs inside an
 * attempt, and nothing is recorded.
 *
 * @internal
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"

/**
 * What the attempts of one call changed in their fiber's context, by key: entries set or replaced,
 * and keys removed.
 *
 * @internal
 */
export interface Changes {
  readonly set: Map<string, unknown>
  readonly removed: Set<string>
}

/** @internal */
export const make = (): Changes => ({ set: new Map(), removed: new Set() })

const record = (changes: Changes, before: Context.Context<never>, after: Context.Context<never>): void => {
  if (before === after) return
  const was = before.mapUnsafe
  const now = after.mapUnsafe
  for (const [key, value] of now) {
    if (!was.has(key) || was.get(key) !== value) {
      changes.set.set(key, value)
      changes.removed.delete(key)
    }
  }
  for (const key of was.keys()) {
    if (!now.has(key)) {
      changes.removed.add(key)
      changes.set.delete(key)
    }
  }
}

const applied = (context: Context.Context<never>, changes: Changes): Context.Context<never> => {
  if (changes.removed.size === 0) {
    let out = context
    for (const [key, value] of changes.set) out = Context.addUnsafe(out, key, value)
    return out
  }
  const entries = new Map(context.mapUnsafe)
  for (const key of changes.removed) entries.delete(key)
  for (const [key, value] of changes.set) entries.set(key, value)
  return Context.makeUnsafe(entries)
}

const applyTo = (fiber: Fiber.Fiber<unknown, unknown>, changes: Changes): void => {
  if (changes.set.size > 0 || changes.removed.size > 0) fiber.setContext(applied(fiber.context, changes))
}

/**
 * Runs one attempt (in the fiber it runs in: a timeout's racing fiber) from what the earlier
 * attempts set, and records what it sets, unless it is interrupted.
 *
 * @internal
 */
export const tracked = (changes: Changes) => <A, E, R>(attempt: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.withFiber((fiber) => {
    applyTo(fiber, changes)
    const before = fiber.context
    return Effect.onExit(attempt, (exit) =>
      Effect.withFiber((after) => {
        if (!Exit.hasInterrupts(exit)) record(changes, before, after.context)
        return Effect.void
      }))
  })

/**
 * Runs a whole call, then makes what its attempts set the caller's.
 *
 * @internal
 */
export const inherited = (changes: Changes) => <A, E, R>(call: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.onExit(call, () =>
    Effect.withFiber((fiber) => {
      applyTo(fiber, changes)
      return Effect.void
    }))
