/**
 * The fault matrix: each fault over real HTTP on 127.0.0.1 (the emulator's fault scripting, the
 * client over undici), with the default policy and with `retry: false`. Every row asserts what the
 * client README's table says: retried or not, attempts, error and reason, and how long it takes
 * (on the Effect clock: the client's backoff and timeouts and the server's delays all run on the
 * TestClock, which the driver advances in 50 ms steps while real I/O completes between them).
 *
 * Every scenario also runs with Debug logging and a recording tracer, and nothing printed, logged,
 * traced or returned may contain the access token or a session token.
 */
import { CustomerSessions, MemberSessions, PolarClient } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { SDKError } from "@effect-polar/core/SDKError"
import { PolarEmulator, TestRecorder } from "@effect-polar/testing"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/testing/TestClock"
import * as http from "node:http"
import * as util from "node:util"
import { fixtureText as fixture } from "./contract.js"

const ACCESS_TOKEN = "polar_oat_FAULTmatrixTOKEN987654321"
const JANE = PolarEmulator.demoMembers[0]!.id
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const sessionBody = (change: (body: Record<string, unknown>) => void) => {
  const body = JSON.parse(fixture("member-session.201.json"))
  change(body)
  return JSON.stringify(body)
}

type Policy = "default" | "off"

/** What a row expects of one policy. */
interface Expected {
  /** `"ok"`, or the error's tag and reason, e.g. `"SDKError/StatusCode"`. */
  readonly outcome: string
  readonly statusCode?: number | undefined
  readonly attempts: number
  /** Virtual seconds the call takes, as [min, max]. */
  readonly seconds: readonly [number, number]
}

interface Row {
  readonly name: string
  /** The fault every attempt gets (the row also runs the special setups below). */
  readonly fault?: PolarEmulator.Fault
  readonly special?: "refused" | "keep-alive"
  readonly default: Expected
  readonly off: Expected
}

const BACKOFF: readonly [number, number] = [0.5 * 0.8 + 1 * 0.8 + 2 * 0.8, 0.5 * 1.2 + 1 * 1.2 + 2 * 1.2 + 1]
const once = (outcome: string, statusCode?: number): Expected => ({ outcome, statusCode, attempts: 1, seconds: [0, 1] })
const fourTimes = (outcome: string, statusCode?: number, seconds = BACKOFF): Expected => ({
  outcome,
  statusCode,
  attempts: 4,
  seconds
})

