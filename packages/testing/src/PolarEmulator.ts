/**
 * A model of Polar's API for the sessions that open its customer portal, in two server
 * generations:
 *
 * - `"current"` (the default): Polar as it runs today. `POST /v1/customer-sessions/` (a member
 *   session for a member of a customer whose organization has the member model on, else a customer
 *   session), `GET /v1/customers/{id}/members/{member_id}` and `GET /v1/members/{id}`;
 *   `Polar-Version` and `Polar-Organization` honoured; `/v1/member-sessions/` is `404`.
 * - `"legacy"`: the server of January to March 2026, with only `POST /v1/member-sessions/`.
 *
 * State (organizations with their feature flags, individual and team customers, members, access
 * tokens with scopes, the sessions created) is seeded from plain data with defaults. Every answer is
 * the server's, checked in its order (API version, rate limit, token, route, JSON body, scopes,
 * validation, the endpoint), its validation errors those of
 * `@effect-polar/core`'s re-implementation of Polar's pydantic models, its response JSON written here
 * field by field. Tests script faults and read a journal of the requests received.
 *
 * The model is written once and served two ways: in process by `PolarClientTest.layer` (no
 * socket) and over HTTP by `PolarEmulatorServer`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as Demo from "./internal/emulator/demo.js"
import * as Faults from "./internal/emulator/faults.js"
import * as Generations from "./internal/emulator/generations.js"
import { header } from "./internal/emulator/http.js"
import * as Ids from "./internal/emulator/ids.js"
import * as Journal from "./internal/emulator/journal.js"
import * as Pipeline from "./internal/emulator/pipeline.js"
import * as RateLimiter from "./internal/emulator/rateLimit.js"
import * as State from "./internal/emulator/state.js"

// -----------------------------------------------------------------------------
// Seeds
// -----------------------------------------------------------------------------

/**
 * An organization. `memberModelEnabled` and `seatBasedPricingEnabled` default to `true`;
 * `environment` (which frontend portal URLs use) defaults to `production`. Seeding a slug again
 * updates that organization.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const OrganizationSeed = Schema.Struct({
  slug: Schema.String,
  id: Schema.optional(Schema.String),
  memberModelEnabled: Schema.optional(Schema.Boolean),
  seatBasedPricingEnabled: Schema.optional(Schema.Boolean),
  environment: Schema.optional(Schema.Literal("production", "sandbox"))
})

/**
 * @since 0.1.0
 * @category Models
 */
export type OrganizationSeed = typeof OrganizationSeed.Type

/**
 * A billing address (`country` an ISO 3166-1 alpha-2 code).
 *
 * @since 0.2.0
 * @category Schemas
 */
export const AddressSeed = Schema.Struct({
  line1: Schema.optional(Schema.NullOr(Schema.String)),
  line2: Schema.optional(Schema.NullOr(Schema.String)),
  postalCode: Schema.optional(Schema.NullOr(Schema.String)),
  city: Schema.optional(Schema.NullOr(Schema.String)),
  state: Schema.optional(Schema.NullOr(Schema.String)),
  country: Schema.String
})

/**
 * @since 0.2.0
 * @category Models
 */
export type AddressSeed = typeof AddressSeed.Type

/**
 * A customer. Defaults: the first organization, `type: "team"`, `email` `billing@<slug>.example`
 * (`null` for a team customer without one), `name` the organization's slug, not verified, created
 * 2026-01-01. `type` is open (`individual`, `team`, or anything, to exercise a client's enums);
 * `billingName` unset makes the wire's `billing_name` fall back to `name`, as Polar does.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerSeed = Schema.Struct({
  id: Schema.String,
  organization: Schema.optional(Schema.String),
  type: Schema.optional(Schema.NullOr(Schema.String)),
  email: Schema.optional(Schema.NullOr(Schema.String)),
  emailVerified: Schema.optional(Schema.Boolean),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  billingName: Schema.optional(Schema.NullOr(Schema.String)),
  externalId: Schema.optional(Schema.NullOr(Schema.String)),
  metadata: Schema.optional(
    Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Number, Schema.Boolean) })
  ),
  billingAddress: Schema.optional(Schema.NullOr(AddressSeed)),
  taxId: Schema.optional(Schema.NullOr(Schema.Tuple(Schema.NullOr(Schema.String), Schema.NullOr(Schema.String)))),
  locale: Schema.optional(Schema.NullOr(Schema.String)),
  /** ISO 8601. */
  createdAt: Schema.optional(Schema.String),
  /** ISO 8601. */
  modifiedAt: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category Models
 */
