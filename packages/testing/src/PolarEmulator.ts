/**
 * A faithful model of Polar's `POST /v1/member-sessions/`: organizations with their feature flags,
 * customers, members, access tokens with scopes, the sessions created, the server's validation
 * and errors, its rate limit, plus fault scripting and a request journal for tests.
 *
 * The model is written once and served two ways: in process by `PolarClientTest.layer` (no
 * socket) and over HTTP by `PolarEmulatorServer`.
 *
 * @since 0.1.0
 */
import { ValidationError } from "@effect-polar/core/HTTPValidationError"
import { MemberSession } from "@effect-polar/core/MemberSession"
import { validateWire } from "@effect-polar/core/MemberSessionCreate"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"

// -----------------------------------------------------------------------------
// Seeds
// -----------------------------------------------------------------------------

/**
 * An organization. `memberModelEnabled` and `seatBasedPricingEnabled` default to `true`;
 * `environment` (which frontend portal URLs use) defaults to `production`.
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
 * A customer. Defaults: the first organization, a team named after it.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerSeed = Schema.Struct({
  id: Schema.String,
  organization: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  externalId: Schema.optional(Schema.NullOr(Schema.String)),
  type: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category Models
 */
export type CustomerSeed = typeof CustomerSeed.Type

/**
 * A member. `{ id, email }` is enough: it then belongs to the default customer of the first
 * organization, with role `member`.
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
  organization: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type MemberSeed = typeof MemberSeed.Type

/**
 * An access token. `scopes` default to `["member_sessions:write"]`; `organization` to the first.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TokenSeed = Schema.Struct({
  token: Schema.String,
  organization: Schema.optional(Schema.String),
  scopes: Schema.optional(Schema.Array(Schema.String))
})

/**
 * @since 0.1.0
 * @category Models
 */
export type TokenSeed = typeof TokenSeed.Type

/**
 * Plain data to seed an emulator with (also the body of `POST /_emulator/seed`).
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
 * @since 0.1.0
 * @category Models
 */
export interface Options extends Omit<Seed, "members"> {
  /** Members to seed; defaults to `demoMembers`. */
  readonly members?: ReadonlyArray<MemberSeed> | undefined
  /** Seed of the deterministic ids and tokens. Default `1`. */
  readonly seed?: number | undefined
  /** Accept any bearer token (as a token of the first organization with every scope). Default: `true` when no `tokens` are seeded. */
  readonly acceptAnyToken?: boolean | undefined
  /** Per-token rate limit; off by default. */
  readonly rateLimit?: RateLimit | false | undefined
  /** How many requests the journal keeps, and how many sessions `sessions()` keeps (the oldest are dropped). Default `1000`. */
  readonly journalSize?: number | undefined
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
  /** What was answered: a status, `"reset"`, or `"pending"` while a delayed answer is on its way. */
  readonly outcome: number | "reset" | "pending"
  /** When it arrived, in milliseconds on the Effect clock. */
  readonly at: number
}

/**
 * The emulator.
 *
 * @since 0.1.0
 * @category Models
 */
export interface PolarEmulator {
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
  /** The sessions created, oldest first (at most `journalSize`, the latest). */
  readonly sessions: () => ReadonlyArray<MemberSession>
  /** Back to the state the emulator was made with (seed, no faults, empty journal). */
  readonly reset: () => void
}

// -----------------------------------------------------------------------------
// Constants
// -----------------------------------------------------------------------------

/**
 * Two members the demo and examples can use with no setup.
 *
 * @since 0.1.0
 * @category Constants
 */
export const demoMembers: ReadonlyArray<MemberSeed> = [
  {
    id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
    email: "jane.doe@acme.example",
    name: "Jane Doe",
    externalId: "usr_1337",
    role: "billing_manager"
  },
  { id: "9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5", email: "sam+test@example.com", role: "owner" }
]

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

const PATH = "/v1/member-sessions/"
const FRONTEND = { production: "https://polar.sh", sandbox: "https://sandbox.polar.sh" } as const
const WRITE_SCOPES = ["member_sessions:write", "web_write"]
const EPOCH = "2026-01-01T00:00:00Z"

const encodeSession = Schema.encodeSync(MemberSession)
const decodeSession = Schema.decodeUnknownSync(MemberSession)
const encodeErrors = Schema.encodeSync(Schema.Array(ValidationError))

/** A small deterministic generator (mulberry32). */
const makeRandom = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Outcome => ({
  _tag: "Response",
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body)
})

