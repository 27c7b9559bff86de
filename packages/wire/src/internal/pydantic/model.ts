/**
 * pydantic models and smart-mode unions, on JSON values, as pydantic-core validates them (Python
 * mode with `from_attributes`, which is how FastAPI validates a parsed request body), and the body
 * rule FastAPI adds around them.
 *
 * @internal
 */
import type { Model } from "../../Pydantic.js"
import type { Exactness, LineError, Validation, Validator } from "./validation.js"
import { Exact, fail, prefixed, succeed } from "./validation.js"

/**
 * One field of a model, in the model's order (a subclass's fields come after its base's).
 *
 * @internal
 */
export interface Field {
  /** The Python field name: the key of `model_dump`. */
  readonly name: string
  /** The keys looked up in the input, first found wins (`validation_alias=AliasChoices(...)`); default `[name]`. */
  readonly aliases?: ReadonlyArray<string> | undefined
  readonly validate: Validator<unknown>
  /** The default when the input leaves the field out; a field without one is required. */
  readonly default?: { readonly value: unknown } | undefined
  /**
   * The field's validated value is a Python `str` (or `None`), so Polar's `Schema` base runs its
   * after-validator on it, refusing a NUL character. A UUID or URL value is not a `str`.
   */
  readonly refusesNul?: boolean | undefined
}

const isObject = (input: unknown): input is { readonly [key: string]: unknown } =>
  typeof input === "object" && input !== null && !Array.isArray(input)

const hasOwn = (input: { readonly [key: string]: unknown }, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(input, key) && input[key] !== undefined

const NUL_ERROR = "This value contains invalid characters"

/**
 * A model class: its fields validated in order, every error kept; unknown keys ignored. A
 * success's exactness is its least exact field's; `fieldsSet` counts the fields the input gave.
 *
 * @internal
 */
export const model = (title: string, fields: ReadonlyArray<Field>): Validator<Model> => (input) => {
  if (!isObject(input)) {
    return fail("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", input)
  }
  const errors: Array<LineError> = []
  const value: Record<string, unknown> = {}
  let exactness: Exactness = Exact
  let fieldsSet = 0
  for (const field of fields) {
    const aliases = field.aliases ?? [field.name]
    const key = aliases.find((alias) => hasOwn(input, alias))
    if (key === undefined) {
      if (field.default === undefined) {
        errors.push({ type: "missing", loc: [aliases[0]!], msg: "Field required", input })
      } else {
        value[field.name] = field.default.value
      }
      continue
    }
    fieldsSet++
    const raw = input[key]
    const result = field.validate(raw)
    if (!result.ok) {
      errors.push(...prefixed(result.errors, [key]))
      continue
    }
    if (field.refusesNul === true && typeof result.value === "string" && result.value.includes("\u0000")) {
      // pydantic wraps a ValueError's text; FastAPI's jsonable_encoder turns the exception in ctx into {}
      errors.push({ type: "value_error", loc: [key], msg: `Value error, ${NUL_ERROR}`, input: raw, ctx: { error: {} } })
      continue
    }
    if (result.exactness < exactness) exactness = result.exactness
    value[field.name] = result.value
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, value: { title, value }, exactness, fieldsSet }
}

/**
 * `X | None` (pydantic's nullable schema): `null` is an exact `None`; anything else is `X`'s.
 *
 * @internal
 */
export const nullable = <A>(validate: Validator<A>): Validator<A | null> => (input) =>
  input === null ? succeed(null, Exact) : validate(input)

/** Whether a success `next` beats the best so far, by pydantic-core's smart-union rules. */
type Success<A> = Validation<A> & { readonly ok: true }

const beats = <A>(next: Success<A>, best: Success<A>): boolean =>
  next.fieldsSet !== undefined && best.fieldsSet !== undefined && next.fieldsSet !== best.fieldsSet
    ? next.fieldsSet > best.fieldsSet
    : next.exactness > best.exactness

/**
 * A smart-mode union of models (`A | B`): every member is tried in order; of the successes the one
 * that set the most fields wins, then the most exact, then the first. When none succeeds, the
 * errors of every member are reported, each under the member's title.
 *
 * @internal
 */
export const union =
  <A>(members: ReadonlyArray<{ readonly title: string; readonly validate: Validator<A> }>): Validator<A> => (input) => {
    let best: Success<A> | undefined
    const errors: Array<LineError> = []
    for (const member of members) {
      const result = member.validate(input)
      if (result.ok) {
        if (best === undefined || beats(result, best)) best = result
      } else if (best === undefined) {
        errors.push(...prefixed(result.errors, [member.title]))
      }
    }
    return best ?? { ok: false, errors }
  }

/**
 * What FastAPI answers for a request body of one model (or union): a missing or `null` body is
 * `missing` at `["body"]`, anything else is validated, its errors located under `body`.
 *
 * @internal
 */
export const body = <A>(validate: Validator<A>): Validator<A> => (input) => {
  if (input === null || input === undefined) {
    return { ok: false, errors: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }] }
  }
  const result = validate(input)
  return result.ok ? result : { ok: false, errors: prefixed(result.errors, ["body"]) }
}
