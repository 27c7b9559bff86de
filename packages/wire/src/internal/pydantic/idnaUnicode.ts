/**
 * The Unicode 15.1 services that the `idna` crate asks of its ICU4X adapter (`idna_adapter` 1.2.0):
 * the UTS 46 mapping followed by NFC (`map_normalize`), the same as a validity check after Punycode
 * decoding (`normalize_validate`), and the Bidi_Class, Joining_Type, General_Category=Mark and
 * virama (Canonical_Combining_Class 9) of a character. Everything comes from the tables of
 * idnaData.ts, decoded on first use: no platform Unicode data (`normalize`, `Intl`) is involved.
 *
 * @internal
 */
import { BIDI, CCC, DECOMPOSITIONS, JOINING, MAPPING, MARKS } from "./idnaData.js"

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$_"
const DIGITS = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i

/** Reads the numbers of a table: base-32 digits, a digit of 32 or more announcing another. */
class Reader {
  private at = 0
  constructor(private readonly text: string) {}
  get done(): boolean {
    return this.at >= this.text.length
  }
  number(): number {
    let n = 0
    for (;;) {
      const d = DIGITS[this.text.charCodeAt(this.at++)]!
      if (d < 32) return n * 32 + d
      n = n * 32 + d - 32
    }
  }
  signed(): number {
    const n = this.number()
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2
  }
}

/** The record of `starts` (ascending) that covers `c`. */
const find = (starts: Int32Array, c: number): number => {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= c) lo = mid
    else hi = mid - 1
  }
  return lo
}

interface PropertyTable {
  readonly starts: Int32Array
  readonly values: Uint8Array
}

const readProperty = (text: string, values: number): PropertyTable => {
  const starts: Array<number> = []
  const kinds: Array<number> = []
  const reader = new Reader(text)
  let start = 0
  while (!reader.done) {
    const n = reader.number()
    start += Math.floor(n / values)
    starts.push(start)
    kinds.push(n % values)
  }
  return { starts: Int32Array.from(starts), values: Uint8Array.from(kinds) }
}

const lookup = (table: PropertyTable, c: number): number => table.values[find(table.starts, c)]!

// -----------------------------------------------------------------------------
// The UTS 46 mapping
// -----------------------------------------------------------------------------

const VALID = 0
const DISALLOWED = 1
const IGNORED = 2
const DELTA = 3
const ALTERNATING = 4
const STRING = 5

interface MappingTable {
  readonly starts: Int32Array
  readonly kinds: Uint8Array
  /** The delta of a DELTA record, the offset in `strings` of a STRING record. */
  readonly data: Int32Array
  /** For each STRING record's offset: the number of code points, then the code points. */
  readonly strings: Int32Array
}

let mappingTable: MappingTable | undefined

const readMapping = (): MappingTable => {
  const starts: Array<number> = []
  const kinds: Array<number> = []
  const data: Array<number> = []
  const strings: Array<number> = []
  const reader = new Reader(MAPPING)
  let start = 0
  let previous = 0
  while (!reader.done) {
    const n = reader.number()
    const kind = n % 6
    const length = Math.floor(n / 6)
    starts.push(start)
    kinds.push(kind)
    if (kind === DELTA) {
      data.push(reader.signed())
    } else if (kind === STRING) {
      data.push(strings.length)
      const count = reader.number()
      strings.push(count)
      for (let i = 0; i < count; i++) {
        previous += reader.signed()
        strings.push(previous)
      }
    } else {
      data.push(0)
    }
    start += kind === ALTERNATING ? 2 * length : length
  }
  return {
    starts: Int32Array.from(starts),
    kinds: Uint8Array.from(kinds),
    data: Int32Array.from(data),
    strings: Int32Array.from(strings)
  }
}

/**
 * Appends the UTS 46 mapping of `c` to `into`; false for a disallowed character (which ICU4X turns
 * into U+FFFD, an error for the `idna` crate), or an ignored one when `validate`.
 */
const map = (table: MappingTable, c: number, into: Array<number>, validate: boolean): boolean => {
  const r = find(table.starts, c)
  switch (table.kinds[r]) {
    case VALID:
      into.push(c)
      return true
    case DISALLOWED:
      return false
    case IGNORED:
      return !validate
    case DELTA:
      into.push(c + table.data[r]!)
      return true
    case ALTERNATING:
      into.push((c - table.starts[r]!) % 2 === 0 ? c + 1 : c)
      return true
    default: {
      const at = table.data[r]!
      const count = table.strings[at]!
      for (let i = 1; i <= count; i++) into.push(table.strings[at + i]!)
      return true
    }
  }
}

// -----------------------------------------------------------------------------
// NFC
// -----------------------------------------------------------------------------

const S_BASE = 0xac00
const L_BASE = 0x1100
const V_BASE = 0x1161
const T_BASE = 0x11a7
const L_COUNT = 19
const V_COUNT = 21
const T_COUNT = 28
const N_COUNT = V_COUNT * T_COUNT
const S_COUNT = L_COUNT * N_COUNT

interface NormalizationTables {
  readonly ccc: PropertyTable
  readonly decompositions: Map<number, ReadonlyArray<number>>
  /** first character, then second character, to the primary composite */
  readonly compositions: Map<number, Map<number, number>>
}

let normalizationTables: NormalizationTables | undefined