const validationError = (error: string, detail: ReadonlyArray<ValidationError>): Outcome =>
  json(422, { error, detail: encodeErrors(detail) })

/** Python's `json` error for a body V8 refused, with its position, as FastAPI reports it. */
const jsonInvalid = (body: string, cause: unknown): Outcome => {
  const match = /position (\d+)/.exec(cause instanceof Error ? cause.message : "")
  const position = match === null ? body.length : Number(match[1])
  return validationError("RequestValidationError", [
    new ValidationError({
      type: "json_invalid",
      loc: ["body", position],
      msg: "JSON decode error",
      input: {},
      ctx: { error: body.trim() === "" || position >= body.length ? "Expecting value" : "Invalid JSON" }
    })
  ])
}

const redactAuthorization = (value: string): string => {
  const match = /^(Bearer\s+)(.*)$/i.exec(value)
  if (match === null) return "<redacted>"
  const token = match[2] ?? ""
  const prefix = /^polar_[a-z]+_/.exec(token)?.[0] ?? ""
  return `${match[1]}${prefix}<redacted>`
}

// -----------------------------------------------------------------------------
// The model
// -----------------------------------------------------------------------------

interface Organization {
  readonly id: string
  readonly slug: string
  readonly memberModelEnabled: boolean
  readonly seatBasedPricingEnabled: boolean
  readonly environment: "production" | "sandbox"
}

interface Customer {
  readonly id: string
  readonly organizationId: string
  readonly email: string
  readonly name: string | null
  readonly externalId: string | null
  readonly type: string | null
}

interface Member {
  readonly id: string
  readonly email: string
  readonly name: string | null
  readonly externalId: string | null
  readonly role: string
  readonly customerId: string
}

interface Token {
  readonly organizationId: string
  readonly scopes: ReadonlyArray<string>
}

