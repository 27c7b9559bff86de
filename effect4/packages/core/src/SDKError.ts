/**
 * The error for every failure of a Polar call other than a validation error.
 *
 * @since 1.0.0
 */
import * as Schema from "effect/Schema"

/**
 * Why a call failed:
 *
 * - `StatusCode`: Polar (or a proxy in front of it) answered with an unexpected status
 *   (401, 403, 404, 429, 5XX, ...). `statusCode` and `body` are set.
 * - `Transport`: no response arrived (connection refused or reset, DNS failure, TLS error,
 *   request refused before sending). `statusCode` is `undefined`.
 * - `Timeout`: an attempt took longer than the configured `timeout`; the request was aborted.
 * - `Decode`: a success status whose body is not a valid session (not JSON, wrong content type,
 *   a missing or mistyped field). `statusCode` and `body` are set.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const SDKErrorReason = Schema.Literals(["StatusCode", "Transport", "Timeout", "Decode"])

/**
 * @since 1.0.0
 * @category Models
 */
export type SDKErrorReason = typeof SDKErrorReason.Type

/**
 * Any failure of a Polar call other than a `422`: an unexpected status, a transport failure, a
 * timeout or an undecodable response. Tell them apart with `reason`.
 *
 * The `message` names the method, the path and the status, and quotes Polar's `error` and
 * `detail` (or `error_description`) when the body has them. It never contains the access token
 * or a session token: `@effect-polar/client` masks both in `message`, `body` and `cause`.
 *
 * @example
 * ```ts
 * import { SDKError } from "@effect-polar/core"
 * import * as Effect from "effect/Effect"
 *
 * declare const call: Effect.Effect<string, SDKError.SDKError> // MemberSessions.create(...), say
 *
 * const program = call.pipe(
 *   Effect.catchTag("SDKError", (error) =>
 *     error.statusCode === 401
 *       ? Effect.die(new Error("check POLAR_ACCESS_TOKEN"))
 *       : Effect.fail(error))
 * )
 * ```
 *
 * @since 1.0.0
 * @category Errors
 */
export class SDKError extends Schema.TaggedError<SDKError>()("SDKError", {
  reason: SDKErrorReason,
  message: Schema.String,
  /** The HTTP method of the failed call. */
  method: Schema.String,
  /** The URL of the failed call (never carries a secret). */
  url: Schema.String,
  /** The HTTP status, or absent when no response arrived. */
  statusCode: Schema.optional(Schema.Number),
  /** The raw response text, when there was a response (session tokens masked). */
  body: Schema.optional(Schema.String),
  /** The delay a `429` or `503` asked for in its `Retry-After` header. */
  retryAfter: Schema.optional(Schema.Duration),
  /** The underlying failure (a transport error, a timeout, a JSON or schema error). */
  cause: Schema.optional(Schema.Defect())
}) {
  /**
   * Whether retrying the same call may succeed: 429, 500, 502, 503, 504, transport failures and
   * timeouts. The default retry policy retries exactly these.
   *
   * @since 1.0.0
   */
  get isRetryable(): boolean {
    switch (this.reason) {
      case "Transport":
      case "Timeout":
        return true
      case "StatusCode":
        return this.statusCode !== undefined && RETRYABLE_STATUSES.has(this.statusCode)
      case "Decode":
        return false
    }
  }
}

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])