export type CustomerSeed = typeof CustomerSeed.Type

/**
 * A member. `{ id, email }` is enough: it then belongs to the first team customer of the first
 * organization (one is made if there is none), with role `member`. `customerId` names its customer
 * (made, as a team customer, if it was not seeded); `organization` picks the organization whose
 * first team customer it joins.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MemberSeed = Schema.Struct({
  id: Schema.String,
  email: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String)),
  externalId: Schema.optional(Schema.NullOr(Schema.String)),
  role: Schema.optional(Schema.String),
  customerId: Schema.optional(Schema.String),
  organization: Schema.optional(Schema.String),
  /** ISO 8601; defaults to the customer's creation time. */
  createdAt: Schema.optional(Schema.String),
  /** ISO 8601. */
  modifiedAt: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category Models
 */
export type MemberSeed = typeof MemberSeed.Type

/**
 * An access token. Its prefix says whose it is: an organization access token (`polar_oat_`) or an
 * OAuth token of an organization (`polar_at_o_`) reaches one organization (`organization`, default
 * the first); any other (a personal access token `polar_pat_`, an OAuth token of a user
 * `polar_at_u_`) reaches the `organizations` listed (default: `organization`, or the first), and
 * `Polar-Organization` narrows it to one. `scopes` default to `customer_sessions:write`,
 * `members:read`, `members:write` and `member_sessions:write`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TokenSeed = Schema.Struct({
  token: Schema.String,
  organization: Schema.optional(Schema.String),
  organizations: Schema.optional(Schema.Array(Schema.String)),
  scopes: Schema.optional(Schema.Array(Schema.String))
})

/**
 * @since 0.1.0
 * @category Models
 */
export type TokenSeed = typeof TokenSeed.Type

/**
 * Plain data to seed an emulator with (also the body of `POST /_emulator/seed`). Organizations
 * are seeded first, then customers, members and tokens; an organization named by slug and not
 * seeded is made with the defaults.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Seed = Schema.Struct({
  organizations: Schema.optional(Schema.Array(OrganizationSeed)),
  customers: Schema.optional(Schema.Array(CustomerSeed)),
  members: Schema.optional(Schema.Array(MemberSeed)),
  tokens: Schema.optional(Schema.Array(TokenSeed))
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Seed = typeof Seed.Type

// -----------------------------------------------------------------------------
// Faults, options
// -----------------------------------------------------------------------------

/**
 * A scripted fault, applied to one request. The parts combine: `delay` then `status` answers a
 * delayed canned response, `delay` alone delays the real answer.
 *
 * - `status` (with `body`, `headers`): answer this instead of the real behaviour.
 * - `delay`: wait this long (on the Effect clock) before answering.
 * - `reset: "before-response"`: drop the connection without answering (a transport error
 *   in process, a destroyed socket over HTTP); `"mid-body"`: send the headers and half the body,
 *   then drop it.
 * - `stall`: send the headers and half the body, then nothing more.
 * - `truncate`: answer the real response with only the first half of its body.
 * - `notJson`: answer the real status with a body that is not JSON.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Fault = Schema.Struct({
  status: Schema.optional(Schema.Int),
  body: Schema.optional(Schema.String),
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  delay: Schema.optional(Schema.DurationFromMillis),
  reset: Schema.optional(Schema.Literal("before-response", "mid-body")),
  stall: Schema.optional(Schema.Boolean),
  truncate: Schema.optional(Schema.Boolean),
  notJson: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Fault = typeof Fault.Type

/**
 * A per-token rate limit: Polar's own numbers (`"production"`: 500 requests a minute,
 * `"sandbox"`: 100), or any.
 *
 * @since 0.1.0
 * @category Models
 */
export type RateLimit = "production" | "sandbox" | {
  readonly requests: number
  readonly window: Duration.DurationInput
}

/**
 * Which server the emulator is: `"current"` (Polar today) or `"legacy"` (January to March 2026,
 * `POST /v1/member-sessions/`).
 *
 * @since 0.2.0
 * @category Models
 */
