/**
 * Punycode (RFC 3492) as the Rust `idna` crate 1.1.0 runs it for its own UTS 46 processing: the
 * decoder's overflow rules (32-bit arithmetic, failing rather than wrapping) and its treatment of a
 * leading delimiter, the encoder for labels of at most 1000 code points.
 *
 * @internal
 */

const BASE = 36
const T_MIN = 1
const T_MAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 0x80
const U32_MAX = 0xffffffff

const adapt = (delta: number, points: number, first: boolean): number => {
  delta = Math.floor(delta / (first ? DAMP : 2))
  delta += Math.floor(delta / points)
  let k = 0
  while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
    delta = Math.floor(delta / (BASE - T_MIN))
    k += BASE
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW))
}

/** The digit value of a code unit: `0`-`9` are 26-35, letters 0-25 (upper case only when `upper`). */
const digitOf = (c: number, upper: boolean): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 26
  if (c >= 0x61 && c <= 0x7a) return c - 0x61
  if (upper && c >= 0x41 && c <= 0x5a) return c - 0x41
  return -1
}

/**
 * Decodes the Punycode `input` (the part of a label after `xn--`), as code points, or `undefined`
 * when it is malformed or overflows. `fromBytes` is the decoder over the label's original bytes:
 * it also reads upper-case digits and lower-cases the basic code points; over code points (after
 * UTS 46 mapping) only lower-case digits are read.
 *
 * @internal
 */
export const decode = (input: ReadonlyArray<number>, fromBytes: boolean): Array<number> | undefined => {
  const delimiter = input.lastIndexOf(0x2d)
  const baseLength = delimiter === -1 ? 0 : delimiter
  // A delimiter in the first position leaves nothing basic, and is itself read as a digit.
  let at = delimiter > 0 ? delimiter + 1 : 0
  let length = baseLength
  let codePoint = INITIAL_N
  let bias = INITIAL_BIAS
  let i = 0
  const output: Array<number> = []
  for (let j = 0; j < baseLength; j++) {
    const c = input[j]!
    output.push(fromBytes && c >= 0x41 && c <= 0x5a ? c + 0x20 : c)
  }
  while (at < input.length) {
    const previous = i
    let weight = 1
    let k = BASE
    for (;;) {
      if (at >= input.length) return undefined
      const digit = digitOf(input[at++]!, fromBytes)
      if (digit < 0) return undefined
      const product = digit * weight
      if (product > U32_MAX) return undefined
      i += product
      if (i > U32_MAX) return undefined
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias
      if (digit < t) break
      weight *= BASE - t
      if (weight > U32_MAX) return undefined
      k += BASE
    }
    bias = adapt(i - previous, length + 1, previous === 0)
    codePoint += Math.floor(i / (length + 1))
    if (codePoint > U32_MAX) return undefined
    i %= length + 1
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined
    output.splice(i, 0, codePoint)
    length++
    i++
  }
  return output
}

const digitChar = (value: number): string => String.fromCharCode(value < 26 ? 0x61 + value : 0x30 + value - 26)

/**
 * Encodes a label (code points, at most 1000 of them) as Punycode, without the `xn--` prefix.
 *
 * @internal
 */
export const encode = (input: ReadonlyArray<number>): string => {
  let output = ""
  for (const c of input) if (c < 0x80) output += String.fromCharCode(c)
  const basic = output.length
  if (basic > 0) output += "-"
  let n = INITIAL_N
  let delta = 0
  let bias = INITIAL_BIAS
  let processed = basic
  while (processed < input.length) {
    let next = Infinity
    for (const c of input) if (c >= n && c < next) next = c
    delta += (next - n) * (processed + 1)
    n = next
    for (const c of input) {
      if (c < n) delta++
      if (c === n) {
        let q = delta
        for (let k = BASE;; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias
          if (q < t) break
          output += digitChar(t + ((q - t) % (BASE - t)))
          q = Math.floor((q - t) / (BASE - t))
        }
        output += digitChar(q)
        bias = adapt(delta, processed + 1, processed === basic)
        delta = 0
        processed++
      }
    }
    delta++
    n++
  }
  return output
}
