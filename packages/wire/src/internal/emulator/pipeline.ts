/**
 * One request through the server, in the order Polar's ASGI stack and FastAPI check it (read from
 * `polar/app.py`: the API-version middleware is added last, so it runs first):
 *
 * 1. `APIVersionMiddleware`: a malformed or unsupported `Polar-Version` is `404 {"detail": "Not
 *    Found"}` for every path, without the version header; otherwise every answer echoes the version.
 * 2. The rate-limit middleware (`^/v1`, per bearer token): `429`, before the token is looked up.
 * 3. `AuthSubjectMiddleware`: a bearer token the server does not know is `401 invalid_token`,
 *    whatever the path (today's generation).
 * 4. Starlette's router: `404`, `405` (with `Allow`), or `307` to the path with or without its
 *    trailing slash.
 * 5. FastAPI reads the body and decodes it as JSON (`json_invalid` 422) before any dependency.
 * 6. The `Authenticator` dependency: `401 Unauthorized` without an accepted subject, `403
 *    insufficient_scope` without one of the scopes.
 * 7. Path parameters then body validated, every error collected: `422 RequestValidationError`.
 * 8. The endpoint.
 *
 * @internal
 */
import type { Request } from "../../Emulator.js"
import type { TokenRules } from "./auth.js"
import { authorize, bearerToken, identify, organizationsOf } from "./auth.js"
import type { Generation } from "./generations.js"
import type { Answer } from "./http.js"
import {
  empty,
  header,
  internalServerError,
  invalidToken,
  jsonInvalid,
  methodNotAllowed,
  notFound,
  unprocessable
} from "./http.js"
import type { Ids } from "./ids.js"
import { loads } from "./pythonJson.js"
import type { RateLimiter } from "./rateLimit.js"
import { covers } from "./rateLimit.js"
import type { CompiledPath, Route } from "./route.js"
import { compilePath, matchPath } from "./route.js"
import type { State } from "./state.js"
import { Unrenderable } from "./wire.js"

/** The API versions served, when the generation has versioning. */
export interface Versioning {
  readonly versions: ReadonlyArray<string>
  readonly default: string
}

/** Everything a request runs against. */
export interface Server {
  readonly generation: Generation
  readonly versioning: Versioning | undefined
  readonly tokens: TokenRules
  readonly state: State
  readonly ids: Ids
  readonly limiter: RateLimiter
}

/** The version a request is served with: the header's, or the default; `undefined` when refused. */
export const resolveVersion = (versioning: Versioning, value: string | undefined): string | undefined => {
  if (value === undefined || value === "") return versioning.default
  // APIVersion.parse: ^(\d{4})-(\d{2})$, then the year and month as numbers
  const match = /^(\d{4})-(\d{2})$/.exec(value)
  if (match === null) return undefined
  const version = `${Number(match[1])}-${String(Number(match[2])).padStart(2, "0")}`
  return versioning.versions.includes(version) ? version : undefined
}

const compiled = new WeakMap<Route, CompiledPath>()
const compiledOf = (route: Route): CompiledPath => {
  const known = compiled.get(route)
  if (known !== undefined) return known
  const made = compilePath(route.path)
  compiled.set(route, made)
  return made
}

