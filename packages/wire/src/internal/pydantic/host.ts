/**
 * Host parsing and serialization as the Rust `url` crate 2.5.8 does them (`url/src/host.rs`): the
 * domain of a special URL (percent-decoded, then UTS 46 ToASCII, then maybe an IPv4 address), the
 * opaque host of another URL, and IPv6 addresses in brackets.
 *
 * @internal
 */
import { domainToAscii } from "./idna.js"
import { CONTROLS, percentEncode } from "./urlEncoding.js"

/**
 * A `url::ParseError`, by its `Display` text: what pydantic-core puts in the `error` of a
 * `url_parsing` error.
 *
 * @internal
 */
export class ParseError {
  constructor(readonly message: string) {}
}

/** @internal */
export const EMPTY_HOST = new ParseError("empty host")
/** @internal */
export const IDNA_ERROR = new ParseError("invalid international domain name")
/** @internal */
export const INVALID_PORT = new ParseError("invalid port number")
/** @internal */
export const INVALID_IPV4_ADDRESS = new ParseError("invalid IPv4 address")
/** @internal */
export const INVALID_IPV6_ADDRESS = new ParseError("invalid IPv6 address")
/** @internal */
export const INVALID_DOMAIN_CHARACTER = new ParseError("invalid domain character")
/** @internal */
export const RELATIVE_URL_WITHOUT_BASE = new ParseError("relative URL without a base")

const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1

const pushUtf8 = (c: number, into: Array<number>): void => {
  if (c < 0x80) into.push(c)
  else if (c < 0x800) into.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f))
  else if (c < 0x10000) into.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
  else into.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
}

/** Strict UTF-8 decoding, as Rust's `str::from_utf8`: `undefined` for ill-formed bytes. */
const decodeUtf8 = (bytes: ReadonlyArray<number>): string | undefined => {
  let out = ""
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!
    if (b < 0x80) {
      out += String.fromCharCode(b)
      i++
      continue
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (n === -1 || i + n >= bytes.length) return undefined
    let c = b & (0x3f >> n)
    for (let k = 1; k <= n; k++) {
      const x = bytes[i + k]
      if (x === undefined || (x & 0xc0) !== 0x80) return undefined
      c = (c << 6) | (x & 0x3f)
    }
    const second = bytes[i + 1]!
    if (b === 0xe0 && second < 0xa0) return undefined
    if (b === 0xed && second > 0x9f) return undefined
    if (b === 0xf0 && second < 0x90) return undefined
    if (b === 0xf4 && second > 0x8f) return undefined
    out += String.fromCodePoint(c)
    i += n + 1
  }
  return out
}

/** `percent_decode` of the host's UTF-8, read back as UTF-8 (`undefined` when it is not). */
const percentDecode = (input: string): string | undefined => {
  if (!input.includes("%")) return input
  const bytes: Array<number> = []
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i)
    if (c === 0x25 && i + 2 < input.length && hexValue(input.charCodeAt(i + 1)) >= 0) {
      const low = hexValue(input.charCodeAt(i + 2))
      if (low >= 0) {
        bytes.push(hexValue(input.charCodeAt(i + 1)) * 16 + low)
        i += 2
        continue
      }
    }
    if (c < 0x80) {
      bytes.push(c)
      continue
    }
    const cp = input.codePointAt(i)!
    if (cp > 0xffff) i++
    pushUtf8(cp, bytes)
  }
  return decodeUtf8(bytes)
}

// -----------------------------------------------------------------------------
// IPv4
// -----------------------------------------------------------------------------

const U32_MAX = 0xffffffff

/**
 * The WHATWG IPv4 number parser: a number, `null` for a valid number above 2^32 - 1, `undefined`
 * for no number.
 */
const parseIpv4Number = (input: string): number | null | undefined => {
  if (input.length === 0) return undefined
  let radix = 10
  if (input.startsWith("0x") || input.startsWith("0X")) {
    input = input.slice(2)
    radix = 16
  } else if (input.length >= 2 && input.startsWith("0")) {
    input = input.slice(1)
    radix = 8
  }
  if (input.length === 0) return 0
  let value = 0
  let overflow = false
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i)
    const d = radix === 16 ? hexValue(c) : c >= 0x30 && c < 0x30 + radix ? c - 0x30 : -1
    if (d < 0) return undefined
    if (!overflow) {
      value = value * radix + d
      if (value > U32_MAX) overflow = true
    }
  }
  return overflow ? null : value
}

/** The WHATWG "ends in a number" checker. */
const endsInANumber = (input: string): boolean => {
  let end = input.length
  if (end === 0) return false
  let dot = input.lastIndexOf(".")
  if (dot === end - 1) {
    // a trailing dot: the label before it
    end = dot
    dot = end === 0 ? -1 : input.lastIndexOf(".", end - 1)
  }
  if (end === dot + 1) return false
  const first = input.charCodeAt(dot + 1)
  // every number form starts with a digit (0x and octal ones with 0)
  if (first < 0x30 || first > 0x39) return false
  let digits = true
  for (let i = dot + 2; i < end && digits; i++) {
    const c = input.charCodeAt(i)
    digits = c >= 0x30 && c <= 0x39
  }
  return digits || parseIpv4Number(input.slice(dot + 1, end)) !== undefined
}

