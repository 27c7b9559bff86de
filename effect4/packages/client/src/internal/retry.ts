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
 * `Effect.retry` of the attempts after a first retryable failure: the schedule's first step is that
 * failure (replayed at once, as `Effect.retry` would have stepped it), then each new attempt's.
 */
const retriedAfter = <A>(
  attempt: Effect.Effect<A, HTTPValidationError | SDKError>,
  schedule: RetrySchedule,
  first: SDKError
): Effect.Effect<A, HTTPValidationError | SDKError> => {
  let replay: SDKError | undefined = first
  const next = Effect.suspend(() => {
    if (replay === undefined) return retryableOnly(attempt)
    const failure = replay
    replay = undefined
    return Effect.fail(failure)
  })
  return Effect.flatMap(Effect.retry(next, schedule), Effect.fromResult)
}

/**
 * The first attempt as `Effect.retry` runs it: with the schedule metadata of no step yet (what a
 * `transformClient` reading `Schedule.CurrentMetadata` sees).
 */
const firstAttempt = <A>(
  attempt: Effect.Effect<A, HTTPValidationError | SDKError>
): Effect.Effect<A, HTTPValidationError | SDKError> =>
  Effect.provideService(attempt, Schedule.CurrentMetadata, Schedule.CurrentMetadata.defaultValue())

/**
 * Runs `attempt`, and again after each retryable failure for as long as `schedule` continues (it is
 * stepped with each retryable failure and decides the delay). A failure that is not retryable, or
 * the one the schedule stops at, is the result. `false`: one attempt.
 *
 * The schedule is set up only once an attempt has failed and may be retried: a call that succeeds
 * (or fails for good) at once pays for one attempt, not for `Effect.retry`'s machinery. What the
 * schedule sees is what `Effect.retry(attempt, schedule)` would show it. `callerCode`: code of the
 * caller's runs in the attempt (a `transformClient`), which then sees the first attempt's
 * `Schedule.CurrentMetadata` as under `Effect.retry`.
 *
 * @internal
 */
export const retrying = <A>(
  attempt: Effect.Effect<A, HTTPValidationError | SDKError>,
  schedule: RetrySchedule | false,
  callerCode = false
): Effect.Effect<A, HTTPValidationError | SDKError> =>
  schedule === false ? attempt : Effect.catch(
    callerCode ? firstAttempt(attempt) : attempt,
    (error) => isRetryable(error) ? retriedAfter(attempt, schedule, error) : Effect.fail(error)
  )
