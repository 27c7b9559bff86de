/**
 * The retry policy of Polar calls, written as Effect `Schedule`s.
 *
 * Which failures are retried is fixed: `429`, `500`, `502`, `503`, `504`, transport failures and
 * timeouts (`SDKError.isRetryable`). A `422` or any other `4XX` is never retried. The schedule
 * decides only how often and how long.
 *
 * @since 1.0.0
 */
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"

/**
 * A retry schedule: it is stepped with each retryable `SDKError` and decides whether, and after
 * how long, to try again. Any `Schedule` whose input accepts an `SDKError` fits, for example
 * `Schedule.spaced("1 second").pipe(Schedule.upTo({ times: 2 }))` (two retries, a second apart).
 *
 * @since 1.0.0
 * @category Models
 */
export type RetrySchedule = Schedule.Schedule<unknown, SDKError>

/**
 * The numbers of the default policy.
 *
 * @since 1.0.0
 * @category Models
 */
export interface Options {
  /** Attempts in all, the first one included. Default `4`. */
  readonly maxAttempts?: number | undefined
  /** The first backoff delay. Default `500 millis`; it doubles at each retry. */
  readonly initialDelay?: Duration.Input | undefined
  /** Backoff factor. Default `2`. */
  readonly factor?: number | undefined
  /** Upper bound of one backoff delay (after jitter). Default `10 seconds`. */
  readonly maxDelay?: Duration.Input | undefined
  /** No retry starts later than this after the first failure. Default `30 seconds`. */
  readonly maxElapsed?: Duration.Input | undefined
  /** Upper bound of a delay taken from a `Retry-After` header. Default `30 seconds`. */
  readonly maxRetryAfter?: Duration.Input | undefined
}

/**
 * The default numbers: 4 attempts, backoff 500 ms × 2ⁿ with ±20 % jitter capped at 10 s, no retry
 * later than 30 s after the first failure, `Retry-After` honoured up to 30 s.
 *
 * @since 1.0.0
 * @category Constants
 */
export const defaults: {
  readonly maxAttempts: 4
  readonly initialDelay: Duration.Duration
  readonly factor: 2
  readonly maxDelay: Duration.Duration
  readonly maxElapsed: Duration.Duration
  readonly maxRetryAfter: Duration.Duration
} = {
  maxAttempts: 4,
  initialDelay: Duration.millis(500),
  factor: 2,
  maxDelay: Duration.seconds(10),
  maxElapsed: Duration.seconds(30),
  maxRetryAfter: Duration.seconds(30)
}

/**
 * Makes a schedule take the delay a `429` or `503` asked for in its `Retry-After` header
 * (seconds or HTTP date, capped at `max`) instead of its own delay for that step. Other steps
 * keep the schedule's delay; whether to retry at all stays the schedule's decision.
 *
 * @example
 * ```ts
 * import { RetryPolicy } from "@effect-polar/client"
 * import * as Schedule from "effect/Schedule"
 *
 * const policy: RetryPolicy.RetrySchedule = RetryPolicy.respectRetryAfter(
 *   Schedule.spaced("1 second").pipe(Schedule.upTo({ times: 5 }))
 * )
 * ```
 *
 * @since 1.0.0
 * @category Combinators
 */
export const respectRetryAfter = <Out, E, R>(
  self: Schedule.Schedule<Out, SDKError, E, R>,
  max: Duration.Input = defaults.maxRetryAfter
): Schedule.Schedule<Out, SDKError, E, R> => {
  const cap = Duration.fromInputUnsafe(max)
  return Schedule.modifyDelay(
    self,
    ({ duration, input }) =>
      Effect.succeed(input.retryAfter === undefined ? duration : Duration.min(input.retryAfter, cap))
  )
}

/**
 * Builds the default policy with other numbers.
 *
 * @example
 * ```ts
 * import { PolarClient, RetryPolicy } from "@effect-polar/client"
 * import * as Redacted from "effect/Redacted"
 *
 * const layer = PolarClient.layer({
 *   accessToken: Redacted.make("polar_oat_..."),
 *   retry: RetryPolicy.make({ maxAttempts: 2, maxElapsed: "5 seconds" })
 * })
 * ```
 *
 * @since 1.0.0
 * @category Constructors
 */
export const make = (options: Options = {}): RetrySchedule => {
  const maxDelay = Duration.fromInputUnsafe(options.maxDelay ?? defaults.maxDelay)
  return respectRetryAfter(
    Schedule.exponential(options.initialDelay ?? defaults.initialDelay, options.factor ?? defaults.factor).pipe(
      Schedule.jittered,
      Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, maxDelay))),
      Schedule.upTo({
        times: Math.max(0, (options.maxAttempts ?? defaults.maxAttempts) - 1),
        duration: options.maxElapsed ?? defaults.maxElapsed
      })
    ),
    options.maxRetryAfter ?? defaults.maxRetryAfter
  )
}

/**
 * The default policy (`make()` with `defaults`).
 *
 * @since 1.0.0
 * @category Constants
 */
export const defaultSchedule: RetrySchedule = make()
