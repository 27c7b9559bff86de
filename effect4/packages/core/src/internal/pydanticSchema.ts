/**
 * The Effect side of the pydantic re-implementation (`@effect-polar/wire`, which has no Effect
 * inside): its answers as `Result`s of `ValidationError`s, and its validators as schemas.
 *
 * @internal
 */
import type { LineError, Model, Validator } from "@effect-polar/wire/Pydantic"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaTransformation from "effect/SchemaTransformation"
import { ValidationError } from "../HTTPValidationError.js"

/** A `LineError` as the public `ValidationError`. @internal */
export const toValidationError = (error: LineError): ValidationError =>
  new ValidationError(
    error.ctx === undefined
      ? { type: error.type, loc: error.loc, msg: error.msg, input: error.input }
      : { type: error.type, loc: error.loc, msg: error.msg, input: error.input, ctx: error.ctx }
  )

/** The errors of a refused body, as FastAPI's 422 `detail`. @internal */
export const toDetail = (errors: ReadonlyArray<LineError>): ReadonlyArray<ValidationError> =>
  errors.map(toValidationError)

/** A decoder of a validated model's `model_dump`, keyed by the model's title. @internal */
export type ModelDecoders<A> = {
  readonly [title: string]: (dump: unknown) => Result.Result<A, Schema.SchemaError>
}

/** A bug of this package, not an input error: the validators answer exactly what the schemas hold. */
const defect = (message: string, cause?: unknown): Error => new Error(message, { cause })

/**
 * Runs a body validator: on success the validated model's `model_dump` decoded by the schema of
 * its class (chosen by title), on failure FastAPI's 422 `detail`.
 *
 * @internal
 */
export const validateWith = <A>(
  validate: Validator<Model>,
  decoders: ModelDecoders<A>
): (body: unknown) => Result.Result<A, ReadonlyArray<ValidationError>> =>
(body) => {
  const result = validate(body)
  if (!result.ok) return Result.fail(toDetail(result.errors))
  const { title, value } = result.value
  const decode = decoders[title]
  if (decode === undefined) throw defect(`no schema for the validated model ${title}`)
  return Result.succeed(
    Result.getOrThrowWith(decode(value), (error) => defect(`the validated ${title} does not decode`, error))
  )
}

/**
 * A schema from `unknown` that validates as one pydantic field validator does: its value on
 * success, its first error's message on failure.
 *
 * @internal
 */
export const fieldSchema = <A>(
  identifier: string,
  to: Schema.Codec<A>,
  validate: Validator<A>
): Schema.Codec<A, unknown> =>
  Schema.Unknown.pipe(
    Schema.decodeTo(
      to,
      SchemaTransformation.transformEffect<A, unknown>({
        decode: (input, options) => {
          const result = validate(input)
          return result.ok
            ? Effect.succeed(result.value)
            : Effect.fail(new SchemaIssue.InvalidValue({ message: result.errors[0]?.msg }, input, options))
        },
        encode: Effect.succeed
      })
    ),
    Schema.annotate({ identifier })
  )
