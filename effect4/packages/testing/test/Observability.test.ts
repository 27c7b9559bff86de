import { CustomerSessions, MemberSessions } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { MemberSession } from "@effect-polar/core/MemberSession"
import type { SDKError } from "@effect-polar/core/SDKError"
import { PolarClientTest, PolarEmulator, TestRecorder } from "@effect-polar/testing"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Formatter from "effect/Formatter"
import * as HttpClient from "effect/http/HttpClient"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as References from "effect/References"
import * as TestClock from "effect/testing/TestClock"
import * as Tracer from "effect/Tracer"
import * as util from "node:util"
import { fixtureText as fixture } from "./contract.js"

const JANE = PolarEmulator.demoMembers[0]!.id
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const ACCESS_TOKEN = "polar_oat_TESTaccessTOKEN0123456789"
const FIXTURE_TOKEN = "polar_mst_Qm9yZ2V0IGFib3V0IGl0LiBUaGlzIGlzIGEgdGVzdCB0b2tlbg"

const create = MemberSessions.create({ memberId: JANE, returnUrl: "https://example.com/account" })
// the legacy generation: one request per call, so the journal holds one entry per attempt
const layer = (retry: boolean) =>
  PolarClientTest.layer({
    generation: "legacy",
    client: { accessToken: Redacted.make(ACCESS_TOKEN), ...(retry ? {} : { retry: false }) }
  })

describe("observability", () => {
  it.effect("each call runs in a MemberSessions.create span with method, URL, status and attempts", () =>
    Effect.gen(function*() {
      const recorder = TestRecorder.make()
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ status: 503 }, { status: 503 })
      const fiber = yield* Effect.forkChild(recorder.provide(create))
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      const span = recorder.spans.find((s) => s.name === "MemberSessions.create")
      assert.isDefined(span)
      assert.strictEqual(span!.attributes.get("http.request.method"), "POST")
      assert.strictEqual(span!.attributes.get("url.full"), "http://polar.test/v1/member-sessions/")
      assert.strictEqual(span!.attributes.get("url.path"), "/v1/member-sessions/")
      assert.strictEqual(span!.attributes.get("server.address"), "polar.test")
      assert.strictEqual(span!.attributes.get("http.response.status_code"), 201)
      assert.strictEqual(span!.attributes.get("polar.attempts"), 3)
      assert.strictEqual(span!.attributes.get("http.request.resend_count"), 2)
      assert.isFalse(span!.attributes.has("error.type"))
      assert.isTrue(span!.exit !== undefined && Exit.isSuccess(span!.exit))
      // one event per failed attempt, with its reason and status
      const attemptEvents = span!.events.filter((event) => event.name === "polar.attempt.failed")
      assert.strictEqual(attemptEvents.length, 2, span!.events.map((event) => event.name).join(", "))
      assert.deepStrictEqual(attemptEvents[1]!.attributes, {
        "polar.attempt": 2,
        "url.path": "/v1/member-sessions/",
        "polar.reason": "StatusCode",
        "http.response.status_code": 503
      })
      // no per-request transport span by default (the platform's, named by the method); the call
      // span's context goes out instead
      assert.strictEqual(recorder.spans.filter((s) => s.name === "POST").length, 0)
      const sent = emulator.journal().map((entry) => entry.headers["traceparent"])
      assert.strictEqual(sent.length, 3)
      for (const traceparent of sent) {
        assert.strictEqual(traceparent, `00-${span!.traceId}-${span!.spanId}-01`)
      }
      // two failed attempts were logged at Debug
      assert.strictEqual(recorder.logs.filter((line) => line.includes("attempt")).length, 2)
    }).pipe(Effect.provide(layer(true))))

  it.effect("httpClientSpans: true adds the platform's span per attempt, without the token", () =>
    Effect.gen(function*() {
      const recorder = TestRecorder.make()
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ status: 503 }, { status: 503 })
      const fiber = yield* Effect.forkChild(recorder.provide(create))
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      const call = recorder.spans.find((s) => s.name === "MemberSessions.create")
      // the platform's spans, named by the method
      const http = recorder.spans.filter((s) => s.name === "POST")
      assert.strictEqual(http.length, 3)
      // Effect 4's platform span leaves Authorization out (or redacts it): never the token
      const authorization = http[0]!.attributes.get("http.request.header.authorization")
      assert.isTrue(authorization === undefined || authorization === "<redacted>", String(authorization))
      assert.notInclude(Formatter.format([...http[0]!.attributes]), ACCESS_TOKEN)
      // each request carries its own span's context, a child of the call span
      const sent = emulator.journal().map((entry) => entry.headers["traceparent"])
      assert.deepStrictEqual(sent, http.map((s) => `00-${s.traceId}-${s.spanId}-01`))
      assert.strictEqual(call!.traceId, http[0]!.traceId)
    }).pipe(Effect.provide(PolarClientTest.layer({
      generation: "legacy",
      client: { accessToken: Redacted.make(ACCESS_TOKEN), httpClientSpans: true }
    }))))

  it.effect("a call under HttpClient.TracerPropagationEnabled false sends no trace headers", () =>
    Effect.gen(function*() {
      const emulator = yield* PolarClientTest.Emulator
      yield* create.pipe(Effect.provideService(HttpClient.TracerPropagationEnabled, false))
      const headers = emulator.journal()[0]!.headers
      assert.isUndefined(headers["traceparent"])
      assert.isUndefined(headers["b3"])
    }).pipe(Effect.provide(layer(true))))

  it.effect("retries exhausted: the span says the last status as error.type", () =>
    Effect.gen(function*() {
      const recorder = TestRecorder.make()
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 })
      const fiber = yield* Effect.forkChild(recorder.provide(Effect.flip(create)))
      yield* TestClock.adjust("30 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag === "SDKError" ? error.statusCode : undefined, 503)
      const span = recorder.spans.find((s) => s.name === "MemberSessions.create")
      assert.strictEqual(span!.attributes.get("polar.attempts"), 4)
      assert.strictEqual(span!.attributes.get("error.type"), "503")
      assert.isTrue(span!.exit !== undefined && Exit.isFailure(span!.exit))
    }).pipe(Effect.provide(layer(true))))

  it.effect("each failed attempt is logged under the call's span", () =>
    Effect.gen(function*() {
      const recorder = TestRecorder.make()
      const parents: Array<string | undefined> = []
      const logger = Logger.make(({ fiber, message }) => {
        if (!Formatter.format(message).includes("attempt")) return
        const parent = Context.getOption(fiber.context, Tracer.ParentSpan)
        parents.push(Option.isSome(parent) && parent.value._tag === "Span" ? parent.value.name : undefined)
      })
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ status: 503 })
      const fiber = yield* Effect.forkChild(
        recorder.provide(create).pipe(
          Effect.provide(Logger.layer([logger], { mergeWithExisting: true })),
          Effect.provideService(References.MinimumLogLevel, "Debug")
        )
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(parents, ["MemberSessions.create"])
    }).pipe(Effect.provide(layer(true))))

  it.effect("with transformClient, what it adds to the transport runs under the call's span", () => {
    const seen: Array<string | undefined> = []
    return Effect.gen(function*() {
      const recorder = TestRecorder.make()
      yield* recorder.provide(create)
      assert.deepStrictEqual(seen, ["MemberSessions.create"])
    }).pipe(Effect.provide(PolarClientTest.layer({
      generation: "legacy",
      client: {
        accessToken: Redacted.make(ACCESS_TOKEN),
        transformClient: HttpClient.tapRequest(() =>
          Effect.map(Effect.option(Effect.currentSpan), (span) => {
            seen.push(Option.isSome(span) ? span.value.name : undefined)
          })
        )
      }
    })))
  })

  it.effect("a failed call records its status and failure on the span", () =>
    Effect.gen(function*() {
      const recorder = TestRecorder.make()
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ status: 401, body: fixture("error.401.json") })
      yield* create.pipe(Effect.flip, recorder.provide)
      const span = recorder.spans.find((s) => s.name === "MemberSessions.create")
      assert.strictEqual(span!.attributes.get("http.response.status_code"), 401)
      assert.strictEqual(span!.attributes.get("polar.attempts"), 1)
      assert.strictEqual(span!.attributes.get("error.type"), "401")
      assert.isTrue(span!.exit !== undefined && Exit.isFailure(span!.exit))
    }).pipe(Effect.provide(layer(true))))
})