export type GenerationName = "current" | "legacy"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options extends Omit<Seed, "members"> {
  /** The server generation. Default `"current"`. */
  readonly generation?: GenerationName | undefined
  /**
   * Members to seed. Without them the generation's demo seed (`demoSeed`, `legacyDemoSeed`) is
   * added after the organizations and customers given (a demo organization whose slug is given is
   * left out).
   */
  readonly members?: ReadonlyArray<MemberSeed> | undefined
  /** Seed of the deterministic ids and tokens. Default `1`. */
  readonly seed?: number | undefined
  /**
   * Accept any bearer token nobody seeded, with every scope: in the current generation as a token
   * reaching every organization (which `Polar-Organization` narrows), in the legacy one as a token
   * of the first organization. Default: `true` when no `tokens` are seeded.
   */
  readonly acceptAnyToken?: boolean | undefined
  /** Per-token rate limit; off by default. */
  readonly rateLimit?: RateLimit | false | undefined
  /** How many requests the journal keeps, and how many sessions `sessions()` keeps (the oldest are dropped). Default `1000`. */
  readonly journalSize?: number | undefined
  /** The `Polar-Version`s the current generation serves. Default `apiVersions`. */
  readonly apiVersions?: ReadonlyArray<string> | undefined
  /** The version served when a request sends none; one of `apiVersions`. Default `defaultApiVersion`. */
  readonly defaultApiVersion?: string | undefined
}

// -----------------------------------------------------------------------------
// Requests, responses, journal
// -----------------------------------------------------------------------------

/**
 * A request as the emulator receives it.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Request {
  readonly method: string
  /** The path, without the query. */
  readonly path: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

/**
 * What the emulator answers: a response, a response whose connection drops or stalls part-way
 * through the body, or a connection dropped before any response.
 *
 * @since 0.1.0
 * @category Models
 */
export type Outcome =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }
  | {
    readonly _tag: "Partial"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    /** The whole body: `sent` bytes of it go out, then the connection drops or stalls. */
    readonly body: string
    readonly sent: number
    readonly then: "reset" | "stall"
  }
  | { readonly _tag: "Reset" }

/**
 * One request in the journal. The bearer token is redacted; the body is decoded when it is JSON.
 *
 * @since 0.1.0
 * @category Models
 */
export interface JournalEntry {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  /**
   * The API version the request was served with (its `Polar-Version`, or the default); `null` when
   * its `Polar-Version` was refused, and in the legacy generation.
   */
  readonly apiVersion: string | null
  /** Its `Polar-Organization` header, if any. */
  readonly organization: string | null
  /** What was answered: a status, `"reset"`, or `"pending"` while a delayed answer is on its way. */
  readonly outcome: number | "reset" | "pending"
  /** When it arrived, in milliseconds on the Effect clock. */
  readonly at: number
}

// -----------------------------------------------------------------------------
// Wire JSON of what the emulator creates
// -----------------------------------------------------------------------------

/**
 * `Address` on the wire.
 *
 * @since 0.2.0
 * @category Wire
 */
export interface AddressJson {
  readonly line1: string | null
  readonly line2: string | null
  readonly postal_code: string | null
  readonly city: string | null
  readonly state: string | null
  readonly country: string
}

/**
 * Today's `Customer` on the wire, fields in the server's order.
 *
 * @since 0.2.0
 * @category Wire
 */
export interface CustomerJson {
  readonly id: string
  readonly created_at: string
  readonly modified_at: string | null
  readonly metadata: Readonly<Record<string, string | number | boolean>>
  readonly external_id: string | null
  readonly email: string | null
  readonly email_verified: boolean
  readonly type: string
  readonly name: string | null
  readonly billing_name: string | null
  readonly billing_address: AddressJson | null
  readonly tax_id: readonly [string | null, string | null] | null
  readonly locale: string | null
  readonly organization_id: string
  readonly default_payment_method_id: string | null
  readonly deleted_at: string | null
  readonly first_user_event_at: string | null
  readonly avatar_url: string | null
}

/**
 * The legacy generation's `Customer` on the wire, fields in the server's order.
 *
 * @since 0.2.0
 * @category Wire
 */
export interface LegacyCustomerJson {
  readonly id: string
  readonly created_at: string
  readonly modified_at: string | null
  readonly metadata: Readonly<Record<string, string | number | boolean>>
  readonly external_id: string | null
  readonly email: string
  readonly email_verified: boolean
  readonly type: string | null
  readonly name: string | null
  readonly billing_address: AddressJson | null
  readonly tax_id: readonly [string | null, string | null] | null
  readonly locale: string | null
  readonly organization_id: string
  readonly deleted_at: string | null
  readonly avatar_url: string
}

