/**
 * A quick in-process measure of response decoding (not a test, not run by vitest): the time to
 * decode one parsed `201` body of each session endpoint with the package's decoders, best of 7
 * rounds of 20,000 decodes, after a warm-up.
 *
 * Run it twice, with Effect's JIT compiler and with the interpreter it falls back to:
 *
 *   node --import tsx --conditions=@effect-polar/source test/bench/decode.ts
 *   node --disallow-code-generation-from-strings --import tsx --conditions=@effect-polar/source test/bench/decode.ts
 */
import * as CustomerSession from "@effect-polar/core/CustomerSession"
import * as MemberSession from "@effect-polar/core/MemberSession"
import * as Result from "effect/Result"
import { fixtureJson, fixtureText } from "../fixtures.js"

const ROUNDS = 7
const DECODES = 20_000

const codegen = ((): boolean => {
  try {
    return new Function("return true")() === true
  } catch {
    return false
  }
})()

/** The best time of one call of `run`, in µs, over the rounds. */
const measure = (run: () => unknown): number => {
  for (let i = 0; i < DECODES; i++) run()
  let best = Infinity
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    for (let i = 0; i < DECODES; i++) run()
    best = Math.min(best, ((performance.now() - start) * 1000) / DECODES)
  }
  return best
}

const decodes = <A, E>(decode: (input: unknown) => Result.Result<A, E>, input: unknown) => {
  if (Result.isFailure(decode(input))) throw new Error("the fixture does not decode")
  return () => decode(input)
}

const memberSession = fixtureJson("member-session.201.json")
const customerSession = fixtureJson("current/customer-session.201.member.json")
const text = fixtureText("member-session.201.json")
const rows = [
  ["MemberSession.decodeUnknownResult", measure(decodes(MemberSession.decodeUnknownResult, memberSession))],
  ["CustomerSession.decodeUnknownResult", measure(decodes(CustomerSession.decodeUnknownResult, customerSession))],
  ["JSON.parse (same member session)", measure(() => JSON.parse(text))]
] as const

process.stdout.write(
  `${codegen ? "JIT (code generation allowed)" : "interpreter (no code generation)"}, Node ${process.version}\n`
)
for (const [name, micros] of rows) process.stdout.write(`${name.padEnd(40)} ${micros.toFixed(1)} µs\n`)
