/**
 * A member session: a short-lived token that logs one member into Polar's customer portal.
 *
 * @since 1.0.0
 */
import type * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { CustomerWire } from "./Customer.js"
import { compiledDecoder } from "./internal/decoding.js"
import { DateTime, RedactedString, Uuid } from "./internal/schema.js"
import { MemberWire } from "./Member.js"

/**
 * The `201 Created` body of `POST /v1/member-sessions/`.
 *
 * `token` and `memberPortalUrl` carry the session secret, so they decode to
 * `Redacted<string>`: printing, logging, inspecting or `JSON.stringify`-ing a session shows
 * `<redacted>`. Unwrap with `Redacted.value` where you need it, typically to redirect.
 *
 * Unknown response fields are ignored and enum fields are open, so a response that gains a
 * field or an enum value still decodes. The class holds the camelCase fields (its `member` and
 * `customer` are a `Member` and a `Customer`); `MemberSessionWire` is its wire form.
 *
 * @example
 * ```ts
 * import { MemberSession } from "@effect-polar/core"
 * import * as Redacted from "effect/Redacted"
 * import * as Result from "effect/Result"
 *
 * declare const body: unknown // the parsed JSON of a 201 answer
 * const portalUrl = Result.map(
 *   MemberSession.decodeUnknownResult(body),
 *   (session) => Redacted.value(session.memberPortalUrl)
 * )
 * ```
 *
 * @since 1.0.0
 * @category Schemas
 */
export class MemberSession extends Schema.Class<MemberSession>("MemberSession")({
  createdAt: DateTime,
  modifiedAt: Schema.NullOr(DateTime),
  id: Uuid,
  token: RedactedString,
  expiresAt: DateTime,
  returnUrl: Schema.NullOr(Schema.String),
  memberPortalUrl: RedactedString,
  memberId: Uuid,
  member: MemberWire,
  customerId: Uuid,
  customer: CustomerWire
}) {}

/**
 * A `MemberSession` as Polar sends it (snake_case keys, secrets as plain strings): decodes the
 * wire object to a `MemberSession`, encodes a `MemberSession` back to it.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const MemberSessionWire = MemberSession.pipe(Schema.encodeKeys({
  createdAt: "created_at",
  modifiedAt: "modified_at",
  expiresAt: "expires_at",
  returnUrl: "return_url",
  memberPortalUrl: "member_portal_url",
  memberId: "member_id",
  customerId: "customer_id"
}))

/**
 * Decodes a response body (parsed JSON) into a `MemberSession`: every problem reported, unknown
 * fields ignored. Effect 4's `Result` in place of the 0.x line's `decodeUnknownEither`.
 *
 * @since 1.0.0
 * @category Decoding
 */
export const decodeUnknownResult: (input: unknown) => Result.Result<MemberSession, Schema.SchemaError> =
  compiledDecoder(MemberSessionWire)
