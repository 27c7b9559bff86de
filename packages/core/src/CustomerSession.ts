/**
 * A customer session: a short-lived token that logs a customer, or one member of it, into Polar's
 * customer portal. What `POST /v1/customer-sessions/` answers today.
 *
 * @since 0.2.0
 */
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { Customer } from "./Customer.js"
import { responseDecoder } from "./internal/decoding.js"
import { DateTime, RedactedString, Uuid } from "./internal/schema.js"

/**
 * The `201 Created` body of `POST /v1/customer-sessions/`.
 *
 * When the customer's organization has the member model on, the session is a member session
 * (`token` starts `polar_mst_`, for the member the request named, or an individual customer's
 * owner); otherwise a customer session (`polar_cst_`). `token` and `customerPortalUrl` carry the
 * secret, so they decode to `Redacted<string>`: printing, logging or `JSON.stringify`-ing a session
 * shows `<redacted>`; unwrap with `Redacted.value` where you redirect.
 *
 * @example
 * ```ts
 * import { CustomerSessions } from "@effect-polar/client"
 * import { Effect, Redacted } from "effect"
 *
 * const portalUrl = CustomerSessions.create({ customerId: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6" }).pipe(
 *   Effect.map((session) => Redacted.value(session.customerPortalUrl))
 * )
 * ```
 *
 * @since 0.2.0
 * @category Schemas
 */
export class CustomerSession extends Schema.Class<CustomerSession>("CustomerSession")({
  createdAt: Schema.propertySignature(DateTime).pipe(Schema.fromKey("created_at")),
  modifiedAt: Schema.propertySignature(Schema.NullOr(DateTime)).pipe(Schema.fromKey("modified_at")),
  id: Uuid,
  token: RedactedString,
  expiresAt: Schema.propertySignature(DateTime).pipe(Schema.fromKey("expires_at")),
  returnUrl: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("return_url")),
  customerPortalUrl: Schema.propertySignature(RedactedString).pipe(Schema.fromKey("customer_portal_url")),
  customerId: Schema.propertySignature(Uuid).pipe(Schema.fromKey("customer_id")),
  customer: Customer
}) {
  /**
   * Whether the session logs in one member (`polar_mst_` token: the organization has the member
   * model on) rather than the customer as a whole (`polar_cst_`).
   *
   * @since 0.2.0
   */
  get isMemberSession(): boolean {
    return Redacted.value(this.token).startsWith("polar_mst_")
  }
}

/**
 * Decodes a `201` body (parsed JSON) into a `CustomerSession`: every problem reported, unknown
 * fields ignored.
 *
 * @since 0.2.0
 * @category Decoding
 */
export const decodeUnknownEither: (input: unknown) => Either.Either<CustomerSession, ParseResult.ParseError> =
  responseDecoder(CustomerSession)