const rows: ReadonlyArray<Row> = [
  {
    name: "429 with Retry-After: 3 (seconds)",
    fault: { status: 429, headers: { "retry-after": "3" } },
    default: fourTimes("SDKError/StatusCode", 429, [9, 10]),
    off: once("SDKError/StatusCode", 429)
  },
  {
    name: "429 with Retry-After as an HTTP date 4 s ahead",
    fault: { status: 429, headers: { "retry-after": new Date(4_000).toUTCString() } },
    default: fourTimes("SDKError/StatusCode", 429, [4, 5]),
    off: once("SDKError/StatusCode", 429)
  },
  {
    name: "429 without Retry-After",
    fault: { status: 429 },
    default: fourTimes("SDKError/StatusCode", 429),
    off: once("SDKError/StatusCode", 429)
  },
  {
    name: "500 with Polar's JSON body",
    fault: { status: 500, body: fixture("error.500.json") },
    default: fourTimes("SDKError/StatusCode", 500),
    off: once("SDKError/StatusCode", 500)
  },
  {
    name: "500 as plain text",
    fault: { status: 500, body: "Internal Server Error", headers: { "content-type": "text/plain" } },
    default: fourTimes("SDKError/StatusCode", 500),
    off: once("SDKError/StatusCode", 500)
  },
  {
    name: "502 as an HTML page",
    fault: { status: 502, body: fixture("error.502.html"), headers: { "content-type": "text/html" } },
    default: fourTimes("SDKError/StatusCode", 502),
    off: once("SDKError/StatusCode", 502)
  },
  {
    name: "503",
    fault: { status: 503, body: "<html>Service Unavailable</html>", headers: { "content-type": "text/html" } },
    default: fourTimes("SDKError/StatusCode", 503),
    off: once("SDKError/StatusCode", 503)
  },
  {
    name: "504",
    fault: { status: 504, body: "upstream timed out", headers: { "content-type": "text/plain" } },
    default: fourTimes("SDKError/StatusCode", 504),
    off: once("SDKError/StatusCode", 504)
  },
  {
    name: "connection refused",
    special: "refused",
    default: fourTimes("SDKError/Transport"),
    off: once("SDKError/Transport")
  },
  {
    name: "connection reset before any response",
    fault: { reset: "before-response" },
    default: fourTimes("SDKError/Transport"),
    off: once("SDKError/Transport")
  },
  {
    name: "connection reset in the middle of the body",
    fault: { reset: "mid-body" },
    default: fourTimes("SDKError/Transport", 201),
    off: once("SDKError/Transport", 201)
  },
  {
    name: "a truncated JSON body",
    fault: { truncate: true },
    default: once("SDKError/Decode", 201),
    off: once("SDKError/Decode", 201)
  },
  {
    name: "a 201 with valid JSON but content-type text/plain",
    fault: { status: 201, body: fixture("member-session.201.json"), headers: { "content-type": "text/plain" } },
    default: once("SDKError/Decode", 201),
    off: once("SDKError/Decode", 201)
  },
  {
    name: "an empty 201",
    fault: { status: 201, body: "" },
    default: once("SDKError/Decode", 201),
    off: once("SDKError/Decode", 201)
  },
  {
    name: "a 201 missing a required field",
    fault: { status: 201, body: sessionBody((b) => delete b.expires_at) },
    default: once("SDKError/Decode", 201),
    off: once("SDKError/Decode", 201)
  },
  {
    name: "a 201 with a field of the wrong type",
    fault: { status: 201, body: sessionBody((b) => (b.created_at = 1732183502)) },
    default: once("SDKError/Decode", 201),
    off: once("SDKError/Decode", 201)
  },
  {
    name: "a 201 body of 20 MB",
    fault: { status: 201, body: `{"padding":"${"x".repeat(20 * 1024 * 1024)}"}` },
    default: once("SDKError/Decode", 201),
    off: once("SDKError/Decode", 201)
  },
  {
    name: "response headers slower than the timeout (15 s against 10 s)",
    fault: { delay: Duration.seconds(15) },
    default: fourTimes("SDKError/Timeout", undefined, [40 + BACKOFF[0], 40 + BACKOFF[1]]),
    off: { outcome: "SDKError/Timeout", attempts: 1, seconds: [10, 11] }
  },
  {
    name: "a body that stalls after the headers",
    fault: { stall: true },
    default: fourTimes("SDKError/Timeout", undefined, [40 + BACKOFF[0], 40 + BACKOFF[1]]),
    off: { outcome: "SDKError/Timeout", attempts: 1, seconds: [10, 11] }
  },
  {
    name: "a keep-alive connection the server closed between two requests",
    special: "keep-alive",
    default: { outcome: "ok", attempts: 1, seconds: [0, 1] },
    off: { outcome: "ok", attempts: 1, seconds: [0, 1] }
  }
]

