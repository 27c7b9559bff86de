import { MemberSessions } from "@effect-polar/client"
import type { HTTPValidationError, MemberSession, SDKError } from "@effect-polar/core"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Inspectable, Layer, Redacted, TestClock } from "effect"
import * as util from "node:util"
import { makeRecorder } from "./observe.js"
import {
  ACCESS_TOKEN,
  created,
  fakePolar,
  fixture,
  json,
  MEMBER_ID,
  raw,
  SESSION_TOKEN,
  transportFailure
} from "./utils.js"

const create = MemberSessions.create({ memberId: MEMBER_ID, returnUrl: "https://example.com/account" })

describe("observability", () => {
  it.effect("each call runs in a MemberSessions.create span with method, URL, status and attempts", () =>
    Effect.gen(function*() {
      const recorder = makeRecorder()
      const fake = fakePolar([raw(503, "busy"), raw(503, "busy"), created])
      const fiber = yield* Effect.fork(create.pipe(Effect.provide(fake.layer), recorder.provide))
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      const span = recorder.spans.find((s) => s.name === "MemberSessions.create")
      assert.isDefined(span)
      assert.strictEqual(span!.attributes.get("http.request.method"), "POST")
      assert.strictEqual(span!.attributes.get("url.full"), "https://api.polar.sh/v1/member-sessions/")
      assert.strictEqual(span!.attributes.get("http.response.status_code"), 201)
      assert.strictEqual(span!.attributes.get("polar.attempts"), 3)
      assert.strictEqual(span!.attributes.get("http.request.resend_count"), 2)
      assert.isTrue(span!.exit !== undefined && Exit.isSuccess(span!.exit))
      // the transport's own spans are children of ours, one per attempt
      assert.strictEqual(recorder.spans.filter((s) => s.name.startsWith("http.client")).length, 3)
      // two failed attempts were logged at Debug
      assert.strictEqual(recorder.logs.filter((line) => line.includes("attempt")).length, 2)
    }))

  it.effect("a failed call records its status and failure on the span", () =>
    Effect.gen(function*() {
      const recorder = makeRecorder()
      const fake = fakePolar([json(401, fixture("error.401.json"))])
      yield* create.pipe(Effect.flip, Effect.provide(fake.layer), recorder.provide)
      const span = recorder.spans.find((s) => s.name === "MemberSessions.create")
      assert.strictEqual(span!.attributes.get("http.response.status_code"), 401)
      assert.strictEqual(span!.attributes.get("polar.attempts"), 1)
      assert.isTrue(span!.exit !== undefined && Exit.isFailure(span!.exit))
    }))
})

describe("secrets never leak", () => {
  const leakedBody = (() => {
    const body = JSON.parse(fixture("member-session.201.json"))
    body.expires_at = 42
    return JSON.stringify(body)
  })()

  const scenarios: ReadonlyArray<[string, Parameters<typeof fakePolar>[0]]> = [
    ["success", [created]],
    ["401", [json(401, fixture("error.401.json"))]],
    ["422", [json(422, fixture("error.422.member-not-found.json"))]],
    ["500 then success", [json(500, fixture("error.500.json")), created]],
    ["a 201 with the token and a bad field", [json(201, leakedBody)]],
    ["a 201 that is truncated JSON", [json(201, fixture("member-session.201.json").slice(0, 400))]],
    ["a 201 as text/plain", [raw(201, fixture("member-session.201.json"), { "content-type": "text/plain" })]],
    ["a transport failure", [transportFailure()]]
  ]

  const assertClean = (label: string, text: string) => {
    assert.notInclude(text, ACCESS_TOKEN, `${label} shows the access token`)
    assert.notInclude(text, SESSION_TOKEN, `${label} shows the session token`)
    assert.notInclude(text, SESSION_TOKEN.slice("polar_mst_".length), `${label} shows the session token`)
  }

  const renderings = (value: MemberSession | HTTPValidationError | SDKError | undefined): Array<string> =>
    value === undefined ? [] : [
      String(value),
      JSON.stringify(value),
      util.inspect(value, { depth: 20 }),
      Inspectable.format(value),
      value instanceof Error ? `${value.message}\n${value.stack}` : "",
      Cause.pretty(Cause.fail(value))
    ]

  for (const [name, answers] of scenarios) {
    it.effect(`${name}: errors, Cause.pretty, logs and spans`, () =>
      Effect.gen(function*() {
        const recorder = makeRecorder()
        const fake = fakePolar(answers)
        const fiber = yield* Effect.fork(create.pipe(Effect.provide(fake.layer), recorder.provide, Effect.exit))
        yield* TestClock.adjust("1 minute")
        const exit = yield* Fiber.join(fiber)
        const texts = [
          ...Exit.match(exit, {
            onFailure: (cause) => [Cause.pretty(cause), ...renderings(Cause.squash(cause) as SDKError)],
            onSuccess: renderings
          }),
          recorder.everything()
        ]
        for (const text of texts) assertClean(name, text)
      }))

    it(`${name}: the FiberFailure of Effect.runPromise`, async () => {
      const fake = fakePolar(answers, { retry: false })
      const outcome = await Effect.runPromise(create.pipe(Effect.provide(fake.layer))).then(
        (session) => renderings(session),
        (error: unknown) => [String(error), util.inspect(error, { depth: 20 }), JSON.stringify(error)]
      )
      for (const text of outcome) assertClean(name, text)
    })
  }

  it.effect("the request's Authorization header is redacted in the transport's span", () =>
    Effect.gen(function*() {
      const recorder = makeRecorder()
      const fake = fakePolar([created])
      yield* create.pipe(Effect.provide(fake.layer), recorder.provide)
      const http = recorder.spans.find((s) => s.name.startsWith("http.client"))
      assert.strictEqual(http?.attributes.get("http.request.header.authorization"), "<redacted>")
      assertClean("spans", recorder.everything())
    }))

  it.effect("Redacted values stay usable where the caller needs them", () =>
    Effect.gen(function*() {
      const fake = fakePolar([created])
      const session = yield* create.pipe(Effect.provide(fake.layer), Effect.provide(Layer.empty))
      assert.strictEqual(Redacted.value(session.token), SESSION_TOKEN)
      assert.include(Redacted.value(session.memberPortalUrl), `member_session_token=${SESSION_TOKEN}`)
    }))
})
