/**
 * The wording of the client's errors and hints, as pure functions of plain data (strings, numbers,
 * header records), so that every line of the client says the same thing in the same words: what
 * failed, what Polar said, and, where the client knows more, what to do.
 *
 * The lines build their own error values (`SDKError`, `HTTPValidationError`) around these texts,
 * and mask secrets in them with `scrubber`.
 *
 * @example
 * ```ts
 * import { Messages } from "@effect-polar/wire"
 *
 * const message = Messages.status(
 *   { method: "POST", path: "/v1/customer-sessions/", server: "https://api.polar.sh", apiVersion: "2026-10" },
 *   { statusCode: 401, headers: {}, body: "{\"error\":\"invalid_token\"}", errorBody: { error: "invalid_token" } }
 * )
 * // "POST /v1/customer-sessions/ failed with status 401 Unauthorized: invalid_token. The access token was not accepted by ..."
 * ```
 *
 * @since 0.2.0
 */
import type { LineError } from "./Pydantic.js"

/**
 * The request a message is about: its method and the path of its URL.
 *
 * @since 0.2.0
 * @category Models
 */
export interface Request {
  readonly method: string
  readonly path: string
}

/**
 * What the status messages also say: the server the call went to (for the 401 hint), the
 * `Polar-Version` sent (for the hint of a 404 on every path), and what the operation adds to the
 * message of a failure with a given status.
 *
 * @since 0.2.0
 * @category Models
 */
export interface Call extends Request {
  readonly server: string
  readonly apiVersion: string
  readonly hints?: { readonly [status: number]: string } | undefined
}

// -----------------------------------------------------------------------------
// Secrets
// -----------------------------------------------------------------------------

const SESSION_TOKEN = /(polar_[mc]st_)[A-Za-z0-9_\-.~%]+/g
const SESSION_TOKEN_PARAM = /((?:member|customer)_session_token=)[^&"'\s<>]+/g

/**
 * The masking function of one client: it replaces with `<redacted>` the access token (when it is at
 * least 6 characters long, so that ordinary text is not mangled), every member or customer session
 * token (`polar_mst_…`, `polar_cst_…`, their prefix kept) and the value of every
 * `member_session_token=` / `customer_session_token=` parameter.
 *
 * @since 0.2.0
 * @category Secrets
 */
export const scrubber = (accessToken: string): (text: string) => string => (text) => {
  let out = text.replace(SESSION_TOKEN, "$1<redacted>").replace(SESSION_TOKEN_PARAM, "$1<redacted>")
  if (accessToken.length >= 6 && out.includes(accessToken)) out = out.split(accessToken).join("<redacted>")
  return out
}

// -----------------------------------------------------------------------------
// Configuration
// -----------------------------------------------------------------------------

/**
 * Why a `serverURL` (its trailing slashes removed) cannot be used: it is not an absolute `http(s)`
 * URL. A programming error: building the client's layer dies with this message.
 *
 * @since 0.2.0
 * @category Configuration
 */
export const invalidServerUrl = (serverUrl: string): string =>
  `PolarClient: serverURL must be an absolute http(s) URL such as "https://api.polar.sh", got "${serverUrl}"`

// -----------------------------------------------------------------------------
// No response, or no usable one
// -----------------------------------------------------------------------------

/**
 * A failure's own words: an `Error`'s message, followed by its `cause`'s message when that is an
 * `Error` too (`fetch failed: connect ECONNREFUSED 127.0.0.1:1`); anything else as `String` shows it.
 *
 * @since 0.2.0
 * @category Transport
 */
export const describeCause = (cause: unknown): string => {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
    return `${cause.message}${inner}`
  }
  return String(cause)
}

/**
 * No response arrived (`statusCode` absent), or one did but its body could not be read. `cause` is
 * the failure's own words (`describeCause`).
 *
 * @since 0.2.0
 * @category Transport
 */
