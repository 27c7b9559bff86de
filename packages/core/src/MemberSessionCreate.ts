/**
 * The request body of the legacy `POST /v1/member-sessions/`, validated exactly as Polar's
 * pydantic did.
 *
 * @since 0.1.0
 */
import * as Pydantic from "@effect-polar/wire/Pydantic"
import * as RequestBodies from "@effect-polar/wire/RequestBodies"
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { ValidationError } from "./HTTPValidationError.js"
import * as CompiledSchema from "./internal/compiledSchema.js"
import { fieldSchema, validateWith } from "./internal/pydanticSchema.js"

/**
 * A member id as pydantic's `UUID4` accepts it: any form the Rust `uuid` crate parses (upper
 * case, without hyphens, `urn:uuid:` prefix, braces) whose version is 4 (with the RFC 4122
 * variant). Decodes to the lower-case hyphenated form.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Uuid4: Schema.Schema<string, unknown> = fieldSchema("UUID4", Schema.String, Pydantic.uuid4)

/**
 * A return URL as pydantic's `HttpUrl | None` accepts it: `null`, or an absolute `http`/`https`
 * URL of at most 2083 bytes. Decodes to the normalised URL (`https://example.com` becomes
 * `https://example.com/`, an IDN host is punycoded, spaces in the path are percent-encoded).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const HttpUrlOrNull: Schema.Schema<string | null, unknown> = fieldSchema(
  "HttpUrl",
  Schema.NullOr(Schema.String),
  Pydantic.httpUrlOrNull
)

/**
 * A validated create-member-session body, normalised as pydantic normalises it (the member id in
 * canonical form, the URL as pydantic serialises it). Encodes to the wire form
 * (`{ member_id, return_url }`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class MemberSessionCreate extends Schema.Class<MemberSessionCreate>(RequestBodies.MEMBER_SESSION_CREATE)({
  memberId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("member_id")),
  returnUrl: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("return_url"))
}) {}

/**
 * What a caller passes to `MemberSessions.create`: camelCase, not yet validated.
 *
 * @since 0.2.0
 * @category Models
 */
export interface Input {
  readonly memberId: string
  readonly returnUrl?: string | null | undefined
}

/**
 * The wire form of an `Input`, exactly as given (the server validates what it receives, and a
 * normalised URL can be longer than the one given).
 *
 * @since 0.2.0
 * @category Schemas
 */
export const InputWire = Schema.Struct({
  memberId: Schema.propertySignature(Schema.Unknown).pipe(Schema.fromKey("member_id")),
  returnUrl: Schema.optional(Schema.Unknown).pipe(Schema.fromKey("return_url"))
})

const encodeWire = CompiledSchema.encodeEither(InputWire)

/**
 * The body sent for an `Input`: its fields under their wire names, values untouched.
 *
 * @since 0.2.0
 * @category Encoding
 */
export const encodeInput = (input: Input): unknown => {
  const encoded = encodeWire(input)
  // Unknown values always encode
  return encoded._tag === "Right" ? encoded.right : input
}

/**
 * The JSON text of the body sent for an `Input` (what `validateInput` validates).
 *
 * @since 0.2.0
 * @category Encoding
 */
export const toJson = (input: Input): string => JSON.stringify(encodeInput(input))

/**
 * Validates a wire body (`{ member_id, return_url }`) as Polar's server did: on success the
 * normalised `MemberSessionCreate`, on failure the errors of the 422 `detail`, in the server's
 * order, with its `type`, `loc`, `msg`, `input` and `ctx`.
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateWire: (body: unknown) => Either.Either<MemberSessionCreate, ReadonlyArray<ValidationError>> =
  validateWith(RequestBodies.memberSessionCreate, {
    [RequestBodies.MEMBER_SESSION_CREATE]: CompiledSchema.decodeUnknownEither(MemberSessionCreate)
  })

/**
 * Validates what a caller passes to `MemberSessions.create`: the answer the server would give for
 * the JSON text `toJson(input)` (what a JSON value means on the wire: an `undefined` field is absent, a
 * `Date` is its ISO string), errors located by wire name (`["body", "member_id"]`).
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateInput = (input: Input): Either.Either<MemberSessionCreate, ReadonlyArray<ValidationError>> =>
  validateWire(JSON.parse(toJson(input)))
