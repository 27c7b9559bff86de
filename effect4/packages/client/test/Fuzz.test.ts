/**
 * Random 201 bodies through the real client (a bounded, seeded sample): mutations of the fixture (a
 * value replaced by random JSON, a key removed) and random JSON or text. The call must never die
 * with a defect and never hang: it yields a MemberSession or an SDKError `Decode`.
 */
import { MemberSessions } from "@effect-polar/client"
import { MemberSession } from "@effect-polar/core/MemberSession"
import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import { fixture, legacyPolar, MEMBER_ID } from "./utils.js"

/** Bounded: a fixed, seeded sample (a few seconds on the CI machine). */
const SAMPLES = 2_000
const base: unknown = JSON.parse(fixture("member-session.201.json"))

type Path = ReadonlyArray<string | number>

const pathsOf = (value: unknown, path: Path = []): Array<Path> => {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => pathsOf(item, [...path, i]))]
  if (typeof value === "object" && value !== null) {
    return [path, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))]
  }
  return [path]
}
const paths = pathsOf(base).filter((path) => path.length > 0)

/** A copy of `value` with the node at `path` replaced by `replacement`, or removed. */
const mutate = (value: unknown, path: Path, replacement: unknown, remove: boolean): unknown => {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  if (Array.isArray(value)) {
    const copy = value.slice()
    copy[Number(head)] = mutate(copy[Number(head)], rest, replacement, remove)
    return copy
  }
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = { ...value }
    const key = String(head)
    if (remove && rest.length === 0) delete copy[key]
    else copy[key] = mutate(copy[key], rest, replacement, remove)
    return copy
  }
  return value
}

const between = (minimum: number, maximum: number) =>
  Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum, maximum })))
const json = Arbitrary.schema(Schema.Json)

const mutation = Arbitrary.map(
  Arbitrary.all([between(0, paths.length - 1), json, Arbitrary.schema(Schema.Boolean)]),
  ([i, replacement, remove]) => JSON.stringify(mutate(base, paths[i]!, replacement, remove))
)
const randomJson = Arbitrary.map(json, (value) => JSON.stringify(value))
const text = Arbitrary.schema(Schema.String)
const truncated = Arbitrary.map(between(0, 1500), (n) => fixture("member-session.201.json").slice(0, n))

/** Weighted 6 : 2 : 1 : 1. */
const bodies: Arbitrary.Arbitrary<string> = Arbitrary.flatMap(
  between(0, 9),
  (n) => n < 6 ? mutation : n < 8 ? randomJson : n < 9 ? text : truncated
)

describe("fuzz: random 201 bodies", () => {
  it.effect(
    `${SAMPLES} bodies: each call ends with a MemberSession or an SDKError, never a defect`,
    () =>
      Effect.gen(function*() {
        const samples = yield* Arbitrary.sampleEffect(bodies, { count: SAMPLES, seed: 20261121 })
        let current = ""
        const fake = legacyPolar([
          () => new Response(current, { status: 201, headers: { "content-type": "application/json" } })
        ], {
          retry: false
        })
        let sessions = 0
        let errors = 0
        yield* Effect.gen(function*() {
          for (const [index, body] of samples.entries()) {
            // let the event loop breathe (the fake transport never yields to it on its own)
            if (index % 200 === 0) yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
            current = body
            const exit = yield* Effect.exit(MemberSessions.create({ memberId: MEMBER_ID }))
            if (Exit.isSuccess(exit)) {
              assert.instanceOf(exit.value, MemberSession)
              sessions++
              continue
            }
            const failures = exit.cause.reasons.filter(Cause.isFailReason).map((reason) => reason.error)
            assert.isTrue(
              failures.length === 1 && failures[0]!._tag === "SDKError" && failures[0]!.reason === "Decode" &&
                !Cause.hasDies(exit.cause) && !Cause.hasInterrupts(exit.cause),
              `${body.slice(0, 200)} → ${Cause.pretty(exit.cause)}`
            )
            errors++
          }
        }).pipe(Effect.provide(fake.layer))
        assert.strictEqual(sessions + errors, SAMPLES)
        // both outcomes are exercised
        assert.isAbove(sessions, 100)
        assert.isAbove(errors, 1000)
      }),
    60_000
  )
})