export const transport = (request: Request, cause: string, statusCode?: number | undefined): string =>
  statusCode === undefined
    ? `${request.method} ${request.path} failed before a response arrived: ${cause}`
    : `${request.method} ${request.path} answered ${statusCode} but its body could not be read: ${cause}`

/**
 * A response body larger than `limit` bytes (the `maxResponseBytes` option), not read.
 *
 * @since 0.2.0
 * @category Transport
 */
export const tooLarge = (request: Request, statusCode: number, limit: number): string =>
  `${request.method} ${request.path} answered ${statusCode} with a body larger than ${limit} bytes ` +
  `(maxResponseBytes); it was not read`

/**
 * A call refused before sending: the access token would travel in clear text over `http://` to
 * `host`.
 *
 * @since 0.2.0
 * @category Transport
 */
export const insecureHttp = (request: Request, host: string): string =>
  `${request.method} ${request.path} was not sent: the access token would travel in clear text over http:// ` +
  `to ${host}. Use an https:// serverURL, or build the layer with allowInsecureHttp: true`

/**
 * An attempt took longer than the timeout; `duration` is the timeout as the line formats a
 * duration (Effect's `Duration.format`: `10s`, `1m 30s`, `250ms`).
 *
 * @since 0.2.0
 * @category Transport
 */
export const timeout = (request: Request, duration: string): string =>
  `${request.method} ${request.path} timed out after ${duration}; the request was aborted`

// -----------------------------------------------------------------------------
// A 2XX that is not the expected body
// -----------------------------------------------------------------------------

/**
 * A 2XX whose body is not the response expected; `problems` is one line per problem (`path: problem`).
 *
 * @since 0.2.0
 * @category Decoding
 */
export const decode = (request: Request, statusCode: number, problems: ReadonlyArray<string>): string =>
  `${request.method} ${request.path} answered ${statusCode} with a body that is not a valid response:\n` +
  problems.map((line) => `  ${line}`).join("\n")

/**
 * One problem line of `decode`: `body` for the body itself, else the path to the bad field joined
 * with `.`, then the problem (`customer.email: Expected string, actual 1`).
 *
 * @since 0.2.0
 * @category Decoding
 */
export const problem = (path: ReadonlyArray<PropertyKey>, message: string): string =>
  `${path.length === 0 ? "body" : path.map(String).join(".")}: ${message}`

/**
 * The problem of a 2XX with an empty body.
 *
 * @since 0.2.0
 * @category Decoding
 */
export const EMPTY_BODY: string = "body: empty"

const JSON_CONTENT_TYPE = /[/+]json\b/i

/**
 * Whether a `Content-Type` says JSON (`application/json`, `application/problem+json`, with any
 * parameters): a 2XX must, as the official SDK requires.
 *
 * @since 0.2.0
 * @category Decoding
 */
export const isJsonContentType = (contentType: string): boolean => JSON_CONTENT_TYPE.test(contentType)

/**
 * The problem of a 2XX whose `Content-Type` is not JSON (`""` when there was none).
 *
 * @since 0.2.0
 * @category Decoding
 */
export const notJsonContentType = (contentType: string): string =>
  `body: expected content-type application/json, got ${contentType === "" ? "none" : contentType}`

/**
 * The problem of a 2XX whose body is not JSON text; `cause` is the parser's words (`describeCause`).
 *
 * @since 0.2.0
 * @category Decoding
 */
export const invalidJson = (cause: string): string => `body: not valid JSON (${cause})`

/**
 * The problem of a customer session answered where `MemberSessions.create` asked for a member
 * session: the organization has the member model off.
 *
 * @since 0.2.0
 * @category Decoding
 */
export const NOT_A_MEMBER_SESSION: string =
  "a customer session (polar_cst_ token), not a member session: the organization does not have the member " +
  "model on (member_model_enabled), so Polar ignored member_id. Use CustomerSessions.create for this customer"

