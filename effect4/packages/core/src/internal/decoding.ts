/**
 * How this package decodes: through Effect's schema compiler.
 *
 * @internal
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaJITCompiler from "effect/schema/SchemaJITCompiler"

/**
 * A decoder of `schema` through Effect's schema compiler: the schema (and every schema it decodes
 * through) is handed to `SchemaJITCompiler` before the decoder is made, so its parsers are
 * generated JavaScript. Where code generation from strings is not allowed (a
 * Content-Security-Policy without `unsafe-eval`, `node --disallow-code-generation-from-strings`)
 * the compiler declines and Effect's schema interpreter decodes instead: the same answers, slower.
 *
 * An input is decoded with the default options first, the ones the generated parsers serve (with
 * `errors: "all"`, or any `onExcessProperty`, a generated struct parser hands its input to the
 * interpreter); only an input that does not decode is decoded again with `errors: "all"`, for
 * every problem. The answers are those of `Schema.decodeUnknownResult(schema, { errors: "all" })`:
 * the options do not change what decodes nor the value it decodes to. Unknown fields are ignored
 * (Effect's default), so a response that grows still decodes.
 *
 * @internal
 */
export const compiledDecoder = <A>(
  schema: Schema.Decoder<A>
): (input: unknown) => Result.Result<A, Schema.SchemaError> => {
  SchemaJITCompiler.enable(schema.ast)
  const decode = Schema.decodeUnknownResult(schema)
  const explain = Schema.decodeUnknownResult(schema, { errors: "all" })
  return (input) => {
    const decoded = decode(input)
    return Result.isSuccess(decoded) ? decoded : explain(input)
  }
}
