/**
 * `json.loads` as CPython 3.14 runs it (its C scanner), for the request body: FastAPI decodes the
 * body with it, and a body it refuses becomes a `json_invalid` 422 carrying CPython's message and
 * position (`e.msg`, `e.pos`, a position in code points).
 *
 * Differences from `JSON.parse` it reproduces: `NaN`, `Infinity` and `-Infinity` are accepted, a
 * lone surrogate escape is kept, and every refusal names CPython's reason and index.
 *
 * @internal
 */

/** A decoded value, or CPython's `JSONDecodeError`. */
export type Decoded =
  | { readonly _tag: "Value"; readonly value: unknown }
  | { readonly _tag: "Error"; readonly msg: string; readonly pos: number }

class DecodeError {
  constructor(readonly msg: string, readonly pos: number) {}
}

/** CPython's `StopIteration(idx)` of the scanner: no value starts at `idx`. */
class NoValue {
  constructor(readonly pos: number) {}
}

const isWhitespace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r"
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9"

const ESCAPES: Readonly<Record<string, string>> = {
  "\"": "\"",
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t"
}

const hexValue = (c: string | undefined): number => {
  if (c === undefined) return -1
  const code = c.charCodeAt(0)
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 65 && code <= 70) return code - 55
  if (code >= 97 && code <= 102) return code - 87
  return -1
}

