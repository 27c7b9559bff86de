/**
 * pydantic's `UUID4` on a JSON value: pydantic-core parses the string with the Rust `uuid` crate
 * (`Uuid::parse_str`), then checks the version as Python's `uuid` module reports it.
 *
 * @internal
 */
import type { Validator } from "./validation.js"
import { fail, Lax, notUnicode, succeed, utf8Length } from "./validation.js"

const HEX_DIGIT = /^[0-9a-fA-F]$/
const SIMPLE = /^[0-9a-fA-F]{32}$/
const HYPHENATED = /^([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})$/
const GROUP_STARTS: readonly [0, 9, 14, 19, 24] = [0, 9, 14, 19, 24]
const GROUP_LENGTHS: readonly [8, 4, 4, 4, 12] = [8, 4, 4, 4, 12]
const URN = "urn:uuid:"

/**
 * The 32 hex digits of `input` if the `uuid` crate parses it, else `undefined`. The crate
 * switches on the length in bytes: 32 is the simple form, 36 hyphenated, 38 a hyphenated form in
 * braces, 45 a hyphenated form after `urn:uuid:` (lower case only).
 */
const parseHex = (input: string): string | undefined => {
  const length = utf8Length(input)
  let hyphenated: string
  if (length === 32) return SIMPLE.test(input) ? input : undefined
  if (length === 36) hyphenated = input
  else if (length === 38 && input.startsWith("{") && input.endsWith("}")) hyphenated = input.slice(1, -1)
  else if (length === 45 && input.startsWith(URN)) hyphenated = input.slice(URN.length)
  else return undefined
  const groups = HYPHENATED.exec(hyphenated)
  return groups === null ? undefined : groups.slice(1).join("")
}

/**
 * Why the `uuid` crate refused `input`: its `InvalidUuid::into_err`, which looks again at the
 * input with any `{…}` or `urn:uuid:` wrapper removed. Positions are 1-based byte offsets.
 */
const explain = (input: string): string => {
  let body = input
  let offset = 0
  let simple = true
  if (utf8Length(input) >= 2 && input.startsWith("{") && input.endsWith("}")) {
    body = input.slice(1, -1)
    offset = 1
    simple = false
  } else if (input.startsWith(URN)) {
    body = input.slice(URN.length)
    offset = URN.length
    simple = false
  }
  let hyphens = 0
  const bounds: Array<number> = []
  let index = 0
  for (const char of body) {
    if (char === "-") {
      if (hyphens < 4) bounds.push(index)
      hyphens++
    } else if (!HEX_DIGIT.test(char)) {
      return `invalid character: found \`${char}\` at ${index + offset + 1}`
    }
    index += utf8Length(char)
  }
  if (hyphens === 0 && simple) return `invalid length: expected length 32 for simple format, found ${utf8Length(input)}`
  if (hyphens !== 4) return `invalid group count: expected 5, found ${hyphens + 1}`
  for (let group = 0; group < 4; group++) {
    if (bounds[group] !== GROUP_STARTS[group + 1]! - 1) {
      return `invalid group length in group ${group}: expected ${GROUP_LENGTHS[group]}, found ${
        bounds[group]! - GROUP_STARTS[group]!
      }`
    }
  }
  return `invalid group length in group 4: expected 12, found ${utf8Length(input) - GROUP_STARTS[4]}`
}

/**
 * The version Python's `uuid.UUID.version` reports: the version nibble, but only for the RFC 4122
 * variant (variant bits `10`, a nibble of 8, 9, a or b); any other variant has no version (`None`).
 */
const version = (hex: string): number | undefined => "89abAB".includes(hex[16]!) ? parseInt(hex[12]!, 16) : undefined

const hyphenate = (hex: string): string => {
  const lower = hex.toLowerCase()
  return `${lower.slice(0, 8)}-${lower.slice(8, 12)}-${lower.slice(12, 16)}-${lower.slice(16, 20)}-${lower.slice(20)}`
}

/**
 * pydantic's `UUID` with a required version (`UUID4` is `uuid(4)`). Answers the UUID in its
 * canonical form (lower case, hyphenated), as `model_dump(mode="json")` writes it. A string is
 * never an exact UUID (Python mode), so a success is `Lax`.
 *
 * @internal
 */
export const uuid = (expectedVersion: number): Validator<string> => (input) => {
  if (typeof input !== "string") {
    return fail("uuid_type", "UUID input should be a string, bytes or UUID object", input)
  }
  const unreadable = notUnicode(input)
  if (unreadable !== undefined) return unreadable
  const hex = parseHex(input)
  if (hex === undefined) {
    const error = explain(input)
    return fail("uuid_parsing", `Input should be a valid UUID, ${error}`, input, { error })
  }
  if (version(hex) !== expectedVersion) {
    return fail("uuid_version", `UUID version ${expectedVersion} expected`, input, {
      expected_version: expectedVersion
    })
  }
  return succeed(hyphenate(hex), Lax)
}