const readNormalization = (): NormalizationTables => {
  const starts: Array<number> = []
  const classes: Array<number> = []
  const ccc = new Reader(CCC)
  let start = 0
  while (!ccc.done) {
    start += ccc.number()
    starts.push(start)
    classes.push(ccc.number())
  }
  if (starts[0] !== 0) {
    starts.unshift(0)
    classes.unshift(0)
  }
  const decompositions = new Map<number, ReadonlyArray<number>>()
  const compositions = new Map<number, Map<number, number>>()
  const reader = new Reader(DECOMPOSITIONS)
  let c = 0
  while (!reader.done) {
    const n = reader.number()
    c += Math.floor(n / 3)
    const shape = n % 3
    const first = c + reader.signed()
    if (shape === 0) {
      decompositions.set(c, [first])
      continue
    }
    const second = c + reader.signed()
    decompositions.set(c, [first, second])
    if (shape === 1) {
      const seconds = compositions.get(first)
      if (seconds === undefined) compositions.set(first, new Map([[second, c]]))
      else seconds.set(second, c)
    }
  }
  return { ccc: { starts: Int32Array.from(starts), values: Uint8Array.from(classes) }, decompositions, compositions }
}

const normalization = (): NormalizationTables => normalizationTables ??= readNormalization()

const decompose = (tables: NormalizationTables, c: number, into: Array<number>): void => {
  const s = c - S_BASE
  if (s >= 0 && s < S_COUNT) {
    into.push(L_BASE + Math.floor(s / N_COUNT), V_BASE + Math.floor((s % N_COUNT) / T_COUNT))
    if (s % T_COUNT !== 0) into.push(T_BASE + (s % T_COUNT))
    return
  }
  const parts = tables.decompositions.get(c)
  if (parts === undefined) into.push(c)
  else for (const p of parts) decompose(tables, p, into)
}

const compose = (tables: NormalizationTables, a: number, b: number): number | undefined => {
  const l = a - L_BASE
  const v = b - V_BASE
  if (l >= 0 && l < L_COUNT && v >= 0 && v < V_COUNT) return S_BASE + (l * V_COUNT + v) * T_COUNT
  const s = a - S_BASE
  const t = b - T_BASE
  if (s >= 0 && s < S_COUNT && s % T_COUNT === 0 && t > 0 && t < T_COUNT) return a + t
  return tables.compositions.get(a)?.get(b)
}

/** NFC of `input`, for characters that are valid or mapping outputs in UTS 46. */
const nfc = (input: ReadonlyArray<number>): Array<number> => {
  const tables = normalization()
  const d: Array<number> = []
  for (const c of input) decompose(tables, c, d)
  const classes = d.map((c) => lookup(tables.ccc, c))
  // canonical ordering: a stable sort of each run of non-starters by class
  for (let i = 1; i < d.length; i++) {
    const k = classes[i]!
    if (k === 0) continue
    const c = d[i]!
    let j = i
    while (j > 0 && classes[j - 1]! > k) {
      d[j] = d[j - 1]!
      classes[j] = classes[j - 1]!
      j--
    }
    d[j] = c
    classes[j] = k
  }
  const result: Array<number> = []
  let starter = -1
  let last = 256
  for (let i = 0; i < d.length; i++) {
    const c = d[i]!
    const k = classes[i]!
    if (starter >= 0 && (last < k || last === 0)) {
      const composite = compose(tables, result[starter]!, c)
      if (composite !== undefined) {
        result[starter] = composite
        continue
      }
    }
    if (k === 0) starter = result.length
    last = k
    result.push(c)
  }
  return result
}

/**
 * ICU4X's `Uts46Mapper::map_normalize` (ignored characters dropped) or, when `validate`,
 * `normalize_validate` (ignored characters disallowed): the UTS 46 mapping of `input` then NFC.
 * `undefined` when a character is disallowed, where ICU4X would emit U+FFFD, which the `idna` crate
 * in its fail-fast mode turns into an error at once.
 *
 * @internal
 */
export const mapNormalize = (input: ReadonlyArray<number>, validate: boolean): Array<number> | undefined => {
  const table = mappingTable ??= readMapping()
  const mapped: Array<number> = []
  for (const c of input) if (!map(table, c, mapped, validate)) return undefined
  return nfc(mapped)
}

// -----------------------------------------------------------------------------
// Character properties
// -----------------------------------------------------------------------------

/**
 * The Bidi_Class values the UTS 46 bidi rule tells apart, as numbered in the BIDI table (every other
 * class is 11).
 *
 * @internal
 */
export const L = 0
/** @internal */
export const R = 1
/** @internal */
export const AL = 2
/** @internal */
export const EN = 3
/** @internal */
export const ES = 4
/** @internal */
export const CS = 5
/** @internal */
export const ET = 6
/** @internal */
export const ON = 7
/** @internal */
export const BN = 8
/** @internal */
export const NSM = 9
/** @internal */
export const AN = 10

/**
 * The Joining_Type values the ContextJ rule tells apart, as numbered in the JOINING table (U and C
 * are 4).
 *
 * @internal
 */
export const JOINING_L = 0
/** @internal */
export const JOINING_R = 1
/** @internal */
export const JOINING_D = 2
/** @internal */
export const JOINING_T = 3

let bidiTable: PropertyTable | undefined
let joiningTable: PropertyTable | undefined
let marksTable: PropertyTable | undefined

/** The Bidi_Class of `c`, a character of a mapped domain name. @internal */
export const bidiClass = (c: number): number => lookup(bidiTable ??= readProperty(BIDI, 12), c)

/** The Joining_Type of `c`, a character of a mapped domain name. @internal */
export const joiningType = (c: number): number => lookup(joiningTable ??= readProperty(JOINING, 5), c)

/** Whether `c`, a character of a mapped domain name, is of General_Category Mark. @internal */
export const isMark = (c: number): boolean => lookup(marksTable ??= readProperty(MARKS, 2), c) === 1

/** Whether `c`, a character of a mapped domain name, has Canonical_Combining_Class Virama (9). @internal */
export const isVirama = (c: number): boolean => lookup(normalization().ccc, c) === 9