/** The WHATWG IPv4 parser, serialized: `undefined` for "invalid IPv4 address". */
const parseIpv4 = (input: string): string | undefined => {
  const parts = input.split(".")
  if (parts[parts.length - 1] === "") parts.pop()
  if (parts.length > 4) return undefined
  const numbers: Array<number> = []
  for (const part of parts) {
    const n = parseIpv4Number(part)
    if (n === undefined || n === null) return undefined
    numbers.push(n)
  }
  let ipv4 = numbers.pop()!
  if (ipv4 > Math.floor(U32_MAX / 2 ** (8 * numbers.length))) return undefined
  if (numbers.some((n) => n > 255)) return undefined
  for (let i = 0; i < numbers.length; i++) ipv4 += numbers[i]! * 2 ** (8 * (3 - i))
  return `${Math.floor(ipv4 / 0x1000000)}.${Math.floor(ipv4 / 0x10000) % 256}.${Math.floor(ipv4 / 0x100) % 256}.${
    ipv4 % 256
  }`
}

// -----------------------------------------------------------------------------
// IPv6
// -----------------------------------------------------------------------------

/** The WHATWG IPv6 parser: the eight pieces, or `undefined` for "invalid IPv6 address". */
const parseIpv6 = (input: string): Array<number> | undefined => {
  const len = input.length
  const at = (i: number): number => input.charCodeAt(i)
  const pieces = [0, 0, 0, 0, 0, 0, 0, 0]
  let piece = 0
  let compress = -1
  let i = 0
  let ipv4 = false
  if (len < 2) return undefined
  if (at(0) === 0x3a) {
    if (at(1) !== 0x3a) return undefined
    i = 2
    piece = 1
    compress = 1
  }
  while (i < len) {
    if (piece === 8) return undefined
    if (at(i) === 0x3a) {
      if (compress !== -1) return undefined
      i++
      piece++
      compress = piece
      continue
    }
    const start = i
    const end = Math.min(len, start + 4)
    let value = 0
    while (i < end) {
      const d = hexValue(at(i))
      if (d < 0) break
      value = value * 16 + d
      i++
    }
    if (i < len) {
      const c = at(i)
      if (c === 0x2e) {
        if (i === start) return undefined
        i = start
        if (piece > 6) return undefined
        ipv4 = true
      } else if (c === 0x3a) {
        i++
        if (i === len) return undefined
      } else {
        return undefined
      }
    }
    if (ipv4) break
    pieces[piece] = value
    piece++
  }
  if (ipv4) {
    if (piece > 6) return undefined
    let seen = 0
    while (i < len) {
      if (seen > 0) {
        if (seen < 4 && at(i) === 0x2e) i++
        else return undefined
      }
      let part = -1
      while (i < len) {
        const c = at(i)
        if (c < 0x30 || c > 0x39) break
        if (part === -1) part = c - 0x30
        else if (part === 0) return undefined
        else {
          part = part * 10 + c - 0x30
          if (part > 255) return undefined
        }
        i++
      }
      if (part === -1) return undefined
      pieces[piece] = pieces[piece]! * 0x100 + part
      seen++
      if (seen === 2 || seen === 4) piece++
    }
    if (seen !== 4) return undefined
  }
  if (i < len) return undefined
  if (compress !== -1) {
    let swaps = piece - compress
    piece = 7
    while (swaps > 0) {
      const other = compress + swaps - 1
      const x = pieces[piece]!
      pieces[piece] = pieces[other]!
      pieces[other] = x
      swaps--
      piece--
    }
  } else if (piece !== 8) {
    return undefined
  }
  return pieces
}

/** RFC 5952: lower-case hexadecimal, the longest run (of two or more) of zero pieces as `::`. */
const serializeIpv6 = (pieces: ReadonlyArray<number>): string => {
  let longest = -1
  let longestLength = -1
  let start = -1
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && pieces[i] === 0) {
      if (start < 0) start = i
      continue
    }
    if (start >= 0 && i - start > longestLength) {
      longest = start
      longestLength = i - start
    }
    start = -1
  }
  const compressStart = longestLength < 2 ? -1 : longest
  const compressEnd = longestLength < 2 ? -2 : longest + longestLength
  let out = "["
  for (let i = 0; i < 8; i++) {
    if (i === compressStart) {
      out += i === 0 ? "::" : ":"
      if (compressEnd >= 8) break
      i = compressEnd
    }
    out += pieces[i]!.toString(16)
    if (i < 7) out += ":"
  }
  return out + "]"
}

const ipv6Host = (input: string): string => {
  if (!input.endsWith("]")) throw INVALID_IPV6_ADDRESS
  const pieces = parseIpv6(input.slice(1, -1))
  if (pieces === undefined) throw INVALID_IPV6_ADDRESS
  return serializeIpv6(pieces)
}

// -----------------------------------------------------------------------------
// Hosts
// -----------------------------------------------------------------------------

/**
 * `Host::parse`, the host of a special URL, serialized: an IPv6 address in brackets, a dotted
 * IPv4 address, or an ASCII domain (never empty). Throws a `ParseError`.
 *
 * @internal
 */
export const parseHost = (input: string): string => {
  if (input.startsWith("[")) return ipv6Host(input)
  const decoded = percentDecode(input)
  if (decoded === undefined) throw IDNA_ERROR
  const domain = domainToAscii(decoded)
  if (domain === undefined) throw IDNA_ERROR
  if (domain.length === 0) throw EMPTY_HOST
  if (!endsInANumber(domain)) return domain
  const address = parseIpv4(domain)
  if (address === undefined) throw INVALID_IPV4_ADDRESS
  return address
}

// the forbidden host code points of an opaque host
const FORBIDDEN_OPAQUE = /[\0\t\n\r #/:<>?@[\\\]^|]/

/**
 * `Host::parse_opaque`, the host of a non-special URL, serialized (possibly empty). Throws a
 * `ParseError`.
 *
 * @internal
 */
export const parseOpaqueHost = (input: string): string => {
  if (input.startsWith("[")) return ipv6Host(input)
  if (FORBIDDEN_OPAQUE.test(input)) throw INVALID_DOMAIN_CHARACTER
  return percentEncode(input, CONTROLS)
}