// -----------------------------------------------------------------------------
// Statuses
// -----------------------------------------------------------------------------

/**
 * The reason phrases the messages name after a status code.
 *
 * @since 0.2.0
 * @category Statuses
 */
export const STATUS_TEXT: { readonly [status: number]: string } = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

/**
 * The fields of a Polar error body the messages read (`{"error": "…", "detail": "…"}`, or an
 * OAuth-style `error_description`), each of any JSON type.
 *
 * @since 0.2.0
 * @category Statuses
 */
export interface PolarErrorBody {
  readonly error?: unknown
  readonly detail?: unknown
  readonly error_description?: unknown
}

/**
 * A field of an error body as text: a string as it is, `null` and absent as nothing, anything else
 * as its JSON.
 *
 * @since 0.2.0
 * @category Statuses
 */
export const fieldText = (u: unknown): string | undefined =>
  typeof u === "string" ? u : u === undefined || u === null ? undefined : JSON.stringify(u)

/**
 * Polar's own explanation from an error body: `error: detail` (or `error: error_description`),
 * either alone when the other is absent or empty, once when both say the same.
 *
 * @since 0.2.0
 * @category Statuses
 */
export const polarExplanation = (body: PolarErrorBody | undefined): string | undefined => {
  if (body === undefined) return undefined
  const parts = [fieldText(body.error), fieldText(body.detail) ?? fieldText(body.error_description)]
    .filter((part): part is string => part !== undefined && part !== "")
  const unique = parts.length === 2 && parts[0] === parts[1] ? parts.slice(0, 1) : parts
  return unique.length === 0 ? undefined : unique.join(": ")
}

/**
 * Reads a `Retry-After` header (RFC 9110): a number of seconds, or an HTTP date taken relative to
 * `now` (milliseconds since the epoch; a date in the past is `0`). Answers milliseconds, or
 * `undefined` when the header is absent or neither.
 *
 * @since 0.2.0
 * @category Statuses
 */
export const parseRetryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

const ROUTE_NOT_FOUND = /^\s*\{\s*"detail"\s*:\s*"Not Found"\s*\}\s*$/

/**
 * Whether a 404's body is FastAPI's answer for a path it does not serve (`{"detail": "Not Found"}`),
 * as opposed to a `ResourceNotFound` from an endpoint that exists.
 *
 * @since 0.2.0
 * @category Statuses
 */
export const isRouteNotFoundBody = (body: string): boolean => ROUTE_NOT_FOUND.test(body)

const SCOPE = /\bscope="([^"]*)"/

const LEGACY_ROUTE = "/v1/member-sessions/"

/** What a 404 for a path the server does not serve means, on this path. */
const routeNotFoundHint = (call: Call): string =>
  call.path.endsWith(LEGACY_ROUTE)
    ? `. Polar removed POST /v1/member-sessions/ on 2026-03-03: today a member session is created with ` +
      `POST /v1/customer-sessions/ and member_id. Use CustomerSessions.create({ customerId, memberId }), or let ` +
      `MemberSessions.create find the route (memberSessionsRoute: "auto", the default)`
    : `. Polar answers 404 for every path when the Polar-Version header names a version it does not serve: ` +
      `this client sent Polar-Version: ${call.apiVersion} (the apiVersion option of PolarClient.layer); check it, ` +
      `and that serverURL is Polar's API`

/**
 * What the client can say about a failed status beyond Polar's own words, each sentence starting
 * with `. `: a 401 (the token and the server it belongs to), a 403 `insufficient_scope` (the scope
 * named by `scope="…"` in `WWW-Authenticate`), a 404 for a path the server does not serve (the
 * removed `/v1/member-sessions/`, or a `Polar-Version` it does not serve), a 409
 * `AmbiguousExternalCustomerID`; then the operation's own hint for the status. `headers` are keyed
 * in lower case; `error` is the body's `error` field.
 *
 * @since 0.2.0
 * @category Statuses
 */