/** Every rendering of a value a user could print, log or return. */
const renderings = (value: MemberSession | HTTPValidationError | SDKError | unknown): Array<string> => [
  String(value),
  JSON.stringify(value) ?? "",
  util.inspect(value, { depth: 20 }),
  Formatter.format(value),
  value instanceof Error ? `${value.message}\n${value.stack}` : "",
  Cause.pretty(Cause.fail(value))
]

describe("observability on today's Polar", () => {
  it.effect("MemberSessions.create's one span covers the lookup and the create; both carry its trace context", () =>
    Effect.gen(function*() {
      const recorder = TestRecorder.make()
      const emulator = yield* PolarClientTest.Emulator
      emulator.script({ status: 503 })
      const fiber = yield* Effect.forkChild(recorder.provide(create))
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      const spans = recorder.spans.filter((s) => s.name === "MemberSessions.create")
      assert.strictEqual(spans.length, 1)
      const span = spans[0]!
      assert.deepStrictEqual(
        span.events.filter((e) => e.name.startsWith("polar.")).map((
          e
        ) => [e.name, e.attributes?.["url.path"], e.attributes?.["http.response.status_code"]]),
        [
          ["polar.response", `/v1/members/${JANE}`, 503],
          ["polar.attempt.failed", `/v1/members/${JANE}`, 503],
          ["polar.response", `/v1/members/${JANE}`, 200],
          ["polar.response", "/v1/customer-sessions/", 201]
        ]
      )
      assert.strictEqual(span.attributes.get("url.path"), "/v1/customer-sessions/")
      const sent = emulator.journal().map((entry) => entry.headers["traceparent"])
      assert.deepStrictEqual(sent, [1, 2, 3].map(() => `00-${span.traceId}-${span.spanId}-01`))
    }).pipe(Effect.provide(PolarClientTest.layer({ client: { accessToken: Redacted.make(ACCESS_TOKEN) } }))))

  it.effect("CustomerSessions.create runs in its own span", () =>
    Effect.gen(function*() {
      const recorder = TestRecorder.make()
      yield* recorder.provide(CustomerSessions.create({ customerId: ACME, memberId: JANE }))
      const span = recorder.spans.find((s) => s.name === "CustomerSessions.create")
      assert.strictEqual(span?.attributes.get("http.response.status_code"), 201)
      assert.strictEqual(span?.kind, "client")
    }).pipe(Effect.provide(PolarClientTest.layer())))
})

