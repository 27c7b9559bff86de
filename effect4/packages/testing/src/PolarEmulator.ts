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
 * validation, the endpoint), its validation errors those of `@effect-polar/wire`'s
 * re-implementation of Polar's pydantic models, its response JSON written field by field. Tests
 * script faults and read a journal of the requests received.
 *
 * The model is `@effect-polar/wire`'s `Emulator` (no Effect inside, shared with the Effect 3 line);
 * this module binds it to Effect 4: its clock (times, delays, session expiry, all on the `TestClock`
 * in tests), `Duration`s, and the `Seed` and `Fault` schemas. It is served two ways: in process by
 * `PolarClientTest.layer` (no socket) and over HTTP by `PolarEmulatorServer`.
 *
 * @since 1.0.0
 */
import * as Emulator from "@effect-polar/wire/Emulator"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"

// -----------------------------------------------------------------------------
// Seeds
// -----------------------------------------------------------------------------

/**
 * An organization. `memberModelEnabled` and `seatBasedPricingEnabled` default to `true`;
 * `environment` (which frontend portal URLs use) defaults to `production`. Seeding a slug again
 * updates that organization.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const OrganizationSeed = Schema.Struct({
  slug: Schema.String,
  id: Schema.optional(Schema.String),
  memberModelEnabled: Schema.optional(Schema.Boolean),
  seatBasedPricingEnabled: Schema.optional(Schema.Boolean),
  environment: Schema.optional(Schema.Literals(["production", "sandbox"]))
})

/**
 * @since 1.0.0
 * @category Models
 */
export type OrganizationSeed = typeof OrganizationSeed.Type

/**
 * A billing address (`country` an ISO 3166-1 alpha-2 code).
 *
 * @since 1.0.0
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
 * @since 1.0.0
 * @category Models
 */
export type AddressSeed = typeof AddressSeed.Type

/**
 * A customer. Defaults: the first organization, `type: "team"`, `email` `billing@<slug>.example`
 * (`null` for a team customer without one), `name` the organization's slug, not verified, created
 * 2026-01-01. `type` is open (`individual`, `team`, or anything, to exercise a client's enums);
 * `billingName` unset makes the wire's `billing_name` fall back to `name`, as Polar does.
 *
 * @since 1.0.0
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
  metadata: Schema.optional(Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Number, Schema.Boolean]))),
  billingAddress: Schema.optional(Schema.NullOr(AddressSeed)),
  taxId: Schema.optional(Schema.NullOr(Schema.Tuple([Schema.NullOr(Schema.String), Schema.NullOr(Schema.String)]))),
  locale: Schema.optional(Schema.NullOr(Schema.String)),
  /** ISO 8601. */
  createdAt: Schema.optional(Schema.String),
  /** ISO 8601. */
  modifiedAt: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 1.0.0
 * @category Models
 */
export type CustomerSeed = typeof CustomerSeed.Type

/**
 * A member. `{ id, email }` is enough: it then belongs to the first team customer of the first
 * organization (one is made if there is none), with role `member`. `customerId` names its customer
 * (made, as a team customer, if it was not seeded); `organization` picks the organization whose
 * first team customer it joins.
 *
 * @since 1.0.0
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
 * @since 1.0.0
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
 * @since 1.0.0
 * @category Schemas
 */
export const TokenSeed = Schema.Struct({
  token: Schema.String,
  organization: Schema.optional(Schema.String),
  organizations: Schema.optional(Schema.Array(Schema.String)),
  scopes: Schema.optional(Schema.Array(Schema.String))
})

/**
 * @since 1.0.0
 * @category Models
 */
export type TokenSeed = typeof TokenSeed.Type

/**
 * Plain data to seed an emulator with (also the body of `POST /_emulator/seed`). Organizations
 * are seeded first, then customers, members and tokens; an organization named by slug and not
 * seeded is made with the defaults.
 *
 * @since 1.0.0
 * @category Schemas
 */
