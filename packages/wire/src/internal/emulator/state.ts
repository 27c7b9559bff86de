/**
 * What the emulated server stores: organizations, customers, members, access tokens and the
 * sessions it created, seeded from plain data with defaults.
 *
 * @internal
 */
import type { AddressSeed, CustomerSeed, MemberSeed, OrganizationSeed, Seed, SessionJson } from "../../Emulator.js"
import type { Ids } from "./ids.js"

/** An organization and the feature flags the endpoints read. */
export interface Organization {
  readonly id: string
  readonly slug: string
  readonly memberModelEnabled: boolean
  readonly seatBasedPricingEnabled: boolean
  /** Which frontend its portal URLs point to. */
  readonly environment: "production" | "sandbox"
}

/** A customer: an individual or a team (`type`), possibly without an email. */
export interface Customer {
  readonly id: string
  readonly organizationId: string
  readonly type: string | null
  readonly email: string | null
  readonly emailVerified: boolean
  readonly name: string | null
  /** Set explicitly; the wire's `billing_name` falls back to `name`. */
  readonly billingName: string | null
  readonly externalId: string | null
  readonly metadata: Readonly<Record<string, string | number | boolean>>
  readonly billingAddress: AddressSeed | null
  readonly taxId: readonly [string | null, string | null] | null
  readonly locale: string | null
  readonly createdAt: number
  readonly modifiedAt: number | null
}

/** A member of a customer. */
export interface Member {
  readonly id: string
  readonly organizationId: string
  readonly customerId: string
  readonly email: string
  readonly name: string | null
  readonly externalId: string | null
  readonly role: string
  readonly createdAt: number
  readonly modifiedAt: number | null
}

/**
 * An access token. An organization token (`polar_oat_`, `polar_at_o_`) reaches its organization;
 * any other (personal `polar_pat_`, OAuth `polar_at_u_`) the organizations listed.
 */
export interface Token {
  readonly token: string
  readonly kind: "organization" | "user"
  readonly organizationIds: ReadonlyArray<string>
  readonly scopes: ReadonlyArray<string>
}

/** A session the emulator created: its secret, when it expires, and the wire JSON answered. */
export interface Session {
  readonly kind: "member" | "customer"
  readonly token: string
  readonly expiresAt: number
  readonly json: SessionJson
}

/** The scopes a seeded token gets when its seed names none. */
export const DEFAULT_SCOPES: ReadonlyArray<string> = [
  "customer_sessions:write",
  "members:read",
  "members:write",
  "member_sessions:write"
]

/** Prefixes of the tokens whose subject is an organization, not a user. */
const ORGANIZATION_TOKEN_PREFIXES = ["polar_oat_", "polar_at_o_"]

const DEFAULT_ORGANIZATION = "acme-inc"
const EPOCH = Date.parse("2026-01-01T00:00:00Z")

const timeOf = (iso: string | undefined, fallback: number): number => {
  if (iso === undefined) return fallback
  const parsed = Date.parse(iso)
  return Number.isNaN(parsed) ? fallback : parsed
}

/** The store, and what the endpoints ask of it. */
export interface State {
  readonly organizations: () => ReadonlyArray<Organization>
  readonly organization: (id: string) => Organization | undefined
  /** The first organization seeded (made, as `acme-inc`, when none was). */
  readonly firstOrganization: () => Organization
  readonly customer: (id: string) => Customer | undefined
  readonly customers: () => ReadonlyArray<Customer>
  readonly member: (id: string) => Member | undefined
  readonly members: () => ReadonlyArray<Member>
  readonly token: (token: string) => Token | undefined
  readonly hasTokens: () => boolean
  /** The customer's owner member (role `owner`), if it has one. */
  readonly ownerOf: (customerId: string) => Member | undefined
  /** Creates an individual customer's owner member, as Polar's `create_owner_member` does. */
  readonly createOwner: (customer: Customer, email: string) => Member
  readonly addSession: (session: Session) => void
  readonly session: (token: string) => Session | undefined
  readonly sessions: () => ReadonlyArray<Session>
  /** Adds what a seed describes, filling in defaults. */
  readonly apply: (seed: Seed) => void
  /** Forgets everything. */
  readonly clear: () => void
}

