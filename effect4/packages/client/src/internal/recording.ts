/**
 * What a call records on its span and in the log, as it happens.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"

/**
 * The OpenTelemetry `error.type` of a failed call: the status code, else the reason.
 *
 * @internal
 */
export const errorType = (error: HTTPValidationError | SDKError): string =>
  error._tag === "HTTPValidationError"
    ? String(error.statusCode ?? 422)
    : error.statusCode === undefined
    ? error.reason
    : String(error.statusCode)

/**
 * The attributes of one request on its call's span (a call of several requests, such as a member
 * session on today's Polar, keeps the last request's; each attempt is an event).
 *
 * @internal
 */
export const request = (
  span: Tracer.Span,
  method: string,
  url: string,
  path: string,
  server: ReadonlyArray<readonly [string, string | number]>
): void => {
  span.attribute("http.request.method", method)
  for (const [key, value] of server) span.attribute(key, value)
  span.attribute("url.full", url)
  span.attribute("url.path", path)
}

/**
 * An attempt starts: the attempt count of this request and the resend count.
 *
 * @internal
 */
export const attempt = (span: Tracer.Span, attempts: number): void => {
  span.attribute("polar.attempts", attempts)
  span.attribute("http.request.resend_count", attempts - 1)
}

/** Clock milliseconds as span event time (whole nanoseconds: a jittered TestClock time is fractional). */
const eventTime = (millis: number): bigint => BigInt(Math.round(millis * 1e6))

/**
 * A response arrived: its status on the span, and an event (attempt number, path, status), so that
 * every request of a call and every attempt is visible on the call's one span.
 *
 * @internal
 */
export const response = (
  span: Tracer.Span,
  clock: Clock.Clock,
  attempts: number,
  path: string,
  status: number
): void => {
  span.attribute("http.response.status_code", status)
  span.event("polar.response", eventTime(clock.currentTimeMillisUnsafe()), {
    "polar.attempt": attempts,
    "url.path": path,
    "http.response.status_code": status
  })
}

/**
 * A failed attempt: an event on the span (attempt number, path, reason, status) and a `Debug` log
 * line under the span.
 *
 * @internal
 */
export const failedAttempt = (
  span: Tracer.Span | undefined,
  attempts: number,
  path: string,
  error: SDKError
): Effect.Effect<void> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    span?.event("polar.attempt.failed", eventTime(now), {
      "polar.attempt": attempts,
      "url.path": path,
      "polar.reason": error.reason,
      ...(error.statusCode === undefined ? {} : { "http.response.status_code": error.statusCode })
    })
    const log = Effect.logDebug(`Polar call attempt ${attempts} failed`).pipe(
      Effect.annotateLogs({ "polar.reason": error.reason, "polar.error": error.message })
    )
    return span === undefined ? log : Effect.withParentSpan(log, span)
  })

/**
 * The failure that ends a call: its `error.type`.
 *
 * @internal
 */
export const failed = (span: Tracer.Span, error: HTTPValidationError | SDKError): Effect.Effect<void> =>
  Effect.sync(() => {
    span.attribute("error.type", errorType(error))
  })