export const Seed = Schema.Struct({
  organizations: Schema.optional(Schema.Array(OrganizationSeed)),
  customers: Schema.optional(Schema.Array(CustomerSeed)),
  members: Schema.optional(Schema.Array(MemberSeed)),
  tokens: Schema.optional(Schema.Array(TokenSeed))
})

/**
 * @since 1.0.0
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
 * @since 1.0.0
 * @category Schemas
 */
export const Fault = Schema.Struct({
  status: Schema.optional(Schema.Int),
  body: Schema.optional(Schema.String),
  headers: Schema.optional(Schema.Record(Schema.String, Schema.String)),
  delay: Schema.optional(Schema.DurationFromMillis),
  reset: Schema.optional(Schema.Literals(["before-response", "mid-body"])),
  stall: Schema.optional(Schema.Boolean),
  truncate: Schema.optional(Schema.Boolean),
  notJson: Schema.optional(Schema.Boolean)
})

/**
 * @since 1.0.0
 * @category Models
 */
export type Fault = typeof Fault.Type

/**
 * A per-token rate limit: Polar's own numbers (`"production"`: 500 requests a minute,
 * `"sandbox"`: 100), or any.
 *
 * @since 1.0.0
 * @category Models
 */
export type RateLimit = "production" | "sandbox" | {
  readonly requests: number
  readonly window: Duration.Input
}

/**
 * Which server the emulator is: `"current"` (Polar today) or `"legacy"` (January to March 2026,
 * `POST /v1/member-sessions/`).
 *
 * @since 1.0.0
 * @category Models
 */
export type GenerationName = Emulator.GenerationName

/**
 * @since 1.0.0
 * @category Models
 */
export interface Options extends Omit<Emulator.Options, "rateLimit"> {
  /** Per-token rate limit; off by default. */
  readonly rateLimit?: RateLimit | false | undefined
}

// -----------------------------------------------------------------------------
// Requests, responses, journal
// -----------------------------------------------------------------------------

/**
 * A request as the emulator receives it: `method`, `path` (without the query), `headers` and the
 * body's text.
 *
 * @since 1.0.0
 * @category Models
 */
export type Request = Emulator.Request

/**
 * What the emulator answers: a response (`Response`), a response whose connection drops or
 * stalls part-way through the body (`Partial`: `sent` bytes of `body` go out, then `then`), or a
 * connection dropped before any response (`Reset`).
 *
 * @since 1.0.0
 * @category Models
 */
export type Outcome = Emulator.Outcome

/**
 * One request in the journal. The bearer token is redacted; the body is decoded when it is JSON;
 * `apiVersion` is the version it was served with (`null` when refused, and in the legacy
 * generation), `organization` its `Polar-Organization`, `outcome` a status, `"reset"` or
 * `"pending"` while a delayed answer is on its way, and `at` when it arrived, in milliseconds on
 * the Effect clock.
 *
 * @since 1.0.0
 * @category Models
 */
export type JournalEntry = Emulator.JournalEntry

// -----------------------------------------------------------------------------
// Wire JSON of what the emulator creates
// -----------------------------------------------------------------------------

/**
 * `Address` on the wire.
 *
 * @since 1.0.0
 * @category Wire
 */
export type AddressJson = Emulator.AddressJson

/**
 * Today's `Customer` on the wire, fields in the server's order.
 *
 * @since 1.0.0
 * @category Wire
 */
export type CustomerJson = Emulator.CustomerJson

/**
 * The legacy generation's `Customer` on the wire, fields in the server's order.
 *
 * @since 1.0.0
 * @category Wire
 */
export type LegacyCustomerJson = Emulator.LegacyCustomerJson

/**
 * `Member` on the wire (both generations).
 *
 * @since 1.0.0
 * @category Wire
 */
export type MemberJson = Emulator.MemberJson

/**
 * Today's `CustomerSession` (the `201` of `POST /v1/customer-sessions/`): `token` starts
 * `polar_mst_` for a member session, `polar_cst_` for a customer session.
 *
 * @since 1.0.0
 * @category Wire
 */
