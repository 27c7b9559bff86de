/**
 * `Url::parse` of the Rust `url` crate 2.5.8 (`url/src/parser.rs`), without a base URL and without
 * a syntax-violation callback, as pydantic-core calls it in lax mode: the same state machine, the
 * same serialization, the same first error.
 *
 * The serialization is always ASCII (every non-ASCII byte is percent-encoded or punycoded), so its
 * offsets are the Rust ones. The input is read by UTF-16 code units: every decision the parser
 * takes is on an ASCII character, and text is percent-encoded a slice at a time.
 *
 * @internal
 */
import { EMPTY_HOST, INVALID_PORT, parseHost, parseOpaqueHost, RELATIVE_URL_WITHOUT_BASE } from "./host.js"
import { CONTROLS, FRAGMENT, PATH, percentEncode, QUERY, SPECIAL_QUERY, USERINFO } from "./urlEncoding.js"

export { ParseError } from "./host.js"

const NOT_SPECIAL = 0
const SPECIAL = 1
const FILE = 2

const TAB = 0x09
const LF = 0x0a
const CR = 0x0d
const SLASH = 0x2f
const BACKSLASH = 0x5c
const QUESTION = 0x3f
const HASH = 0x23
const COLON = 0x3a
const AT = 0x40

const isTabOrNewline = (c: number): boolean => c === TAB || c === LF || c === CR
const isAsciiAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
const isSlash = (c: number): boolean => c === SLASH || c === BACKSLASH
const isPathEnd = (c: number): boolean => c === SLASH || c === BACKSLASH || c === QUESTION || c === HASH

const schemeType = (scheme: string): number =>
  scheme === "http" || scheme === "https" || scheme === "ws" || scheme === "wss" || scheme === "ftp"
    ? SPECIAL
    : scheme === "file"
    ? FILE
    : NOT_SPECIAL

const defaultPort = (scheme: string): number =>
  scheme === "http" || scheme === "ws" ? 80 : scheme === "https" || scheme === "wss" ? 443 : scheme === "ftp" ? 21 : -1

const startsWithWindowsDriveLetter = (s: string): boolean =>
  s.length >= 2 && isAsciiAlpha(s.charCodeAt(0)) && (s[1] === ":" || s[1] === "|") &&
  (s.length === 2 || isPathEnd(s.charCodeAt(2)))

const isWindowsDriveLetter = (s: string): boolean => s.length === 2 && startsWithWindowsDriveLetter(s)

const isNormalizedWindowsDriveLetter = (s: string): boolean => isWindowsDriveLetter(s) && s[1] === ":"

const pathStartsWithWindowsDriveLetter = (s: string): boolean =>
  s.length > 0 && isPathEnd(s.charCodeAt(0)) && startsWithWindowsDriveLetter(s.slice(1))

const isDoubleDot = (segment: string): boolean => {
  if (segment.length !== 2 && segment.length !== 4 && segment.length !== 6) return false
  const s = segment.toLowerCase()
  return s === ".." || s === "%2e%2e" || s === "%2e." || s === ".%2e"
}

const isSingleDot = (segment: string): boolean => segment === "." || segment === "%2e" || segment === "%2E"

/** A parsed URL: its serialization (`Url::as_str`) and its scheme. @internal */
export interface Url {
  readonly href: string
  readonly scheme: string
}

class Parser {
  /** The serialization being written. */
  out = ""
  /** The character the last `next` read, -1 at the end. */
  private ch = -1
  /** The `has_host` flag that `parse_path` clears for a file URL with a Windows drive letter. */
  private hasHost = false
  private scheme = ""

  constructor(private readonly s: string) {}

  /** The position after the next character that is not a tab or newline, which goes in `ch`. */
  private next(pos: number): number {
    const s = this.s
    while (pos < s.length) {
      const c = s.charCodeAt(pos++)
      if (!isTabOrNewline(c)) {
        this.ch = c
        return pos
      }
    }
    this.ch = -1
    return pos
  }

  /** The characters from `from` to `to`, tabs and newlines left out. */
  private text(from: number, to: number): string {
    const s = this.s
    for (let i = from; i < to; i++) {
      if (isTabOrNewline(s.charCodeAt(i))) return s.slice(from, to).replace(/[\t\n\r]/g, "")
    }
    return s.slice(from, to)
  }

