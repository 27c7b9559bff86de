/**
 * How a call is retried: `Effect.retry` with the policy's schedule, on the failures the policy
 * retries.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
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
 * The attempt as `Effect.retry` sees it: failing only with retryable `SDKError`s (what the schedule
 * is stepped with), the other outcomes answered as a `Result`.
 */
const retryableOnly = <A>(
  attempt: Effect.Effect<A, HTTPValidationError | SDKError>
): Effect.Effect<Result.Result<A, HTTPValidationError | SDKError>, SDKError> =>
  Effect.matchEffect(attempt, {
    onFailure: (error) => isRetryable(error) ? Effect.fail(error) : Effect.succeed(Result.fail(error)),
    onSuccess: (value) => Effect.succeed(Result.succeed(value))
  })

/**
 * Runs `attempt`, and again after each retryable failure for as long as `schedule` continues (it is
 * stepped with each retryable failure and decides the delay). A failure that is not retryable, or
 * the one the schedule stops at, is the result. `false`: one attempt.
 *
 * @internal
 */
export const retrying = <A>(
  attempt: Effect.Effect<A, HTTPValidationError | SDKError>,
  schedule: RetrySchedule | false
): Effect.Effect<A, HTTPValidationError | SDKError> =>
  schedule === false ? attempt : Effect.flatMap(Effect.retry(retryableOnly(attempt), schedule), Effect.fromResult)
