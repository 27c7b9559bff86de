/**
 * Which endpoint `MemberSessions.create` uses on one client, and how it finds out.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Semaphore from "effect/Semaphore"
import type { MemberSessionsRouting } from "../PolarClient.js"
import type { Resolved } from "./options.js"

/**
 * The routing of one client: decided up front by the option or a known Polar server, else found
 * out by the first definite answer of `/v1/member-sessions/`, with one probe in flight at a time.
 *
 * @internal
 */
export const make = (resolved: Resolved): Effect.Effect<MemberSessionsRouting> =>
  Effect.map(Semaphore.make(1), (semaphore) => {
    let current = resolved.memberSessionsRoute === "auto" ? undefined : resolved.memberSessionsRoute
    return {
      current: () => current,
      decide: (route) => {
        current = route
      },
      probing: semaphore.withPermits(1)
    }
  })
