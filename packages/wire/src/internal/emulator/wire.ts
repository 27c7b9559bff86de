/**
 * The wire JSON of the resources, written here field by field in the order Polar's pydantic
 * schemas emit them, independently of `@effect-polar/core`'s decoders (a bug there must not be
 * on both sides of a test).
 *
 * @internal
 */
import type { AddressJson, CustomerJson, LegacyCustomerJson, MemberJson, OrganizationSeed } from "../../Emulator.js"
import { sha256Hex } from "./sha256.js"
import type { Customer, Member, Organization } from "./state.js"

/**
 * What FastAPI's response validation would refuse (a `ResponseValidationError`, answered as a
 * plain 500), or what Python could not encode: the emulator answers `500 Internal Server Error`.
 */
export class Unrenderable extends Error {}

/**
 * A datetime as pydantic serializes an aware UTC `datetime`: ISO 8601 with `Z`, microseconds
 * when there are any (`2026-12-01T10:15:02.481000Z`, `2026-12-01T10:15:02Z`).
 */
export const pythonDatetime = (ms: number): string => {
  const iso = new Date(ms).toISOString()
  const millis = iso.slice(20, 23)
  return millis === "000" ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${millis}000Z`
}

const nullableDatetime = (ms: number | null): string | null => ms === null ? null : pythonDatetime(ms)

/**
 * Python's `urllib.parse.quote_plus(str(value))`: everything but ASCII letters, digits and `_.-~`
 * percent-encoded (UTF-8, upper-case hex), a space as `+`.
 */
export const quotePlus = (value: string): string => {
  let encoded: string
  try {
    encoded = encodeURIComponent(value)
  } catch {
    // a lone surrogate: Python's UTF-8 encoding fails too
    throw new Unrenderable("a lone surrogate cannot be percent-encoded")
  }
  return encoded
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+")
}

/** Python's `urlencode(dict)`: a `None` value becomes the text `None`. */
export const urlencode = (pairs: ReadonlyArray<readonly [string, string | null]>): string =>
  pairs.map(([key, value]) => `${quotePlus(key)}=${quotePlus(value ?? "None")}`).join("&")

/** Polar's frontend, as `settings.generate_frontend_url` builds it. */
export const FRONTEND: Readonly<Record<NonNullable<OrganizationSeed["environment"]>, string>> = {
  production: "https://polar.sh",
  sandbox: "https://sandbox.polar.sh"
}

/**
 * `<frontend>/<slug>/portal?<param>=<token>&email=<email>`, the query as Python's `urlencode`
 * writes it (so a customer without an email gives `email=None`).
 */
export const portalUrl = (org: Organization, param: string, token: string, email: string | null): string =>
  `${FRONTEND[org.environment]}/${org.slug}/portal?${urlencode([[param, token], ["email", email]])}`

/** Polar's avatar for an email (no Logo.dev key configured: always Gravatar). */
const gravatar = (email: string): string => `https://www.gravatar.com/avatar/${sha256Hex(email.toLowerCase())}?d=404`

const addressJson = (address: Customer["billingAddress"]): AddressJson | null =>
  address === null ? null : {
    line1: address.line1 ?? null,
    line2: address.line2 ?? null,
    postal_code: address.postalCode ?? null,
    city: address.city ?? null,
    state: address.state ?? null,
    country: address.country
  }

/**
 * Today's `Customer` (`CustomerIndividual | CustomerTeam`, discriminated by `type`). A customer
 * without a type is a legacy individual; any other type is rendered as seeded (to exercise a
 * client's open enums). An individual without an email cannot be rendered: its schema requires one.
 */
export const customerJson = (customer: Customer, owner: Member | undefined): CustomerJson => {
  const type = customer.type ?? "individual"
  if (type === "individual" && customer.email === null) throw new Unrenderable("an individual customer needs an email")
  const avatarEmail = customer.email ?? owner?.email ?? null
  return {
    id: customer.id,
    created_at: pythonDatetime(customer.createdAt),
    modified_at: nullableDatetime(customer.modifiedAt),
    metadata: customer.metadata,
    external_id: customer.externalId,
    email: customer.email,
    email_verified: customer.emailVerified,
    type,
    name: customer.name,
    billing_name: customer.billingName ?? customer.name,
    billing_address: addressJson(customer.billingAddress),
    tax_id: customer.taxId,
    locale: customer.locale,
    organization_id: customer.organizationId,
    default_payment_method_id: null,
    deleted_at: null,
    first_user_event_at: null,
    avatar_url: avatarEmail === null ? null : gravatar(avatarEmail)
  }
}

/**
 * The `Customer` of the legacy generation (January to March 2026): `email` and `avatar_url`
 * always strings, no `billing_name`, `default_payment_method_id`, `first_user_event_at`. A
 * customer without an email cannot be rendered (customers could not lack one then).
 */
export const legacyCustomerJson = (customer: Customer): LegacyCustomerJson => {
  if (customer.email === null) throw new Unrenderable("a customer of the legacy generation needs an email")
  return {
    id: customer.id,
    created_at: pythonDatetime(customer.createdAt),
    modified_at: nullableDatetime(customer.modifiedAt),
    metadata: customer.metadata,
    external_id: customer.externalId,
    email: customer.email,
    email_verified: customer.emailVerified,
    type: customer.type,
    name: customer.name,
    billing_address: addressJson(customer.billingAddress),
    tax_id: customer.taxId,
    locale: customer.locale,
    organization_id: customer.organizationId,
    deleted_at: null,
    avatar_url: gravatar(customer.email)
  }
}

/** `Member`, the same in both generations. */
export const memberJson = (member: Member): MemberJson => ({
  id: member.id,
  created_at: pythonDatetime(member.createdAt),
  modified_at: nullableDatetime(member.modifiedAt),
  customer_id: member.customerId,
  email: member.email,
  name: member.name,
  external_id: member.externalId,
  role: member.role
})
