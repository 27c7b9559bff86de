/**
 * The customer a session is for (an individual or a team), with its billing address and tax id.
 *
 * @since 0.1.0
 */
import * as PolarEnums from "@effect-polar/wire/PolarEnums"
import * as Schema from "effect/Schema"
import { DateTime, openEnum, Uuid } from "./internal/schema.js"

/** A nullable field the server may also leave out; absent decodes to `null`. */
const nullableOptional = <S extends Schema.Schema.Any>(schema: S, key: string) =>
  Schema.optionalWith(Schema.NullOr(schema), { default: () => null }).pipe(Schema.fromKey(key))

/**
 * Customer kind. `null` (or absent) means a legacy individual customer. Open enum.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerType = openEnum("CustomerType", PolarEnums.customerTypes)

/**
 * @since 0.1.0
 * @category Models
 */
export type CustomerType = typeof CustomerType.Type

/**
 * Tax id formats Polar knows (Stripe's list). Open enum.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TaxIdFormat = openEnum("TaxIdFormat", PolarEnums.taxIdFormats)

/**
 * @since 0.1.0
 * @category Models
 */
export type TaxIdFormat = typeof TaxIdFormat.Type

/**
 * ISO 3166-1 alpha-2 country code. Open enum.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CountryCode = openEnum("CountryCode", PolarEnums.countryCodes)

/**
 * @since 0.1.0
 * @category Models
 */
export type CountryCode = typeof CountryCode.Type

/**
 * A billing address. Every line may be `null` or absent (absent decodes to `null`); `country`
 * is required.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class Address extends Schema.Class<Address>("Address")({
  line1: nullableOptional(Schema.String, "line1"),
  line2: nullableOptional(Schema.String, "line2"),
  postalCode: nullableOptional(Schema.String, "postal_code"),
  city: nullableOptional(Schema.String, "city"),
  state: nullableOptional(Schema.String, "state"),
  country: CountryCode
}) {}

/**
 * A customer metadata value: Polar allows strings, integers, floats and booleans.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MetadataValue = Schema.Union(Schema.String, Schema.Finite, Schema.Boolean)

/**
 * A tax id as Polar sends it: `[value, format]`, either element possibly `null`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TaxId = Schema.Tuple(Schema.NullOr(Schema.String), Schema.NullOr(TaxIdFormat))

/**
 * A customer as Polar returns it, in both server generations: inside a `MemberSession` of the
 * legacy `POST /v1/member-sessions/` and inside a `CustomerSession` today.
 *
 * Today a team customer may have no `email` and no `avatarUrl` (`null`), and Polar added
 * `billingName`, `defaultPaymentMethodId` and `firstUserEventAt`. Fields a server generation does
 * not send (`externalId`, `type`, `locale`, and the three new ones on the legacy server) decode to
 * `null`. Unknown fields are ignored and enums are open, so a customer that grows still decodes.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class Customer extends Schema.Class<Customer>("Customer")({
  id: Uuid,
  createdAt: Schema.propertySignature(DateTime).pipe(Schema.fromKey("created_at")),
  modifiedAt: Schema.propertySignature(Schema.NullOr(DateTime)).pipe(Schema.fromKey("modified_at")),
  metadata: Schema.Record({ key: Schema.String, value: MetadataValue }),
  externalId: nullableOptional(Schema.String, "external_id"),
  email: Schema.NullOr(Schema.String),
  emailVerified: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("email_verified")),
  type: nullableOptional(CustomerType, "type"),
  name: Schema.NullOr(Schema.String),
  billingName: nullableOptional(Schema.String, "billing_name"),
  billingAddress: Schema.propertySignature(Schema.NullOr(Address)).pipe(Schema.fromKey("billing_address")),
  taxId: Schema.propertySignature(Schema.NullOr(TaxId)).pipe(Schema.fromKey("tax_id")),
  locale: nullableOptional(Schema.String, "locale"),
  organizationId: Schema.propertySignature(Uuid).pipe(Schema.fromKey("organization_id")),
  defaultPaymentMethodId: nullableOptional(Uuid, "default_payment_method_id"),
  deletedAt: Schema.propertySignature(Schema.NullOr(DateTime)).pipe(Schema.fromKey("deleted_at")),
  firstUserEventAt: nullableOptional(DateTime, "first_user_event_at"),
  avatarUrl: Schema.propertySignature(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("avatar_url"))
}) {}
