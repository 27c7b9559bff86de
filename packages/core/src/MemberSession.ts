/**
 * A member session: a short-lived token that logs one member into Polar's customer portal.
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Customer } from "./Customer.js"
import { responseDecoder } from "./internal/decoding.js"
import { DateTime, RedactedString, Uuid } from "./internal/schema.js"
import { Member } from "./Member.js"

/**
 * The `201 Created` body of `POST /v1/member-sessions/`.
 *
 * `token` and `memberPortalUrl` carry the session secret, so they decode to
 * `Redacted<string>`: printing, logging, inspecting or `JSON.stringify`-ing a session shows
 * `<redacted>`. Unwrap with `Redacted.value` where you need it, typically to redirect:
 *
 * @example
 * ```ts
 * import { MemberSessions } from "@effect-polar/client"
 * import { Effect, Redacted } from "effect"
 *
 * const portalUrl = MemberSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" }).pipe(
 *   Effect.map((session) => Redacted.value(session.memberPortalUrl))
 * )
 * ```
 *
 * Unknown response fields are ignored and enum fields are open, so a response that gains a
 * field or an enum value still decodes.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class MemberSession extends Schema.Class<MemberSession>("MemberSession")({
  createdAt: Schema.propertySignature(DateTime).pipe(Schema.fromKey("created_at")),
  modifiedAt: Schema.propertySignature(Schema.NullOr(DateTime)).pipe(Schema.fromKey("modified_at")),
  id: Uuid,
  token: RedactedString,
  expiresAt: Schema.propertySignature(DateTime).pipe(Schema.fromKey("expires_at")),
  returnUrl: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("return_url")),
  memberPortalUrl: Schema.propertySignature(RedactedString).pipe(
    Schema.fromKey("member_portal_url")
  ),
  memberId: Schema.propertySignature(Uuid).pipe(Schema.fromKey("member_id")),
  member: Member,
  customerId: Schema.propertySignature(Uuid).pipe(Schema.fromKey("customer_id")),
  customer: Customer
}) {}

/**
 * Decodes a response body (parsed JSON) into a `MemberSession`: every problem reported, unknown fields
 * ignored.
 *
 * @since 0.2.0
 * @category Decoding
 */
export const decodeUnknownEither: (input: unknown) => Either.Either<MemberSession, ParseResult.ParseError> =
  responseDecoder(MemberSession)
