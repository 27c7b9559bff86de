/**
 * What one response means, its body read: the decoded value of a 2XX, or the public error.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Messages from "@effect-polar/wire/Messages"
import type * as Headers from "@effect/platform/Headers"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
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
  headers: Headers.Headers,
  body: string,
  decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>
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
  return Either.isRight(decoded)
    ? Effect.succeed(decoded.right)
    : Effect.fail(Errors.decode(ctx, status, body, decoded.left.problems, decoded.left.cause))
}