/** A port nothing listens on (it was free a moment ago). */
const closedPort = Effect.callback<number>((resume) => {
  const server = http.createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

const tick = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/** Advances the TestClock in 50 ms steps, letting real I/O run between them, until the fiber ends. */
const drive = <A, E>(fiber: Fiber.Fiber<A, E>) =>
  Effect.gen(function*() {
    for (let step = 0; step < 4_000; step++) {
      const done = fiber.pollUnsafe()
      if (done !== undefined) return done
      yield* tick
      yield* tick
      yield* tick
      yield* TestClock.adjust("50 millis")
    }
    return yield* Effect.die(new Error("the call did not end within 200 virtual seconds"))
  })

/** A call under test, on the server generation it belongs to. */
interface Subject {
  readonly name: string
  readonly generation: PolarEmulator.GenerationName
  readonly call: Effect.Effect<unknown, HTTPValidationError | SDKError, PolarClient.PolarClient>
  readonly span: string
  readonly client?: Partial<PolarClient.Options>
  /** Faults of the requests before the one a row is about (`{}` answers as the server would). */
  readonly before: ReadonlyArray<PolarEmulator.Fault>
}

const subjects: ReadonlyArray<Subject> = [
  {
    name: "MemberSessions.create on the legacy server",
    generation: "legacy",
    call: MemberSessions.create({ memberId: JANE }),
    span: "MemberSessions.create",
    before: []
  },
  {
    name: "CustomerSessions.create on today's Polar",
    generation: "current",
    call: CustomerSessions.create({ customerId: ACME, memberId: JANE }),
    span: "CustomerSessions.create",
    before: []
  },
  {
    name: "MemberSessions.create on today's Polar (the fault on the create, after the member lookup)",
    generation: "current",
    call: MemberSessions.create({ memberId: JANE }),
    span: "MemberSessions.create",
    client: { memberSessionsRoute: "customer-sessions" },
    before: [{}]
  }
]

const outcomeOf = (exit: Exit.Exit<unknown, HTTPValidationError | SDKError>) =>
  Exit.match(exit, {
    onSuccess: () => ({ outcome: "ok", statusCode: undefined }),
    onFailure: (cause) => {
      const error = Cause.squash(cause)
      if (error instanceof SDKError) return { outcome: `SDKError/${error.reason}`, statusCode: error.statusCode }
      return { outcome: Cause.pretty(cause), statusCode: undefined }
    }
  })

const runRow = (subject: Subject, row: Row, policy: Policy) =>
  Effect.gen(function*() {
    const expected = policy === "default" ? row.default : row.off
    const server = yield* PolarEmulatorServer.PolarEmulatorServer
    const recorder = TestRecorder.make()
    const serverURL = row.special === "refused" ? `http://127.0.0.1:${yield* closedPort}` : server.url
    const client = PolarClient.layer({
      accessToken: Redacted.make(ACCESS_TOKEN),
      serverURL,
      ...subject.client,
      ...(policy === "off" ? { retry: false } : {})
    }).pipe(Layer.provide(NodeHttpClient.layerUndici))

    yield* Effect.gen(function*() {
      const call = subject.call
      if (row.special === "keep-alive") {
        yield* call
        server.dropConnections()
        yield* tick
        yield* tick
      }
      if (row.fault !== undefined) {
        server.emulator.script(...subject.before, row.fault, row.fault, row.fault, row.fault, row.fault)
      }
      const start = yield* Clock.currentTimeMillis
      const fiber = yield* Effect.forkChild(recorder.provide(call))
      const exit = yield* drive(fiber)
      const seconds = ((yield* Clock.currentTimeMillis) - start) / 1000
      const span = recorder.spans.filter((s) => s.name === subject.span).at(-1)

      const got = outcomeOf(exit)
      assert.strictEqual(got.outcome, expected.outcome, row.name)
      assert.strictEqual(got.statusCode, expected.statusCode, row.name)
      assert.strictEqual(span?.attributes.get("polar.attempts"), expected.attempts, row.name)
      assert.isAtLeast(seconds, expected.seconds[0], `${row.name}: took ${seconds} s`)
      assert.isAtMost(seconds, expected.seconds[1], `${row.name}: took ${seconds} s`)

      // no secret anywhere
      const tokens = server.emulator.sessions().map((s) => s.token.slice("polar_mst_".length))
      const failure = Exit.isFailure(exit) ? Cause.squash(exit.cause) : exit.value
      const texts = [
        Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "",
        String(failure),
        JSON.stringify(failure) ?? "",
        util.inspect(failure, { depth: 20 }),
        recorder.everything(),
        JSON.stringify(server.emulator.journal())
      ]
      for (const text of texts) {
        assert.notInclude(text, ACCESS_TOKEN)
        for (const token of tokens) assert.notInclude(text, token)
        assert.notInclude(text, "Qm9yZ2V0IGFib3V0IGl0LiBUaGlzIGlzIGEgdGVzdCB0b2tlbg")
      }
    }).pipe(Effect.provide(client))
  }).pipe(Effect.provide(PolarEmulatorServer.layer({ generation: subject.generation })))

for (const subject of subjects) {
  describe(`fault matrix over HTTP on 127.0.0.1: ${subject.name}`, () => {
    for (const policy of ["default", "off"] as const) {
      describe(policy === "default" ? "default policy" : "retry: false", () => {
        for (const row of rows) {
          it.effect(row.name, () => runRow(subject, row, policy), 60_000)
        }
      })
    }
  })
}
