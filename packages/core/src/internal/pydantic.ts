/**
 * Pure re-implementations of the two pydantic-core validators the Polar server runs on a
 * `MemberSessionCreate` body: `UUID4` (the Rust `uuid` crate's parser plus a version check)
 * and `HttpUrl` (the Rust `url` crate's parser plus pydantic's length and scheme checks).
 *
 * The answers, including the exact `type`, `msg` and `ctx`, are pinned by
 * `validation-table.json` from Polar's contract page and by tests.
 *
 * @internal
 */

/** One pydantic error, without its location. @internal */
export interface PydanticFailure {
  readonly type: string
  readonly msg: string
  readonly ctx?: { readonly [key: string]: string | number } | undefined
}

/** The outcome of one validator: the normalised value or a failure. @internal */
export type PydanticResult<A> =
  | { readonly _tag: "Ok"; readonly value: A }
  | { readonly _tag: "Fail"; readonly failure: PydanticFailure }

const ok = <A>(value: A): PydanticResult<A> => ({ _tag: "Ok", value })
const fail = (failure: PydanticFailure): PydanticResult<never> => ({ _tag: "Fail", failure })

// -----------------------------------------------------------------------------
// UUID (version 4)
// -----------------------------------------------------------------------------

const HEX = /^[0-9a-fA-F]+$/
const HYPHENATED = /^([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})$/
const GROUP_STARTS = [0, 9, 14, 19, 24] as const
const GROUP_LENGTHS = [8, 4, 4, 4, 12] as const

const encoder = new TextEncoder()
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/
const utf8Length = (s: string): number => ASCII.test(s) ? s.length : encoder.encode(s).length

/** The 32 hex digits of a UUID in any form the `uuid` crate accepts, or `undefined`. */
const parseUuidHex = (input: string): string | undefined => {
  if (input.length === 32) return HEX.test(input) ? input : undefined
  let body: string
  if (input.length === 36) body = input
  else if (input.length === 38 && input.startsWith("{") && input.endsWith("}")) body = input.slice(1, -1)
  else if (input.length === 45 && input.startsWith("urn:uuid:")) body = input.slice(9)
  else return undefined
  const match = HYPHENATED.exec(body)
  return match === null ? undefined : match.slice(1).join("")
}

/** The `uuid` crate's explanation of why `input` is not a UUID (its `InvalidUuid::into_err`). */
const explainUuid = (input: string): string => {
  let body = input
  let offset = 0
  let simple = true
  if (input.length >= 2 && input.startsWith("{") && input.endsWith("}")) {
    body = input.slice(1, -1)
    offset = 1
    simple = false
  } else if (input.startsWith("urn:uuid:")) {
    body = input.slice(9)
    offset = 9
    simple = false
  }
  let hyphens = 0
  const bounds: Array<number> = []
  let byteIndex = 0
  for (const char of body) {
    if (char === "-") {
      if (hyphens < 4) bounds.push(byteIndex)
      hyphens++
    } else if (!/^[0-9a-fA-F]$/.test(char)) {
      return `invalid character: found \`${char}\` at ${byteIndex + offset + 1}`
    }
    byteIndex += utf8Length(char)
  }
  if (hyphens === 0 && simple) {
    return `invalid length: expected length 32 for simple format, found ${utf8Length(input)}`
  }
  if (hyphens !== 4) return `invalid group count: expected 5, found ${hyphens + 1}`
  for (let group = 0; group < 4; group++) {
    const start = GROUP_STARTS[group]!
    if (bounds[group] !== GROUP_STARTS[group + 1]! - 1) {
      return `invalid group length in group ${group}: expected ${GROUP_LENGTHS[group]}, found ${bounds[group]! - start}`
    }
  }
  return `invalid group length in group 4: expected 12, found ${utf8Length(input) - GROUP_STARTS[4]}`
}

/**
 * Validates like pydantic's `UUID4` on JSON input: a string the `uuid` crate parses (simple,
 * hyphenated, braced or `urn:uuid:`, any case) whose version nibble is 4. Answers the
 * lower-case hyphenated form.
 *
 * @internal
 */
export const uuid4 = (input: unknown): PydanticResult<string> => {
  if (typeof input !== "string") {
    return fail({ type: "uuid_type", msg: "UUID input should be a string, bytes or UUID object" })
  }
  const hex = parseUuidHex(input)
  if (hex === undefined) {
    const error = explainUuid(input)
    return fail({ type: "uuid_parsing", msg: `Input should be a valid UUID, ${error}`, ctx: { error } })
  }
  if (hex[12] !== "4") {
    return fail({ type: "uuid_version", msg: "UUID version 4 expected", ctx: { expected_version: 4 } })
  }
  const lower = hex.toLowerCase()
  return ok(
    `${lower.slice(0, 8)}-${lower.slice(8, 12)}-${lower.slice(12, 16)}-${lower.slice(16, 20)}-${lower.slice(20)}`
  )
}

// -----------------------------------------------------------------------------
// HttpUrl
// -----------------------------------------------------------------------------

/** pydantic's `HttpUrl` maximum length. @internal */
export const URL_MAX_LENGTH = 2083

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/
// WHATWG and the `url` crate both strip leading/trailing C0 controls and spaces, and drop tabs
// and newlines anywhere.
// eslint-disable-next-line no-control-regex
const TRIM = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g

const TAB_OR_NEWLINE = /[\t\n\r]/g

const urlParsing = (error: string): PydanticResult<never> =>
  fail({ type: "url_parsing", msg: `Input should be a valid URL, ${error}`, ctx: { error } })

/** The `url` crate's message for an input that WHATWG URL parsing refused. */
const explainUrl = (cleaned: string): string => {
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
 * Validates like pydantic's `HttpUrl` on JSON input: a string of at most 2083 characters
 * that parses as an absolute URL with the `http` or `https` scheme. Answers the URL as
 * pydantic serialises it (WHATWG-normalised: lower-case scheme and host, punycoded IDN
 * host, percent-encoded path, a `/` path when none was given).
 *
 * @internal
 */
export const httpUrl = (input: unknown): PydanticResult<string> => {
  if (typeof input !== "string") return fail({ type: "url_type", msg: "URL input should be a string or URL" })
  if (utf8Length(input) > URL_MAX_LENGTH) {
    return fail({
      type: "url_too_long",
      msg: `URL should have at most ${URL_MAX_LENGTH} characters`,
      ctx: { max_length: URL_MAX_LENGTH }
    })
  }
  if (input === "") return urlParsing("input is empty")
  const cleaned = input.replace(TRIM, "").replace(TAB_OR_NEWLINE, "")
  let url: URL
  try {
    url = new URL(cleaned)
  } catch {
    return urlParsing(explainUrl(cleaned))
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fail({
      type: "url_scheme",
      msg: "URL scheme should be 'http' or 'https'",
      ctx: { expected_schemes: "'http' or 'https'" }
    })
  }
  return ok(url.href)
}
