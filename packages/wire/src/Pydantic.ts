/**
 * The vocabulary of the pydantic re-implementation (what a validator answers, as pydantic-core
 * answers it, and the errors FastAPI puts in a 422 `detail`) and the field validators Polar's
 * request models use: `UUID4` and `HttpUrl | None`.
 *
 * Nothing here depends on Effect: each line of the client wraps these answers in its own types
 * (`Either`, `ValidationError`, schemas).
 *
 * @example
 * ```ts
 * import { Pydantic } from "@effect-polar/wire"
 *
 * const result = Pydantic.uuid4("3B9E5F1A2C4D4E8F9A0B1C2D3E4F5A6B")
 * // { ok: true, value: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", exactness: 0 }
 * const refused = Pydantic.uuid4("not-a-uuid")
 * // { ok: false, errors: [{ type: "uuid_parsing", loc: [], msg: "Input should be a valid UUID, ...", ... }] }
 * ```
 *
 * @since 0.2.0
 */
import { nullable } from "./internal/pydantic/model.js"
import { httpUrl as httpUrlValidator, MAX_LENGTH } from "./internal/pydantic/url.js"
import { uuid } from "./internal/pydantic/uuid.js"
import { prefixed } from "./internal/pydantic/validation.js"

/**
 * Where an error is: field names (or a union member's title) and positions, from the outside in
 * (`["body", "member_id"]`).
 *
 * @since 0.2.0
 * @category Models
 */
export type Loc = ReadonlyArray<string | number>

/**
 * One pydantic error as FastAPI reports it in a 422 `detail` (after `jsonable_encoder`): its
 * `type` (stable), `loc`, `msg` (pydantic's wording), the offending `input` and, for some types,
 * a `ctx`.
 *
 * @since 0.2.0
 * @category Models
 */
export interface LineError {
  readonly type: string
  readonly loc: Loc
  readonly msg: string
  readonly input: unknown
  readonly ctx?: { readonly [key: string]: unknown } | undefined
}

/**
 * How closely an input matched its type, as pydantic-core's smart unions rank successes:
 * `0` lax (coerced, for example a UUID from a string), `1` strict, `2` exact (the input already
 * was the type).
 *
 * @since 0.2.0
 * @category Models
 */
export type Exactness = 0 | 1 | 2

/**
 * What a validator answers: the validated value with its exactness (and, for a model, how many
 * of its fields the input set), or its errors, in pydantic's order.
 *
 * @since 0.2.0
 * @category Models
 */
export type Validation<A> =
  | { readonly ok: true; readonly value: A; readonly exactness: Exactness; readonly fieldsSet?: number | undefined }
  | { readonly ok: false; readonly errors: ReadonlyArray<LineError> }

/**
 * A validator of a JSON value (what `JSON.parse` answers), as pydantic-core validates it in
 * Python mode (how FastAPI validates a parsed request body).
 *
 * @since 0.2.0
 * @category Models
 */
export type Validator<A> = (input: unknown) => Validation<A>

/**
 * A validated model: its title (the class name, which tells the members of a union apart) and its
 * `model_dump(mode="json")`, keyed by the Python field names.
 *
 * @since 0.2.0
 * @category Models
 */
export interface Model {
  readonly title: string
  readonly value: { readonly [name: string]: unknown }
}

/**
 * pydantic's `UUID4`: a string the Rust `uuid` crate parses (simple, hyphenated, braced or
 * `urn:uuid:`, any case) whose version, as Python's `uuid` module reports it (only in the RFC 4122
 * variant), is 4. Answers the canonical form (lower case, hyphenated); errors are located at `[]`.
 *
 * @since 0.2.0
 * @category Validators
 */
export const uuid4: Validator<string> = uuid(4)

/**
 * pydantic's maximum length of an `HttpUrl`, in UTF-8 bytes of the input: 2083.
 *
 * @since 0.2.0
 * @category Validators
 */
export const URL_MAX_LENGTH: number = MAX_LENGTH

/**
 * pydantic's `HttpUrl`: a string of at most 2083 bytes that the Rust `url` crate (2.5.8, with the
 * `idna` crate's UTS 46 processing) parses as an absolute `http` or `https` URL. Answers the URL as
 * `model_dump(mode="json")` writes it (lower-case scheme and host, punycoded host, percent-encoded
 * path, `/` when there is no path). No platform `URL` is used: every runtime answers alike.
 *
 * @since 0.2.0
 * @category Validators
 */
export const httpUrl: Validator<string> = httpUrlValidator

/**
 * pydantic's `HttpUrl | None`: `null`, or an `HttpUrl`.
 *
 * @since 0.2.0
 * @category Validators
 */
export const httpUrlOrNull: Validator<string | null> = nullable(httpUrlValidator)

/**
 * The errors of a validator, located under `prefix` (as pydantic locates a field's errors under
 * the field's name, and FastAPI a body's under `body`).
 *
 * @since 0.2.0
 * @category Validators
 */
export const locate = (errors: ReadonlyArray<LineError>, prefix: Loc): ReadonlyArray<LineError> =>
  prefixed(errors, prefix)
