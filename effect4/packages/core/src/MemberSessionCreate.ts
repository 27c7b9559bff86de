/**
 * The request body of the legacy `POST /v1/member-sessions/`, validated exactly as Polar's
 * pydantic did.
 *
 * @since 1.0.0
 */
import * as Pydantic from "@effect-polar/wire/Pydantic"
import * as RequestBodies from "@effect-polar/wire/RequestBodies"
import type * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { ValidationError } from "./HTTPValidationError.js"
import { compiledDecoder } from "./internal/decoding.js"
import { fieldSchema, validateWith } from "./internal/pydanticSchema.js"
import { inputEncoder } from "./internal/requestInput.js"

/**
 * A member id as pydantic's `UUID4` accepts it: any form the Rust `uuid` crate parses (upper
 * case, without hyphens, `urn:uuid:` prefix, braces) whose version is 4 (with the RFC 4122
 * variant). Decodes to the lower-case hyphenated form; refuses with pydantic's message.
 *
 * @example
 * ```ts
 * import { MemberSessionCreate } from "@effect-polar/core"
 * import * as Schema from "effect/Schema"
 *
 * Schema.decodeUnknownSync(MemberSessionCreate.Uuid4)("3B9E5F1A2C4D4E8F9A0B1C2D3E4F5A6B")
 * // "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
 * ```
 *
 * @since 1.0.0
 * @category Schemas
 */
export const Uuid4: Schema.Codec<string, unknown> = fieldSchema("UUID4", Schema.String, Pydantic.uuid4)

/**
 * A return URL as pydantic's `HttpUrl | None` accepts it: `null`, or an absolute `http`/`https`
 * URL of at most 2083 bytes. Decodes to the normalised URL (`https://example.com` becomes
 * `https://example.com/`, an IDN host is punycoded, spaces in the path are percent-encoded).
 *
 * @since 1.0.0
 * @category Schemas
 */
export const HttpUrlOrNull: Schema.Codec<string | null, unknown> = fieldSchema(
  "HttpUrl",
  Schema.NullOr(Schema.String),
  Pydantic.httpUrlOrNull
)

/**
 * A validated create-member-session body, normalised as pydantic normalises it (the member id in
 * canonical form, the URL as pydantic serialises it). `MemberSessionCreateWire` is its wire form
 * (`{ member_id, return_url }`).
 *
 * @since 1.0.0
 * @category Schemas
 */
export class MemberSessionCreate extends Schema.Class<MemberSessionCreate>(RequestBodies.MEMBER_SESSION_CREATE)({
  memberId: Schema.String,
  returnUrl: Schema.NullOr(Schema.String)
}) {}

/**
 * A `MemberSessionCreate` as it goes on the wire (`{ member_id, return_url }`): decodes the wire
 * object to a `MemberSessionCreate`, encodes a `MemberSessionCreate` back to it.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const MemberSessionCreateWire = MemberSessionCreate.pipe(
  Schema.encodeKeys({ memberId: "member_id", returnUrl: "return_url" })
)

/**
 * What a caller passes to `MemberSessions.create`: camelCase, not yet validated.
 *
 * @since 1.0.0
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
 * @since 1.0.0
 * @category Schemas
 */
export const InputWire = Schema.Struct({
  memberId: Schema.optional(Schema.Unknown),
  returnUrl: Schema.optional(Schema.Unknown)
}).pipe(Schema.encodeKeys({ memberId: "member_id", returnUrl: "return_url" }))

/**
 * The body sent for an `Input`: its fields under their wire names, values untouched.
 *
 * @since 1.0.0
 * @category Encoding
 */
export const encodeInput: (input: Input) => unknown = inputEncoder(InputWire)

/**
 * The JSON text of the body sent for an `Input` (what `validateInput` validates).
 *
 * @since 1.0.0
 * @category Encoding
 */
export const toJson = (input: Input): string => JSON.stringify(encodeInput(input))

/**
 * Validates a wire body (`{ member_id, return_url }`) as Polar's server did: on success the
 * normalised `MemberSessionCreate`, on failure the errors of the 422 `detail`, in the server's
 * order, with its `type`, `loc`, `msg`, `input` and `ctx`.
 *
 * @since 1.0.0
 * @category Validation
 */
export const validateWire: (body: unknown) => Result.Result<MemberSessionCreate, ReadonlyArray<ValidationError>> =
  validateWith(RequestBodies.memberSessionCreate, {
    [RequestBodies.MEMBER_SESSION_CREATE]: compiledDecoder(MemberSessionCreateWire)
  })

/**
 * Validates what a caller passes to `MemberSessions.create`: the answer the server would give for
 * the JSON text `toJson(input)` (what a JSON value means on the wire: an `undefined` field is
 * absent, a `Date` is its ISO string), errors located by wire name (`["body", "member_id"]`).
 *
 * @example
 * ```ts
 * import { MemberSessionCreate } from "@effect-polar/core"
 * import * as Result from "effect/Result"
 *
 * const result = MemberSessionCreate.validateInput({
 *   memberId: "not-a-uuid",
 *   returnUrl: "ftp://example.com"
 * })
 * if (Result.isFailure(result)) {
 *   console.log(result.failure.map((error) => `${error.loc.join(".")}: ${error.type}`))
 *   // ["body.member_id: uuid_parsing", "body.return_url: url_scheme"]
 * }
 * ```
 *
 * @since 1.0.0
 * @category Validation
 */
export const validateInput = (input: Input): Result.Result<MemberSessionCreate, ReadonlyArray<ValidationError>> =>
  validateWire(JSON.parse(toJson(input)))
