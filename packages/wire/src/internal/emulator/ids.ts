/**
 * Ids and secrets, all drawn from one seeded generator so that an emulator made with the same
 * seed and sent the same requests answers the same ids and tokens.
 *
 * @internal
 */

/** The deterministic source of every id and token an emulator makes. */
export interface Ids {
  /** A random UUID version 4, lower-case and hyphenated. */
  readonly uuid4: () => string
  /**
   * A token as Polar's `generate_token(prefix=...)` makes one: the prefix, 37 random ASCII letters
   * and digits, then the CRC-32 of those 37 in base 62, zero-padded to 6.
   */
  readonly token: (prefix: string) => string
  /** Back to the seed's first draw. */
  readonly reset: () => void
}

/** mulberry32: small, fast and good enough for test data. */
const mulberry32 = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Python's string.ascii_letters + string.digits, in that order
const TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** zlib's CRC-32 of an ASCII string. */
export const crc32 = (ascii: string): number => {
  let crc = 0xffffffff
  for (let i = 0; i < ascii.length; i++) crc = CRC_TABLE[(crc ^ ascii.charCodeAt(i)) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** Polar's `_crc32_to_base62`. */
export const base62Checksum = (checksum: number): string => {
  let number = checksum
  let encoded = ""
  while (number > 0) {
    encoded = BASE62[number % 62] + encoded
    number = Math.floor(number / 62)
  }
  return encoded.padStart(6, "0")
}

/** Makes the generator of an emulator. */
export const make = (seed: number): Ids => {
  let random = mulberry32(seed)
  const pick = (alphabet: string): string => alphabet[Math.floor(random() * alphabet.length)]!
  const hex = (n: number): string => Array.from({ length: n }, () => pick("0123456789abcdef")).join("")
  return {
    uuid4: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick("89ab")}${hex(3)}-${hex(12)}`,
    token: (prefix) => {
      const body = Array.from({ length: 37 }, () => pick(TOKEN_ALPHABET)).join("")
      return `${prefix}${body}${base62Checksum(crc32(body))}`
    },
    reset: () => {
      random = mulberry32(seed)
    }
  }
}
