/**
 * The request body of `POST /v1/customer-sessions/`, validated exactly as Polar's pydantic does:
 * a union of a body keyed by `customer_id` and one keyed by `external_customer_id`.
 *
 * @since 0.2.0
 */
import * as RequestBodies from "@effect-polar/wire/RequestBodies"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { ValidationError } from "./HTTPValidationError.js"
import * as CompiledSchema from "./internal/compiledSchema.js"
import { toValidationError, validateWith } from "./internal/pydanticSchema.js"

/** The fields both bodies share, normalised. */
const shared = {
  memberId: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("member_id")),
  externalMemberId: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("external_member_id")),
  returnUrl: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("return_url"))
}

/**
 * A validated body keyed by Polar's customer id (`CustomerSessionCustomerIDCreate`), normalised as
 * pydantic normalises it.
 *
 * @since 0.2.0
 * @category Schemas
 */
export class CustomerSessionCustomerIDCreate
  extends Schema.Class<CustomerSessionCustomerIDCreate>(RequestBodies.CUSTOMER_ID_CREATE)({
    ...shared,
    customerId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("customer_id"))
  })
{}

/**
 * A validated body keyed by your own id of the customer (`CustomerSessionCustomerExternalIDCreate`;
 * the server also accepts the key `customer_external_id`).
 *
 * @since 0.2.0
 * @category Schemas
 */
export class CustomerSessionCustomerExternalIDCreate
  extends Schema.Class<CustomerSessionCustomerExternalIDCreate>(RequestBodies.CUSTOMER_EXTERNAL_ID_CREATE)({
    ...shared,
    externalCustomerId: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("external_customer_id"))
  })
{}

/**
 * A validated create-customer-session body: one of the two models, as the server's smart-mode
 * union chose it.
 *
 * @since 0.2.0
 * @category Models
 */
export type CustomerSessionCreate = CustomerSessionCustomerIDCreate | CustomerSessionCustomerExternalIDCreate

/**
 * What a caller passes to `CustomerSessions.create`: the customer by exactly one key (Polar's id or
 * your external id), optionally the member (by id or external id; the id wins when both are given)
 * and the URL the portal links back to. camelCase, not yet validated.
 *
 * @since 0.2.0
 * @category Models
 */
export type Input =
  & (
    | { readonly customerId: string; readonly externalCustomerId?: never }
    | { readonly externalCustomerId: string; readonly customerId?: never }
  )
  & {
    readonly memberId?: string | null | undefined
    readonly externalMemberId?: string | null | undefined
    readonly returnUrl?: string | null | undefined
  }

/**
 * The wire form of an `Input`, exactly as given.
 *
 * @since 0.2.0
 * @category Schemas
 */
export const InputWire = Schema.Struct({
  customerId: Schema.optional(Schema.Unknown).pipe(Schema.fromKey("customer_id")),
  externalCustomerId: Schema.optional(Schema.Unknown).pipe(Schema.fromKey("external_customer_id")),
  memberId: Schema.optional(Schema.Unknown).pipe(Schema.fromKey("member_id")),
  externalMemberId: Schema.optional(Schema.Unknown).pipe(Schema.fromKey("external_member_id")),
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
 * Validates a wire body as Polar's server does: on success the model the union chose, normalised;
 * on failure the errors of the 422 `detail` in the server's order: both members' failures, each
 * under the member's name (`["body", "CustomerSessionCustomerIDCreate", "customer_id"]`).
 *
 * @since 0.2.0
 * @category Validation
 */
export const validateWire: (body: unknown) => Either.Either<CustomerSessionCreate, ReadonlyArray<ValidationError>> =
  validateWith<CustomerSessionCreate>(RequestBodies.customerSessionCreate, {
    [RequestBodies.CUSTOMER_ID_CREATE]: CompiledSchema.decodeUnknownEither(CustomerSessionCustomerIDCreate),
    [RequestBodies.CUSTOMER_EXTERNAL_ID_CREATE]: CompiledSchema.decodeUnknownEither(
      CustomerSessionCustomerExternalIDCreate
    )
  })

/**
 * Validates what a caller passes to `CustomerSessions.create`: the answer the server would give for
 * the JSON text `toJson(input)`.
 *
 * @since 0.2.0
 * @category Validation
 */
export const validateInput = (input: Input): Either.Either<CustomerSessionCreate, ReadonlyArray<ValidationError>> =>
  validateWire(JSON.parse(toJson(input)))

/**
 * Validates a customer id as the `customer_id` field does (pydantic's `UUID4`): the canonical id,
 * or the errors located at `["body", "customer_id"]`.
 *
 * @since 0.2.0
 * @category Validation
 */
export const validateCustomerId = (customerId: unknown): Either.Either<string, ReadonlyArray<ValidationError>> => {
  const result = RequestBodies.customerId(customerId)
  return result.ok ? Either.right(result.value) : Either.left(result.errors.map(toValidationError))
}
