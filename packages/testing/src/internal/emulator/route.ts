/**
 * What an endpoint module declares: its method and path (FastAPI's `{param}` syntax), the scopes
 * its `Authenticator` requires, whether it reads a JSON body, how FastAPI validates its path
 * parameters and body, and the endpoint itself.
 */
import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import type { ValidationError } from "@effect-polar/core/HTTPValidationError"
import * as Either from "effect/Either"
import type { Answer } from "./http.js"
import { errorJson } from "./http.js"
import type { Ids } from "./ids.js"
import type { State } from "./state.js"

/** What an endpoint runs with, once the request passed every check before it. */
export interface EndpointContext {
  readonly state: State
  readonly ids: Ids
  /** The organizations the request may read (the token's, narrowed by `Polar-Organization`). */
  readonly organizations: ReadonlySet<string>
  /** Now, in milliseconds on the Effect clock. */
  readonly now: number
}

/** An endpoint, its inputs validated. */
export type Endpoint = (context: EndpointContext) => Answer

/** The outcome of FastAPI's validation of the path parameters and the body. */
export type Validated =
  | { readonly _tag: "Valid"; readonly endpoint: Endpoint }
  | { readonly _tag: "Invalid"; readonly errors: ReadonlyArray<Record<string, unknown>> }

/** One route of a generation. */
export interface Route {
  readonly method: "GET" | "POST"
  /** As FastAPI declares it, e.g. `/v1/customers/{id}/members/{member_id}`. */
  readonly path: string
  /** The endpoint's `Authenticator` scopes: the token needs one of them. */
  readonly scopes: ReadonlyArray<string>
  /** Whether the endpoint has a JSON body parameter (read and decoded before its dependencies). */
  readonly body: boolean
  /**
   * Validates the path parameters, then the body (`undefined` when absent or JSON `null`), every
   * error collected in FastAPI's order.
   */
  readonly validate: (params: Readonly<Record<string, string>>, body: unknown) => Validated
}

/** A route's path as Starlette compiles it: literal parts, `{name}` one segment. */
export interface CompiledPath {
  readonly regex: RegExp
  readonly names: ReadonlyArray<string>
}

/** Starlette's `compile_path` for `str` parameters. */
export const compilePath = (path: string): CompiledPath => {
  const names: Array<string> = []
  const source = path.split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/).map((part) => {
    const name = /^\{(.+)\}$/.exec(part)?.[1]
    if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    names.push(name)
    return "([^/]+)"
  }).join("")
  return { regex: new RegExp(`^${source}$`), names }
}

/** The parameters of `path` if it matches. */
export const matchPath = (compiled: CompiledPath, path: string): Record<string, string> | undefined => {
  const match = compiled.regex.exec(path)
  if (match === null) return undefined
  const params: Record<string, string> = {}
  compiled.names.forEach((name, i) => {
    params[name] = match[i + 1]!
  })
  return params
}

/** The JSON of errors core located in a body field, moved to `["path", name]`. */
const relocate = (errors: ReadonlyArray<ValidationError>, name: string): Array<Record<string, unknown>> =>
  errors.map((error) => ({ ...errorJson(error), loc: ["path", name] }))

/** A parameter's validation: its normalized value, or its errors. */
export type Param =
  | { readonly _tag: "Valid"; readonly value: string }
  | { readonly _tag: "Invalid"; readonly errors: ReadonlyArray<Record<string, unknown>> }

/** A `UUID4` path parameter (`CustomerID`), with pydantic's errors. */
export const uuid4Param = (name: string, value: string): Param =>
  Either.match(CustomerSessionCreate.validateCustomerId(value), {
    onLeft: (errors): Param => ({ _tag: "Invalid", errors: relocate(errors, name) }),
    onRight: (id): Param => ({ _tag: "Valid", value: id })
  })

/** A `UUID` path parameter (any version), with pydantic's errors. */
export const uuidParam = (name: string, value: string): Param =>
  Either.match(CustomerSessionCreate.validateCustomerId(value), {
    onLeft: (errors): Param =>
      errors.every((error) => error.type === "uuid_version")
        ? {
          _tag: "Valid",
          // it parsed: only its version differs; the canonical form of any accepted spelling
          value: value.replace(/^urn:uuid:/i, "").replace(/[{}-]/g, "").toLowerCase().replace(
            /^(.{8})(.{4})(.{4})(.{4})(.{12})$/,
            "$1-$2-$3-$4-$5"
          )
        }
        : { _tag: "Invalid", errors: relocate(errors, name) },
    onRight: (id): Param => ({ _tag: "Valid", value: id })
  })
