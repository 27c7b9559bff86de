/**
 * What a caller passes, as it goes on the wire.
 *
 * @internal
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

/**
 * The encoder of a caller's input: its fields under their wire names, values untouched (the
 * server validates what it receives, so nothing is normalised here). Every field of an input's
 * wire schema is an optional `Unknown`, so any object encodes; what is not an object (a JavaScript
 * caller may pass anything) is sent as given, for the validators to refuse as the server would.
 *
 * @internal
 */
export const inputEncoder = <I>(wire: Schema.Codec<I, unknown>): (input: I) => unknown => {
  const encode = Schema.encodeUnknownResult(wire)
  return (input) => Result.getOrElse(encode(input), () => input)
}
