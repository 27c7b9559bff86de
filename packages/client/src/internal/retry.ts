/**
 * The retry driver of a call.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { RetrySchedule } from "../RetryPolicy.js"

/**
 * Whether a failed attempt may be tried again: an `SDKError` the policy retries (429, 500, 502,
 * 503, 504, transport failures, timeouts). A 422 is an answer, not a failure of the attempt.
 *
 * @internal
 */
export const isRetryable = (error: HTTPValidationError | SDKError): error is SDKError =>
  error._tag === "SDKError" && error.isRetryable

/**
 * Runs `attempt`, and again after each retryable failure for as long as `schedule` continues (it is
 * stepped with each failure and decides the delay). A failure that is not retryable, or the one the
 * schedule stops at, is the result. The same semantics as `Effect.retry({ schedule, while:
 * isRetryable })`, but the schedule's driver is made at the first failure only: a call that
 * succeeds at once pays nothing for it.
 *
 * @internal
 */
export const retrying = <A>(
  attempt: Effect.Effect<A, HTTPValidationError | SDKError>,
  schedule: RetrySchedule | false
): Effect.Effect<A, HTTPValidationError | SDKError> =>
  schedule === false ? attempt : Effect.catchAll(attempt, (first) =>
    isRetryable(first)
      ? Effect.flatMap(Schedule.driver(schedule), (driver) => {
        const next = (error: HTTPValidationError | SDKError): Effect.Effect<A, HTTPValidationError | SDKError> =>
          isRetryable(error)
            ? Effect.matchEffect(driver.next(error), {
              onFailure: () => Effect.fail(error),
              onSuccess: () => Effect.catchAll(attempt, next)
            })
            : Effect.fail(error)
        return next(first)
      })
      : Effect.fail(first))
