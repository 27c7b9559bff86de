/**
 * The one place where transport, status and decoding failures become the public errors.
 *
 * @internal
 */
import { HTTPValidationError, ValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKErrorReason } from "@effect-polar/core/SDKError"
import { SDKError } from "@effect-polar/core/SDKError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/** What every error of one call is built from. @internal */
export interface CallContext {
  readonly method: string
  /** The full URL, for `SDKError.url`. */
  readonly url: string
  /** The URL's path, for messages. */
  readonly path: string
  /** The server the call went to, for the 401 hint. */
  readonly server: string
  /** The `Polar-Version` sent, for the hint of a 404 on every path. */
  readonly apiVersion: string
  /** What this operation adds to the message of a failure with a given status. */
  readonly hints?: { readonly [status: number]: string } | undefined
  /** Masks secrets in any text that goes into an error. */
  readonly scrub: (text: string) => string
}

const SESSION_TOKEN = /(polar_[mc]st_)[A-Za-z0-9_\-.~%]+/g
const SESSION_TOKEN_PARAM = /((?:member|customer)_session_token=)[^&"'\s<>]+/g

/**
 * Builds the masking function for one client: it hides the access token (when it is long enough
 * to be recognised without mangling ordinary text) and every member or customer session token.
 *
 * @internal
 */
export const makeScrubber = (accessToken: Redacted.Redacted<string>): (text: string) => string => {
  const secret = Redacted.value(accessToken)
  return (text) => {
    let out = text.replace(SESSION_TOKEN, "$1<redacted>").replace(SESSION_TOKEN_PARAM, "$1<redacted>")
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join("<redacted>")
    return out
  }
}

const scrubCause = (ctx: CallContext, cause: unknown): unknown => {
  if (cause instanceof Error) {
    const copy = new Error(ctx.scrub(cause.message), cause.cause === undefined ? undefined : { cause: cause.cause })
    copy.name = cause.name
    return copy
  }
  return typeof cause === "string" ? ctx.scrub(cause) : cause
}

const sdkError = (
  ctx: CallContext,
  fields: {
    readonly reason: SDKErrorReason
    readonly message: string
    readonly statusCode?: number | undefined
    readonly body?: string | undefined
    readonly retryAfter?: Duration.Duration | undefined
    readonly cause?: unknown
  }
): SDKError =>
  new SDKError({
    reason: fields.reason,
    message: ctx.scrub(fields.message),
    method: ctx.method,
    url: ctx.url,
    ...(fields.statusCode === undefined ? {} : { statusCode: fields.statusCode }),
    ...(fields.body === undefined ? {} : { body: ctx.scrub(fields.body) }),
    ...(fields.retryAfter === undefined ? {} : { retryAfter: fields.retryAfter }),
    ...(fields.cause === undefined ? {} : { cause: scrubCause(ctx, fields.cause) })
  })

const describeCause = (cause: unknown): string => {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
    return `${cause.message}${inner}`
  }
  return String(cause)
}

/** No response arrived, or its body could not be read. @internal */
export const transport = (ctx: CallContext, cause: unknown, statusCode?: number): SDKError =>
  sdkError(ctx, {
    reason: "Transport",
    message: statusCode === undefined
      ? `${ctx.method} ${ctx.path} failed before a response arrived: ${describeCause(cause)}`
      : `${ctx.method} ${ctx.path} answered ${statusCode} but its body could not be read: ${describeCause(cause)}`,
    statusCode,
    cause
  })

/** A response body larger than the limit. @internal */
export const tooLarge = (ctx: CallContext, statusCode: number, limit: number): SDKError =>
  sdkError(ctx, {
    reason: "Decode",
    message: `${ctx.method} ${ctx.path} answered ${statusCode} with a body larger than ${limit} bytes ` +
      `(maxResponseBytes); it was not read`,
    statusCode
  })

/** A call refused before sending: the token would travel over plain http. @internal */
export const insecure = (ctx: CallContext, host: string): SDKError =>
  sdkError(ctx, {
    reason: "Transport",
    message: `${ctx.method} ${ctx.path} was not sent: the access token would travel in clear text over http:// ` +
      `to ${host}. Use an https:// serverURL, or build the layer with allowInsecureHttp: true`
  })

