/**
 * The customer a session is for (an individual or a team), with its billing address and tax id.
 *
 * @since 1.0.0
 */
import * as PolarEnums from "@effect-polar/wire/PolarEnums"
import * as Schema from "effect/Schema"
import { DateTime, nullableOptional, openEnum, Uuid } from "./internal/schema.js"

/**
 * Customer kind. `null` (or absent) means a legacy individual customer. Open enum.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const CustomerType = openEnum("CustomerType", PolarEnums.customerTypes)

/**
 * @since 1.0.0
 * @category Models
 */
export type CustomerType = typeof CustomerType.Type

/**
 * Tax id formats Polar knows (Stripe's list). Open enum.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const TaxIdFormat = openEnum("TaxIdFormat", PolarEnums.taxIdFormats)

/**
 * @since 1.0.0
 * @category Models
 */
export type TaxIdFormat = typeof TaxIdFormat.Type

/**
 * ISO 3166-1 alpha-2 country code. Open enum.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const CountryCode = openEnum("CountryCode", PolarEnums.countryCodes)

/**
 * @since 1.0.0
 * @category Models
 */
export type CountryCode = typeof CountryCode.Type

/**
 * A billing address. Every line may be `null` or absent (absent decodes to `null`); `country`
 * is required. The class holds the camelCase fields; `AddressWire` is its wire form.
 *
 * @since 1.0.0
 * @category Schemas
 */
export class Address extends Schema.Class<Address>("Address")({
  line1: nullableOptional(Schema.String),
  line2: nullableOptional(Schema.String),
  postalCode: nullableOptional(Schema.String),
  city: nullableOptional(Schema.String),
  state: nullableOptional(Schema.String),
  country: CountryCode
}) {}

/**
 * An `Address` as Polar sends it (`postal_code`): decodes the wire object to an `Address`, encodes
 * an `Address` back to it.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const AddressWire = Address.pipe(Schema.encodeKeys({ postalCode: "postal_code" }))

/**
 * A customer metadata value: Polar allows strings, integers, floats and booleans.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const MetadataValue = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])

/**
 * A tax id as Polar sends it: `[value, format]`, either element possibly `null`.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const TaxId = Schema.Tuple([Schema.NullOr(Schema.String), Schema.NullOr(TaxIdFormat)])

/**
 * A customer as Polar returns it, in both server generations: inside a `MemberSession` of the
 * legacy `POST /v1/member-sessions/` and inside a `CustomerSession` today.
 *
 * Today a team customer may have no `email` and no `avatarUrl` (`null`), and Polar added
 * `billingName`, `defaultPaymentMethodId` and `firstUserEventAt`. Fields a server generation does
 * not send (`externalId`, `type`, `locale`, and the three new ones on the legacy server) decode to
 * `null`. Unknown fields are ignored and enums are open, so a customer that grows still decodes.
 *
 * The class holds the camelCase fields; `CustomerWire` is its wire form (snake_case keys).
 *
 * @since 1.0.0
 * @category Schemas
 */
export class Customer extends Schema.Class<Customer>("Customer")({
  id: Uuid,
  createdAt: DateTime,
  modifiedAt: Schema.NullOr(DateTime),
  metadata: Schema.Record(Schema.String, MetadataValue),
  externalId: nullableOptional(Schema.String),
  email: Schema.NullOr(Schema.String),
  emailVerified: Schema.Boolean,
  type: nullableOptional(CustomerType),
  name: Schema.NullOr(Schema.String),
  billingName: nullableOptional(Schema.String),
  billingAddress: Schema.NullOr(AddressWire),
  taxId: Schema.NullOr(TaxId),
  locale: nullableOptional(Schema.String),
  organizationId: Uuid,
  defaultPaymentMethodId: nullableOptional(Uuid),
  deletedAt: Schema.NullOr(DateTime),
  firstUserEventAt: nullableOptional(DateTime),
  avatarUrl: Schema.NullOr(Schema.String)
}) {}

/**
 * A `Customer` as Polar sends it (snake_case keys: `created_at`, `email_verified`,
 * `billing_address`, ...): decodes the wire object to a `Customer`, encodes a `Customer` back to it.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const CustomerWire = Customer.pipe(Schema.encodeKeys({
  createdAt: "created_at",
  modifiedAt: "modified_at",
  externalId: "external_id",
  emailVerified: "email_verified",
  billingName: "billing_name",
  billingAddress: "billing_address",
  taxId: "tax_id",
  organizationId: "organization_id",
  defaultPaymentMethodId: "default_payment_method_id",
  deletedAt: "deleted_at",
  firstUserEventAt: "first_user_event_at",
  avatarUrl: "avatar_url"
}))