export type CustomerSessionJson = Emulator.CustomerSessionJson

/**
 * The legacy `MemberSession` (the `201` of `POST /v1/member-sessions/`).
 *
 * @since 1.0.0
 * @category Wire
 */
export type MemberSessionJson = Emulator.MemberSessionJson

/**
 * A session an emulator created, as it answered it.
 *
 * @since 1.0.0
 * @category Wire
 */
export type SessionJson = Emulator.SessionJson

// -----------------------------------------------------------------------------
// The emulator
// -----------------------------------------------------------------------------

/**
 * The emulator.
 *
 * @since 1.0.0
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
 * @since 1.0.0
 * @category Constants
 */
export const demoSeed: Seed = Emulator.demoSeed

/**
 * The legacy generation's demo data: `demoSeed` with an email for Acme Inc.
 * (`billing@acme.example`: customers could not lack one before March 2026).
 *
 * @since 1.0.0
 * @category Constants
 */
export const legacyDemoSeed: Seed = Emulator.legacyDemoSeed

/**
 * The demo members (Jane, then Sam), in both generations.
 *
 * @since 1.0.0
 * @category Constants
 */
export const demoMembers: ReadonlyArray<MemberSeed> = Emulator.demoMembers

/**
 * Polar's rate limits per token.
 *
 * @since 1.0.0
 * @category Constants
 */
export const polarRateLimits = {
  production: {
    requests: Emulator.polarRateLimits.production.requests,
    window: Duration.millis(Emulator.polarRateLimits.production.windowMillis)
  },
  sandbox: {
    requests: Emulator.polarRateLimits.sandbox.requests,
    window: Duration.millis(Emulator.polarRateLimits.sandbox.windowMillis)
  }
} as const

/**
 * The `Polar-Version`s the current generation serves by default: those `@polar-sh/sdk` 1.0.1
 * knows.
 *
 * @since 1.0.0
 * @category Constants
 */
export const apiVersions: ReadonlyArray<string> = Emulator.apiVersions

/**
 * The API version served to a request without `Polar-Version`.
 *
 * @since 1.0.0
 * @category Constants
 */
export const defaultApiVersion: string = Emulator.defaultApiVersion

/** A fault as the model takes it: its delay in milliseconds. */
const toModelFault = ({ delay, ...fault }: Fault): Emulator.Fault =>
  delay === undefined ? fault : { ...fault, delay: Duration.toMillis(delay) }

/** The options as the model takes them: a rate limit's window in milliseconds. */
const toModelOptions = ({ rateLimit, ...options }: Options): Emulator.Options => ({
  ...options,
  rateLimit: rateLimit === undefined || rateLimit === false || typeof rateLimit === "string"
    ? rateLimit
    : { requests: rateLimit.requests, windowMillis: Duration.toMillis(rateLimit.window) }
})

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
 * @since 1.0.0
 * @category Constructors
 */
export const make = (options: Options = {}): PolarEmulator => {
  const model = Emulator.make(toModelOptions(options))

  const handle = (request: Request): Effect.Effect<Outcome> =>
    Effect.flatMap(Clock.currentTimeMillis, (arrived) => {
      // Taken synchronously on arrival: concurrent requests each get their own fault, in order.
      const arrival = model.receive(request, arrived)
      if (arrival.delay === undefined) return Effect.succeed(arrival.respond(arrived))
      // Like the real server, a delayed request is still processed when the client gives up.
      return Effect.sleep(Duration.millis(arrival.delay)).pipe(
        Effect.andThen(Effect.map(Clock.currentTimeMillis, arrival.respond)),
        Effect.forkDetach,
        Effect.flatMap(Fiber.join)
      )
    })

  return {
    generation: model.generation,
    handle,
    seed: model.seed,
    script: (...faults) => model.script(...faults.map(toModelFault)),
    journal: model.journal,
    clearJournal: model.clearJournal,
    sessions: model.sessions,
    reset: model.reset
  }
}