export const hint = (
  call: Call,
  statusCode: number,
  headers: { readonly [name: string]: string },
  body: string,
  error: string | undefined
): string => {
  let out = ""
  if (statusCode === 401) {
    out += `. The access token was not accepted by ${call.server}: check that it is valid and not revoked, ` +
      `and that it belongs to this server (sandbox tokens work only with server: "sandbox", production tokens ` +
      `only with production)`
  } else if (statusCode === 403 && error === "insufficient_scope") {
    const scope = SCOPE.exec(headers["www-authenticate"] ?? "")?.[1]
    out += scope === undefined
      ? ". The access token lacks a scope this call needs"
      : `. The access token lacks the scope this call needs: ${scope.split(/\s+/).join(" or ")}`
  } else if (statusCode === 404 && isRouteNotFoundBody(body)) {
    out += routeNotFoundHint(call)
  } else if (statusCode === 409 && error === "AmbiguousExternalCustomerID") {
    out += `. Identify the customer without ambiguity: pass customerId (Polar's id) instead of ` +
      `externalCustomerId, use an organization access token, or set the organizationId option of ` +
      `PolarClient.layer (sent as Polar-Organization)`
  }
  const own = call.hints?.[statusCode]
  return own === undefined ? out : `${out}. ${own}`
}

/**
 * The message of a response with a failed status (other than a 422 with pydantic's body, which is
 * a validation error): `POST /v1/… failed with status 403 Forbidden`, Polar's explanation, the
 * client's hint, and the delay a `Retry-After` asked for (`retryAfter`, formatted by the line as
 * a duration). `errorBody` is the body's fields when it is a JSON object.
 *
 * @since 0.2.0
 * @category Statuses
 */
export const status = (
  call: Call,
  response: {
    readonly statusCode: number
    readonly headers: { readonly [name: string]: string }
    readonly body: string
    readonly errorBody: PolarErrorBody | undefined
    readonly retryAfter?: string | undefined
  }
): string => {
  const { body, errorBody, headers, retryAfter, statusCode } = response
  const statusText = STATUS_TEXT[statusCode]
  let message = `${call.method} ${call.path} failed with status ${statusCode}${statusText ? ` ${statusText}` : ""}`
  const explanation = polarExplanation(errorBody)
  if (explanation !== undefined) message += `: ${explanation}`
  message += hint(call, statusCode, headers, body, errorBody === undefined ? undefined : fieldText(errorBody.error))
  if (retryAfter !== undefined) message += ` (Retry-After: ${retryAfter})`
  return message
}

// -----------------------------------------------------------------------------
// MemberSessions.create on today's Polar
// -----------------------------------------------------------------------------

/**
 * What `MemberSessions.create` adds to a 403 of its member lookup (`GET /v1/members/{id}`, scope
 * `members:read`).
 *
 * @since 0.2.0
 * @category Members
 */
export const MEMBER_LOOKUP_SCOPE_HINT: string =
  "MemberSessions.create looks the member up on today's Polar: give the access token the " +
  "members:read scope, or call CustomerSessions.create({ customerId, memberId }), which needs only " +
  "customer_sessions:write"

/**
 * The error the legacy `POST /v1/member-sessions/` gave for a member that does not exist, with the
 * status today's member lookup answers: `404`, `ResourceNotFound`, one `value_error` at
 * `["body", "member_id"]`, `Member does not exist.`
 *
 * @since 0.2.0
 * @category Members
 */
export const memberDoesNotExist = (memberId: string): {
  readonly statusCode: 404
  readonly error: "ResourceNotFound"
  readonly detail: ReadonlyArray<LineError>
} => ({
  statusCode: 404,
  error: "ResourceNotFound",
  detail: [{ type: "value_error", loc: ["body", "member_id"], msg: "Member does not exist.", input: memberId }]
})
