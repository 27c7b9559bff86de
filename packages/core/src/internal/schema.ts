/**
 * Schema building blocks shared by the models.
 *
 * @internal
 */
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * An open enum: the known literals, and any other string so a value Polar adds tomorrow still
 * decodes today. The type keeps the literals for completion (`"a" | "b" | (string & {})`).
 *
 * Every string is accepted, so the schema is `Schema.String` at run time: a `Union` of the
 * literals and `String` would try each of the (up to ~250) literals in turn before accepting the
 * string anyway (30 µs for one country code, see `packages/bench/README.md`). The known values
 * stay in the annotations (`examples`, JSON Schema `enum` hint, arbitrary).
 *
 * @internal
 */
export const openEnum = <const Literals extends ReadonlyArray<string>>(
  identifier: string,
  literals: Literals
): Schema.Schema<Literals[number] | (string & {})> =>
  Schema.String.annotations({
    identifier,
    description: `one of ${literals.map((literal) => JSON.stringify(literal)).join(", ")}, or a value added later`,
    examples: [literals[0] ?? "", ...literals.slice(1)],
    // generated values: mostly the known literals, sometimes a string no literal matches
    arbitrary: () => (fc) =>
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...literals) }, { weight: 1, arbitrary: fc.string() })
  })

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * An ISO 8601 datetime string (as pydantic emits it, for example `2026-11-21T10:00:00.123456Z`)
 * decoded to a `Date`. Fractional digits beyond milliseconds are dropped, as `Date` cannot hold them.
 *
 * @internal
 */
export const DateTime: Schema.Schema<Date, string> = Schema.compose(
  Schema.String.pipe(Schema.pattern(ISO_DATE_TIME, { description: "an ISO 8601 datetime" })),
  Schema.Date
).annotations({
  identifier: "DateTime",
  // years 0000-9999: what an ISO 8601 string without an expanded year can hold
  arbitrary: () => (fc) => fc.date({ min: new Date(0), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true })
})

/**
 * A UUID string (any version, so that a server-side change of id scheme does not break decoding).
 *
 * @internal
 */
export const Uuid: typeof Schema.UUID = Schema.UUID

/**
 * A secret string: `string` on the wire, `Redacted<string>` once decoded.
 *
 * The same contract as `Schema.Redacted(Schema.String)` at a third of the cost: that schema
 * wraps the string, then unwraps, re-checks and wraps it again (two `Redacted` registrations per
 * field); this one wraps once and checks the result is a `Redacted` holding a string.
 *
 * @internal
 */
export const RedactedString: Schema.Schema<Redacted.Redacted<string>, string> = Schema.transform(
  Schema.String,
  Schema.declare(
    (input): input is Redacted.Redacted<string> =>
      Redacted.isRedacted(input) && typeof Redacted.value(input) === "string",
    {
      identifier: "Redacted<string>",
      description: "a secret string",
      pretty: () => () => "<redacted>",
      arbitrary: () => (fc) => fc.string().map((value) => Redacted.make(value)),
      equivalence: () => (self, that) => Redacted.value(self) === Redacted.value(that)
    }
  ),
  { strict: true, decode: (value) => Redacted.make(value), encode: (redacted) => Redacted.value(redacted) }
).annotations({ identifier: "RedactedString" })