/** An attempt took longer than the timeout. @internal */
export const timeout = (ctx: CallContext, duration: Duration.Duration): SDKError =>
  sdkError(ctx, {
    reason: "Timeout",
    message: `${ctx.method} ${ctx.path} timed out after ${Duration.format(duration)}; the request was aborted`
  })

const PolarErrorBody = Schema.parseJson(
  Schema.Struct({
    error: Schema.optional(Schema.Unknown),
    detail: Schema.optional(Schema.Unknown),
    error_description: Schema.optional(Schema.Unknown)
  })
)
const decodePolarErrorBody = Schema.decodeUnknownOption(PolarErrorBody)

const ValidationErrorBody = Schema.parseJson(
  Schema.Struct({ error: Schema.optional(Schema.String), detail: Schema.Array(ValidationError) })
)
const decodeValidationErrorBody = Schema.decodeUnknownOption(ValidationErrorBody)

const STATUS_TEXT: Record<number, string> = {
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

const text = (u: unknown): string | undefined =>
  typeof u === "string" ? u : u === undefined || u === null ? undefined : JSON.stringify(u)

/** Polar's own explanation from an error body: `error: detail` or `error: error_description`. */
const polarExplanation = (body: Option.Option<typeof PolarErrorBody.Type>): string | undefined =>
  Option.getOrUndefined(Option.flatMap(body, (parsed) => {
    const parts = [text(parsed.error), text(parsed.detail) ?? text(parsed.error_description)]
      .filter((part): part is string => part !== undefined && part !== "")
    const unique = parts.length === 2 && parts[0] === parts[1] ? [parts[0]!] : parts
    return unique.length === 0 ? Option.none() : Option.some(unique.join(": "))
  }))

/**
 * Reads a `Retry-After` header: a number of seconds or an HTTP date (relative to `now`).
 *
 * @internal
 */
export const parseRetryAfter = (value: string | undefined, now: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Duration.seconds(Number(trimmed))
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Duration.millis(Math.max(0, date - now))
}

const ROUTE_NOT_FOUND = /^\s*\{\s*"detail"\s*:\s*"Not Found"\s*\}\s*$/

/**
 * Whether a body is FastAPI's answer for a path it does not serve (`{"detail": "Not Found"}`),
 * as opposed to a `ResourceNotFound` from an endpoint that exists.
 *
 * @internal
 */
export const isRouteNotFoundBody = (body: string): boolean => ROUTE_NOT_FOUND.test(body)

/**
 * Whether a failure is a 404 for a path the server does not serve.
 *
 * @internal
 */
export const isRouteNotFound = (error: HTTPValidationError | SDKError): boolean =>
  error._tag === "SDKError" && error.statusCode === 404 && error.body !== undefined &&
  isRouteNotFoundBody(error.body)

/**
 * Whether a failure is Polar's 404 `ResourceNotFound` (the endpoint exists, the object does not,
 * or the token cannot read it).
 *
 * @internal
 */
export const isResourceNotFound = (error: HTTPValidationError | SDKError): boolean =>
  error._tag === "SDKError" && error.statusCode === 404 && error.body !== undefined &&
  Option.exists(decodePolarErrorBody(error.body), (body) => body.error === "ResourceNotFound")

const SCOPE = /\bscope="([^"]*)"/

/** What a 404 for a path the server does not serve means, on this path. */
const routeNotFoundHint = (ctx: CallContext): string =>
  ctx.path.endsWith("/v1/member-sessions/")
    ? `. Polar removed POST /v1/member-sessions/ on 2026-03-03: today a member session is created with ` +
      `POST /v1/customer-sessions/ and member_id. Use CustomerSessions.create({ customerId, memberId }), or let ` +
      `MemberSessions.create find the route (memberSessionsRoute: "auto", the default)`
    : `. Polar answers 404 for every path when the Polar-Version header names a version it does not serve: ` +
      `this client sent Polar-Version: ${ctx.apiVersion} (the apiVersion option of PolarClient.layer); check it, ` +
      `and that serverURL is Polar's API`