/**
 * Makes an emulator with its own state.
 *
 * @example
 * ```ts
 * import { PolarEmulator } from "@effect-polar/testing"
 *
 * const emulator = PolarEmulator.make({
 *   organizations: [{ slug: "acme", seatBasedPricingEnabled: false }],
 *   members: [{ id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", email: "jane@acme.example" }]
 * })
 * emulator.script({ status: 503 }) // the next request gets a 503
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options = {}): PolarEmulator => {
  let random = makeRandom(options.seed ?? 1)
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("")
  const uuid4 = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
  const sessionToken = () =>
    `polar_mst_${Array.from({ length: 43 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join("")}`

  const acceptAnyToken = options.acceptAnyToken ?? (options.tokens === undefined || options.tokens.length === 0)
  const rateLimit = options.rateLimit === undefined || options.rateLimit === false
    ? undefined
    : typeof options.rateLimit === "string"
    ? polarRateLimits[options.rateLimit]
    : options.rateLimit
  const rateWindow = rateLimit === undefined ? 0 : Duration.toMillis(rateLimit.window)
  const journalSize = Math.max(0, options.journalSize ?? 1000)

  const organizations = new Map<string, Organization>()
  const organizationsBySlug = new Map<string, Organization>()
  const customers = new Map<string, Customer>()
  const defaultCustomers = new Map<string, string>()
  const members = new Map<string, Member>()
  const tokens = new Map<string, Token>()
  const windows = new Map<string, { start: number; count: number }>()
  let faults: Array<Fault> = []
  let journal: Array<{ -readonly [K in keyof JournalEntry]: JournalEntry[K] }> = []
  let sessions: Array<MemberSession> = []

  const organization = (slug: string | undefined): Organization => {
    const found = slug === undefined ? organizations.values().next().value : organizationsBySlug.get(slug)
    if (found !== undefined) return found
    const made = addOrganization({ slug: slug ?? "acme-inc" })
    return made
  }

  const addOrganization = (seed: OrganizationSeed): Organization => {
    const org: Organization = {
      id: seed.id ?? uuid4(),
      slug: seed.slug,
      memberModelEnabled: seed.memberModelEnabled ?? true,
      seatBasedPricingEnabled: seed.seatBasedPricingEnabled ?? true,
      environment: seed.environment ?? "production"
    }
    organizations.set(org.id, org)
    organizationsBySlug.set(org.slug, org)
    return org
  }

  const addCustomer = (seed: CustomerSeed): Customer => {
    const org = organization(seed.organization)
    const customer: Customer = {
      id: seed.id.toLowerCase(),
      organizationId: org.id,
      email: seed.email ?? `billing@${org.slug}.example`,
      name: seed.name === undefined ? org.slug : seed.name,
      externalId: seed.externalId ?? null,
      type: seed.type === undefined ? "team" : seed.type
    }
    customers.set(customer.id, customer)
    if (!defaultCustomers.has(org.id)) defaultCustomers.set(org.id, customer.id)
    return customer
  }

  const defaultCustomer = (org: Organization): string =>
    defaultCustomers.get(org.id) ?? addCustomer({ id: uuid4(), organization: org.slug }).id

  const seed = (data: Seed): void => {
    for (const org of data.organizations ?? []) addOrganization(org)
    for (const customer of data.customers ?? []) addCustomer(customer)
    for (const member of data.members ?? []) {
      const customerId = member.customerId?.toLowerCase() ?? defaultCustomer(organization(member.organization))
      members.set(member.id.toLowerCase(), {
        id: member.id.toLowerCase(),
        email: member.email,
        name: member.name ?? null,
        externalId: member.externalId ?? null,
        role: member.role ?? "member",
        customerId
      })
    }
    for (const token of data.tokens ?? []) {
      tokens.set(token.token, {
        organizationId: organization(token.organization).id,
        scopes: token.scopes ?? ["member_sessions:write"]
      })
    }
  }

  const reset = (): void => {
    random = makeRandom(options.seed ?? 1)
    organizations.clear()
    organizationsBySlug.clear()
    customers.clear()
    defaultCustomers.clear()
    members.clear()
    tokens.clear()
    windows.clear()
    faults = []
    journal = []
    sessions = []
    seed({ ...options, members: options.members ?? demoMembers })
    // the default organization exists even when nothing names it
    organization(undefined)
  }
  reset()

  /** Journals a request on arrival; the returned function fills in what was answered. */
  const record = (request: Request, at: number): (outcome: Outcome) => void => {
    if (journalSize === 0) return () => {}
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue
      headers[name.toLowerCase()] = name.toLowerCase() === "authorization" ? redactAuthorization(value) : value
    }
    let body: unknown = request.body
    try {
      body = request.body === "" ? undefined : JSON.parse(request.body)
    } catch {
      // keep the raw text
    }
    const entry: { -readonly [K in keyof JournalEntry]: JournalEntry[K] } = {
      method: request.method,
      path: request.path,
      headers,
      body,
      outcome: "pending",
      at
    }
    journal.push(entry)
    if (journal.length > journalSize) journal = journal.slice(journal.length - journalSize)
    return (outcome) => {
      entry.outcome = outcome._tag === "Reset" ? "reset" : outcome.status
    }
  }

  const createSession = (member: Member, returnUrl: string | null, now: number): Outcome => {
    const customer = customers.get(member.customerId)!
    const org = organizations.get(customer.organizationId)!
    const secret = sessionToken()
    const session = decodeSession({
      created_at: new Date(now).toISOString(),
      modified_at: null,
      id: uuid4(),
      token: secret,
      expires_at: new Date(now + 3_600_000).toISOString(),
      return_url: returnUrl,
      member_portal_url: `${FRONTEND[org.environment]}/${org.slug}/portal?member_session_token=${secret}&email=${
        encodeURIComponent(member.email)
      }`,
      member_id: member.id,
      member: {
        id: member.id,
        created_at: EPOCH,
        modified_at: null,
        customer_id: customer.id,
        email: member.email,
        name: member.name,
        external_id: member.externalId,
        role: member.role
      },
      customer_id: customer.id,
      customer: {
        id: customer.id,
        created_at: EPOCH,
        modified_at: null,
        metadata: {},
        external_id: customer.externalId,
        email: customer.email,
        email_verified: true,
        type: customer.type,
        name: customer.name,
        billing_address: null,
        tax_id: null,
        locale: null,
        organization_id: org.id,
        deleted_at: null,
        avatar_url: `https://www.gravatar.com/avatar/${hex(64)}?d=404`
      }
    })
    sessions.push(session)
    if (sessions.length > journalSize) sessions = sessions.slice(sessions.length - journalSize)
    return json(201, encodeSession(session))
  }

  /** Polar's own behaviour, without faults. */
  const behave = (request: Request, now: number): Outcome => {
    if (request.path !== PATH) return json(404, { detail: "Not Found" })
    if (request.method !== "POST") return json(405, { detail: "Method Not Allowed" })

    const authorization = request.headers["authorization"] ?? ""
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]

    // Polar's rate limiter runs first, per token (or per client when there is none).
    if (rateLimit !== undefined) {
      const key = bearer ?? "anonymous"
      const window = windows.get(key)
      if (window === undefined || now - window.start >= rateWindow) {
        windows.set(key, { start: now, count: 1 })
      } else if (window.count >= rateLimit.requests) {
        const retryAfter = Math.max(1, Math.ceil((window.start + rateWindow - now) / 1000))
        return { _tag: "Response", status: 429, headers: { "retry-after": String(retryAfter) }, body: "" }
      } else {
        window.count++
      }
    }

    // FastAPI reads and parses the JSON body before it resolves the auth dependency.
    let body: unknown
    if (request.body.trim() === "") {
      return validationError("RequestValidationError", [
        new ValidationError({ type: "missing", loc: ["body"], msg: "Field required", input: null })
      ])
    }
    try {
      body = JSON.parse(request.body)
    } catch (cause) {
      return jsonInvalid(request.body, cause)
    }

    const token = bearer === undefined
      ? undefined
      : tokens.get(bearer) ??
        (acceptAnyToken ? { organizationId: organization(undefined).id, scopes: WRITE_SCOPES } : undefined)
    if (token === undefined) {
      return json(401, { error: "Unauthorized", detail: "Unauthorized" }, {
        "www-authenticate": "Bearer realm=\"polar\""
      })
    }
    if (!token.scopes.some((scope) => WRITE_SCOPES.includes(scope))) {
      return json(403, {
        error: "insufficient_scope",
        error_description: "The request requires higher privileges than provided by the access token."
      }, {
        "www-authenticate":
          "Bearer realm=\"polar\", error=\"insufficient_scope\", scope=\"member_sessions:write web_write\""
      })
    }

    return Either.match(validateWire(body), {
      onLeft: (detail) => validationError("RequestValidationError", detail),
      onRight: (valid) => {
        const org = organizations.get(token.organizationId)!
        const missing = [
          ...(org.memberModelEnabled ? [] : ["member_model_enabled"]),
          ...(org.seatBasedPricingEnabled ? [] : ["seat_based_pricing_enabled"])
        ]
        if (missing.length > 0) {
          return json(403, {
            error: "NotPermitted",
            detail: `Member sessions require ${
              missing.join(", ")
            } to be enabled for the organization. Use customer sessions instead.`
          })
        }
        const member = members.get(valid.memberId)
        const readable = member !== undefined && customers.get(member.customerId)?.organizationId === org.id
        if (member === undefined || !readable) {
          return validationError("PolarRequestValidationError", [
            new ValidationError({
              type: "value_error",
              loc: ["body", "member_id"],
              msg: "Member does not exist.",
              input: valid.memberId
            })
          ])
        }
        return createSession(member, valid.returnUrl, now)
      }
    })
  }

  const applyFault = (fault: Fault, request: Request, now: number): Outcome => {
    if (fault.reset === "before-response") return { _tag: "Reset" }
    const base: Outcome = fault.status === undefined
      ? behave(request, now)
      : {
        _tag: "Response",
        status: fault.status,
        headers: fault.body === undefined
          ? { ...fault.headers }
          : { "content-type": "application/json", ...fault.headers },
        body: fault.body ?? ""
      }
    if (base._tag !== "Response") return base
    if (fault.reset === "mid-body" || fault.stall === true) {
      return {
        _tag: "Partial",
        status: base.status,
        headers: base.headers,
        body: base.body,
        sent: Math.floor(base.body.length / 2),
        then: fault.reset === "mid-body" ? "reset" : "stall"
      }
    }
    if (fault.truncate === true) return { ...base, body: base.body.slice(0, Math.floor(base.body.length / 2)) }
    if (fault.notJson === true) return { ...base, body: `<html><body>${base.status}</body></html>` }
    return base
  }

  const handle = (request: Request): Effect.Effect<Outcome> =>
    Effect.flatMap(Clock.currentTimeMillis, (arrived) => {
      // Taken synchronously on arrival: concurrent requests each get their own fault, in order.
      const fault = faults.shift()
      const answered = record(request, arrived)
      const answer = (now: number) => {
        const outcome = fault === undefined ? behave(request, now) : applyFault(fault, request, now)
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
    handle,
    seed,
    script: (...more) => {
      faults.push(...more)
    },
    journal: () => journal.map((entry) => ({ ...entry })),
    clearJournal: () => {
      journal = []
    },
    sessions: () => sessions.slice(),
    reset
  }
}
