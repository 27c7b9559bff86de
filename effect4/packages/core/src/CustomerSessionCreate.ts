/**
 * The request body of `POST /v1/customer-sessions/`, validated exactly as Polar's pydantic does:
 * a union of a body keyed by `customer_id` and one keyed by `external_customer_id`.
 *
 * @since 1.0.0
 */
import * as RequestBodies from "@effect-polar/wire/RequestBodies"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { ValidationError } from "./HTTPValidationError.js"
import { compiledDecoder } from "./internal/decoding.js"
import { toDetail, validateWith } from "./internal/pydanticSchema.js"
import { inputEncoder } from "./internal/requestInput.js"

/** The fields both bodies share, normalised. */
const shared = {
  memberId: Schema.NullOr(Schema.String),
  externalMemberId: Schema.NullOr(Schema.String),
  returnUrl: Schema.NullOr(Schema.String)
}

/** The wire names of the fields both bodies share. */
const sharedKeys = { memberId: "member_id", externalMemberId: "external_member_id", returnUrl: "return_url" } as const

/**
 * A validated body keyed by Polar's customer id (`CustomerSessionCustomerIDCreate`), normalised as
 * pydantic normalises it. `CustomerSessionCustomerIDCreateWire` is its wire form.
 *
 * @since 1.0.0
 * @category Schemas
 */
export class CustomerSessionCustomerIDCreate
  extends Schema.Class<CustomerSessionCustomerIDCreate>(RequestBodies.CUSTOMER_ID_CREATE)({
    ...shared,
    customerId: Schema.String
  })
{}

/**
 * A `CustomerSessionCustomerIDCreate` as it goes on the wire (`customer_id`, `member_id`,
 * `external_member_id`, `return_url`).
 *
 * @since 1.0.0
 * @category Schemas
 */
export const CustomerSessionCustomerIDCreateWire = CustomerSessionCustomerIDCreate.pipe(
  Schema.encodeKeys({ ...sharedKeys, customerId: "customer_id" })
)

/**
 * A validated body keyed by your own id of the customer (`CustomerSessionCustomerExternalIDCreate`;
 * the server also accepts the key `customer_external_id`). `CustomerSessionCustomerExternalIDCreateWire`
 * is its wire form.
 *
 * @since 1.0.0
 * @category Schemas
 */
export class CustomerSessionCustomerExternalIDCreate
  extends Schema.Class<CustomerSessionCustomerExternalIDCreate>(RequestBodies.CUSTOMER_EXTERNAL_ID_CREATE)({
    ...shared,
    externalCustomerId: Schema.String
  })
{}

/**
 * A `CustomerSessionCustomerExternalIDCreate` as it goes on the wire (`external_customer_id`,
 * `member_id`, `external_member_id`, `return_url`).
 *
 * @since 1.0.0
 * @category Schemas
 */
export const CustomerSessionCustomerExternalIDCreateWire = CustomerSessionCustomerExternalIDCreate.pipe(
  Schema.encodeKeys({ ...sharedKeys, externalCustomerId: "external_customer_id" })
)

/**
 * A validated create-customer-session body: one of the two models, as the server's smart-mode
 * union chose it.
 *
 * @since 1.0.0
 * @category Models
 */
export type CustomerSessionCreate = CustomerSessionCustomerIDCreate | CustomerSessionCustomerExternalIDCreate

/**
 * What a caller passes to `CustomerSessions.create`: the customer by exactly one key (Polar's id or
 * your external id), optionally the member (by id or external id; the id wins when both are given)
 * and the URL the portal links back to. camelCase, not yet validated.
 *
 * @since 1.0.0
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
 * @since 1.0.0
 * @category Schemas
 */
export const InputWire = Schema.Struct({
  customerId: Schema.optional(Schema.Unknown),
  externalCustomerId: Schema.optional(Schema.Unknown),
  memberId: Schema.optional(Schema.Unknown),
  externalMemberId: Schema.optional(Schema.Unknown),
  returnUrl: Schema.optional(Schema.Unknown)
}).pipe(Schema.encodeKeys({ ...sharedKeys, customerId: "customer_id", externalCustomerId: "external_customer_id" }))

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
 * Validates a wire body as Polar's server does: on success the model the union chose, normalised;
 * on failure the errors of the 422 `detail` in the server's order: both members' failures, each
 * under the member's name (`["body", "CustomerSessionCustomerIDCreate", "customer_id"]`).
 *
 * @since 1.0.0
 * @category Validation
 */
export const validateWire: (body: unknown) => Result.Result<CustomerSessionCreate, ReadonlyArray<ValidationError>> =
  validateWith<CustomerSessionCreate>(RequestBodies.customerSessionCreate, {
    [RequestBodies.CUSTOMER_ID_CREATE]: compiledDecoder(CustomerSessionCustomerIDCreateWire),
    [RequestBodies.CUSTOMER_EXTERNAL_ID_CREATE]: compiledDecoder(CustomerSessionCustomerExternalIDCreateWire)
  })

/**
 * Validates what a caller passes to `CustomerSessions.create`: the answer the server would give for
 * the JSON text `toJson(input)`.
 *
 * @example
 * ```ts
 * import { CustomerSessionCreate } from "@effect-polar/core"
 * import * as Result from "effect/Result"
 *
 * const body = CustomerSessionCreate.validateInput({
 *   externalCustomerId: "org_42",
 *   returnUrl: "https://example.com"
 * })
 * if (Result.isSuccess(body)) {
 *   console.log(body.success instanceof CustomerSessionCreate.CustomerSessionCustomerExternalIDCreate) // true
 *   console.log(body.success.returnUrl) // "https://example.com/"
 * }
 * ```
 *
 * @since 1.0.0
 * @category Validation
 */
export const validateInput = (input: Input): Result.Result<CustomerSessionCreate, ReadonlyArray<ValidationError>> =>
  validateWire(JSON.parse(toJson(input)))

/**
 * Validates a customer id as the `customer_id` field does (pydantic's `UUID4`): the canonical id,
 * or the errors located at `["body", "customer_id"]`.
 *
 * @since 1.0.0
 * @category Validation
 */
export const validateCustomerId = (customerId: unknown): Result.Result<string, ReadonlyArray<ValidationError>> => {
  const result = RequestBodies.customerId(customerId)
  return result.ok ? Result.succeed(result.value) : Result.fail(toDetail(result.errors))
}
