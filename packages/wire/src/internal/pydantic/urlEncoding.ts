/**
 * Percent-encoding as the Rust `percent-encoding` crate does it, with the `url` crate's sets: every
 * non-ASCII byte of the UTF-8 is encoded, and the ASCII bytes of the set, as `%XX` in upper case.
 *
 * @internal
 */

/** An ASCII set: 1 for each ASCII code to encode. @internal */
export type AsciiSet = Uint8Array

const set = (base: AsciiSet | undefined, chars: string): AsciiSet => {
  const s = new Uint8Array(128)
  if (base === undefined) {
    for (let b = 0; b < 0x20; b++) s[b] = 1
    s[0x7f] = 1
  } else {
    s.set(base)
  }
  for (let i = 0; i < chars.length; i++) s[chars.charCodeAt(i)] = 1
  return s
}

/** The C0 controls and U+007F. @internal */
export const CONTROLS = set(undefined, "")
/** The WHATWG fragment percent-encode set. @internal */
export const FRAGMENT = set(CONTROLS, " \"<>`")
/** The WHATWG path percent-encode set. @internal */
export const PATH = set(FRAGMENT, "#?{}")
/** The WHATWG userinfo percent-encode set. @internal */
export const USERINFO = set(PATH, "/:;=@[\\]^|")
/** The WHATWG query percent-encode set. @internal */
export const QUERY = set(CONTROLS, " \"#<>")
/** The WHATWG special-query percent-encode set. @internal */
export const SPECIAL_QUERY = set(QUERY, "'")

const HEX = "0123456789ABCDEF"
const byte = (b: number): string => "%" + HEX[b >> 4] + HEX[b & 15]

/**
 * `utf8_percent_encode(input, set)`: `input` with each byte of `set` and each non-ASCII byte of its
 * UTF-8 written `%XX`.
 *
 * @internal
 */
export const percentEncode = (input: string, ascii: AsciiSet): string => {
  let i = 0
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i)
    if (c >= 0x80 || ascii[c] === 1) break
  }
  if (i === input.length) return input
  let out = input.slice(0, i)
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i)
    if (c < 0x80) {
      out += ascii[c] === 1 ? byte(c) : input[i]
    } else if (c < 0x800) {
      out += byte(0xc0 | (c >> 6)) + byte(0x80 | (c & 0x3f))
    } else if (c >= 0xd800 && c <= 0xdbff && (input.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = input.codePointAt(i)!
      i++
      out += byte(0xf0 | (cp >> 18)) + byte(0x80 | ((cp >> 12) & 0x3f)) + byte(0x80 | ((cp >> 6) & 0x3f)) +
        byte(0x80 | (cp & 0x3f))
    } else {
      out += byte(0xe0 | (c >> 12)) + byte(0x80 | ((c >> 6) & 0x3f)) + byte(0x80 | (c & 0x3f))
    }
  }
  return out
}
