/**
 * Schema building blocks shared by the models.
 *
 * @internal
 */
import * as Schema from "effect/Schema"

/**
 * An open enum: the known literals, and any other string so a value Polar adds tomorrow still
 * decodes today. The type keeps the literals for completion (`"a" | "b" | (string & {})`).
 *
 * @internal
 */
export const openEnum = <const Literals extends ReadonlyArray<string>>(
  identifier: string,
  literals: Literals
): Schema.Schema<Literals[number] | (string & {})> =>
  Schema.Union(Schema.Literal(...literals), Schema.String).annotations({ identifier })

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
