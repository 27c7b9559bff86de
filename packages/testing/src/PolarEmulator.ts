/**
 * An in-memory model of Polar's `POST /v1/member-sessions/` endpoint: seeded members, the
 * server's validation, and sessions created as Polar creates them. It is the part of
 * `PolarClientTest` that plays the server.
 *
 * @since 0.1.0
 */
import { MemberSession, validateWire } from "@effect-polar/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * A member to seed. `{ id, email }` is enough; everything else has a default.
 *
 * @since 0.1.0
 * @category Models
 */
export interface MemberSeed {
  readonly id: string
  readonly email: string
  readonly name?: string | null | undefined
  readonly externalId?: string | null | undefined
  readonly role?: "owner" | "billing_manager" | "member" | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Members of the organization; defaults to `demoMembers`. */
  readonly members?: ReadonlyArray<MemberSeed> | undefined
  /** The organization's slug, used in portal URLs. Default `acme-inc`. */
  readonly organizationSlug?: string | undefined
  /** Which frontend portal URLs point to. Default `production` (`https://polar.sh`). */
  readonly environment?: "production" | "sandbox" | undefined
  /** Seed of the deterministic ids and tokens. Default `1`. */
  readonly seed?: number | undefined
}

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
 * A response as the emulator answers it.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Response {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * The emulator.
 *
 * @since 0.1.0
 * @category Models
 */
export interface PolarEmulator {
  /** Answers one request as Polar would. */
  readonly handle: (request: Request) => Effect.Effect<Response>
  /** The sessions created so far (tokens are `Redacted`). */
  readonly sessions: () => ReadonlyArray<MemberSession>
}

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

const FRONTEND = { production: "https://polar.sh", sandbox: "https://sandbox.polar.sh" } as const
const encodeSession = Schema.encodeSync(MemberSession)
const decodeSession = Schema.decodeUnknownSync(MemberSession)

/** A small deterministic generator (mulberry32) for ids and tokens. */
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

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body)
})

/**
 * Makes an emulator with its own state.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options = {}): PolarEmulator => {
  const random = makeRandom(options.seed ?? 1)
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("")
  const uuid4 = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
  const token = () =>
    `polar_mst_${Array.from({ length: 43 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join("")}`

  const slug = options.organizationSlug ?? "acme-inc"
  const frontend = FRONTEND[options.environment ?? "production"]
  const organizationId = uuid4()
  const customerId = uuid4()
  const epoch = "2026-01-01T00:00:00Z"
  const members = new Map((options.members ?? demoMembers).map((m) => [m.id.toLowerCase(), m]))
  const sessions: Array<MemberSession> = []

  const create = (memberId: string, returnUrl: string | null, now: number): Response => {
    const member = members.get(memberId)
    if (member === undefined) {
      return json(422, {
        error: "PolarRequestValidationError",
        detail: [{ type: "value_error", loc: ["body", "member_id"], msg: "Member does not exist.", input: memberId }]
      })
    }
    const secret = token()
    const created = new Date(now)
    const session = decodeSession({
      created_at: created.toISOString(),
      modified_at: null,
      id: uuid4(),
      token: secret,
      expires_at: new Date(now + 3_600_000).toISOString(),
      return_url: returnUrl,
      member_portal_url: `${frontend}/${slug}/portal?member_session_token=${secret}&email=${
        encodeURIComponent(member.email)
      }`,
      member_id: memberId,
      member: {
        id: memberId,
        created_at: epoch,
        modified_at: null,
        customer_id: customerId,
        email: member.email,
        name: member.name ?? null,
        external_id: member.externalId ?? null,
        role: member.role ?? "member"
      },
      customer_id: customerId,
      customer: {
        id: customerId,
        created_at: epoch,
        modified_at: null,
        metadata: {},
        external_id: null,
        email: `billing@${slug}.example`,
        email_verified: true,
        type: "team",
        name: slug,
        billing_address: null,
        tax_id: null,
        locale: null,
        organization_id: organizationId,
        deleted_at: null,
        avatar_url: `https://www.gravatar.com/avatar/${hex(64)}?d=404`
      }
    })
    sessions.push(session)
    return json(201, encodeSession(session))
  }

  const handle = (request: Request): Effect.Effect<Response> =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      if (request.method !== "POST" || request.path !== "/v1/member-sessions/") {
        return json(404, { detail: "Not Found" })
      }
      const authorization = request.headers["authorization"] ?? ""
      if (!/^Bearer \S+$/.test(authorization)) {
        return json(401, { error: "Unauthorized", detail: "Unauthorized" }, {
          "www-authenticate": "Bearer realm=\"polar\""
        })
      }
      let body: unknown
      try {
        body = JSON.parse(request.body)
      } catch {
        return json(422, {
          error: "RequestValidationError",
          detail: [{ type: "json_invalid", loc: ["body", 0], msg: "JSON decode error", input: {} }]
        })
      }
      return Either.match(validateWire(body), {
        onLeft: (detail) => json(422, { error: "RequestValidationError", detail }),
        onRight: (valid) => create(valid.memberId, valid.returnUrl, now)
      })
    })

  return { handle, sessions: () => sessions.slice() }
}

/**
 * The session token of a created session, for assertions in tests.
 *
 * @since 0.1.0
 * @category Utils
 */
export const tokenOf = (session: MemberSession): string => Redacted.value(session.token)