describe("secrets never leak", () => {
  const leakedBody = (() => {
    const body = JSON.parse(fixture("member-session.201.json"))
    body.expires_at = 42
    return JSON.stringify(body)
  })()

  const scenarios: ReadonlyArray<[string, ReadonlyArray<PolarEmulator.Fault>]> = [
    ["success", []],
    ["401", [{ status: 401, body: fixture("error.401.json") }]],
    ["500 then success", [{ status: 500, body: fixture("error.500.json") }]],
    ["a 201 with the token and a bad field", [{ status: 201, body: leakedBody }]],
    ["a 201 that is truncated JSON", [{ truncate: true }]],
    ["a 201 as text/plain", [{
      status: 201,
      body: fixture("member-session.201.json"),
      headers: { "content-type": "text/plain" }
    }]],
    ["a connection reset", [{ reset: "before-response" }]],
    ["a reset mid-body", [{ reset: "mid-body" }]]
  ]

  const assertClean = (label: string, text: string, sessionTokens: ReadonlyArray<string>) => {
    assert.notInclude(text, ACCESS_TOKEN, `${label} shows the access token`)
    for (const token of [FIXTURE_TOKEN, ...sessionTokens]) {
      assert.notInclude(text, token.slice("polar_mst_".length), `${label} shows a session token`)
    }
  }

  for (const [name, faults] of scenarios) {
    it.effect(`today's Polar, CustomerSessions.create, ${name}: errors, Cause.pretty, logs, spans and the journal`, () =>
      Effect.gen(function*() {
        const recorder = TestRecorder.make()
        const emulator = yield* PolarClientTest.Emulator
        emulator.script(...faults, ...faults)
        const fiber = yield* Effect.forkChild(
          CustomerSessions.create({ customerId: ACME, memberId: JANE }).pipe(recorder.provide, Effect.exit)
        )
        yield* TestClock.adjust("1 minute")
        const exit = yield* Fiber.join(fiber)
        const tokens = emulator.sessions().map((s) => s.token)
        const texts = [
          ...Exit.match(exit, {
            onFailure: (cause) => [Cause.pretty(cause), ...renderings(Cause.squash(cause))],
            onSuccess: renderings
          }),
          recorder.everything(),
          JSON.stringify(emulator.journal())
        ]
        for (const text of texts) assertClean(name, text, tokens)
      }).pipe(Effect.provide(PolarClientTest.layer({ client: { accessToken: Redacted.make(ACCESS_TOKEN) } }))))
  }

  for (const [name, faults] of scenarios) {
    it.effect(`${name}: errors, Cause.pretty, logs, spans and the journal`, () =>
      Effect.gen(function*() {
        const recorder = TestRecorder.make()
        const emulator = yield* PolarClientTest.Emulator
        emulator.script(...faults, ...faults)
        const fiber = yield* Effect.forkChild(create.pipe(recorder.provide, Effect.exit))
        yield* TestClock.adjust("1 minute")
        const exit = yield* Fiber.join(fiber)
        const tokens = emulator.sessions().map((s) => s.token)
        const texts = [
          ...Exit.match(exit, {
            onFailure: (cause) => [Cause.pretty(cause), ...renderings(Cause.squash(cause))],
            onSuccess: renderings
          }),
          recorder.everything(),
          JSON.stringify(emulator.journal())
        ]
        for (const text of texts) assertClean(name, text, tokens)
      }).pipe(Effect.provide(layer(true))))

    it(`${name}: the FiberFailure of Effect.runPromise`, async () => {
      const program = Effect.gen(function*() {
        const emulator = yield* PolarClientTest.Emulator
        emulator.script(...faults)
        const exit = yield* Effect.exit(create)
        return { exit, tokens: emulator.sessions().map((s) => s.token) }
      }).pipe(Effect.provide(layer(false)))
      const { exit, tokens } = await Effect.runPromise(program)
      const outcome = await Effect.runPromise(exit).then(
        (session) => renderings(session),
        (error: unknown) => [String(error), util.inspect(error, { depth: 20 }), JSON.stringify(error)]
      )
      for (const text of outcome) assertClean(name, text, tokens)
    })
  }
})
