/**
 * The options every response decoder of the API uses.
 *
 * @internal
 */
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import type * as Schema from "effect/Schema"
import * as CompiledSchema from "./compiledSchema.js"

/**
 * A decoder of a response schema: every problem reported, unknown fields ignored (a response that
 * grows still decodes), through compiled code on the happy path.
 *
 * @internal
 */
export const responseDecoder = <A, I>(
  schema: Schema.Schema<A, I>
): (input: unknown) => Either.Either<A, ParseResult.ParseError> =>
  CompiledSchema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })
