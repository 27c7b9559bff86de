/**
 * UTS 46 ToASCII as the Rust `idna` crate 1.1.0 performs it for the `url` crate's hosts
 * (`domain_to_ascii_from_cow` with `AsciiDenyList::URL`, `Hyphens::Allow`, `DnsLength::Ignore`,
 * failing fast): its all-lower-case-ASCII fast paths, the label-by-label mapping, Punycode decoding
 * and validation, the combining-mark, ContextJ and bidi rules, and its output (labels that were
 * already ASCII or Punycode are lower-cased, the others Punycode-encoded).
 *
 * @internal
 */
import {
  AL,
  AN,
  bidiClass,
  BN,
  CS,
  EN,
  ES,
  ET,
  isMark,
  isVirama,
  JOINING_D,
  JOINING_L,
  JOINING_R,
  JOINING_T,
  joiningType,
  L,
  mapNormalize,
  NSM,
  ON,
  R
} from "./idnaUnicode.js"
import * as Punycode from "./punycode.js"

const PUNYCODE_DECODE_MAX_INPUT_LENGTH = 2000
const PUNYCODE_ENCODE_MAX_INPUT_LENGTH = 1000

const DOT = 0x2e
const HYPHEN = 0x2d
const ZWNJ = 0x200c
const ZWJ = 0x200d

/**
 * The `AsciiDenyList::URL` deny list (upper-case letters, U+0000-U+0020, U+007F and `%#/:<>?@[\]^|`),
 * by ASCII code.
 */
const DENIED = new Uint8Array(128)
for (let b = 0; b < 128; b++) {
  DENIED[b] = (b >= 0x41 && b <= 0x5a) || b <= 0x20 || b === 0x7f || "%#/:<>?@[\\]^|".includes(String.fromCharCode(b))
    ? 1
    : 0
}

const isLowerAsciiLetter = (b: number): boolean => b >= 0x61 && b <= 0x7a

/** A label that needs no processing: empty, or a lower-case letter then letters, digits and hyphens. */
const isPassthroughAsciiLabel = (label: string): boolean => {
  if (label.length >= 4 && label.charCodeAt(2) === HYPHEN && label.charCodeAt(3) === HYPHEN) return false
  if (label.length === 0) return true
  if (!isLowerAsciiLetter(label.charCodeAt(0))) return false
  for (let i = 1; i < label.length; i++) {
    const b = label.charCodeAt(i)
    if (!isLowerAsciiLetter(b) && !(b >= 0x30 && b <= 0x39) && b !== HYPHEN) return false
  }
  return label.charCodeAt(label.length - 1) !== HYPHEN
}

/** Whether an ASCII label starts with `xn--`, the letters in either case. */
const hasPunycodePrefix = (label: string): boolean =>
  label.length >= 4 && (label.charCodeAt(0) | 0x20) === 0x78 && (label.charCodeAt(1) | 0x20) === 0x6e &&
  label.charCodeAt(2) === HYPHEN && label.charCodeAt(3) === HYPHEN

const lowerAscii = (s: string): string => /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (u) => u.toLowerCase()) : s

const isAscii = (label: ReadonlyArray<number>): boolean => label.every((c) => c < 0x80)

const codePoints = (s: string): Array<number> => {
  const out: Array<number> = []
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!
    out.push(c)
    if (c > 0xffff) i++
  }
  return out
}

/** The mapping, then the validity check, of a decoded Punycode label: false on any difference. */
const afterPunycodeDecode = (buffer: Array<number>, labelStart: number, decoded: ReadonlyArray<number>): boolean => {
  const normalized = mapNormalize(decoded, true)
  if (normalized === undefined) return false
  for (const c of normalized) {
    // the deny list with the dot added
    if (c < 0x80 && (DENIED[c] === 1 || c === DOT)) return false
    buffer.push(c)
  }
  const n = Math.min(normalized.length, decoded.length)
  for (let i = 0; i < n; i++) if (buffer[labelStart + i] !== decoded[i]) return false
  return true
}

/** Whether the first character met, skipping transparent ones, has a joining type in `mask`. */
const joinsOn = (label: ReadonlyArray<number>, from: number, step: number, a: number, b: number): boolean => {
  for (let i = from; i >= 0 && i < label.length; i += step) {
    const jt = joiningType(label[i]!)
    if (jt === a || jt === b) return true
    if (jt !== JOINING_T) return false
  }
  return false
}

/** The label checks: no leading combining mark, ContextJ for joiners, the Punycode length limit. */
const checkLabel = (label: ReadonlyArray<number>, firstNeedsMarkCheck: boolean, needsContextJ: boolean): boolean => {
  if (firstNeedsMarkCheck && label.length > 0 && isMark(label[0]!)) return false
  if (needsContextJ) {
    for (let i = 0; i < label.length; i++) {
      const c = label[i]!
      if (c !== ZWNJ && c !== ZWJ) continue
      if (i === 0) return false
      if (isVirama(label[i - 1]!)) continue
      if (c === ZWJ) return false
      if (!joinsOn(label, i - 1, -1, JOINING_L, JOINING_D) || !joinsOn(label, i + 1, 1, JOINING_R, JOINING_D)) {
        return false
      }
    }
  }
  return isAscii(label) || label.length <= PUNYCODE_ENCODE_MAX_INPUT_LENGTH
}

const isBidiDomain = (buffer: ReadonlyArray<number>): boolean => {
  for (const c of buffer) {
    if (c < 0x0590) continue
    if (c >= 0x0900 && c <= 0xfb1c) continue
    if (c >= 0x1f000 && c <= 0x3ffff) continue
    if (c >= 0xff00 && c <= 0x107ff) continue
    if (c >= 0x11000 && c <= 0x1e7ff) continue
    const bc = bidiClass(c)
    if (bc === R || bc === AL || bc === AN) return true
  }
  return false
}

const MIDDLE_LTR = (1 << L) | (1 << EN) | (1 << ES) | (1 << CS) | (1 << ET) | (1 << ON) | (1 << BN) | (1 << NSM)
const MIDDLE_RTL = (MIDDLE_LTR & ~(1 << L)) | (1 << R) | (1 << AL) | (1 << AN)
const FIRST = (1 << L) | (1 << R) | (1 << AL)
const LAST_LTR = (1 << L) | (1 << EN)
const LAST_RTL = (1 << R) | (1 << AL) | (1 << EN) | (1 << AN)

/** The bidi rule (RFC 5893) for one label of a bidi domain name. */
const checkBidiLabel = (label: ReadonlyArray<number>): boolean => {
  if (label.length === 0) return true
  const first = bidiClass(label[0]!)
  if ((FIRST & (1 << first)) === 0) return false
  const ltr = first === L
  let end = label.length
  while (end > 1 && bidiClass(label[end - 1]!) === NSM) end--
  if (end === 1) return true
  const last = bidiClass(label[end - 1]!)
  if (((ltr ? LAST_LTR : LAST_RTL) & (1 << last)) === 0) return false
  if (ltr) {
    for (let i = 1; i < end - 1; i++) if ((MIDDLE_LTR & (1 << bidiClass(label[i]!))) === 0) return false
    return true
  }
  let numerals = -1
  for (let i = 1; i < end - 1; i++) {
    const bc = bidiClass(label[i]!)
    if ((MIDDLE_RTL & (1 << bc)) === 0) return false
    if (bc === EN || bc === AN) {
      if (numerals === -1) numerals = bc
      else if (numerals !== bc) return false
    }
  }
  return !((numerals === EN && last === AN) || (numerals === AN && last === EN))
}

const ASCII_LABEL = 0
const PUNYCODE_LABEL = 1
const OTHER_LABEL = 2

/**
 * The `idna` crate's `domain_to_ascii_from_cow(domain, AsciiDenyList::URL)` on a host the `url`
 * crate has percent-decoded (and found to be UTF-8): the ASCII domain, or `undefined` for an error
 * (the `url` crate's "invalid international domain name").
 *
 * @internal
 */
export const domainToAscii = (domain: string): string | undefined => {
  // The fastest path: lower-case letters and dots only.
  let labelStart = 0
  let i = 0
  for (; i < domain.length; i++) {
    const b = domain.charCodeAt(i)
    if (isLowerAsciiLetter(b)) continue
    if (b === DOT) {
      labelStart = i + 1
      continue
    }
    break
  }
  if (i === domain.length) return domain

  let passthroughUpTo = labelStart
  const buffer: Array<number> = []
  // for each label of `buffer`: how it came in, and its original text when it was ASCII
  const kinds: Array<number> = []
  const originals: Array<string> = []
  let seenLabel = false
  let inPrefix = true
  for (const label of domain.slice(labelStart).split(".")) {
    if (inPrefix && isPassthroughAsciiLabel(label)) {
      if (seenLabel) passthroughUpTo++
      seenLabel = true
      passthroughUpTo += label.length
      continue
    }
    if (seenLabel) {
      if (inPrefix) passthroughUpTo++
      else buffer.push(DOT)
    }
    seenLabel = true
    inPrefix = false
    let currentLabelStart = buffer.length
    if (label.length === 0) {
      kinds.push(ASCII_LABEL)
      originals.push(label)
      continue
    }
    let firstNonAscii = -1
    for (let j = 0; j < label.length; j++) {
      if (label.charCodeAt(j) >= 0x80) {
        firstNonAscii = j
        break
      }
    }
    // Leave one ASCII character with the rest: a combining mark may combine with it.
    const split = firstNonAscii === -1 ? label.length : firstNonAscii === 0 ? 0 : firstNonAscii - 1
    const ascii = label.slice(0, split)
    const nonAscii = label.slice(split)
    if (nonAscii.length === 0) {
      if (hasPunycodePrefix(ascii)) {
        if (ascii.charCodeAt(ascii.length - 1) === HYPHEN || ascii.length - 4 > PUNYCODE_DECODE_MAX_INPUT_LENGTH) {
          return undefined
        }
        const units: Array<number> = []
        for (let j = 4; j < ascii.length; j++) units.push(ascii.charCodeAt(j))
        const decoded = Punycode.decode(units, true)
        if (decoded === undefined) return undefined
        if (!afterPunycodeDecode(buffer, currentLabelStart, decoded)) return undefined
        if (!checkLabel(buffer.slice(currentLabelStart), true, true)) return undefined
        kinds.push(PUNYCODE_LABEL)
        originals.push(label)
        continue
      }
      for (let j = 0; j < ascii.length; j++) {
        const b = ascii.charCodeAt(j)
        if (DENIED[b] === 1 && !(b >= 0x41 && b <= 0x5a)) return undefined
        buffer.push(b >= 0x41 && b <= 0x5a ? b + 0x20 : b)
      }
      kinds.push(ASCII_LABEL)
      originals.push(label)
      continue
    }
    for (let j = 0; j < ascii.length; j++) {
      const b = ascii.charCodeAt(j)
      if (DENIED[b] === 1 && !(b >= 0x41 && b <= 0x5a)) return undefined
      buffer.push(b >= 0x41 && b <= 0x5a ? b + 0x20 : b)
    }
    kinds.push(OTHER_LABEL)
    originals.push("")
    let firstNeedsMarkCheck = ascii.length === 0
    let needsContextJ = true
    const mapped = mapNormalize(codePoints(nonAscii), false)
    if (mapped === undefined) return undefined
    // The mapping may produce dots (U+3002 and the like), which end a label.
    for (let j = 0; j <= mapped.length; j++) {
      const c = j < mapped.length ? mapped[j]! : -1
      if (c !== -1 && c !== DOT) {
        if (c < 0x80 && DENIED[c] === 1) return undefined
        buffer.push(c)
        continue
      }
      if (
        buffer.length - currentLabelStart >= 4 && buffer[currentLabelStart] === 0x78 &&
        buffer[currentLabelStart + 1] === 0x6e && buffer[currentLabelStart + 2] === HYPHEN &&
        buffer[currentLabelStart + 3] === HYPHEN
      ) {
        for (let k = currentLabelStart + 4; k < buffer.length; k++) if (buffer[k]! >= 0x80) return undefined
        if (buffer[buffer.length - 1] === HYPHEN) return undefined
        if (buffer.length - currentLabelStart - 4 > PUNYCODE_DECODE_MAX_INPUT_LENGTH) return undefined
        const decoded = Punycode.decode(buffer.slice(currentLabelStart + 4), false)
        if (decoded === undefined) return undefined
        firstNeedsMarkCheck = true
        needsContextJ = true
        buffer.length = currentLabelStart
        if (!afterPunycodeDecode(buffer, currentLabelStart, decoded)) return undefined
      }
      if (!checkLabel(buffer.slice(currentLabelStart), firstNeedsMarkCheck, needsContextJ)) return undefined
      if (c === -1) break
      buffer.push(DOT)
      currentLabelStart = buffer.length
      firstNeedsMarkCheck = true
      needsContextJ = true
      kinds.push(OTHER_LABEL)
      originals.push("")
    }
  }

  // Every label passed through (the fast path stopped at a digit or hyphen).
  if (kinds.length === 0) return domain

  if (isBidiDomain(buffer)) {
    let start = 0
    for (let j = 0; j <= buffer.length; j++) {
      if (j < buffer.length && buffer[j] !== DOT) continue
      if (!checkBidiLabel(buffer.slice(start, j))) return undefined
      start = j + 1
    }
  }

  // The output: the passed-through prefix, then each label of `buffer` lower-cased as it came if
  // it was ASCII or Punycode, as it is if it is ASCII, Punycode-encoded otherwise.
  let output = domain.slice(0, passthroughUpTo)
  let label = 0
  let start = 0
  for (let j = 0; j <= buffer.length; j++) {
    if (j < buffer.length && buffer[j] !== DOT) continue
    const chars = buffer.slice(start, j)
    if (label > 0) output += "."
    const kind = kinds[label]!
    if (kind === ASCII_LABEL) output += lowerAscii(originals[label]!)
    else if (isAscii(chars)) output += String.fromCharCode(...chars)
    else if (kind === PUNYCODE_LABEL) output += lowerAscii(originals[label]!)
    else output += "xn--" + Punycode.encode(chars)
    label++
    start = j + 1
  }
  return output
}
