/**
 * A customer session: a short-lived token that logs a customer, or one member of it, into Polar's
 * customer portal. What `POST /v1/customer-sessions/` answers today.
 *
 * @since 1.0.0
 */
import * as Redacted from "effect/Redacted"
import type * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { CustomerWire } from "./Customer.js"
import { compiledDecoder } from "./internal/decoding.js"
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
 * The class holds the camelCase fields; `CustomerSessionWire` is its wire form.
 *
 * @example
 * ```ts
 * import { CustomerSession } from "@effect-polar/core"
 * import * as Redacted from "effect/Redacted"
 * import * as Result from "effect/Result"
 *
 * declare const body: unknown // the parsed JSON of a 201 answer
 * const redirectTo = Result.match(CustomerSession.decodeUnknownResult(body), {
 *   onFailure: (error) => `/error?reason=${encodeURIComponent(error.message)}`,
 *   onSuccess: (session) => Redacted.value(session.customerPortalUrl)
 * })
 * ```
 *
 * @since 1.0.0
 * @category Schemas
 */
export class CustomerSession extends Schema.Class<CustomerSession>("CustomerSession")({
  createdAt: DateTime,
  modifiedAt: Schema.NullOr(DateTime),
  id: Uuid,
  token: RedactedString,
  expiresAt: DateTime,
  returnUrl: Schema.NullOr(Schema.String),
  customerPortalUrl: RedactedString,
  customerId: Uuid,
  customer: CustomerWire
}) {
  /**
   * Whether the session logs in one member (`polar_mst_` token: the organization has the member
   * model on) rather than the customer as a whole (`polar_cst_`).
   *
   * @since 1.0.0
   */
  get isMemberSession(): boolean {
    return Redacted.value(this.token).startsWith("polar_mst_")
  }
}

/**
 * A `CustomerSession` as Polar sends it (snake_case keys, secrets as plain strings): decodes the
 * wire object to a `CustomerSession`, encodes a `CustomerSession` back to it.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const CustomerSessionWire = CustomerSession.pipe(Schema.encodeKeys({
  createdAt: "created_at",
  modifiedAt: "modified_at",
  expiresAt: "expires_at",
  returnUrl: "return_url",
  customerPortalUrl: "customer_portal_url",
  customerId: "customer_id"
}))

/**
 * Decodes a `201` body (parsed JSON) into a `CustomerSession`: every problem reported, unknown
 * fields ignored. Effect 4's `Result` in place of the 0.x line's `decodeUnknownEither`.
 *
 * @since 1.0.0
 * @category Decoding
 */
export const decodeUnknownResult: (input: unknown) => Result.Result<CustomerSession, Schema.SchemaError> =
  compiledDecoder(CustomerSessionWire)
