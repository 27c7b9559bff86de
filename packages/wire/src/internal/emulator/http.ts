/**
 * The answers of the server's framework and error handlers, byte for byte where it matters:
 * Starlette's `JSONResponse` (compact JSON, `application/json`), FastAPI's `HTTPException` and
 * `RequestValidationError` handlers, Polar's `PolarError` handler (`{"error": <class>, "detail":
 * <message>}`), authlib's OAuth 2 errors (Python's `json.dumps`, with `Cache-Control: no-store`)
 * and Starlette's plain-text 500.
 *
 * @internal
 */
import type { LineError } from "../../Pydantic.js"

/** One HTTP answer, before faults. */
export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** A JSON body, as Starlette's `JSONResponse` renders it (compact, non-ASCII kept). */
export const json = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Answer => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body)
})

/** An answer without a body (`429`, `204`, `307`). */
export const empty = (status: number, headers: Readonly<Record<string, string>> = {}): Answer => ({
  status,
  headers,
  body: ""
})

/** FastAPI's answer to an `HTTPException`: `{"detail": ...}`. */
export const httpException = (status: number, detail: string, headers: Readonly<Record<string, string>> = {}) =>
  json(status, { detail }, headers)

/** Starlette's router (and the API-version middleware): `404 {"detail": "Not Found"}`. */
export const notFound = (): Answer => httpException(404, "Not Found")

/** Starlette's router for a path served with other methods. */
export const methodNotAllowed = (allow: ReadonlyArray<string>): Answer =>
  httpException(405, "Method Not Allowed", { allow: allow.join(", ") })

/** Starlette's `ServerErrorMiddleware`: what an unhandled exception becomes. */
export const internalServerError = (): Answer => ({
  status: 500,
  headers: { "content-type": "text/plain; charset=utf-8" },
  body: "Internal Server Error"
})

/** Polar's handler of a `PolarError` (`ResourceNotFound`, `NotPermitted`, `Unauthorized`, ...). */
export const polarError = (
  status: number,
  error: string,
  detail: string,
  headers: Readonly<Record<string, string>> = {}
): Answer => json(status, { error, detail }, headers)

/**
 * One validation error as pydantic's `errors()` lists it and FastAPI's `jsonable_encoder` renders
 * it: `type`, `loc`, `msg`, `input`, then `ctx` when there is one (no `url`).
 */
export const errorJson = (error: LineError): Record<string, unknown> => ({
  type: error.type,
  loc: error.loc,
  msg: error.msg,
  ...(error.input === undefined ? {} : { input: error.input }),
  ...(error.ctx === undefined ? {} : { ctx: error.ctx })
})

/** A `422`: FastAPI's `RequestValidationError` or Polar's `PolarRequestValidationError`. */
export const unprocessable = (
  error: "RequestValidationError" | "PolarRequestValidationError",
  detail: ReadonlyArray<Record<string, unknown>>
): Answer => json(422, { error, detail })

/** A business `422` raised by an endpoint (`PolarRequestValidationError`, one error). */
export const polarValidation = (loc: ReadonlyArray<string | number>, msg: string, input: unknown): Answer =>
  unprocessable("PolarRequestValidationError", [{ type: "value_error", loc, msg, input }])

/** FastAPI's `json_invalid` for a body `json.loads` refused. */
export const jsonInvalid = (pos: number, msg: string): Answer =>
  unprocessable("RequestValidationError", [{
    type: "json_invalid",
    loc: ["body", pos],
    msg: "JSON decode error",
    input: {},
    ctx: { error: msg }
  }])

/** Python's `json.dumps` of a flat object of ASCII strings (`", "` and `": "` separators). */
const pythonDumps = (body: Readonly<Record<string, string>>): string =>
  `{${Object.entries(body).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(", ")}}`

const REALM = "polar"

const oauth2Error = (status: number, error: string, description: string, challenge: string): Answer => ({
  status,
  headers: {
    "content-type": "application/json",
    "cache-control": "no-store",
    pragma: "no-cache",
    "www-authenticate": challenge
  },
  body: pythonDumps({ error, error_description: description })
})

const INVALID_TOKEN = "The access token provided is expired, revoked, malformed, or invalid for other reasons."
const INSUFFICIENT_SCOPE = "The request requires higher privileges than provided by the access token."

/** Polar's `Unauthorized` (no credentials the endpoint accepts). */
export const unauthorized = (): Answer =>
  polarError(401, "Unauthorized", "Unauthorized", { "www-authenticate": `Bearer realm="${REALM}"` })

/** authlib's `InvalidTokenError`, raised by Polar's auth middleware for a bearer token it does not know. */
export const invalidToken = (): Answer =>
  oauth2Error(
    401,
    "invalid_token",
    INVALID_TOKEN,
    `Bearer realm="${REALM}", error="invalid_token", error_description="${INVALID_TOKEN}"`
  )

/** Polar's `InsufficientScopeError`: the token has none of the endpoint's scopes. */
export const insufficientScope = (scopes: ReadonlyArray<string>): Answer =>
  oauth2Error(
    403,
    "insufficient_scope",
    INSUFFICIENT_SCOPE,
    `Bearer realm="${REALM}", error="insufficient_scope", scope="${scopes.join(" ")}"`
  )

/** A request header by name, whatever the case it was given in (the first one if repeated). */
export const header = (headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const direct = headers[name]
  if (direct !== undefined) return direct
  const lower = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower && value !== undefined) return value
  }
  return undefined
}
