/**
 * What an endpoint module declares: its method and path (FastAPI's `{param}` syntax), the scopes
 * its `Authenticator` requires, whether it reads a JSON body, how FastAPI validates its path
 * parameters and body, and the endpoint itself.
 *
 * @internal
 */
import type { LineError, Model, Validator } from "../../Pydantic.js"
import { locate, uuid4 } from "../../Pydantic.js"
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
  /** Now, in milliseconds (the time the caller answers at). */
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

/** A parameter's errors, located at `["path", name]`, as JSON. */
const located = (errors: ReadonlyArray<LineError>, name: string): Array<Record<string, unknown>> =>
  locate(errors, ["path", name]).map(errorJson)

/** A parameter's validation: its normalized value, or its errors. */
export type Param =
  | { readonly _tag: "Valid"; readonly value: string }
  | { readonly _tag: "Invalid"; readonly errors: ReadonlyArray<Record<string, unknown>> }

/** A `UUID4` path parameter (`CustomerID`), with pydantic's errors. */
export const uuid4Param = (name: string, value: string): Param => {
  const result = uuid4(value)
  return result.ok ? { _tag: "Valid", value: result.value } : { _tag: "Invalid", errors: located(result.errors, name) }
}

/** A `UUID` path parameter (any version), with pydantic's errors. */
export const uuidParam = (name: string, value: string): Param => {
  const result = uuid4(value)
  if (result.ok) return { _tag: "Valid", value: result.value }
  if (!result.errors.every((error) => error.type === "uuid_version")) {
    return { _tag: "Invalid", errors: located(result.errors, name) }
  }
  // it parsed: only its version differs; the canonical form of any accepted spelling
  return {
    _tag: "Valid",
    value: value.replace(/^urn:uuid:/i, "").replace(/[{}-]/g, "").toLowerCase().replace(
      /^(.{8})(.{4})(.{4})(.{4})(.{12})$/,
      "$1-$2-$3-$4-$5"
    )
  }
}

/**
 * FastAPI's validation of a JSON body by one of wire's `RequestBodies` validators: the endpoint
 * given the validated model, or the 422 `detail`.
 */
export const validateBody = (
  validate: Validator<Model>,
  body: unknown,
  endpoint: (model: Model) => Endpoint
): Validated => {
  const result = validate(body)
  return result.ok
    ? { _tag: "Valid", endpoint: endpoint(result.value) }
    : { _tag: "Invalid", errors: result.errors.map(errorJson) }
}

/** A string field of a validated model (`null` when it is `None`). */
export const textField = (model: Model, name: string): string | null => {
  const value = model.value[name]
  if (value === null || value === undefined) return null
  // the validators answer exactly the model's types: anything else is a bug here, not an input error
  if (typeof value !== "string") throw new Error(`${model.title}.${name} is not a string`)
  return value
}

/** A required string field of a validated model. */
export const requiredText = (model: Model, name: string): string => {
  const value = textField(model, name)
  if (value === null) throw new Error(`${model.title}.${name} is missing`)
  return value
}