/** Makes an empty store; `keep` bounds how many sessions it remembers. */
export const make = (ids: Ids, keep: number): State => {
  const organizations = new Map<string, Organization>()
  const customers = new Map<string, Customer>()
  const members = new Map<string, Member>()
  const tokens = new Map<string, Token>()
  let sessions: Array<Session> = []
  const sessionsByToken = new Map<string, Session>()

  const bySlug = (slug: string): Organization | undefined => {
    for (const org of organizations.values()) if (org.slug === slug) return org
    return undefined
  }

  const addOrganization = (seed: OrganizationSeed): Organization => {
    // seeding a slug again updates that organization (in place, so the first one stays first)
    const previous = bySlug(seed.slug)
    const id = (seed.id ?? previous?.id ?? ids.uuid4()).toLowerCase()
    if (previous !== undefined && previous.id !== id) organizations.delete(previous.id)
    const org: Organization = {
      id,
      slug: seed.slug,
      memberModelEnabled: seed.memberModelEnabled ?? true,
      seatBasedPricingEnabled: seed.seatBasedPricingEnabled ?? true,
      environment: seed.environment ?? "production"
    }
    organizations.set(org.id, org)
    return org
  }

  /** The organization a seed names by slug (made when unknown), or the first one. */
  const organizationNamed = (slug: string | undefined): Organization => {
    if (slug === undefined) return firstOrganization()
    return bySlug(slug) ?? addOrganization({ slug })
  }

  const firstOrganization = (): Organization =>
    organizations.values().next().value ?? addOrganization({ slug: DEFAULT_ORGANIZATION })

  const addCustomer = (seed: CustomerSeed, org: Organization = organizationNamed(seed.organization)): Customer => {
    const customer: Customer = {
      id: seed.id.toLowerCase(),
      organizationId: org.id,
      type: seed.type === undefined ? "team" : seed.type,
      email: seed.email === undefined ? `billing@${org.slug}.example` : seed.email,
      emailVerified: seed.emailVerified ?? false,
      name: seed.name === undefined ? org.slug : seed.name,
      billingName: seed.billingName ?? null,
      externalId: seed.externalId ?? null,
      metadata: seed.metadata ?? {},
      billingAddress: seed.billingAddress ?? null,
      taxId: seed.taxId ?? null,
      locale: seed.locale ?? null,
      createdAt: timeOf(seed.createdAt, EPOCH),
      modifiedAt: seed.modifiedAt === undefined || seed.modifiedAt === null ? null : timeOf(seed.modifiedAt, EPOCH)
    }
    customers.set(customer.id, customer)
    return customer
  }

  /** The organization's first team customer: the one a member seeded without a customer joins. */
  const defaultTeamCustomer = (org: Organization): Customer => {
    for (const customer of customers.values()) {
      if (customer.organizationId === org.id && customer.type === "team") return customer
    }
    return addCustomer({ id: ids.uuid4() }, org)
  }

  const addMember = (seed: MemberSeed): void => {
    const customerId = seed.customerId?.toLowerCase()
    const customer = customerId === undefined
      ? defaultTeamCustomer(organizationNamed(seed.organization))
      : customers.get(customerId) ?? addCustomer({ id: customerId, organization: seed.organization })
    const member: Member = {
      id: seed.id.toLowerCase(),
      organizationId: customer.organizationId,
      customerId: customer.id,
      email: seed.email,
      name: seed.name ?? null,
      externalId: seed.externalId ?? null,
      role: seed.role ?? "member",
      createdAt: timeOf(seed.createdAt, customer.createdAt),
      modifiedAt: seed.modifiedAt === undefined || seed.modifiedAt === null ? null : timeOf(seed.modifiedAt, EPOCH)
    }
    members.set(member.id, member)
  }

  const apply = (seed: Seed): void => {
    for (const org of seed.organizations ?? []) addOrganization(org)
    for (const customer of seed.customers ?? []) addCustomer(customer)
    for (const member of seed.members ?? []) addMember(member)
    for (const token of seed.tokens ?? []) {
      const kind = ORGANIZATION_TOKEN_PREFIXES.some((prefix) => token.token.startsWith(prefix))
        ? "organization"
        : "user"
      // an organization's token is that organization's alone
      const named = kind === "organization"
        ? [token.organization ?? token.organizations?.[0]]
        : token.organizations ?? [token.organization]
      tokens.set(token.token, {
        token: token.token,
        kind,
        organizationIds: named.map((slug) => organizationNamed(slug).id),
        scopes: token.scopes ?? DEFAULT_SCOPES
      })
    }
  }

  return {
    organizations: () => Array.from(organizations.values()),
    organization: (id) => organizations.get(id),
    firstOrganization,
    customer: (id) => customers.get(id),
    customers: () => Array.from(customers.values()),
    member: (id) => members.get(id),
    members: () => Array.from(members.values()),
    token: (token) => tokens.get(token),
    hasTokens: () => tokens.size > 0,
    ownerOf: (customerId) => {
      for (const member of members.values()) {
        if (member.customerId === customerId && member.role === "owner") return member
      }
      return undefined
    },
    createOwner: (customer, email) => {
      const owner: Member = {
        id: ids.uuid4(),
        organizationId: customer.organizationId,
        customerId: customer.id,
        email,
        name: customer.name,
        externalId: customer.externalId,
        role: "owner",
        // Polar gives the owner the customer's creation time
        createdAt: customer.createdAt,
        modifiedAt: null
      }
      members.set(owner.id, owner)
      return owner
    },
    addSession: (session) => {
      sessions.push(session)
      sessionsByToken.set(session.token, session)
      if (sessions.length > keep) {
        for (const dropped of sessions.slice(0, sessions.length - keep)) sessionsByToken.delete(dropped.token)
        sessions = sessions.slice(sessions.length - keep)
      }
    },
    session: (token) => sessionsByToken.get(token),
    sessions: () => sessions.slice(),
    apply,
    clear: () => {
      organizations.clear()
      customers.clear()
      members.clear()
      tokens.clear()
      sessions = []
      sessionsByToken.clear()
    }
  }
}
