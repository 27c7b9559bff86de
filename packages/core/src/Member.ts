/**
 * The member a session is created for: one person of a team customer.
 *
 * @since 0.1.0
 */
import * as PolarEnums from "@effect-polar/wire/PolarEnums"
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { responseDecoder } from "./internal/decoding.js"
import { DateTime, openEnum, Uuid } from "./internal/schema.js"

/**
 * The role of a member within its customer. Open: a role Polar adds later still decodes, as a
 * plain string.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MemberRole = openEnum("MemberRole", PolarEnums.memberRoles)

/**
 * @since 0.1.0
 * @category Models
 */
export type MemberRole = typeof MemberRole.Type

/**
 * A member of a customer, as Polar returns it inside a `MemberSession` (legacy) and from
 * `GET /v1/members/{id}` and `GET /v1/customers/{customer_id}/members/{member_id}` (today).
 *
 * Fields are camelCase; the wire is snake_case (`customer_id`, `external_id`, ...).
 *
 * @example
 * ```ts
 * import { Member } from "@effect-polar/core"
 * import { Either } from "effect"
 *
 * const member = Member.decodeUnknownEither({
 *   id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
 *   created_at: "2026-10-02T08:00:00Z",
 *   modified_at: null,
 *   customer_id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6",
 *   email: "jane.doe@acme.example",
 *   name: "Jane Doe",
 *   external_id: null,
 *   role: "owner"
 * })
 * if (Either.isRight(member)) console.log(member.right.email, member.right.createdAt instanceof Date)
 * ```
 *
 * @since 0.1.0
 * @category Schemas
 */
export class Member extends Schema.Class<Member>("Member")({
  id: Uuid,
  createdAt: Schema.propertySignature(DateTime).pipe(Schema.fromKey("created_at")),
  modifiedAt: Schema.propertySignature(Schema.NullOr(DateTime)).pipe(Schema.fromKey("modified_at")),
  customerId: Schema.propertySignature(Uuid).pipe(Schema.fromKey("customer_id")),
  email: Schema.String,
  name: Schema.NullOr(Schema.String),
  externalId: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("external_id")),
  role: MemberRole
}) {}

/**
 * Decodes a response body (parsed JSON) into a `Member`: every problem reported, unknown fields
 * ignored.
 *
 * @since 0.2.0
 * @category Decoding
 */
export const decodeUnknownEither: (input: unknown) => Either.Either<Member, ParseResult.ParseError> = responseDecoder(
  Member
)
