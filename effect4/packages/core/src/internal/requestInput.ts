/**
 * What a caller passes, as it goes on the wire.
 *
 * @internal
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaJITCompiler from "effect/schema/SchemaJITCompiler"
import * as SchemaAST from "effect/SchemaAST"

/**
 * The encoder of a caller's input: its fields under their wire names, values untouched (the
 * server validates what it receives, so nothing is normalised here). Every field of an input's
 * wire schema is an optional `Unknown`, so any object encodes; what is not an object (a JavaScript
 * caller may pass anything) is sent as given, for the validators to refuse as the server would.
 *
 * Encoding runs the schema's flipped AST (what `Schema.encodeUnknownResult` decodes with), which is
 * handed to Effect's schema compiler first, as every decoder of this package is (see
 * `compiledDecoder`): the same encoder, its parsers generated; interpreted where code generation is
 * not allowed.
 *
 * @internal
 */
export const inputEncoder = <I>(wire: Schema.Codec<I, unknown>): (input: I) => unknown => {
  SchemaJITCompiler.enable(SchemaAST.flip(wire.ast))
  const encode = Schema.encodeUnknownResult(wire)
  return (input) => Result.getOrElse(encode(input), () => input)
}
