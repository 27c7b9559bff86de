/**
 * Customer sessions: `CustomerSessions.create` sends a customer, or one member of it, into Polar's
 * customer portal, with the endpoint Polar serves today (`POST /v1/customer-sessions/`).
 *
 * @since 1.0.0
 */
import * as CustomerSession from "@effect-polar/core/CustomerSession"
import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as RequestBodies from "@effect-polar/wire/RequestBodies"
import type * as Effect from "effect/Effect"
import * as Operation from "./internal/operation.js"
import type { CallOptions, PolarClient } from "./PolarClient.js"

/**
 * The request of `create`: the customer by exactly one key (`customerId`, Polar's id, or
 * `externalCustomerId`, yours), optionally the member (`memberId` or `externalMemberId`) and the
 * URL the portal links back to.
 *
 * @since 1.0.0
 * @category Models
 */
export type CreateRequest = CustomerSessionCreate.Input

/**
 * Per-call options of `create`; they override the layer's.
 *
 * @since 1.0.0
 * @category Models
 */
export type CreateOptions = CallOptions

/**
 * The path of the endpoint (the trailing slash is part of it).
 *
 * @since 1.0.0
 * @category Constants
 */
export const path = "/v1/customer-sessions/"

/**
 * Creates a customer session (`POST /v1/customer-sessions/`, scope `customer_sessions:write`).
 *
 * When the customer's organization has the member model on, Polar creates a member session (its
 * `token` starts `polar_mst_`): for the member given, for an individual customer's owner when none
 * is, and never for a team customer without a member (`member_id is required for team
 * customers.`). Otherwise it creates a customer session (`polar_cst_`) and ignores the member.
 *
 * The body is validated first with the server's own rules (a union of two models: errors name the
 * model in `loc` and report both models' failures): an invalid one fails with
 * `HTTPValidationError` and nothing is sent. What is sent is the JSON that was validated, values as
 * given. Polar's own refusals (`Customer does not exist.`, `Member does not exist for this
 * customer.`, `member_id is required for team customers.`) are `HTTPValidationError`s with
 * `statusCode: 422`; an external customer id several of the token's organizations share is an
 * `SDKError` 409 whose message says how to disambiguate. Retries, timeout, span: as every call.
 *
 * @example
 * ```ts
 * import { CustomerSessions } from "@effect-polar/client"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const portalUrl = CustomerSessions.create({
 *   externalCustomerId: "org_42",
 *   externalMemberId: "usr_1337",
 *   returnUrl: "https://example.com/account"
 * }).pipe(Effect.map((session) => Redacted.value(session.customerPortalUrl)))
 * ```
 *
 * @since 1.0.0
 * @category Operations
 */
export const create: (
  request: CreateRequest,
  options?: CreateOptions
) => Effect.Effect<CustomerSession.CustomerSession, HTTPValidationError | SDKError, PolarClient> = Operation.create({
  name: "CustomerSessions.create",
  path,
  toJson: CustomerSessionCreate.toJson,
  validate: CustomerSessionCreate.validateWire,
  accepts: (body) => RequestBodies.customerSessionCreate(body).ok,
  decode: CustomerSession.decodeUnknownResult
})