/**
 * `Member` on the wire (both generations).
 *
 * @since 0.2.0
 * @category Wire
 */
export interface MemberJson {
  readonly id: string
  readonly created_at: string
  readonly modified_at: string | null
  readonly customer_id: string
  readonly email: string
  readonly name: string | null
  readonly external_id: string | null
  readonly role: string
}

/**
 * Today's `CustomerSession` (the `201` of `POST /v1/customer-sessions/`): `token` starts
 * `polar_mst_` for a member session, `polar_cst_` for a customer session.
 *
 * @since 0.2.0
 * @category Wire
 */
export interface CustomerSessionJson {
  readonly created_at: string
  readonly modified_at: string | null
  readonly id: string
  readonly token: string
  readonly expires_at: string
  readonly return_url: string | null
  readonly customer_portal_url: string
  readonly customer_id: string
  readonly customer: CustomerJson
}

/**
 * The legacy `MemberSession` (the `201` of `POST /v1/member-sessions/`).
 *
 * @since 0.2.0
 * @category Wire
 */
export interface MemberSessionJson {
  readonly created_at: string
  readonly modified_at: string | null
  readonly id: string
  readonly token: string
  readonly expires_at: string
  readonly return_url: string | null
  readonly member_portal_url: string
  readonly member_id: string
  readonly member: MemberJson
  readonly customer_id: string
  readonly customer: LegacyCustomerJson
}

/**
 * A session an emulator created, as it answered it.
 *
 * @since 0.2.0
 * @category Wire
 */
export type SessionJson = CustomerSessionJson | MemberSessionJson

// -----------------------------------------------------------------------------
// The emulator
// -----------------------------------------------------------------------------

/**
 * The emulator.
 *
 * @since 0.1.0
 * @category Models
 */
export interface PolarEmulator {
  /** The server generation it emulates. */
  readonly generation: GenerationName
  /** Answers one request as Polar would (or as scripted). */
  readonly handle: (request: Request) => Effect.Effect<Outcome>
  /** Adds organizations, customers, members or tokens. */
  readonly seed: (seed: Seed) => void
  /** Queues faults: each of the next requests takes the next fault. */
  readonly script: (...faults: ReadonlyArray<Fault>) => void
  /** The requests received, oldest first (at most `journalSize`). */
  readonly journal: () => ReadonlyArray<JournalEntry>
  /** Empties the journal. */
  readonly clearJournal: () => void
  /** The sessions created, oldest first (at most `journalSize`, the latest), as answered: plain wire JSON. */
  readonly sessions: () => ReadonlyArray<SessionJson>
  /** Back to the state the emulator was made with (seed, no faults, empty journal). */
  readonly reset: () => void
}

// -----------------------------------------------------------------------------
// Constants
// -----------------------------------------------------------------------------

/**
 * The current generation's demo data, from the contract's fixtures: organization `acme-inc`
 * (member model on) with the team customer Acme Inc. (`c5a1e2d3-…`, no email) and its billing
 * manager Jane (`3b9e5f1a-…`, `jane.doe@acme.example`); organization `solo-dev` (member model off)
 * with the individual customer Sam Test (`d6b2f3e4-…`, `sam+test@example.com`) and its owner
 * member Sam (`9e8d7c6b-…`).
 *
 * @since 0.2.0
 * @category Constants
 */
export const demoSeed: Seed = Demo.current

/**
 * The legacy generation's demo data: `demoSeed` with an email for Acme Inc.
 * (`billing@acme.example`: customers could not lack one before March 2026).
 *
 * @since 0.2.0
 * @category Constants
 */
export const legacyDemoSeed: Seed = Demo.legacy

/**
 * The demo members (Jane, then Sam), in both generations.
 *
 * @since 0.1.0
 * @category Constants
 */
export const demoMembers: ReadonlyArray<MemberSeed> = demoSeed.members ?? []

/**
 * Polar's rate limits per token.
 *
 * @since 0.1.0
 * @category Constants
 */
export const polarRateLimits = {
  production: { requests: 500, window: Duration.minutes(1) },
  sandbox: { requests: 100, window: Duration.minutes(1) }
} as const

/**
 * The `Polar-Version`s the current generation serves by default: those `@polar-sh/sdk` 1.0.1
 * knows.
 *
 * @since 0.2.0
 * @category Constants
 */
export const apiVersions: ReadonlyArray<string> = Generations.API_VERSIONS

/**
 * The API version served to a request without `Polar-Version`.
 *
 * @since 0.2.0
 * @category Constants
 */