  parse(): Url {
    let pos = this.next(0)
    if (!isAsciiAlpha(this.ch)) throw RELATIVE_URL_WITHOUT_BASE
    pos = 0
    // the common case first: a lower-case scheme without tabs or newlines
    const s = this.s
    while (pos < s.length) {
      const c = s.charCodeAt(pos)
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) pos++
      else break
    }
    if (s.charCodeAt(pos) === COLON) {
      this.out = s.slice(0, pos)
      pos++
    } else {
      pos = this.parseScheme()
    }
    this.scheme = this.out
    const type = schemeType(this.scheme)
    const schemeEnd = this.out.length
    this.out += ":"
    if (type === FILE) {
      this.out = ""
      this.parseFile(pos)
    } else if (type === SPECIAL) {
      for (;;) {
        const after = this.next(pos)
        if (!isSlash(this.ch)) break
        pos = after
      }
      this.afterDoubleSlash(pos, type, schemeEnd)
    } else {
      this.parseNonSpecial(pos, schemeEnd)
    }
    return { href: this.out, scheme: this.scheme }
  }

  /** The scheme, lower-cased, with the tabs and newlines in it left out; the position after its colon. */
  private parseScheme(): number {
    let pos = 0
    for (;;) {
      pos = this.next(pos)
      const c = this.ch
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
        this.out += String.fromCharCode(c)
      } else if (c >= 0x41 && c <= 0x5a) {
        this.out += String.fromCharCode(c + 0x20)
      } else if (c === COLON) {
        return pos
      } else {
        throw RELATIVE_URL_WITHOUT_BASE
      }
    }
  }

  private parseNonSpecial(pos: number, schemeEnd: number): void {
    const afterSlash = this.next(pos)
    if (this.ch === SLASH) {
      const afterSlashes = this.next(afterSlash)
      if (this.ch === SLASH) {
        this.afterDoubleSlash(afterSlashes, NOT_SPECIAL, schemeEnd)
        return
      }
    }
    // no authority
    const pathStart = this.out.length
    this.next(pos)
    let remaining: number
    if (this.ch === SLASH) {
      this.out += "/"
      this.hasHost = false
      remaining = this.parsePath(NOT_SPECIAL, pathStart, afterSlash)
    } else {
      remaining = this.parseCannotBeABasePath(pos)
    }
    this.withQueryAndFragment(NOT_SPECIAL, schemeEnd, pathStart, remaining)
  }

  private parseFile(pos: number): void {
    const afterFirst = this.next(pos)
    const first = this.ch
    if (isSlash(first)) {
      const afterSecond = this.next(afterFirst)
      if (isSlash(this.ch)) {
        this.out = "file://"
        const hostStart = this.out.length
        let remaining = this.parseFileHost(afterSecond)
        const hostEnd = this.out.length
        if (this.hasHost) {
          remaining = this.parsePathStart(FILE, remaining)
        } else {
          const pathStart = this.out.length
          this.out += "/"
          remaining = this.parsePath(FILE, pathStart, remaining)
        }
        // a host before a Windows drive letter is dropped
        if (!this.hasHost) this.out = this.out.slice(0, hostStart) + this.out.slice(hostEnd)
        this.parseQueryAndFragment(FILE, remaining)
        return
      }
      this.out = "file://"
      this.hasHost = false
      // the first slash starts the path
      const remaining = this.parsePath(FILE, this.out.length, pos)
      this.parseQueryAndFragment(FILE, remaining)
      return
    }
    this.out = "file:///"
    this.hasHost = false
    const remaining = this.parsePath(FILE, "file://".length, pos)
    this.parseQueryAndFragment(FILE, remaining)
  }

  /** `parse_file_host`: writes the host, sets `hasHost`, answers where the host ends. */
  private parseFileHost(pos: number): number {
    const s = this.s
    let end = pos
    let i = pos
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (isPathEnd(c)) break
      if (!isTabOrNewline(c)) end = i + 1
    }
    const host = this.text(pos, end)
    if (isWindowsDriveLetter(host)) {
      this.hasHost = false
      return pos
    }
    if (host.length === 0) {
      this.hasHost = false
      return end
    }
    const serialized = parseHost(host)
    if (serialized === "localhost") {
      this.hasHost = false
      return end
    }
    this.out += serialized
    this.hasHost = true
    return end
  }

  private afterDoubleSlash(pos: number, type: number, schemeEnd: number): void {
    this.out += "//"
    const beforeAuthority = this.out.length
    let remaining = this.parseUserinfo(pos, type)
    const hasAuthority = beforeAuthority !== this.out.length
    const hostStart = this.out.length
    remaining = this.parseHostAndPort(remaining, type)
    const hostIsNone = this.out.length === hostStart
    if (hostIsNone && hasAuthority) throw EMPTY_HOST
    const pathStart = this.out.length
    this.hasHost = true
    remaining = this.parsePathStart(type, remaining)
    this.withQueryAndFragment(type, schemeEnd, pathStart, remaining)
  }

  private parseUserinfo(pos: number, type: number): number {
    let lastAt = -1
    let afterLastAt = pos
    let count = 0
    let p = pos
    for (;;) {
      p = this.next(p)
      const c = this.ch
      if (c === -1 || c === SLASH || c === QUESTION || c === HASH || (c === BACKSLASH && type !== NOT_SPECIAL)) {
        break
      }
      if (c === AT) {
        lastAt = count
        afterLastAt = p
      }
      count++
    }
    if (lastAt === -1) return pos
    if (lastAt === 0) {
      this.next(afterLastAt)
      const c = this.ch
      if (c === SLASH || c === QUESTION || c === HASH || (c === BACKSLASH && type !== NOT_SPECIAL)) throw EMPTY_HOST
      return afterLastAt
    }
    let userinfo = ""
    p = pos
    for (let i = 0; i < lastAt; i++) {
      p = this.next(p)
      userinfo += this.s[p - 1]
    }
    const colon = userinfo.indexOf(":")
    const username = colon === -1 ? userinfo : userinfo.slice(0, colon)
    const password = colon === -1 ? "" : userinfo.slice(colon + 1)
    this.out += percentEncode(username, USERINFO)
    if (password.length > 0) this.out += ":" + percentEncode(password, USERINFO)
    if (username.length > 0 || password.length > 0) this.out += "@"
    return afterLastAt
  }

  private parseHostAndPort(pos: number, type: number): number {
    const s = this.s
    let insideBrackets = false
    let end = pos
    for (let i = pos; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c === COLON && !insideBrackets) break
      if (c === BACKSLASH && type !== NOT_SPECIAL) break
      if (c === SLASH || c === QUESTION || c === HASH) break
      if (isTabOrNewline(c)) continue
      if (c === 0x5b) insideBrackets = true
      else if (c === 0x5d) insideBrackets = false
      end = i + 1
    }
    const host = this.text(pos, end)
    if (type === SPECIAL && host.length === 0) throw EMPTY_HOST
    const serialized = type === NOT_SPECIAL ? parseOpaqueHost(host) : parseHost(host)
    this.out += serialized
    let remaining = end
    const afterColon = this.next(remaining)
    if (serialized.length === 0 && (this.ch === COLON || type !== NOT_SPECIAL)) throw EMPTY_HOST
    if (this.ch === COLON) remaining = this.parsePort(afterColon)
    return remaining
  }

  private parsePort(pos: number): number {
    let port = 0
    let hasDigit = false
    for (;;) {
      const after = this.next(pos)
      const c = this.ch
      if (c >= 0x30 && c <= 0x39) {
        port = port * 10 + c - 0x30
        if (port > 65535) throw INVALID_PORT
        hasDigit = true
      } else if (c !== -1 && !isPathEnd(c)) {
        throw INVALID_PORT
      } else {
        break
      }
      pos = after
    }
    if (hasDigit && port !== defaultPort(this.scheme)) this.out += ":" + port
    return pos
  }

  private parsePathStart(type: number, pos: number): number {
    const pathStart = this.out.length
    const after = this.next(pos)
    const c = this.ch
    if (type !== NOT_SPECIAL) {
      if (!this.out.endsWith("/")) {
        this.out += "/"
        if (isSlash(c)) return this.parsePath(type, pathStart, after)
      }
      return this.parsePath(type, pathStart, pos)
    }
    if (c === QUESTION || c === HASH) return pos
    if (c !== -1 && c !== SLASH) this.out += "/"
    return this.parsePath(type, pathStart, pos)
  }

  private pushPending(from: number, to: number): void {
    if (to > from) this.out += percentEncode(this.s.slice(from, to), PATH)
  }

  private parsePath(type: number, pathStart: number, pos: number): number {
    const s = this.s
    let p = pos
    for (;;) {
      let segmentStart = this.out.length
      let endsWithSlash = false
      let pending = p
      for (;;) {
        const before = p
        if (p >= s.length) {
          this.pushPending(pending, p)
          break
        }
        const c = s.charCodeAt(p++)
        if (isTabOrNewline(c)) {
          this.pushPending(pending, before)
          pending = p
        } else if (c === SLASH || (c === BACKSLASH && type !== NOT_SPECIAL)) {
          this.pushPending(pending, before)
          this.out += "/"
          endsWithSlash = true
          break
        } else if (c === QUESTION || c === HASH) {
          this.pushPending(pending, before)
          p = before
          break
        } else if (
          type === FILE && this.out.length > pathStart &&
          isNormalizedWindowsDriveLetter(this.out.slice(pathStart + 1))
        ) {
          this.pushPending(pending, before)
          pending = before
          this.out += "/"
          segmentStart++
        }
      }
      const segment = this.out.slice(segmentStart, endsWithSlash ? this.out.length - 1 : this.out.length)
      if (isDoubleDot(segment)) {
        this.out = this.out.slice(0, segmentStart)
        if (this.out.endsWith("/") && this.lastSlashCanBeRemoved(pathStart)) this.out = this.out.slice(0, -1)
        this.shortenPath(type, pathStart)
        if (endsWithSlash && !this.out.endsWith("/")) this.out += "/"
      } else if (isSingleDot(segment)) {
        this.out = this.out.slice(0, segmentStart)
        if (!this.out.endsWith("/")) this.out += "/"
      } else if (type === FILE && segmentStart === pathStart + 1 && isWindowsDriveLetter(segment)) {
        this.out = this.out.slice(0, segmentStart) + segment[0] + ":" + (endsWithSlash ? "/" : "")
        this.hasHost = false
      }
      if (!endsWithSlash) break
    }
    if (type === FILE) {
      const path = this.out.slice(pathStart)
      this.out = this.out.slice(0, pathStart) + "/" + path.replace(/^\/+/, "")
    }
    return p
  }

  private lastSlashCanBeRemoved(pathStart: number): boolean {
    const before = this.out.slice(0, -1)
    const slash = before.lastIndexOf("/")
    return slash >= 0 && slash >= pathStart && !pathStartsWithWindowsDriveLetter(this.out.slice(slash))
  }

  private shortenPath(type: number, pathStart: number): void {
    if (this.out.length === pathStart) return
    if (type === FILE && isNormalizedWindowsDriveLetter(this.out.slice(pathStart))) return
    this.popPath(type, pathStart)
  }

  private popPath(type: number, pathStart: number): void {
    if (this.out.length <= pathStart) return
    const slash = this.out.slice(pathStart).lastIndexOf("/")
    const segmentStart = pathStart + slash + 1
    if (type === FILE && isNormalizedWindowsDriveLetter(this.out.slice(segmentStart))) return
    this.out = this.out.slice(0, segmentStart)
  }

  private parseCannotBeABasePath(pos: number): number {
    let p = pos
    for (;;) {
      const after = this.next(p)
      if (this.ch === -1) {
        p = after
        break
      }
      if (this.ch === QUESTION || this.ch === HASH) break
      p = after
    }
    this.out += percentEncode(this.text(pos, p), CONTROLS)
    return p
  }

  private withQueryAndFragment(type: number, schemeEnd: number, pathStart: number, pos: number): void {
    if (pathStart === schemeEnd + 1) {
      // a path starting with an empty segment, without a host: "/." keeps it from reading as one
      if (this.out.startsWith("//", pathStart)) {
        this.out = this.out.slice(0, pathStart) + "/." + this.out.slice(pathStart)
      }
    } else if (pathStart === schemeEnd + 3 && this.out.slice(schemeEnd, pathStart) === ":/.") {
      if (this.out[pathStart + 1] !== "/") this.out = this.out.slice(0, schemeEnd) + ":" + this.out.slice(pathStart)
    }
    this.parseQueryAndFragment(type, pos)
  }

  private parseQueryAndFragment(type: number, pos: number): void {
    let p = this.next(pos)
    if (this.ch === -1) return
    if (this.ch === QUESTION) {
      this.out += "?"
      const hash = this.s.indexOf("#", p)
      const end = hash === -1 ? this.s.length : hash
      this.out += percentEncode(this.text(p, end), type === NOT_SPECIAL ? QUERY : SPECIAL_QUERY)
      if (hash === -1) return
      p = hash + 1
    }
    this.out += "#" + percentEncode(this.text(p, this.s.length), FRAGMENT)
  }
}

// eslint-disable-next-line no-control-regex
const C0_CONTROL_OR_SPACE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g

/**
 * `Url::parse(input)`: the URL, or a thrown `ParseError`.
 *
 * @internal
 */
export const parse = (input: string): Url =>
  new Parser(
    input.charCodeAt(0) > 0x20 && input.charCodeAt(input.length - 1) > 0x20
      ? input
      : input.replace(C0_CONTROL_OR_SPACE, "")
  ).parse()
