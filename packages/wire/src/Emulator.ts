/**
 * A model of Polar's API for the sessions that open its customer portal, in two server
 * generations, without Effect: what both lines' `@effect-polar/testing` serve (in process and over
 * HTTP), each adding only its Effect bindings (the clock, the delays, the layers).
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
 * validation, the endpoint), its validation errors those of `RequestBodies` (Polar's pydantic
 * models, re-implemented exactly), its response JSON written here field by field (not through any
 * client's decoders: a bug there must not be on both sides of a test). Callers script faults and
 * read a journal of the requests received.
 *
 * Time is what the caller says: `receive` takes the arrival time and `respond` the answer time, in
 * milliseconds (each line passes its Effect clock, so that tests run on a test clock). Ids and
 * tokens come from a generator seeded by `seed`: the same requests answer the same ids.
 *
 * @example
 * ```ts
 * import { Emulator } from "@effect-polar/wire"
 *
 * const emulator = Emulator.make()
 * const arrival = emulator.receive({
 *   method: "POST",
 *   path: "/v1/customer-sessions/",
 *   headers: { authorization: "Bearer polar_oat_anything", "content-type": "application/json" },
 *   body: JSON.stringify({ customer_id: "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7" })
 * }, Date.now())
 * // no fault scripted: no delay, answer at once
 * const outcome = arrival.respond(Date.now())
 * if (outcome._tag === "Response") console.log(outcome.status) // 201
 * ```
 *
 * @since 0.2.0
 */
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
 * @since 0.2.0
 * @category Seeds
 */
export interface OrganizationSeed {
  readonly slug: string
  readonly id?: string | undefined
  readonly memberModelEnabled?: boolean | undefined
  readonly seatBasedPricingEnabled?: boolean | undefined
  readonly environment?: "production" | "sandbox" | undefined
}

/**
 * A billing address (`country` an ISO 3166-1 alpha-2 code).
 *
 * @since 0.2.0
 * @category Seeds
 */
export interface AddressSeed {
  readonly line1?: string | null | undefined
  readonly line2?: string | null | undefined
  readonly postalCode?: string | null | undefined
  readonly city?: string | null | undefined
  readonly state?: string | null | undefined
  readonly country: string
}

/**
 * A customer. Defaults: the first organization, `type: "team"`, `email` `billing@<slug>.example`
 * (`null` for a team customer without one), `name` the organization's slug, not verified, created
 * 2026-01-01. `type` is open (`individual`, `team`, or anything, to exercise a client's enums);
 * `billingName` unset makes the wire's `billing_name` fall back to `name`, as Polar does.
 *
 * @since 0.2.0
 * @category Seeds
 */
export interface CustomerSeed {
  readonly id: string
  readonly organization?: string | undefined
  readonly type?: string | null | undefined
  readonly email?: string | null | undefined
  readonly emailVerified?: boolean | undefined
  readonly name?: string | null | undefined
  readonly billingName?: string | null | undefined
  readonly externalId?: string | null | undefined
  readonly metadata?: { readonly [key: string]: string | number | boolean } | undefined
  readonly billingAddress?: AddressSeed | null | undefined
  readonly taxId?: readonly [string | null, string | null] | null | undefined
  readonly locale?: string | null | undefined
  /** ISO 8601. */
  readonly createdAt?: string | undefined
  /** ISO 8601. */
  readonly modifiedAt?: string | null | undefined
}

/**
 * A member. `{ id, email }` is enough: it then belongs to the first team customer of the first
 * organization (one is made if there is none), with role `member`. `customerId` names its customer
 * (made, as a team customer, if it was not seeded); `organization` picks the organization whose
 * first team customer it joins.
 *
 * @since 0.2.0
 * @category Seeds
 */
export interface MemberSeed {
  readonly id: string
  readonly email: string
  readonly name?: string | null | undefined
  readonly externalId?: string | null | undefined
  readonly role?: string | undefined
  readonly customerId?: string | undefined
  readonly organization?: string | undefined
  /** ISO 8601; defaults to the customer's creation time. */
  readonly createdAt?: string | undefined
  /** ISO 8601. */
  readonly modifiedAt?: string | null | undefined
}

