/**
 * The retry policy of Polar calls, written as Effect `Schedule`s.
 *
 * Which failures are retried is fixed: `429`, `500`, `502`, `503`, `504`, transport failures and
 * timeouts (`SDKError.isRetryable`). A `422` or any other `4XX` is never retried. The schedule
 * decides only how often and how long.
 *
 * @since 0.1.0
 */
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Duration from "effect/Duration"
import * as Schedule from "effect/Schedule"

/**
 * A retry schedule: it is stepped with each retryable `SDKError` and decides whether, and after
 * how long, to try again. Any `Schedule` whose input accepts an `SDKError` fits, for example
 * `Schedule.spaced("1 second").pipe(Schedule.compose(Schedule.recurs(2)))`.
 *
 * @since 0.1.0
 * @category Models
 */
export type RetrySchedule = Schedule.Schedule<unknown, SDKError>

/**
 * The numbers of the default policy.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Attempts in all, the first one included. Default `4`. */
  readonly maxAttempts?: number | undefined
  /** The first backoff delay. Default `500 millis`; it doubles at each retry. */
  readonly initialDelay?: Duration.DurationInput | undefined
  /** Backoff factor. Default `2`. */
  readonly factor?: number | undefined
  /** Upper bound of one backoff delay (after jitter). Default `10 seconds`. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** No retry starts later than this after the first failure. Default `30 seconds`. */
  readonly maxElapsed?: Duration.DurationInput | undefined
  /** Upper bound of a delay taken from a `Retry-After` header. Default `30 seconds`. */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
}

/**
 * The default numbers: 4 attempts, backoff 500 ms × 2ⁿ with ±20 % jitter capped at 10 s, no retry
 * later than 30 s after the first failure, `Retry-After` honoured up to 30 s.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaults = {
  maxAttempts: 4,
  initialDelay: Duration.millis(500),
  factor: 2,
  maxDelay: Duration.seconds(10),
  maxElapsed: Duration.seconds(30),
  maxRetryAfter: Duration.seconds(30)
} as const

/**
 * Makes a schedule take the delay a `429` or `503` asked for in its `Retry-After` header
 * (seconds or HTTP date, capped at `max`) instead of its own delay for that step. Other steps
 * keep the schedule's delay.
 *
 * @example
 * ```ts
 * import { RetryPolicy } from "@effect-polar/client"
 * import { Schedule } from "effect"
 *
 * const policy = RetryPolicy.respectRetryAfter(Schedule.spaced("1 second").pipe(Schedule.intersect(Schedule.recurs(5))))
 * ```
 *
 * @since 0.1.0
 * @category Combinators
 */
export const respectRetryAfter = <Out, R>(
  self: Schedule.Schedule<Out, SDKError, R>,
  max: Duration.DurationInput = defaults.maxRetryAfter
): Schedule.Schedule<Out, SDKError, R> => {
  const cap = Duration.decode(max)
  return Schedule.intersect(self, Schedule.identity<SDKError>()).pipe(
    Schedule.modifyDelay(([, error], delay) =>
      error.retryAfter === undefined ? delay : Duration.min(error.retryAfter, cap)
    ),
    Schedule.map(([out]) => out)
  )
}

/**
 * Builds the default policy with other numbers.
 *
 * @example
 * ```ts
 * import { PolarClient, RetryPolicy } from "@effect-polar/client"
 * import { Redacted } from "effect"
 *
 * const layer = PolarClient.layer({
 *   accessToken: Redacted.make("polar_oat_..."),
 *   retry: RetryPolicy.make({ maxAttempts: 2, maxElapsed: "5 seconds" })
 * })
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options = {}): RetrySchedule => {
  const maxAttempts = options.maxAttempts ?? defaults.maxAttempts
  const maxDelay = Duration.decode(options.maxDelay ?? defaults.maxDelay)
  return respectRetryAfter(
    Schedule.exponential(options.initialDelay ?? defaults.initialDelay, options.factor ?? defaults.factor).pipe(
      Schedule.jittered,
      Schedule.modifyDelay((_, delay) => Duration.min(delay, maxDelay)),
      Schedule.intersect(Schedule.recurs(Math.max(0, maxAttempts - 1))),
      Schedule.upTo(options.maxElapsed ?? defaults.maxElapsed)
    ),
    options.maxRetryAfter ?? defaults.maxRetryAfter
  )
}

/**
 * The default policy (`make()` with `defaults`).
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultSchedule: RetrySchedule = make()
