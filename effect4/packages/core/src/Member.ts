/**
 * The member a session is created for: one person of a team customer.
 *
 * @since 1.0.0
 */
import * as PolarEnums from "@effect-polar/wire/PolarEnums"
import type * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { compiledDecoder } from "./internal/decoding.js"
import { DateTime, openEnum, Uuid } from "./internal/schema.js"

/**
 * The role of a member within its customer. Open: a role Polar adds later still decodes, as a
 * plain string.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const MemberRole = openEnum("MemberRole", PolarEnums.memberRoles)

/**
 * @since 1.0.0
 * @category Models
 */
export type MemberRole = typeof MemberRole.Type

/**
 * A member of a customer, as Polar returns it inside a `MemberSession` (legacy) and from
 * `GET /v1/members/{id}` and `GET /v1/customers/{customer_id}/members/{member_id}` (today).
 *
 * The class holds the camelCase fields; `MemberWire` is its wire form (snake_case keys:
 * `customer_id`, `external_id`, ...), and `decodeUnknownResult` decodes a response body with it.
 *
 * @since 1.0.0
 * @category Schemas
 */
export class Member extends Schema.Class<Member>("Member")({
  id: Uuid,
  createdAt: DateTime,
  modifiedAt: Schema.NullOr(DateTime),
  customerId: Uuid,
  email: Schema.String,
  name: Schema.NullOr(Schema.String),
  externalId: Schema.NullOr(Schema.String),
  role: MemberRole
}) {}

/**
 * A `Member` as Polar sends it (snake_case keys): decodes the wire object to a `Member`, encodes a
 * `Member` back to it.
 *
 * @example
 * ```ts
 * import { Member } from "@effect-polar/core"
 * import * as Schema from "effect/Schema"
 *
 * const member = new Member.Member({
 *   id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
 *   createdAt: new Date("2026-10-02T08:00:00Z"),
 *   modifiedAt: null,
 *   customerId: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6",
 *   email: "jane.doe@acme.example",
 *   name: "Jane Doe",
 *   externalId: null,
 *   role: "owner"
 * })
 * const wire = Schema.encodeSync(Member.MemberWire)(member)
 * console.log(wire.customer_id, wire.created_at) // "c5a1e2d3-…", "2026-10-02T08:00:00.000Z"
 * ```
 *
 * @since 1.0.0
 * @category Schemas
 */
export const MemberWire = Member.pipe(Schema.encodeKeys({
  createdAt: "created_at",
  modifiedAt: "modified_at",
  customerId: "customer_id",
  externalId: "external_id"
}))

/**
 * Decodes a response body (parsed JSON) into a `Member`: every problem reported, unknown fields
 * ignored. Effect 4's `Result` in place of the 0.x line's `decodeUnknownEither`.
 *
 * @example
 * ```ts
 * import { Member } from "@effect-polar/core"
 * import * as Result from "effect/Result"
 *
 * const member = Member.decodeUnknownResult({
 *   id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
 *   created_at: "2026-10-02T08:00:00Z",
 *   modified_at: null,
 *   customer_id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6",
 *   email: "jane.doe@acme.example",
 *   name: "Jane Doe",
 *   external_id: null,
 *   role: "owner"
 * })
 * if (Result.isSuccess(member)) console.log(member.success.email, member.success.createdAt instanceof Date)
 * ```
 *
 * @since 1.0.0
 * @category Decoding
 */
export const decodeUnknownResult: (input: unknown) => Result.Result<Member, Schema.SchemaError> = compiledDecoder(
  MemberWire
)
