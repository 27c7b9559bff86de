/**
 * pydantic's `str` on a JSON value (Python mode, as FastAPI validates a parsed body).
 *
 * @internal
 */
import type { Validator } from "./validation.js"
import { Exact, fail, succeed } from "./validation.js"

/**
 * `str`: any string, taken as it is (a Python `str` is not converted to UTF-8 here, so even a lone
 * surrogate passes, unlike in the UUID and URL validators); any other JSON value is `string_type`
 * (pydantic does not coerce numbers to strings).
 *
 * @internal
 */
export const string: Validator<string> = (input) =>
  typeof input === "string" ? succeed(input, Exact) : fail("string_type", "Input should be a valid string", input)