const setKey = (target: Record<string, unknown>, key: string, value: unknown): void => {
  // defineProperty: a key "__proto__" is a plain key, as in a Python dict
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * Decodes `text` as `json.loads(text)` does.
 */
export const loads = (text: string): Decoded => {
  // One element per code point: CPython's positions count code points. Starlette hands the body's
  // bytes to json.loads, which decodes a leading UTF-8 byte order mark away (utf-8-sig).
  const s = Array.from(text.startsWith("\ufeff") ? text.slice(1) : text)
  const length = s.length

  const skip = (from: number): number => {
    let idx = from
    while (idx < length && isWhitespace(s[idx])) idx++
    return idx
  }

  const scanString = (start: number): [string, number] => {
    const begin = start - 1
    let end = start
    let out = ""
    for (;;) {
      let next = end
      let c: string | undefined
      for (; next < length; next++) {
        c = s[next]!
        if (c === "\"" || c === "\\") break
        if (c.codePointAt(0)! <= 0x1f) throw new DecodeError("Invalid control character at", next)
      }
      if (next >= length) throw new DecodeError("Unterminated string starting at", begin)
      out += s.slice(end, next).join("")
      if (c === "\"") return [out, next + 1]
      next++
      if (next >= length) throw new DecodeError("Unterminated string starting at", begin)
      const escape = s[next]!
      if (escape !== "u") {
        end = next + 1
        const char = ESCAPES[escape]
        if (char === undefined) throw new DecodeError("Invalid \\escape", end - 2)
        out += char
        continue
      }
      next++
      end = next + 4
      if (end >= length) throw new DecodeError("Invalid \\uXXXX escape", next - 1)
      let unit = 0
      for (; next < end; next++) {
        const digit = hexValue(s[next])
        if (digit < 0) throw new DecodeError("Invalid \\uXXXX escape", end - 5)
        unit = (unit << 4) | digit
      }
      let codePoint = unit
      if (unit >= 0xd800 && unit <= 0xdbff && end + 6 < length && s[end] === "\\" && s[end + 1] === "u") {
        let low = 0
        let at = end + 2
        const lowEnd = end + 6
        for (; at < lowEnd; at++) {
          const digit = hexValue(s[at])
          if (digit < 0) throw new DecodeError("Invalid \\uXXXX escape", lowEnd - 5)
          low = (low << 4) | digit
        }
        if (low >= 0xdc00 && low <= 0xdfff) {
          codePoint = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
          end = lowEnd
        }
      }
      out += codePoint > 0xffff ? String.fromCodePoint(codePoint) : String.fromCharCode(codePoint)
    }
  }

  const scanNumber = (start: number): [number, number] => {
    const last = length - 1
    let idx = start
    if (s[idx] === "-") {
      idx++
      if (idx > last) throw new NoValue(start)
    }
    const first = s[idx]
    if (first !== undefined && first >= "1" && first <= "9") {
      idx++
      while (idx <= last && isDigit(s[idx])) idx++
    } else if (first === "0") {
      idx++
    } else {
      throw new NoValue(start)
    }
    if (idx < last && s[idx] === "." && isDigit(s[idx + 1])) {
      idx += 2
      while (idx <= last && isDigit(s[idx])) idx++
    }
    if (idx < last && (s[idx] === "e" || s[idx] === "E")) {
      const exponentStart = idx
      idx++
      if (idx < last && (s[idx] === "-" || s[idx] === "+")) idx++
      while (idx <= last && isDigit(s[idx])) idx++
      if (!isDigit(s[idx - 1])) idx = exponentStart
    }
    return [Number(s.slice(start, idx).join("")), idx]
  }

  const literal = (idx: number, word: string): boolean => s.slice(idx, idx + word.length).join("") === word

  const scan = (idx: number): [unknown, number] => {
    if (idx >= length) throw new NoValue(idx)
    switch (s[idx]) {
      case "\"":
        return scanString(idx + 1)
      case "{":
        return scanObject(idx + 1)
      case "[":
        return scanArray(idx + 1)
      case "n":
        if (literal(idx, "null")) return [null, idx + 4]
        break
      case "t":
        if (literal(idx, "true")) return [true, idx + 4]
        break
      case "f":
        if (literal(idx, "false")) return [false, idx + 5]
        break
      case "N":
        if (literal(idx, "NaN")) return [NaN, idx + 3]
        break
      case "I":
        if (literal(idx, "Infinity")) return [Infinity, idx + 8]
        break
      case "-":
        if (literal(idx, "-Infinity")) return [-Infinity, idx + 9]
        break
    }
    return scanNumber(idx)
  }

  const scanObject = (start: number): [unknown, number] => {
    const result: Record<string, unknown> = {}
    let idx = skip(start)
    if (idx < length && s[idx] === "}") return [result, idx + 1]
    for (;;) {
      if (idx >= length || s[idx] !== "\"") {
        throw new DecodeError("Expecting property name enclosed in double quotes", idx)
      }
      const [key, afterKey] = scanString(idx + 1)
      idx = skip(afterKey)
      if (idx >= length || s[idx] !== ":") throw new DecodeError("Expecting ':' delimiter", idx)
      idx = skip(idx + 1)
      const [value, afterValue] = scan(idx)
      setKey(result, key, value)
      idx = skip(afterValue)
      if (idx < length && s[idx] === "}") return [result, idx + 1]
      if (idx >= length || s[idx] !== ",") throw new DecodeError("Expecting ',' delimiter", idx)
      const comma = idx
      idx = skip(idx + 1)
      if (idx < length && s[idx] === "}") throw new DecodeError("Illegal trailing comma before end of object", comma)
    }
  }

  const scanArray = (start: number): [unknown, number] => {
    const result: Array<unknown> = []
    let idx = skip(start)
    if (idx < length && s[idx] === "]") return [result, idx + 1]
    for (;;) {
      const [value, afterValue] = scan(idx)
      result.push(value)
      idx = skip(afterValue)
      if (idx < length && s[idx] === "]") return [result, idx + 1]
      if (idx >= length || s[idx] !== ",") throw new DecodeError("Expecting ',' delimiter", idx)
      const comma = idx
      idx = skip(idx + 1)
      if (idx < length && s[idx] === "]") throw new DecodeError("Illegal trailing comma before end of array", comma)
    }
  }

  try {
    const [value, end] = scan(skip(0))
    const rest = skip(end)
    if (rest !== length) return { _tag: "Error", msg: "Extra data", pos: rest }
    return { _tag: "Value", value }
  } catch (error) {
    if (error instanceof NoValue) return { _tag: "Error", msg: "Expecting value", pos: error.pos }
    if (error instanceof DecodeError) return { _tag: "Error", msg: error.msg, pos: error.pos }
    throw error
  }
}
