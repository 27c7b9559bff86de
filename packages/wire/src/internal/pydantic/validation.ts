/**
 * The vocabulary of the pydantic re-implementation: what a validator answers, as pydantic-core
 * answers it (its types are public, in `Pydantic.ts`). Nothing here depends on Effect, so that every
 * line of the client shares it.
 *
 * @internal
 */

import type { Exactness, LineError, Loc, Validation } from "../../Pydantic.js"

export type { Exactness, LineError, Loc, Validation, Validator } from "../../Pydantic.js"

/** @internal */
export const Lax: Exactness = 0
/** @internal */
export const Exact: Exactness = 2

/** @internal */
export const succeed = <A>(value: A, exactness: Exactness): Validation<A> => ({ ok: true, value, exactness })

/** One error at the current location. @internal */
export const fail = (
  type: string,
  msg: string,
  input: unknown,
  ctx?: { readonly [key: string]: unknown }
): Validation<never> => ({
  ok: false,
  errors: [ctx === undefined ? { type, loc: [], msg, input } : { type, loc: [], msg, input, ctx }]
})

/** The errors of `validation`, located under `prefix`. @internal */
export const prefixed = (errors: ReadonlyArray<LineError>, prefix: Loc): Array<LineError> =>
  errors.map((error) => ({ ...error, loc: [...prefix, ...error.loc] }))

// A lone surrogate cannot become the UTF-8 `str` pydantic-core works on.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Whether pydantic-core can read `input` as a string at all: a Python `str` holding a lone
 * surrogate (JSON allows `"\ud800"`) has no UTF-8 form, and the validators that parse a string in Rust
 * (UUID, URL) refuse it with
 * `string_unicode` before looking at it.
 *
 * @internal
 */
export const notUnicode = (input: string): Validation<never> | undefined =>
  LONE_SURROGATE.test(input)
    ? fail("string_unicode", "Input should be a valid string, unable to parse raw data as a unicode string", input)
    : undefined

const encoder = new TextEncoder()
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/

/** The length of `s` in UTF-8 bytes, as Rust's `str::len`. @internal */
export const utf8Length = (s: string): number => ASCII.test(s) ? s.length : encoder.encode(s).length
