/**
 * Schema building blocks shared by the models.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"

/**
 * An open enum: the known literals, and any other string so a value Polar adds tomorrow still
 * decodes today. The type keeps the literals for completion (`"a" | "b" | (string & {})`).
 *
 * Every string is accepted, so the schema is `Schema.String` at run time (a union of the literals
 * and `String` would try each of the up to ~250 literals before accepting the string anyway). The
 * known values stay in the annotations (`description`, `examples`).
 *
 * @internal
 */
export const openEnum = <const Literals extends ReadonlyArray<string>>(identifier: string, literals: Literals) =>
  // `Literals[number] | (string & {})` is the type `string` itself, with the literals kept for completion
  Schema.Opaque<Literals[number] | (string & {})>()(Schema.String.annotate({
    identifier,
    description: `one of ${literals.map((literal) => JSON.stringify(literal)).join(", ")}, or a value added later`,
    examples: literals
  }))

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * The instants an ISO 8601 string without an expanded year holds: years 0000 to 9999 (UTC). A
 * `Date` outside them would encode to `+010000-…`, which is not an ISO 8601 datetime any more;
 * arbitraries derived from the schema stay inside them too.
 */
const IsoYears = Schema.isBetweenDate({
  minimum: new Date("0000-01-01T00:00:00.000Z"),
  maximum: new Date("9999-12-31T23:59:59.999Z")
})

/**
 * An ISO 8601 datetime string (as pydantic emits it, for example `2026-11-21T10:00:00.123456Z`)
 * decoded to a `Date`; encoded with `toISOString`. Fractional digits beyond milliseconds are
 * dropped, as `Date` cannot hold them.
 *
 * @internal
 */
export const DateTime = Schema.String.check(
  Schema.isPattern(ISO_DATE_TIME, { expected: "an ISO 8601 datetime" })
).pipe(
  Schema.decodeTo(Schema.Date.check(IsoYears), SchemaTransformation.dateFromString),
  Schema.annotate({ identifier: "DateTime" })
)

/**
 * A UUID string of any version (hyphenated hexadecimal, any case), so that a server-side change of
 * id scheme does not break decoding.
 *
 * @internal
 */
export const Uuid = Schema.String.check(Schema.isGUID()).annotate({ identifier: "Uuid" })

/**
 * A secret string: `string` on the wire, `Redacted<string>` once decoded (printing, logging,
 * inspecting or `JSON.stringify`-ing it shows `<redacted>`).
 *
 * @internal
 */
export const RedactedString = Schema.RedactedFromValue(Schema.String)

/**
 * A nullable field that a server generation may leave out: absent decodes to `null` (and encodes
 * as `null`).
 *
 * @internal
 */
export const nullableOptional = <S extends Schema.Top>(
  schema: S
): Schema.withDecodingDefaultKey<Schema.NullOr<S>> =>
  Schema.NullOr(schema).pipe(Schema.withDecodingDefaultKey(Effect.succeed(null)))
