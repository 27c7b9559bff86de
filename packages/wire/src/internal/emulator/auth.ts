/**
 * Who a request is, and what it may reach: Polar's `AuthSubjectMiddleware` (the bearer token to a
 * subject, an unknown token refused before routing), its `Authenticator` dependency (allowed
 * subjects, then scopes) and `get_accessible_org_ids` (which organizations a token reads).
 *
 * @internal
 */
import type { Answer } from "./http.js"
import { insufficientScope, unauthorized } from "./http.js"
import type { State } from "./state.js"

/** The subject of a request. */
export type Subject =
  /** No credentials (or a scheme other than `Bearer`, or a client-registration token). */
  | { readonly _tag: "Anonymous" }
  /** A live customer or member session token: a portal subject, not accepted by the API's endpoints. */
  | { readonly _tag: "PortalSession" }
  /** A bearer token the server does not know. */
  | { readonly _tag: "Invalid" }
  /** An access token, with the organizations it reaches and its scopes. */
  | {
    readonly _tag: "Token"
    readonly organizationIds: ReadonlyArray<string> | "every"
    readonly scopes: ReadonlyArray<string>
  }

/** Every scope the emulator knows: what an accepted unknown token gets. */
export const ALL_SCOPES: ReadonlyArray<string> = [
  "customer_sessions:write",
  "members:read",
  "members:write",
  "member_sessions:write",
  "web_write"
]

/**
 * The bearer token of an `Authorization` header, as FastAPI's `get_authorization_scheme_param`
 * splits it (scheme up to the first space, any case; the rest, stripped, non-empty).
 */
export const bearerToken = (authorization: string | undefined): string | undefined => {
  if (authorization === undefined || authorization === "") return undefined
  const space = authorization.indexOf(" ")
  const scheme = space < 0 ? authorization : authorization.slice(0, space)
  const value = space < 0 ? "" : authorization.slice(space + 1).trim()
  if (scheme.toLowerCase() !== "bearer" || value === "") return undefined
  return value
}

/** How a generation resolves tokens. */
export interface TokenRules {
  /** Accept a token nobody seeded (with every scope). */
  readonly acceptAnyToken: boolean
  /** What such a token reaches: every organization, or only the first (as the legacy emulator did). */
  readonly anyToken: "every-organization" | "first-organization"
  /** Whether the customer and member session tokens the emulator created are portal subjects. */
  readonly portalSessions: boolean
}

/** Python's `str.isascii`. */
const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

/** Polar's `get_auth_subject`, for the tokens the emulator knows. */
export const identify = (state: State, rules: TokenRules, authorization: string | undefined, now: number): Subject => {
  const token = bearerToken(authorization)
  if (token === undefined || !isAscii(token)) return { _tag: "Anonymous" }
  if (token.startsWith("polar_crt_")) return { _tag: "Anonymous" }
  if (rules.portalSessions && (token.startsWith("polar_mst_") || token.startsWith("polar_cst_"))) {
    const session = state.session(token)
    if (session !== undefined && session.expiresAt > now) return { _tag: "PortalSession" }
  }
  const seeded = state.token(token)
  if (seeded !== undefined) {
    return { _tag: "Token", organizationIds: seeded.organizationIds, scopes: seeded.scopes }
  }
  if (rules.acceptAnyToken) {
    return {
      _tag: "Token",
      organizationIds: rules.anyToken === "every-organization" ? "every" : [state.firstOrganization().id],
      scopes: ALL_SCOPES
    }
  }
  return { _tag: "Invalid" }
}

/**
 * The `Authenticator` dependency of an endpoint for users and organizations: any other subject
 * is anonymous (`401 Unauthorized`); a token needs one of the `scopes` (else `403
 * insufficient_scope`, naming them).
 */
export const authorize = (
  subject: Subject,
  scopes: ReadonlyArray<string>
): Answer | Extract<Subject, { readonly _tag: "Token" }> => {
  if (subject._tag !== "Token") return unauthorized()
  return subject.scopes.some((scope) => scopes.includes(scope)) ? subject : insufficientScope(scopes)
}

/**
 * The organizations a token reads (`get_accessible_org_ids`), narrowed to the one a
 * `Polar-Organization` header names when the generation honours it: a header naming an
 * organization the token does not reach (or not an id at all) leaves it reaching none.
 */
export const organizationsOf = (
  state: State,
  subject: Extract<Subject, { readonly _tag: "Token" }>,
  polarOrganization: string | undefined
): ReadonlySet<string> => {
  const reached = subject.organizationIds === "every"
    ? state.organizations().map((org) => org.id)
    : subject.organizationIds
  const wanted = polarOrganization?.trim().toLowerCase()
  return new Set(wanted === undefined || wanted === "" ? reached : reached.filter((id) => id === wanted))
}