/** The path as the ASGI server hands it to Starlette: percent-decoded. */
const decodePath = (path: string): string => {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** `email.message.Message`'s reading of a content type: `maintype/subtype`, or `text/plain`. */
const isJsonContentType = (value: string): boolean => {
  const type = value.split(";")[0]!.trim().toLowerCase()
  const parts = type.split("/")
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return false
  const [main, sub] = parts as [string, string]
  return main === "application" && (sub === "json" || sub.endsWith("+json"))
}

type Body = { readonly _tag: "Body"; readonly value: unknown } | { readonly _tag: "Refused"; readonly answer: Answer }

/** FastAPI's body reading: no bytes is no body; JSON decoded when the content type says so. */
const readBody = (server: Server, request: Request): Body => {
  if (request.body === "") return { _tag: "Body", value: undefined }
  const contentType = header(request.headers, "content-type")
  const asJson = contentType === undefined || contentType === ""
    ? !server.generation.strictContentType
    : isJsonContentType(contentType)
  // not JSON: the raw bytes are what gets validated (and echoed as text)
  if (!asJson) return { _tag: "Body", value: request.body }
  const decoded = loads(request.body)
  return decoded._tag === "Value"
    ? { _tag: "Body", value: decoded.value }
    : { _tag: "Refused", answer: jsonInvalid(decoded.pos, decoded.msg) }
}

const allowed = (route: Route): ReadonlyArray<string> => route.method === "GET" ? ["GET", "HEAD"] : [route.method]

/** Starlette's `redirect_slashes`: the same path with its trailing slash toggled, if a route has it. */
const redirect = (server: Server, request: Request, path: string): Answer | undefined => {
  if (path === "/") return undefined
  const other = path.endsWith("/") ? path.replace(/\/+$/, "") : `${path}/`
  if (!server.generation.routes.some((route) => matchPath(compiledOf(route), other) !== undefined)) return undefined
  const host = header(request.headers, "host") ?? "localhost"
  return empty(307, { location: `http://${host}${other}` })
}

/** Steps 2 to 8: the application behind the version middleware. */
const application = (server: Server, request: Request, now: number): Answer => {
  const { generation, state } = server
  const path = decodePath(request.path)
  const authorization = header(request.headers, "authorization")

  if (covers(path)) {
    const limited = server.limiter.check(bearerToken(authorization) ?? "anonymous", now)
    if (limited !== undefined) return limited
  }

  const subject = identify(state, server.tokens, authorization, now)
  if (subject._tag === "Invalid" && generation.unknownToken === "invalid_token") return invalidToken()

  let partial: Route | undefined
  let found: { readonly route: Route; readonly params: Readonly<Record<string, string>> } | undefined
  for (const route of generation.routes) {
    const params = matchPath(compiledOf(route), path)
    if (params === undefined) continue
    if (allowed(route).includes(request.method)) {
      found = { route, params }
      break
    }
    partial ??= route
  }
  if (found === undefined) {
    if (partial !== undefined) return methodNotAllowed(allowed(partial))
    return redirect(server, request, path) ?? notFound()
  }
  const { params, route } = found

  let body: unknown = undefined
  if (route.body) {
    const read = readBody(server, request)
    if (read._tag === "Refused") return read.answer
    body = read.value
  }

  const authorized = authorize(subject, route.scopes)
  if ("status" in authorized) return authorized

  const validated = route.validate(params, body)
  if (validated._tag === "Invalid") return unprocessable("RequestValidationError", validated.errors)

  const organizations = organizationsOf(
    state,
    authorized,
    generation.organizationHeader ? header(request.headers, "polar-organization") : undefined
  )
  try {
    const answer = validated.endpoint({ state, ids: server.ids, organizations, now })
    return request.method === "HEAD" ? { ...answer, body: "" } : answer
  } catch (error) {
    if (error instanceof Unrenderable) return internalServerError()
    throw error
  }
}

/** The API version a request would be served with (`null`: refused, or no versioning). */
export const versionOf = (server: Server, request: Request): string | null =>
  server.versioning === undefined
    ? null
    : resolveVersion(server.versioning, header(request.headers, "polar-version")) ?? null

/** One request, every step. */
export const handle = (server: Server, request: Request, now: number): Answer => {
  if (server.versioning === undefined) return application(server, request, now)
  const version = resolveVersion(server.versioning, header(request.headers, "polar-version"))
  if (version === undefined) return notFound()
  const answer = application(server, request, now)
  return { ...answer, headers: { ...answer.headers, "polar-version": version } }
}