/**
 * An access token. Its prefix says whose it is: an organization access token (`polar_oat_`) or an
 * OAuth token of an organization (`polar_at_o_`) reaches one organization (`organization`, default
 * the first); any other (a personal access token `polar_pat_`, an OAuth token of a user
 * `polar_at_u_`) reaches the `organizations` listed (default: `organization`, or the first), and
 * `Polar-Organization` narrows it to one. `scopes` default to `customer_sessions:write`,
 * `members:read`, `members:write` and `member_sessions:write`.
 *
 * @since 0.2.0
 * @category Seeds
 */
export interface TokenSeed {
  readonly token: string
  readonly organization?: string | undefined
  readonly organizations?: ReadonlyArray<string> | undefined
  readonly scopes?: ReadonlyArray<string> | undefined
}

/**
 * Plain data to seed an emulator with (also the body of `POST /_emulator/seed`). Organizations
 * are seeded first, then customers, members and tokens; an organization named by slug and not
 * seeded is made with the defaults.
 *
 * @since 0.2.0
 * @category Seeds
 */
export interface Seed {
  readonly organizations?: ReadonlyArray<OrganizationSeed> | undefined
  readonly customers?: ReadonlyArray<CustomerSeed> | undefined
  readonly members?: ReadonlyArray<MemberSeed> | undefined
  readonly tokens?: ReadonlyArray<TokenSeed> | undefined
}

// -----------------------------------------------------------------------------
// Faults, options
// -----------------------------------------------------------------------------

/**
 * A scripted fault, applied to one request (the JSON of `POST /_emulator/faults`). The parts
 * combine: `delay` then `status` answers a delayed canned response, `delay` alone delays the real
 * answer.
 *
 * - `status` (with `body`, `headers`): answer this instead of the real behaviour.
 * - `delay`: wait this many milliseconds before answering (the caller waits: see `Arrival`).
 * - `reset: "before-response"`: drop the connection without answering; `"mid-body"`: send the
 *   headers and half the body, then drop it.
 * - `stall`: send the headers and half the body, then nothing more.
 * - `truncate`: answer the real response with only the first half of its body.
 * - `notJson`: answer the real status with a body that is not JSON.
 *
 * @since 0.2.0
 * @category Faults
 */
export interface Fault {
  readonly status?: number | undefined
  readonly body?: string | undefined
  readonly headers?: { readonly [name: string]: string } | undefined
  /** Milliseconds. */
  readonly delay?: number | undefined
  readonly reset?: "before-response" | "mid-body" | undefined
  readonly stall?: boolean | undefined
  readonly truncate?: boolean | undefined
  readonly notJson?: boolean | undefined
}

/**
 * A per-token rate limit: Polar's own numbers (`"production"`: 500 requests a minute,
 * `"sandbox"`: 100), or any.
 *
 * @since 0.2.0
 * @category Options
 */
export type RateLimit = "production" | "sandbox" | {
  readonly requests: number
  readonly windowMillis: number
}

/**
 * Which server the emulator is: `"current"` (Polar today) or `"legacy"` (January to March 2026,
 * `POST /v1/member-sessions/`).
 *
 * @since 0.2.0
 * @category Options
 */
export type GenerationName = "current" | "legacy"

/**
 * @since 0.2.0
 * @category Options
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
 * @since 0.2.0
 * @category Requests
 */
export interface Request {
  readonly method: string
  /** The path, without the query. */
  readonly path: string
  readonly headers: { readonly [name: string]: string | undefined }
  readonly body: string
}

/**
 * What the emulator answers: a response, a response whose connection drops or stalls part-way
 * through the body, or a connection dropped before any response.
 *
 * @since 0.2.0
 * @category Requests
 */
export type Outcome =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly headers: { readonly [name: string]: string }
    readonly body: string
  }
  | {
    readonly _tag: "Partial"
    readonly status: number
    readonly headers: { readonly [name: string]: string }
    /** The whole body: `sent` bytes of it go out, then the connection drops or stalls. */
    readonly body: string
    readonly sent: number
    readonly then: "reset" | "stall"
  }
  | { readonly _tag: "Reset" }

/**
 * A request received: when to answer it, and the answer.
 *
 * @since 0.2.0
 * @category Requests
 */
export interface Arrival {
  /**
   * How long to wait before answering, in milliseconds: its fault's `delay`; `undefined` to answer
   * at once. Like the real server, a delayed request is still answered (and its journal entry
   * completed) when its client gives up: the caller calls `respond` anyway.
   */
  readonly delay: number | undefined
  /**
   * The answer, from the state at `now` (the arrival time when there is no delay). Its journal
   * entry is `"pending"` until then.
   */
  readonly respond: (now: number) => Outcome
}

