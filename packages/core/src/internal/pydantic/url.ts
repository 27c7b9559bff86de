/**
 * pydantic's `HttpUrl` on a JSON value: pydantic-core parses the string with the Rust `url`
 * crate (the WHATWG URL standard), then checks its length and scheme.
 *
 * @internal
 */
import type { Validator } from "./validation.js"
import { fail, Lax, notUnicode, succeed, utf8Length } from "./validation.js"

/** pydantic's `HttpUrl` maximum length, in UTF-8 bytes of the input. @internal */
export const MAX_LENGTH = 2083

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/
// eslint-disable-next-line no-control-regex
const TRIM = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g
const TAB_OR_NEWLINE = /[\t\n\r]/g

const parsing = (input: string, error: string) =>
  fail("url_parsing", `Input should be a valid URL, ${error}`, input, { error })

/** The `url` crate's message for an input that WHATWG URL parsing refused. */
const explain = (cleaned: string): string => {
  if (!SCHEME.test(cleaned)) return "relative URL without a base"
  const afterScheme = cleaned.slice(cleaned.indexOf(":") + 1).replace(/^[/\\]*/, "")
  const authority = afterScheme.split(/[/\\?#]/, 1)[0] ?? ""
  const hostAndPort = authority.slice(authority.lastIndexOf("@") + 1)
  if (hostAndPort.startsWith("[")) {
    const close = hostAndPort.indexOf("]")
    if (close === -1) return "invalid IPv6 address"
    const rest = hostAndPort.slice(close + 1)
    if (rest !== "" && !/^:\d*$/.test(rest)) return "invalid port number"
    return "invalid IPv6 address"
  }
  const colon = hostAndPort.lastIndexOf(":")
  const host = colon === -1 ? hostAndPort : hostAndPort.slice(0, colon)
  const port = colon === -1 ? "" : hostAndPort.slice(colon + 1)
  if (host === "") return "empty host"
  if (port !== "" && (!/^\d+$/.test(port) || Number(port) > 65535)) return "invalid port number"
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host)) return "invalid IPv4 address"
  return "invalid international domain name"
}

/**
 * `HttpUrl`: a string of at most 2083 bytes that parses as an absolute `http`/`https` URL.
 * Answers the URL as `model_dump(mode="json")` writes it (normalised: lower-case scheme and host,
 * punycoded host, percent-encoded path, `/` when there is no path).
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
  const cleaned = input.replace(TRIM, "").replace(TAB_OR_NEWLINE, "")
  let url: URL
  try {
    url = new URL(cleaned)
  } catch {
    return parsing(input, explain(cleaned))
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fail("url_scheme", "URL scheme should be 'http' or 'https'", input, {
      expected_schemes: "'http' or 'https'"
    })
  }
  return succeed(url.href, Lax)
}
