/**
 * What one response means, its body read: the decoded value of a 2XX, or the public error.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Messages from "@effect-polar/wire/Messages"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type { CallContext } from "./errors.js"
import * as Errors from "./errors.js"

/**
 * A 2XX must be a non-empty JSON body that `decode` accepts (a proxy's HTML page with a 200 is a
 * `Decode` failure); any other status is a failure from `Errors.status`.
 *
 * @internal
 */
export const interpret = <A>(
  ctx: CallContext,
  status: number,
  headers: { readonly [name: string]: string },
  body: string,
  decode: (json: unknown) => Result.Result<A, Schema.SchemaError>
): Effect.Effect<A, HTTPValidationError | SDKError> => {
  if (status < 200 || status >= 300) {
    return Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(Errors.status(ctx, status, headers, body, now)))
  }
  if (body.length === 0) return Effect.fail(Errors.decode(ctx, status, body, [Messages.EMPTY_BODY]))
  const contentType = headers["content-type"] ?? ""
  if (!Messages.isJsonContentType(contentType)) {
    return Effect.fail(Errors.decode(ctx, status, body, [Messages.notJsonContentType(contentType)]))
  }
  const decoded = Errors.decodeBody(decode, body)
  return Result.isSuccess(decoded)
    ? Effect.succeed(decoded.success)
    : Effect.fail(Errors.decode(ctx, status, body, decoded.failure.problems, decoded.failure.cause))
}
