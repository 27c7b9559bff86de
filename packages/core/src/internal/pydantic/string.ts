/**
 * pydantic's `str` on a JSON value (Python mode, as FastAPI validates a parsed body).
 *
 * @internal
 */
import type { Validator } from "./validation.js"
import { Exact, fail, notUnicode, succeed } from "./validation.js"

/**
 * `str`: a string (one pydantic-core can read as UTF-8); any other JSON value is `string_type`
 * (pydantic does not coerce numbers to strings).
 *
 * @internal
 */
export const string: Validator<string> = (input) => {
  if (typeof input !== "string") return fail("string_type", "Input should be a valid string", input)
  return notUnicode(input) ?? succeed(input, Exact)
}
