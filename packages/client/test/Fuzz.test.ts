/**
 * 10,000 random 201 bodies through the real client: mutations of the fixture (a value replaced by
 * random JSON, a key removed) and random JSON or text. The call must never die with a defect and
 * never hang: it yields a MemberSession or an SDKError.
 */
import { MemberSessions } from "@effect-polar/client"
import { MemberSession } from "@effect-polar/core/MemberSession"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, FastCheck as fc } from "effect"
import { fixture, legacyPolar, MEMBER_ID } from "./utils.js"

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

const bodies: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.boolean()).map(([i, replacement, remove]) =>
      JSON.stringify(mutate(base, paths[i % paths.length]!, replacement, remove))
    )
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.nat().map((n) => fixture("member-session.201.json").slice(0, n % 1500)) }
)

describe("fuzz: random 201 bodies", () => {
  it.effect(
    "10,000 bodies: each call ends with a MemberSession or an SDKError, never a defect",
    () =>
      Effect.gen(function*() {
        const samples = fc.sample(bodies, { numRuns: 10_000, seed: 20261121 })
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
            const failures = [...Cause.failures(exit.cause)]
            assert.isTrue(
              failures.length === 1 && failures[0]!._tag === "SDKError" && failures[0]!.reason === "Decode" &&
                Cause.defects(exit.cause).length === 0 && !Cause.isInterrupted(exit.cause),
              `${body.slice(0, 200)} → ${Cause.pretty(exit.cause)}`
            )
            errors++
          }
        }).pipe(Effect.provide(fake.layer))
        assert.strictEqual(sessions + errors, 10_000)
        // both outcomes are exercised
        assert.isAbove(sessions, 100)
        assert.isAbove(errors, 1000)
      }),
    120_000
  )
})