export const defaultApiVersion: string = Generations.DEFAULT_API_VERSION

/** The seed an emulator starts from: the options, plus the demo when no members are given. */
const initialSeed = (options: Options, demo: Seed): Seed => {
  if (options.members !== undefined) return options
  const given = new Set((options.organizations ?? []).map((org) => org.slug))
  return {
    organizations: [...(options.organizations ?? []), ...(demo.organizations ?? []).filter((o) => !given.has(o.slug))],
    customers: [...(options.customers ?? []), ...(demo.customers ?? [])],
    members: demo.members ?? [],
    tokens: options.tokens ?? []
  }
}

/**
 * Makes an emulator with its own state. It throws when `defaultApiVersion` is not one of
 * `apiVersions` (as Polar's server refuses to start).
 *
 * @example
 * ```ts
 * import { PolarEmulator } from "@effect-polar/testing"
 *
 * const emulator = PolarEmulator.make({
 *   organizations: [{ slug: "acme", memberModelEnabled: true }],
 *   customers: [{ id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6", type: "team", email: null }],
 *   members: [
 *     { id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", email: "jane@acme.example", customerId: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6" }
 *   ]
 * })
 * emulator.script({ status: 503 }) // the next request gets a 503
 *
 * // the legacy server, with POST /v1/member-sessions/
 * const legacy = PolarEmulator.make({ generation: "legacy" })
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options = {}): PolarEmulator => {
  const generation = Generations.of(options.generation ?? "current")
  const versioning: Pipeline.Versioning | undefined = generation.versioning === undefined ? undefined : {
    versions: options.apiVersions ?? generation.versioning.versions,
    default: options.defaultApiVersion ?? generation.versioning.default
  }
  if (versioning !== undefined && !versioning.versions.includes(versioning.default)) {
    throw new Error(`Default API version ${versioning.default} is not supported`)
  }
  const journalSize = Math.max(0, options.journalSize ?? 1000)
  const rateLimit = options.rateLimit === undefined || options.rateLimit === false
    ? undefined
    : typeof options.rateLimit === "string"
    ? polarRateLimits[options.rateLimit]
    : options.rateLimit

  const ids = Ids.make(options.seed ?? 1)
  const state = State.make(ids, journalSize)
  const limiter = RateLimiter.make(
    rateLimit === undefined ? undefined : {
      requests: rateLimit.requests,
      windowMillis: Duration.toMillis(rateLimit.window)
    }
  )
  const journal = Journal.make(journalSize)
  const script = Faults.make()
  const server: Pipeline.Server = {
    generation,
    versioning,
    tokens: {
      acceptAnyToken: options.acceptAnyToken ?? (options.tokens === undefined || options.tokens.length === 0),
      anyToken: generation.anyToken,
      portalSessions: generation.portalSessions
    },
    state,
    ids,
    limiter
  }

  const reset = (): void => {
    ids.reset()
    state.clear()
    limiter.clear()
    script.clear()
    journal.clear()
    state.apply(initialSeed(options, generation.demo))
    // the default organization exists even when nothing names it
    state.firstOrganization()
  }
  reset()

  const handle = (request: Request): Effect.Effect<Outcome> =>
    Effect.flatMap(Clock.currentTimeMillis, (arrived) => {
      // Taken synchronously on arrival: concurrent requests each get their own fault, in order.
      const fault = script.next()
      const answered = journal.record({
        request,
        at: arrived,
        apiVersion: Pipeline.versionOf(server, request),
        organization: header(request.headers, "polar-organization") ?? null
      })
      const answer = (now: number): Outcome => {
        const behave = () => Pipeline.handle(server, request, now)
        const outcome = fault === undefined ? Faults.none(behave) : Faults.apply(fault, behave)
        answered(outcome)
        return outcome
      }
      if (fault?.delay === undefined) return Effect.succeed(answer(arrived))
      // Like the real server, a delayed request is still processed when the client gives up.
      return Effect.zipRight(Effect.sleep(fault.delay), Effect.map(Clock.currentTimeMillis, answer)).pipe(
        Effect.forkDaemon,
        Effect.flatMap(Fiber.join)
      )
    })

  return {
    generation: generation.name,
    handle,
    seed: (seed) => state.apply(seed),
    script: (...faults) => script.push(faults),
    journal: journal.entries,
    clearJournal: journal.clear,
    sessions: () => state.sessions().map((session) => session.json),
    reset
  }
}
