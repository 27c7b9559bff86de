/**
 * Reading a response body under the size cap.
 *
 * @internal
 */
import type { SDKError } from "@effect-polar/core/SDKError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { CallContext } from "./errors.js"
import * as Errors from "./errors.js"

const DIGITS = /^\d+$/
const utf8 = new TextDecoder()

const decodeUtf8 = (chunks: ReadonlyArray<Uint8Array>, size: number): string => {
  if (chunks.length === 1) return utf8.decode(chunks[0])
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return utf8.decode(all)
}

/**
 * The body as text, at most `maxBytes` of it: a larger declared `content-length` is refused without
 * reading anything (ending the body stream aborts the request); a body without one is read only up
 * to the limit. A body cut off in the middle is a `Transport` failure with the status.
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
      return Effect.mapError(response.text, (error) => Errors.transport(ctx, error.cause ?? error, status))
    }
    return Stream.runDrain(Stream.take(response.stream, 0)).pipe(
      Effect.ignore,
      Effect.zipRight(Effect.fail(Errors.tooLarge(ctx, status, maxBytes)))
    )
  }
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return Stream.runForEach(response.stream, (chunk): Effect.Effect<void, SDKError> => {
      size += chunk.byteLength
      if (size > maxBytes) return Effect.fail(Errors.tooLarge(ctx, status, maxBytes))
      chunks.push(chunk)
      return Effect.void
    }).pipe(
      Effect.catchTag(
        "ResponseError",
        (error) =>
          error.reason === "EmptyBody" ? Effect.void : Effect.fail(Errors.transport(ctx, error.cause ?? error, status))
      ),
      Effect.map(() => decodeUtf8(chunks, size))
    )
  })
}
