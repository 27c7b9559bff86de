/**
 * The customer a session is for (an individual or a team), with its billing address and tax id.
 *
 * @since 1.0.0
 */
import * as Schema from "effect/Schema"
import { DateTime, nullableOptional, openEnum, Uuid } from "./internal/schema.js"

/**
 * Customer kind. `null` (or absent) means a legacy individual customer. Open enum.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const CustomerType = openEnum("CustomerType", ["individual", "team"])

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
export const TaxIdFormat = openEnum("TaxIdFormat", [
  "ad_nrt",
  "ae_trn",
  "ar_cuit",
  "au_abn",
  "au_arn",
  "bg_uic",
  "bh_vat",
  "bo_tin",
  "br_cnpj",
  "br_cpf",
  "ca_bn",
  "ca_gst_hst",
  "ca_pst_bc",
  "ca_pst_mb",
  "ca_pst_sk",
  "ca_qst",
  "ch_uid",
  "ch_vat",
  "cl_tin",
  "cn_tin",
  "co_nit",
  "cr_tin",
  "de_stn",
  "do_rcn",
  "ec_ruc",
  "eg_tin",
  "es_cif",
  "eu_oss_vat",
  "eu_vat",
  "gb_vat",
  "ge_vat",
  "hk_br",
  "hr_oib",
  "hu_tin",
  "id_npwp",
  "il_vat",
  "in_gst",
  "is_vat",
  "jp_cn",
  "jp_rn",
  "jp_trn",
  "ke_pin",
  "kr_brn",
  "kz_bin",
  "li_uid",
  "mx_rfc",
  "my_frp",
  "my_itn",
  "my_sst",
  "ng_tin",
  "no_vat",
  "no_voec",
  "nz_gst",
  "om_vat",
  "pe_ruc",
  "ph_tin",
  "ro_tin",
  "rs_pib",
  "ru_inn",
  "ru_kpp",
  "sa_vat",
  "sg_gst",
  "sg_uen",
  "si_tin",
  "sv_nit",
  "th_vat",
  "tr_tin",
  "tw_vat",
  "ua_vat",
  "us_ein",
  "uy_ruc",
  "ve_rif",
  "vn_tin",
  "za_vat"
])

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
export const CountryCode = openEnum("CountryCode", [
  "AD",
  "AE",
  "AF",
  "AG",
  "AI",
  "AL",
  "AM",
  "AO",
  "AQ",
  "AR",
  "AS",
  "AT",
  "AU",
  "AW",
  "AX",
  "AZ",
  "BA",
  "BB",
  "BD",
  "BE",
  "BF",
  "BG",
  "BH",
  "BI",
  "BJ",
  "BL",
  "BM",
  "BN",
  "BO",
  "BQ",
  "BR",
  "BS",
  "BT",
  "BV",
  "BW",
  "BY",
  "BZ",
  "CA",
  "CC",
  "CD",
  "CF",
  "CG",
  "CH",
  "CI",
  "CK",
  "CL",
  "CM",
  "CN",
  "CO",
  "CR",
  "CU",
  "CV",
  "CW",
  "CX",
  "CY",
  "CZ",
  "DE",
  "DJ",
  "DK",
  "DM",
  "DO",
  "DZ",
  "EC",
  "EE",
  "EG",
  "EH",
  "ER",
  "ES",
  "ET",
  "FI",
  "FJ",
  "FK",
  "FM",
  "FO",
  "FR",
  "GA",
  "GB",
  "GD",
  "GE",
  "GF",
  "GG",
  "GH",
  "GI",
  "GL",
  "GM",
  "GN",
  "GP",
  "GQ",
  "GR",
  "GS",
  "GT",
  "GU",
  "GW",
  "GY",
  "HK",
  "HM",
  "HN",
  "HR",
  "HT",
  "HU",
  "ID",
  "IE",
  "IL",
  "IM",
  "IN",
  "IO",
  "IQ",
  "IR",
  "IS",
  "IT",
  "JE",
  "JM",
  "JO",
  "JP",
  "KE",
  "KG",
  "KH",
  "KI",
  "KM",
  "KN",
  "KP",
  "KR",
  "KW",
  "KY",
  "KZ",
  "LA",
  "LB",
  "LC",
  "LI",
  "LK",
  "LR",
  "LS",
  "LT",
  "LU",
  "LV",
  "LY",
  "MA",
  "MC",
  "MD",
  "ME",
  "MF",
  "MG",
  "MH",
  "MK",
  "ML",
  "MM",
  "MN",
  "MO",
  "MP",
  "MQ",
  "MR",
  "MS",
  "MT",
  "MU",
  "MV",
  "MW",
  "MX",
  "MY",
  "MZ",
  "NA",
  "NC",
  "NE",
  "NF",
  "NG",
  "NI",
  "NL",
  "NO",
  "NP",
  "NR",
  "NU",
  "NZ",
  "OM",
  "PA",
  "PE",
  "PF",
  "PG",
  "PH",
  "PK",
  "PL",
  "PM",
  "PN",
  "PR",
  "PS",
  "PT",
  "PW",
  "PY",
  "QA",
  "RE",
  "RO",
  "RS",
  "RU",
  "RW",
  "SA",
  "SB",
  "SC",
  "SD",
  "SE",
  "SG",
  "SH",
  "SI",
  "SJ",
  "SK",
  "SL",
  "SM",
  "SN",
  "SO",
  "SR",
  "SS",
  "ST",
  "SV",
  "SX",
  "SY",
  "SZ",
  "TC",
  "TD",
  "TF",
  "TG",
  "TH",
  "TJ",
  "TK",
  "TL",
  "TM",
  "TN",
  "TO",
  "TR",
  "TT",
  "TV",
  "TW",
  "TZ",
  "UA",
  "UG",
  "UM",
  "US",
  "UY",
  "UZ",
  "VA",
  "VC",
  "VE",
  "VG",
  "VI",
  "VN",
  "VU",
  "WF",
  "WS",
  "YE",
  "YT",
  "ZA",
  "ZM",
  "ZW"
])

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