/** What the client can say about a failure beyond Polar's own words. */
const hint = (
  ctx: CallContext,
  statusCode: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  error: string | undefined
): string => {
  let out = ""
  if (statusCode === 401) {
    out += `. The access token was not accepted by ${ctx.server}: check that it is valid and not revoked, ` +
      `and that it belongs to this server (sandbox tokens work only with server: "sandbox", production tokens ` +
      `only with production)`
  } else if (statusCode === 403 && error === "insufficient_scope") {
    const scope = SCOPE.exec(headers["www-authenticate"] ?? "")?.[1]
    out += scope === undefined
      ? ". The access token lacks a scope this call needs"
      : `. The access token lacks the scope this call needs: ${scope.split(/\s+/).join(" or ")}`
  } else if (statusCode === 404 && isRouteNotFoundBody(body)) {
    out += routeNotFoundHint(ctx)
  } else if (statusCode === 409 && error === "AmbiguousExternalCustomerID") {
    out += `. Identify the customer without ambiguity: pass customerId (Polar's id) instead of ` +
      `externalCustomerId, use an organization access token, or set the organizationId option of ` +
      `PolarClient.layer (sent as Polar-Organization)`
  }
  const own = ctx.hints?.[statusCode]
  return own === undefined ? out : `${out}. ${own}`
}

/**
 * A response with a status other than 2XX: a 422 with a pydantic body becomes an
 * `HTTPValidationError`, anything else an `SDKError` with reason `StatusCode`, whose message says
 * what Polar said and, where the client knows more, what to do.
 *
 * @internal
 */
export const status = (
  ctx: CallContext,
  statusCode: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  now: number
): HTTPValidationError | SDKError => {
  if (statusCode === 422) {
    const parsed = decodeValidationErrorBody(body)
    if (Option.isSome(parsed)) {
      return new HTTPValidationError({
        detail: parsed.value.detail,
        statusCode: 422,
        ...(parsed.value.error === undefined ? {} : { error: parsed.value.error })
      })
    }
  }
  const retryAfter = statusCode === 429 || statusCode === 503
    ? parseRetryAfter(headers["retry-after"], now)
    : undefined
  const parsed = decodePolarErrorBody(body)
  const explanation = polarExplanation(parsed)
  const statusText = STATUS_TEXT[statusCode]
  let message = `${ctx.method} ${ctx.path} failed with status ${statusCode}${statusText ? ` ${statusText}` : ""}`
  if (explanation !== undefined) message += `: ${explanation}`
  message += hint(
    ctx,
    statusCode,
    headers,
    body,
    Option.getOrUndefined(Option.flatMap(parsed, (p) => Option.fromNullable(text(p.error))))
  )
  if (retryAfter !== undefined) message += ` (Retry-After: ${Duration.format(retryAfter)})`
  return sdkError(ctx, { reason: "StatusCode", message, statusCode, body, retryAfter })
}

/**
 * A 2XX whose body is not what the schema expects. `problems` is one line per bad field.
 *
 * @internal
 */
export const decode = (
  ctx: CallContext,
  statusCode: number,
  body: string,
  problems: ReadonlyArray<string>,
  cause?: unknown
): SDKError =>
  sdkError(ctx, {
    reason: "Decode",
    message: `${ctx.method} ${ctx.path} answered ${statusCode} with a body that is not a valid response:\n` +
      problems.map((line) => `  ${line}`).join("\n"),
    statusCode,
    body,
    cause
  })

/**
 * One line per bad field, `path: problem`, from a schema failure.
 *
 * @internal
 */
export const describeParseError = (error: ParseResult.ParseError): Array<string> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map(({ message, path }) =>
    `${path.length === 0 ? "body" : path.map(String).join(".")}: ${message}`
  )

/**
 * Decodes the JSON text of a 2XX body with a response decoder, answering one `path: problem` line
 * per bad field on failure.
 *
 * @internal
 */
export const decodeBody = <A>(
  decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>,
  body: string
): Either.Either<A, { readonly problems: ReadonlyArray<string>; readonly cause?: unknown }> => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (cause) {
    return Either.left({ problems: [`body: not valid JSON (${describeCause(cause)})`], cause })
  }
  return Either.mapLeft(decode(json), (error) => ({ problems: describeParseError(error) }))
}

/**
 * The member `MemberSessions.create` looked up does not exist (or the token cannot read it): the
 * error the legacy endpoint gave, with the status today's Polar answered.
 *
 * @internal
 */
export const memberDoesNotExist = (memberId: string): HTTPValidationError =>
  new HTTPValidationError({
    statusCode: 404,
    error: "ResourceNotFound",
    detail: [
      new ValidationError({
        type: "value_error",
        loc: ["body", "member_id"],
        msg: "Member does not exist.",
        input: memberId
      })
    ]
  })
