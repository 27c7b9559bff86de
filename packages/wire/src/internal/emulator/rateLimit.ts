/**
 * Polar's rate-limit middleware, reduced to what a client sees: a fixed window per bearer token
 * (or per client without one) over the `/v1` paths, checked before routing and before the token
 * is even looked up; over it, `429` with an empty body and `Retry-After` in seconds.
 *
 * @internal
 */
import type { Answer } from "./http.js"
import { empty } from "./http.js"

/** The limit in force: this many requests per window. */
export interface Limit {
  readonly requests: number
  readonly windowMillis: number
}

/** The windows of one emulator. */
export interface RateLimiter {
  /** Counts a request of `key` at `now`: `undefined` when allowed, the `429` otherwise. */
  readonly check: (key: string, now: number) => Answer | undefined
  readonly clear: () => void
}

/** Which paths the limit covers (the middleware's rule `^/v1`). */
export const covers = (path: string): boolean => path.startsWith("/v1")

/** Makes a limiter; without a limit every request is allowed. */
export const make = (limit: Limit | undefined): RateLimiter => {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    check: (key, now) => {
      if (limit === undefined) return undefined
      const window = windows.get(key)
      if (window === undefined || now - window.start >= limit.windowMillis) {
        windows.set(key, { start: now, count: 1 })
        return undefined
      }
      if (window.count >= limit.requests) {
        const retryAfter = Math.max(1, Math.ceil((window.start + limit.windowMillis - now) / 1000))
        return empty(429, { "retry-after": String(retryAfter) })
      }
      window.count++
      return undefined
    },
    clear: () => windows.clear()
  }
}
