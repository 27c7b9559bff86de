/**
 * The two server generations, as data: which routes exist, whether `Polar-Version` is honoured,
 * how the framework reads a body without a JSON content type, how an unknown token is refused, and
 * the demo seed. The request pipeline is the same for both.
 *
 * @internal
 */
import type { GenerationName, Seed } from "../../Emulator.js"
import * as Demo from "./demo.js"
import type { Route } from "./route.js"
import { createCustomerSession } from "./routes/customerSessions.js"
import { getCustomerMember, getMember } from "./routes/members.js"
import { createMemberSession } from "./routes/memberSessions.js"

/** What differs between generations. */
export interface Generation {
  readonly name: GenerationName
  /** The routes, in the order the router tries them. */
  readonly routes: ReadonlyArray<Route>
  /** `Polar-Version` handling: the versions served and the default; none in the legacy generation. */
  readonly versioning: { readonly versions: ReadonlyArray<string>; readonly default: string } | undefined
  /**
   * FastAPI 0.132's `strict_content_type` (on today): a body without a content type is not decoded
   * as JSON. Before 0.132 (the legacy generation's 0.121 to 0.128) it was.
   */
  readonly strictContentType: boolean
  /**
   * Where an unknown bearer token is refused: by the auth middleware before routing with authlib's
   * `invalid_token` (today's server), or by the endpoint's dependency as `Unauthorized` (what the
   * legacy contract documents).
   */
  readonly unknownToken: "invalid_token" | "unauthorized"
  /** What an accepted unknown token reaches. */
  readonly anyToken: "every-organization" | "first-organization"
  /** Whether the session tokens the emulator created are recognised as portal subjects. */
  readonly portalSessions: boolean
  /** Whether `Polar-Organization` narrows a token to one organization. */
  readonly organizationHeader: boolean
  /** The seed used when no members are given. */
  readonly demo: Seed
}

/** `Polar-Version`s `@polar-sh/sdk` 1.0.1 knows; `2026-04` is the server's default. */
export const API_VERSIONS: ReadonlyArray<string> = ["2026-04", "2026-10", "2027-01"]

/** The version served when a request sends none. */
export const DEFAULT_API_VERSION = "2026-04"

/** Polar today. */
export const current: Generation = {
  name: "current",
  routes: [createCustomerSession, getMember, getCustomerMember],
  versioning: { versions: API_VERSIONS, default: DEFAULT_API_VERSION },
  strictContentType: true,
  unknownToken: "invalid_token",
  anyToken: "every-organization",
  portalSessions: true,
  organizationHeader: true,
  demo: Demo.current
}

/** The server of January to March 2026, with `POST /v1/member-sessions/`. */
export const legacy: Generation = {
  name: "legacy",
  routes: [createMemberSession],
  versioning: undefined,
  strictContentType: false,
  unknownToken: "unauthorized",
  anyToken: "first-organization",
  portalSessions: false,
  organizationHeader: false,
  demo: Demo.legacy
}

/** The generation of a name. */
export const of = (name: GenerationName): Generation => name === "legacy" ? legacy : current
