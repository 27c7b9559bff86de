/**
 * Reading a response body under the size cap.
 *
 * @internal
 */
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Effect from "effect/Effect"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Stream from "effect/Stream"
import type { CallContext } from "./errors.js"
import * as Errors from "./errors.js"

const DIGITS = /^\d+$/
const utf8 = new TextDecoder()

/**
 * The body as text, at most `maxBytes` of it: a larger declared `content-length` is refused without
 * reading anything (ending the body stream aborts the request); a body without one is read only up
 * to the limit (`Stream.limitBytes`, which stops pulling there). A body cut off in the middle is a
 * `Transport` failure with the status; no body at all is the empty text.
 *
 * @internal
 */
export const read = (
  ctx: CallContext,
  response: HttpClientResponse.HttpClientResponse,
  status: number,
  declared: string | undefined,
  maxBytes: number
): Effect.Effect<string, SDKError> => {
  if (declared !== undefined && DIGITS.test(declared)) {
    if (Number(declared) <= maxBytes) {
      return Effect.mapError(response.text, (error) => Errors.transport(ctx, error.reason.cause ?? error, status))
    }
    return Stream.runDrain(Stream.take(response.stream, 0)).pipe(
      Effect.ignore,
      Effect.andThen(Effect.fail(Errors.tooLarge(ctx, status, maxBytes)))
    )
  }
  return response.stream.pipe(
    Stream.catch((error) =>
      error.reason._tag === "EmptyBodyError"
        ? Stream.empty
        : Stream.fail(Errors.transport(ctx, error.reason.cause ?? error, status))
    ),
    Stream.limitBytes(maxBytes, () => Stream.fail(Errors.tooLarge(ctx, status, maxBytes))),
    Stream.mkUint8Array,
    Effect.map((bytes) => utf8.decode(bytes))
  )
}
