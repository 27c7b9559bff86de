/**
 * The one place where transport, status and decoding failures become the public errors. Their
 * wording is `@effect-polar/wire`'s (`Messages`), shared with every line of the client; this module
 * builds the Effect errors around it.
 *
 * @internal
 */
import { HTTPValidationError, ValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKErrorReason } from "@effect-polar/core/SDKError"
import { SDKError } from "@effect-polar/core/SDKError"
import * as Messages from "@effect-polar/wire/Messages"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"

/** What every error of one call is built from. @internal */
export interface CallContext extends Messages.Call {
  /** The full URL, for `SDKError.url`. */
  readonly url: string
  /** Masks secrets in any text that goes into an error. */
  readonly scrub: (text: string) => string
}

/**
 * Builds the masking function for one client: it hides the access token (when it is long enough
 * to be recognised without mangling ordinary text) and every member or customer session token.
 *
 * @internal
 */
export const makeScrubber = (accessToken: Redacted.Redacted<string>): (text: string) => string =>
  Messages.scrubber(Redacted.value(accessToken))

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

/** No response arrived, or its body could not be read. @internal */
export const transport = (ctx: CallContext, cause: unknown, statusCode?: number): SDKError =>
  sdkError(ctx, {
    reason: "Transport",
    message: Messages.transport(ctx, Messages.describeCause(cause), statusCode),
    statusCode,
    cause
  })

/** A response body larger than the limit. @internal */
export const tooLarge = (ctx: CallContext, statusCode: number, limit: number): SDKError =>
  sdkError(ctx, { reason: "Decode", message: Messages.tooLarge(ctx, statusCode, limit), statusCode })

/** A call refused before sending: the token would travel over plain http. @internal */
export const insecure = (ctx: CallContext, host: string): SDKError =>
  sdkError(ctx, { reason: "Transport", message: Messages.insecureHttp(ctx, host) })

/** An attempt took longer than the timeout. @internal */
export const timeout = (ctx: CallContext, duration: Duration.Duration): SDKError =>
  sdkError(ctx, { reason: "Timeout", message: Messages.timeout(ctx, Duration.format(duration)) })

const PolarErrorBody = Schema.fromJsonString(
  Schema.Struct({
    error: Schema.optionalKey(Schema.Unknown),
    detail: Schema.optionalKey(Schema.Unknown),
    error_description: Schema.optionalKey(Schema.Unknown)
  })
)
const decodePolarErrorBody = Schema.decodeUnknownOption(PolarErrorBody)

const ValidationErrorBody = Schema.fromJsonString(
  Schema.Struct({ error: Schema.optionalKey(Schema.String), detail: Schema.Array(ValidationError) })
)
const decodeValidationErrorBody = Schema.decodeUnknownOption(ValidationErrorBody)

/**
 * Reads a `Retry-After` header: a number of seconds or an HTTP date (relative to `now`).
 *
 * @internal
 */
export const parseRetryAfter = (value: string | undefined, now: number): Duration.Duration | undefined => {
  const millis = Messages.parseRetryAfter(value, now)
  return millis === undefined ? undefined : Duration.millis(millis)
}

/**
 * Whether a failure is a 404 for a path the server does not serve (FastAPI's
 * `{"detail": "Not Found"}`, as opposed to a `ResourceNotFound` from an endpoint that exists).
 *
 * @internal
 */
export const isRouteNotFound = (error: HTTPValidationError | SDKError): boolean =>
  error._tag === "SDKError" && error.statusCode === 404 && error.body !== undefined &&
  Messages.isRouteNotFoundBody(error.body)

/**
 * Whether a failure is Polar's 404 `ResourceNotFound` (the endpoint exists, the object does not,
 * or the token cannot read it).
 *
 * @internal
 */
export const isResourceNotFound = (error: HTTPValidationError | SDKError): boolean =>
  error._tag === "SDKError" && error.statusCode === 404 && error.body !== undefined &&
  Option.exists(decodePolarErrorBody(error.body), (body) => body.error === "ResourceNotFound")

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
  headers: { readonly [name: string]: string },
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
  const message = Messages.status(ctx, {
    statusCode,
    headers,
    body,
    errorBody: Option.getOrUndefined(decodePolarErrorBody(body)),
    retryAfter: retryAfter === undefined ? undefined : Duration.format(retryAfter)
  })
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
    message: Messages.decode(ctx, statusCode, problems),
    statusCode,
    body,
    cause
  })

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * One line per bad field, `path: problem`, from a schema failure (the paths are wire keys).
 *
 * @internal
 */
export const describeSchemaError = (error: Schema.SchemaError): Array<string> =>
  formatIssue(error.issue).issues.map(({ message, path }) =>
    Messages.problem((path ?? []).map((segment) => typeof segment === "object" ? segment.key : segment), message)
  )

/**
 * Decodes the JSON text of a 2XX body with a response decoder, answering one `path: problem` line
 * per bad field on failure.
 *
 * @internal
 */
export const decodeBody = <A>(
  decode: (json: unknown) => Result.Result<A, Schema.SchemaError>,
  body: string
): Result.Result<A, { readonly problems: ReadonlyArray<string>; readonly cause?: unknown }> => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (cause) {
    return Result.fail({ problems: [Messages.invalidJson(Messages.describeCause(cause))], cause })
  }
  return Result.mapError(decode(json), (error) => ({ problems: describeSchemaError(error) }))
}

/**
 * A schema failure that is not a field's: the whole body does not answer the request (`message`
 * says how).
 *
 * @internal
 */
export const bodyProblem = (json: unknown, message: string): Schema.SchemaError =>
  new Schema.SchemaError(new SchemaIssue.InvalidValue({ message }, json))

/**
 * The member `MemberSessions.create` looked up does not exist (or the token cannot read it): the
 * error the legacy endpoint gave, with the status today's Polar answered.
 *
 * @internal
 */
export const memberDoesNotExist = (memberId: string): HTTPValidationError => {
  const { detail, error, statusCode } = Messages.memberDoesNotExist(memberId)
  return new HTTPValidationError({
    statusCode,
    error,
    detail: detail.map(({ ctx, input, loc, msg, type }) =>
      new ValidationError(ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx })
    )
  })
}