/**
 * One request in the journal. The bearer token is redacted; the body is decoded when it is JSON.
 *
 * @since 0.2.0
 * @category Requests
 */
export interface JournalEntry {
  readonly method: string
  readonly path: string
  readonly headers: { readonly [name: string]: string }
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
  /** When it arrived, in milliseconds (the `now` given to `receive`). */
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
  readonly metadata: { readonly [key: string]: string | number | boolean }
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
  readonly metadata: { readonly [key: string]: string | number | boolean }
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
 * The emulator: its state, its fault script and its journal.
 *
 * @since 0.2.0
 * @category Models
 */
export interface Emulator {
  /** The server generation it emulates. */
  readonly generation: GenerationName
  /**
   * Receives one request at `now` (milliseconds): journals it and takes the next scripted fault, at
   * once (concurrent requests each get their own fault, in order of arrival). The answer comes from
   * the `Arrival`.
   */
  readonly receive: (request: Request, now: number) => Arrival
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
 * @since 0.2.0
 * @category Constants
 */
export const demoMembers: ReadonlyArray<MemberSeed> = demoSeed.members ?? []

/**
 * Polar's rate limits per token: 500 requests a minute in production, 100 in the sandbox.
 *
 * @since 0.2.0
 * @category Constants
 */
export const polarRateLimits = {
  production: { requests: 500, windowMillis: 60_000 },
  sandbox: { requests: 100, windowMillis: 60_000 }
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

/** The limit in force, if any. */
const limitOf = (rateLimit: Options["rateLimit"]): RateLimiter.Limit | undefined => {
  if (rateLimit === undefined || rateLimit === false) return undefined
  return typeof rateLimit === "string" ? polarRateLimits[rateLimit] : rateLimit
}

/**
 * Makes an emulator with its own state. It throws when `defaultApiVersion` is not one of
 * `apiVersions` (as Polar's server refuses to start).
 *
 * @example
 * ```ts
 * import { Emulator } from "@effect-polar/wire"
 *
 * const emulator = Emulator.make({
 *   organizations: [{ slug: "acme", memberModelEnabled: true }],
 *   customers: [{ id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6", type: "team", email: null }],
 *   members: [
 *     { id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", email: "jane@acme.example", customerId: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6" }
 *   ]
 * })
 * emulator.script({ status: 503 }, { delay: 2_000 }) // the next request gets a 503, the one after waits 2 s
 *
 * // the legacy server, with POST /v1/member-sessions/
 * const legacy = Emulator.make({ generation: "legacy" })
 * ```
 *
 * @since 0.2.0
 * @category Constructors
 */
export const make = (options: Options = {}): Emulator => {
  const generation = Generations.of(options.generation ?? "current")
  const versioning: Pipeline.Versioning | undefined = generation.versioning === undefined ? undefined : {
    versions: options.apiVersions ?? generation.versioning.versions,
    default: options.defaultApiVersion ?? generation.versioning.default
  }
  if (versioning !== undefined && !versioning.versions.includes(versioning.default)) {
    throw new Error(`Default API version ${versioning.default} is not supported`)
  }
  const journalSize = Math.max(0, options.journalSize ?? 1000)

  const ids = Ids.make(options.seed ?? 1)
  const state = State.make(ids, journalSize)
  const limiter = RateLimiter.make(limitOf(options.rateLimit))
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

  const receive = (request: Request, now: number): Arrival => {
    const fault = script.next()
    const answered = journal.record({
      request,
      at: now,
      apiVersion: Pipeline.versionOf(server, request),
      organization: header(request.headers, "polar-organization") ?? null
    })
    return {
      delay: fault?.delay,
      respond: (at) => {
        const behave = () => Pipeline.handle(server, request, at)
        const outcome = fault === undefined ? Faults.none(behave) : Faults.apply(fault, behave)
        answered(outcome)
        return outcome
      }
    }
  }

  return {
    generation: generation.name,
    receive,
    seed: (seed) => state.apply(seed),
    script: (...faults) => script.push(faults),
    journal: journal.entries,
    clearJournal: journal.clear,
    sessions: () => state.sessions().map((session) => session.json),
    reset
  }
}

// -----------------------------------------------------------------------------
// Control endpoints
// -----------------------------------------------------------------------------

/**
 * What an emulator server's control endpoints act on: an emulator (of either line, whose faults
 * may carry the line's own types).
 *
 * @since 0.2.0
 * @category Control
 */
export interface Controlled<F> {
  /** What `POST /_emulator/seed` does with its decoded body. */
  readonly seed: (seed: Seed) => void
  /** What `POST /_emulator/faults` does with its decoded faults. */
  readonly script: (...faults: ReadonlyArray<F>) => void
  /** What `GET /_emulator/journal` answers. */
  readonly journal: () => ReadonlyArray<JournalEntry>
  /** What `DELETE /_emulator/journal` does. */
  readonly clearJournal: () => void
  /** What `POST /_emulator/reset` does. */
  readonly reset: () => void
}

/**
 * A control endpoint's decoding of its JSON body: the value, or why it was refused.
 *
 * @since 0.2.0
 * @category Control
 */
export type Decoded<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: string }

/**
 * How a server decodes the bodies of `POST /_emulator/seed` (a `Seed`) and `POST /_emulator/faults`
 * (an array of faults, or `{ "faults": [...] }`), from the body's text.
 *
 * @since 0.2.0
 * @category Control
 */
export interface ControlDecoders<F> {
  /** Decodes the body of `POST /_emulator/seed`. */
  readonly seed: (body: string) => Decoded<Seed>
  /** Decodes the body of `POST /_emulator/faults` (an array, or `{ "faults": [...] }`). */
  readonly faults: (body: string) => Decoded<ReadonlyArray<F>>
}

/**
 * The prefix of the control endpoints' paths.
 *
 * @since 0.2.0
 * @category Control
 */
export const CONTROL_PREFIX = "/_emulator/"

/**
 * What a control endpoint answers: always a whole response.
 *
 * @since 0.2.0
 * @category Control
 */
export type ControlAnswer = Extract<Outcome, { readonly _tag: "Response" }>

const controlJson = (status: number, body: unknown): ControlAnswer => ({
  _tag: "Response",
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body)
})

const noContent: ControlAnswer = { _tag: "Response", status: 204, headers: {}, body: "" }

const decodedOr = <A>(decoded: Decoded<A>, use: (value: A) => void): ControlAnswer => {
  if (!decoded.ok) return controlJson(400, { error: "BadRequest", detail: decoded.error })
  use(decoded.value)
  return noContent
}

/**
 * The answer of an emulator server's control endpoints (whatever `Polar-Version` says), or
 * `undefined` for a path outside `/_emulator/` (a request for the emulator itself):
 *
 * | method and path | does |
 * | --- | --- |
 * | `POST /_emulator/seed` | adds `{ organizations, customers, members, tokens }` (a `Seed`): `204` |
 * | `POST /_emulator/faults` | queues faults for the next requests: `[{ "status": 503 }, { "delay": 2000 }]`: `204` |
 * | `GET /_emulator/journal` | the requests received (`JournalEntry`s), as JSON |
 * | `DELETE /_emulator/journal` | empties the journal: `204` |
 * | `POST /_emulator/reset` | back to the initial state: `204` |
 *
 * A body that does not decode is `400 {"error": "BadRequest", "detail": <why>}`; any other path
 * under `/_emulator/` is `404 {"detail": "Not Found"}`.
 *
 * @since 0.2.0
 * @category Control
 */
export const control = <F>(
  emulator: Controlled<F>,
  request: Request,
  decoders: ControlDecoders<F>
): ControlAnswer | undefined => {
  if (!request.path.startsWith(CONTROL_PREFIX)) return undefined
  switch (`${request.method} ${request.path}`) {
    case "GET /_emulator/journal":
      return controlJson(200, emulator.journal())
    case "DELETE /_emulator/journal":
      emulator.clearJournal()
      return noContent
    case "POST /_emulator/reset":
      emulator.reset()
      return noContent
    case "POST /_emulator/seed":
      return decodedOr(decoders.seed(request.body), emulator.seed)
    case "POST /_emulator/faults":
      return decodedOr(decoders.faults(request.body), (faults) => emulator.script(...faults))
    default:
      return controlJson(404, { detail: "Not Found" })
  }
}
