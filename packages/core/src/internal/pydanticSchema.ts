/**
 * The Effect side of the pydantic re-implementation (`@effect-polar/wire`, which has no Effect
 * inside): its answers as `Either`s of `ValidationError`s, and its validators as schemas.
 *
 * @internal
 */
import type { LineError, Model, Validator } from "@effect-polar/wire/Pydantic"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ValidationError } from "../HTTPValidationError.js"

/** A `LineError` as the public `ValidationError`. @internal */
export const toValidationError = (error: LineError): ValidationError =>
  new ValidationError(
    error.ctx === undefined
      ? { type: error.type, loc: error.loc, msg: error.msg, input: error.input }
      : { type: error.type, loc: error.loc, msg: error.msg, input: error.input, ctx: error.ctx }
  )

/**
 * Runs a body validator: on success the validated model's `model_dump` decoded by the schema of
 * its class (chosen by title), on failure FastAPI's 422 `detail`.
 *
 * @internal
 */
export const validateWith = <A>(
  validate: Validator<Model>,
  decoders: { readonly [title: string]: (dump: unknown) => Either.Either<A, ParseResult.ParseError> }
): (body: unknown) => Either.Either<A, ReadonlyArray<ValidationError>> =>
(body) => {
  const result = validate(body)
  if (!result.ok) return Either.left(result.errors.map(toValidationError))
  const decode = decoders[result.value.title]
  // the validators answer exactly what the schemas hold: anything else is a bug here, not an input error
  if (decode === undefined) throw new Error(`no schema for the validated model ${result.value.title}`)
  return Either.right(Either.getOrThrow(decode(result.value.value)))
}

/**
 * A schema from `unknown` that validates as one pydantic field validator does (its first error's
 * message on failure).
 *
 * @internal
 */
export const fieldSchema = <A>(
  identifier: string,
  to: Schema.Schema<A>,
  validate: Validator<A>
): Schema.Schema<A, unknown> =>
  Schema.transformOrFail(Schema.Unknown, to, {
    strict: true,
    decode: (input, _, ast) => {
      const result = validate(input)
      return result.ok
        ? ParseResult.succeed(result.value)
        : ParseResult.fail(new ParseResult.Type(ast, input, result.errors[0]?.msg))
    },
    encode: ParseResult.succeed
  }).annotations({ identifier })
