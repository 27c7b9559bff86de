/**
 * pydantic's `HttpUrl` on a JSON value: pydantic-core checks the input's length, parses it with the
 * Rust `url` crate 2.5.8 (its `Url::parse`, ported in urlParser.ts with the `idna` crate's UTS 46
 * processing in idna.ts), then checks the scheme. Nothing here uses the platform's `URL`, so every
 * runtime answers alike.
 *
 * @internal
 */
import { parse, ParseError } from "./urlParser.js"
import type { Url } from "./urlParser.js"
import type { Validator } from "./validation.js"
import { fail, Lax, notUnicode, succeed, utf8Length } from "./validation.js"

/** pydantic's `HttpUrl` maximum length, in UTF-8 bytes of the input. @internal */
export const MAX_LENGTH = 2083

const parsing = (input: string, error: string) =>
  fail("url_parsing", `Input should be a valid URL, ${error}`, input, { error })

/**
 * `HttpUrl`: a string of at most 2083 bytes that parses as an absolute `http`/`https` URL.
 * Answers the URL as `model_dump(mode="json")` writes it (rust-url's serialization: lower-case
 * scheme and host, punycoded host, percent-encoded userinfo, path, query and fragment, dot
 * segments resolved, no default port, `/` when there is no path).
 *
 * @internal
 */
export const httpUrl: Validator<string> = (input) => {
  if (typeof input !== "string") return fail("url_type", "URL input should be a string or URL", input)
  const unreadable = notUnicode(input)
  if (unreadable !== undefined) return unreadable
  if (utf8Length(input) > MAX_LENGTH) {
    return fail("url_too_long", `URL should have at most ${MAX_LENGTH} characters`, input, { max_length: MAX_LENGTH })
  }
  if (input === "") return parsing(input, "input is empty")
  let url: Url
  try {
    url = parse(input)
  } catch (error) {
    if (error instanceof ParseError) return parsing(input, error.message)
    throw error
  }
  if (url.scheme !== "http" && url.scheme !== "https") {
    return fail("url_scheme", "URL scheme should be 'http' or 'https'", input, {
      expected_schemes: "'http' or 'https'"
    })
  }
  return succeed(url.href, Lax)
}
