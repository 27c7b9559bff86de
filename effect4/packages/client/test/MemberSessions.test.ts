import { MemberSessions, PolarClient, RetryPolicy } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { MemberSession } from "@effect-polar/core/MemberSession"
import type { SDKError } from "@effect-polar/core/SDKError"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as References from "effect/References"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import * as TestClock from "effect/testing/TestClock"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import {
  ACCESS_TOKEN,
  created,
  fakeHttpClient,
  fixture,
  json,
  legacyPolar,
  MEMBER_ID,
  raw,
  type Recorded,
  recordSpans,
  SESSION_TOKEN,
  transportFailure
} from "./utils.js"

const create = (options?: MemberSessions.CreateOptions) =>
  MemberSessions.create({ memberId: MEMBER_ID, returnUrl: "https://example.com/account" }, options)

/** Runs one create against fixed answers with retries off, answering its failure. */
const failureOf = (answer: (r: Recorded) => Response) => {
  const fake = legacyPolar([answer], { retry: false })
  return create().pipe(Effect.flip, Effect.provide(fake.layer))
}

const asSDKError = (error: HTTPValidationError | SDKError): SDKError => {
  if (error._tag !== "SDKError") assert.fail(`expected SDKError, got ${error._tag}`)
  return error
}

/** Whether a forked fiber is still running. */
const running = (fiber: Fiber.Fiber<unknown, unknown>): boolean => fiber.pollUnsafe() === undefined

describe("MemberSessions.create", () => {
  describe("request", () => {
    it.effect("sends POST /v1/member-sessions/ with bearer token, JSON headers, User-Agent and snake_case body", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([created])
        const session = yield* MemberSessions.create({
          memberId: MEMBER_ID.toUpperCase(),
          returnUrl: "https://Example.com"
        }).pipe(Effect.provide(fake.layer))
        assert.instanceOf(session, MemberSession)
        assert.strictEqual(fake.requests.length, 1)
        const [request] = fake.requests
        assert.strictEqual(request!.method, "POST")
        assert.strictEqual(request!.url, "https://api.polar.sh/v1/member-sessions/")
        assert.strictEqual(request!.headers["authorization"], `Bearer ${ACCESS_TOKEN}`)
        assert.strictEqual(request!.headers["content-type"], "application/json")
        assert.strictEqual(request!.headers["accept"], "application/json")
        assert.match(request!.headers["user-agent"]!, /^effect-polar\/\d+\.\d+\.\d+ /)
        // The values as given: the server validates what it receives and normalises it itself.
        assert.deepStrictEqual(request!.body, { member_id: MEMBER_ID.toUpperCase(), return_url: "https://Example.com" })
      }))

    it.effect("sends no return_url when none is given", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([created])
        yield* MemberSessions.create({ memberId: MEMBER_ID }).pipe(Effect.provide(fake.layer))
        assert.deepStrictEqual(fake.requests[0]!.body, { member_id: MEMBER_ID })
      }))

    it.effect("sends a return_url pydantic accepts even when its normalised form would be too long", () =>
      Effect.gen(function*() {
        // 2,083 bytes as given (the limit); percent-encoding the "é"s makes the normalised URL longer,
        // which the server would refuse had the client sent it instead.
        const base = "https://example.com/"
        const returnUrl = base + "é".repeat(100) + "a".repeat(2083 - base.length - 200)
        const fake = legacyPolar([created])
        yield* MemberSessions.create({ memberId: MEMBER_ID, returnUrl }).pipe(Effect.provide(fake.layer))
        assert.deepStrictEqual(fake.requests[0]!.body, { member_id: MEMBER_ID, return_url: returnUrl })
      }))

    it.effect("server sandbox and serverURL with a path prefix pick the base URL", () =>
      Effect.gen(function*() {
        const sandbox = legacyPolar([created], { server: "sandbox" })
        yield* create().pipe(Effect.provide(sandbox.layer))
        assert.strictEqual(sandbox.requests[0]!.url, "https://sandbox-api.polar.sh/v1/member-sessions/")
        const prefixed = legacyPolar([created], { server: "sandbox", serverURL: "http://127.0.0.1:8080/polar/" })
        yield* create().pipe(Effect.provide(prefixed.layer))
        assert.strictEqual(prefixed.requests[0]!.url, "http://127.0.0.1:8080/polar/v1/member-sessions/")
      }))

    it.effect("userAgent goes in front of the library's; per-call headers are added", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([created], { userAgent: "acme-app/2.1" })
        yield* create({ headers: { "x-request-id": "req-1" } }).pipe(Effect.provide(fake.layer))
        assert.strictEqual(fake.requests[0]!.headers["user-agent"], `acme-app/2.1 ${PolarClient.userAgent}`)
        assert.strictEqual(fake.requests[0]!.headers["x-request-id"], "req-1")
      }))

    it("User-Agent carries the version in package.json", () => {
      const pkg = JSON.parse(
        fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "../package.json"), "utf8")
      )
      assert.strictEqual(PolarClient.userAgent, `effect-polar/${pkg.version} (@effect-polar/client)`)
    })

    it.effect("transformClient wraps the configured client", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([created], {
          transformClient: HttpClient.mapRequest(HttpClientRequest.setHeader("x-transformed", "yes"))
        })
        yield* create().pipe(Effect.provide(fake.layer))
        assert.strictEqual(fake.requests[0]!.headers["x-transformed"], "yes")
        assert.strictEqual(fake.requests[0]!.url, "https://api.polar.sh/v1/member-sessions/")
      }))
  })

  describe("invalid input fails with HTTPValidationError and sends nothing", () => {
    const cases: ReadonlyArray<[string, MemberSessions.CreateRequest, string, string]> = [
      ["not a UUID", { memberId: "not-a-uuid" }, "member_id", "uuid_parsing"],
      ["a UUID v1", { memberId: "c232ab00-9414-11ec-b3c8-9f6bdeced846" }, "member_id", "uuid_version"],
      ["a relative return URL", { memberId: MEMBER_ID, returnUrl: "/account" }, "return_url", "url_parsing"],
      ["an ftp return URL", { memberId: MEMBER_ID, returnUrl: "ftp://example.com/f" }, "return_url", "url_scheme"],
      [
        "a return URL over 2083 characters",
        { memberId: MEMBER_ID, returnUrl: `https://example.com/${"a".repeat(2100)}` },
        "return_url",
        "url_too_long"
      ]
    ]
    for (const [name, request, field, type] of cases) {
      it.effect(name, () =>
        Effect.gen(function*() {
          const fake = legacyPolar([created])
          const error = yield* MemberSessions.create(request).pipe(Effect.flip, Effect.provide(fake.layer))
          assert.strictEqual(error._tag, "HTTPValidationError")
          if (error._tag !== "HTTPValidationError") return
          assert.isFalse(error.fromServer)
          assert.deepStrictEqual(error.detail.map((d) => [d.loc, d.type]), [[["body", field], type]])
          assert.strictEqual(fake.requests.length, 0)
        }))
    }
  })

  describe("error table: each contract row maps to the right error", () => {
    it.effect("401 → SDKError StatusCode, Polar's error and a hint about the server", () =>
      Effect.gen(function*() {
        const error = asSDKError(
          yield* failureOf(json(401, fixture("error.401.json"), { "www-authenticate": "Bearer realm=\"polar\"" }))
        )
        assert.strictEqual(error.reason, "StatusCode")
        assert.strictEqual(error.statusCode, 401)
        assert.strictEqual(error.body, fixture("error.401.json"))
        assert.include(error.message, "POST /v1/member-sessions/ failed with status 401 Unauthorized: Unauthorized")
        assert.include(error.message, "sandbox")
        assert.isFalse(error.isRetryable)
      }))

    it.effect("401 invalid_token → error_description quoted", () =>
      Effect.gen(function*() {
        const error = asSDKError(
          yield* failureOf(json(401, JSON.stringify({ error: "invalid_token", error_description: "Malformed token" })))
        )
        assert.include(error.message, "invalid_token: Malformed token")
      }))

    it.effect("403 insufficient_scope → SDKError with error_description", () =>
      Effect.gen(function*() {
        const error = asSDKError(yield* failureOf(json(403, fixture("error.403.insufficient-scope.json"))))
        assert.strictEqual(error.statusCode, 403)
        assert.include(
          error.message,
          "failed with status 403 Forbidden: insufficient_scope: The request requires higher privileges"
        )
      }))

    it.effect("403 NotPermitted → SDKError with Polar's detail", () =>
      Effect.gen(function*() {
        const error = asSDKError(yield* failureOf(json(403, fixture("error.403.not-permitted.json"))))
        assert.include(error.message, "NotPermitted: Member sessions require seat_based_pricing_enabled")
      }))

    it.effect("422 RequestValidationError → HTTPValidationError with every detail", () =>
      Effect.gen(function*() {
        const error = yield* failureOf(json(422, fixture("error.422.invalid-body.json")))
        assert.strictEqual(error._tag, "HTTPValidationError")
        if (error._tag !== "HTTPValidationError") return
        assert.strictEqual(error.statusCode, 422)
        assert.strictEqual(error.error, "RequestValidationError")
        assert.deepStrictEqual(error.detail.map((d) => d.type), ["uuid_parsing", "url_parsing"])
        assert.deepStrictEqual(error.detail[0]!.loc, ["body", "member_id"])
        assert.strictEqual(error.detail[0]!.input, "not-a-uuid")
        assert.deepStrictEqual(error.detail[0]!.ctx, { error: "invalid character: found `n` at 1" })
      }))

    it.effect("422 member not found → HTTPValidationError value_error", () =>
      Effect.gen(function*() {
        const error = yield* failureOf(json(422, fixture("error.422.member-not-found.json")))
        assert.strictEqual(error._tag, "HTTPValidationError")
        if (error._tag !== "HTTPValidationError") return
        assert.strictEqual(error.error, "PolarRequestValidationError")
        assert.strictEqual(error.detail[0]!.msg, "Member does not exist.")
        assert.include(error.message, "body.member_id: Member does not exist. (value_error)")
      }))

    it.effect("422 whose body is not pydantic's → SDKError StatusCode", () =>
      Effect.gen(function*() {
        const error = asSDKError(yield* failureOf(raw(422, "nope", { "content-type": "text/plain" })))
        assert.strictEqual(error.reason, "StatusCode")
        assert.strictEqual(error.statusCode, 422)
      }))

    it.effect("429 with an empty body and Retry-After → SDKError with retryAfter", () =>
      Effect.gen(function*() {
        const error = asSDKError(yield* failureOf(raw(429, null, { "retry-after": "7" })))
        assert.strictEqual(error.statusCode, 429)
        assert.strictEqual(error.body, "")
        assert.isTrue(Duration.equals(error.retryAfter!, Duration.seconds(7)))
        assert.include(error.message, "(Retry-After: 7s)")
        assert.isTrue(error.isRetryable)
      }))

    it.effect("500 JSON → SDKError with Polar's error", () =>
      Effect.gen(function*() {
        const error = asSDKError(yield* failureOf(json(500, fixture("error.500.json"))))
        assert.strictEqual(error.statusCode, 500)
        assert.include(error.message, "500 Internal Server Error: InternalServerError: Internal Server Error")
      }))

    it.effect("500 plain text, 502 HTML, 503, 504 → SDKError StatusCode with the raw body", () =>
      Effect.gen(function*() {
        const answers: ReadonlyArray<[number, string, string]> = [
          [500, "Internal Server Error", "text/plain"],
          [502, fixture("error.502.html"), "text/html"],
          [503, "<html>Service Unavailable</html>", "text/html"],
          [504, "upstream timed out", "text/plain"]
        ]
        for (const [status, body, type] of answers) {
          const error = asSDKError(yield* failureOf(raw(status, body, { "content-type": type })))
          assert.strictEqual(error.reason, "StatusCode")
          assert.strictEqual(error.statusCode, status)
          assert.strictEqual(error.body, body)
          assert.isTrue(error.isRetryable)
          assert.include(error.message, `POST /v1/member-sessions/ failed with status ${status}`)
        }
      }))

    it.effect("404 → SDKError, not retryable", () =>
      Effect.gen(function*() {
        const error = asSDKError(yield* failureOf(json(404, JSON.stringify({ detail: "Not Found" }))))
        assert.strictEqual(error.statusCode, 404)
        assert.isFalse(error.isRetryable)
        assert.include(error.message, "404 Not Found: Not Found")
      }))

    it.effect("a transport failure → SDKError Transport without a status", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([transportFailure()], { retry: false })
        const error = asSDKError(yield* create().pipe(Effect.flip, Effect.provide(fake.layer)))
        assert.strictEqual(error.reason, "Transport")
        assert.isUndefined(error.statusCode)
        assert.isUndefined(error.body)
        assert.include(error.message, "ECONNREFUSED")
        assert.isDefined(error.cause)
      }))

    it.effect("a 201 missing a field or with a wrong type → SDKError Decode, one line per field", () =>
      Effect.gen(function*() {
        const body = JSON.parse(fixture("member-session.201.json"))
        delete body.expires_at
        body.customer.email_verified = "yes"
        const error = asSDKError(yield* failureOf(json(201, JSON.stringify(body))))
        assert.strictEqual(error.reason, "Decode")
        assert.strictEqual(error.statusCode, 201)
        assert.include(error.message, "\n  expires_at: Missing key")
        assert.include(error.message, "\n  customer.email_verified: Expected boolean")
        assert.notInclude(error.message, SESSION_TOKEN)
        assert.notInclude(error.body!, SESSION_TOKEN)
      }))

    it.effect("a 201 that is not JSON, is empty or has another content type → SDKError Decode", () =>
      Effect.gen(function*() {
        const truncated = fixture("member-session.201.json").slice(0, 200)
        const cases: ReadonlyArray<[(r: Recorded) => Response, string]> = [
          [json(201, truncated), "not valid JSON"],
          [raw(201, null, { "content-type": "application/json" }), "body: empty"],
          [raw(201, fixture("member-session.201.json"), { "content-type": "text/plain" }), "content-type"]
        ]
        for (const [answer, text] of cases) {
          const error = asSDKError(yield* failureOf(answer))
          assert.strictEqual(error.reason, "Decode")
          assert.include(error.message, text)
          assert.notInclude(`${error.message}${error.body}${String(error.cause)}`, SESSION_TOKEN)
        }
      }))
  })

  describe("retries", () => {
    it.effect("503, 503, 201 succeeds after three attempts", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([raw(503, "busy"), raw(503, "busy"), created])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* TestClock.adjust("10 seconds")
        const session = yield* Fiber.join(fiber)
        assert.strictEqual(session.id, "7f1d2c3b-9a84-4e6f-b1d2-3c4d5e6f7a8b")
        assert.strictEqual(fake.requests.length, 3)
      }))

    it.effect("backs off exponentially: no second attempt before ~400 ms", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([raw(503, "busy"), created])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* TestClock.adjust("399 millis")
        assert.strictEqual(fake.requests.length, 1)
        yield* TestClock.adjust("201 millis")
        assert.strictEqual(fake.requests.length, 2)
        yield* Fiber.join(fiber)
      }))

    it.effect("a 429 with Retry-After: 2 waits exactly 2 seconds", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([raw(429, null, { "retry-after": "2" }), created])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* TestClock.adjust("1999 millis")
        assert.strictEqual(fake.requests.length, 1)
        assert.isTrue(running(fiber))
        yield* TestClock.adjust("1 millis")
        yield* Fiber.join(fiber)
        assert.strictEqual(fake.requests.length, 2)
      }))

    it.effect("a 503 with Retry-After as an HTTP date waits until that date", () =>
      Effect.gen(function*() {
        const now = Date.parse("2026-11-21T10:00:00Z")
        yield* TestClock.setTime(now)
        const retryAt = new Date(now + 3_000).toUTCString()
        const fake = legacyPolar([raw(503, "", { "retry-after": retryAt }), created])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* TestClock.adjust("2999 millis")
        assert.strictEqual(fake.requests.length, 1)
        yield* TestClock.adjust("1 millis")
        yield* Fiber.join(fiber)
        assert.strictEqual(fake.requests.length, 2)
      }))

    it.effect("a Retry-After longer than the cap waits only the cap (30 s)", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([raw(429, null, { "retry-after": "3600" }), created])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* TestClock.adjust("29999 millis")
        assert.strictEqual(fake.requests.length, 1)
        yield* TestClock.adjust("1 millis")
        yield* Fiber.join(fiber)
      }))

    it.effect("a 422 and a 401 are attempted exactly once", () =>
      Effect.gen(function*() {
        for (
          const answer of [json(422, fixture("error.422.member-not-found.json")), json(401, fixture("error.401.json"))]
        ) {
          const fake = legacyPolar([answer, created])
          const fiber = yield* Effect.forkChild(create().pipe(Effect.flip, Effect.provide(fake.layer)))
          yield* TestClock.adjust("1 minute")
          yield* Fiber.join(fiber)
          assert.strictEqual(fake.requests.length, 1)
        }
      }))

    it.effect("an endless 500 stops after 4 attempts with the last error", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([json(500, fixture("error.500.json"))])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.flip, Effect.provide(fake.layer)))
        yield* TestClock.adjust("5 minutes")
        const error = asSDKError(yield* Fiber.join(fiber))
        assert.strictEqual(error.statusCode, 500)
        assert.strictEqual(fake.requests.length, RetryPolicy.defaults.maxAttempts)
      }))

    it.effect("transport failures are retried", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([transportFailure("read ECONNRESET"), created])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(fiber)
        assert.strictEqual(fake.requests.length, 2)
      }))

    it.effect("retry: false on the layer makes one attempt; a per-call Schedule overrides it", () =>
      Effect.gen(function*() {
        const off = legacyPolar([raw(503, "busy"), created], { retry: false })
        yield* create().pipe(Effect.flip, Effect.provide(off.layer))
        assert.strictEqual(off.requests.length, 1)
        const override = legacyPolar([raw(503, "busy"), raw(503, "busy"), created], { retry: false })
        yield* create({ retry: Schedule.recurs(2) }).pipe(Effect.provide(override.layer))
        assert.strictEqual(override.requests.length, 3)
      }))

    it.effect("a per-call retry: false overrides the layer's policy", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([raw(503, "busy"), created])
        yield* create({ retry: false }).pipe(Effect.flip, Effect.provide(fake.layer))
        assert.strictEqual(fake.requests.length, 1)
      }))

    it.effect("a custom schedule still never retries a 4XX", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([json(403, fixture("error.403.insufficient-scope.json")), created], {
          retry: Schedule.forever
        })
        yield* create().pipe(Effect.flip, Effect.provide(fake.layer))
        assert.strictEqual(fake.requests.length, 1)
      }))

    it.effect("RetryPolicy.make changes the numbers", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([raw(502, "bad gateway")], { retry: RetryPolicy.make({ maxAttempts: 2 }) })
        const fiber = yield* Effect.forkChild(create().pipe(Effect.flip, Effect.provide(fake.layer)))
        yield* TestClock.adjust("1 minute")
        yield* Fiber.join(fiber)
        assert.strictEqual(fake.requests.length, 2)
      }))
  })

  describe("timeout and interruption", () => {
    const hang = (recorded: Recorded) =>
      Effect.callback<Response>((resume) => {
        recorded.signal.addEventListener("abort", () => resume(Effect.never))
      })

    it.effect("an attempt slower than the timeout fails with reason Timeout and is aborted", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([hang], { retry: false, timeout: "2 seconds" })
        const fiber = yield* Effect.forkChild(create().pipe(Effect.flip, Effect.provide(fake.layer)))
        yield* TestClock.adjust("1999 millis")
        assert.isTrue(running(fiber))
        yield* TestClock.adjust("1 millis")
        const error = asSDKError(yield* Fiber.join(fiber))
        assert.strictEqual(error.reason, "Timeout")
        assert.isUndefined(error.statusCode)
        assert.include(error.message, "timed out after 2s")
        assert.isTrue(fake.requests[0]!.signal.aborted)
      }))

    it.effect("the default timeout is 10 s per attempt, and a timeout is retried", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([hang, created])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* TestClock.adjust("9999 millis")
        assert.strictEqual(fake.requests.length, 1)
        yield* TestClock.adjust("1 millis")
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(fiber)
        assert.strictEqual(fake.requests.length, 2)
      }))

    it.effect("a per-call timeout overrides the layer's", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([hang], { retry: false, timeout: "1 minute" })
        const fiber = yield* Effect.forkChild(
          create({ timeout: "100 millis" }).pipe(Effect.flip, Effect.provide(fake.layer))
        )
        yield* TestClock.adjust("100 millis")
        assert.strictEqual(asSDKError(yield* Fiber.join(fiber)).reason, "Timeout")
      }))

    it.effect("concurrent calls time out at their own deadlines, a shorter one started later first", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([hang, hang], { retry: false, timeout: "1 minute" })
        yield* Effect.gen(function*() {
          const long = yield* Effect.forkChild(Effect.flip(create()))
          yield* TestClock.adjust("1 second")
          const short = yield* Effect.forkChild(Effect.flip(create({ timeout: "100 millis" })))
          yield* TestClock.adjust("100 millis")
          assert.strictEqual(asSDKError(yield* Fiber.join(short)).reason, "Timeout")
          assert.isTrue(running(long))
          yield* TestClock.adjust("58899 millis")
          assert.isTrue(running(long))
          yield* TestClock.adjust("1 millis")
          assert.strictEqual(asSDKError(yield* Fiber.join(long)).reason, "Timeout")
          assert.isTrue(fake.requests.every((request) => request.signal.aborted))
        }).pipe(Effect.provide(fake.layer))
      }))

    it.effect("the layer holds no fiber or timer: closing its scope leaves a call in flight alone", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([created, hang], { retry: false, timeout: "5 seconds" })
        const scope = yield* Scope.make()
        const context = yield* Layer.buildWithScope(fake.layer, scope)
        yield* create().pipe(Effect.provide(context))
        const pending = yield* Effect.forkChild(create().pipe(Effect.flip, Effect.provide(context)))
        yield* TestClock.adjust("1 second")
        yield* Scope.close(scope, Exit.void)
        assert.isTrue(running(pending))
        assert.isFalse(fake.requests[1]!.signal.aborted)
        // its own timeout still ends it, and aborts the request
        yield* TestClock.adjust("4 seconds")
        assert.strictEqual(asSDKError(yield* Fiber.join(pending)).reason, "Timeout")
        assert.isTrue(fake.requests[1]!.signal.aborted)
      }))

    it.effect("interrupting the fiber aborts the in-flight request", () =>
      Effect.gen(function*() {
        const started = yield* Deferred.make<void>()
        const fake = legacyPolar([(recorded) => Effect.andThen(Deferred.succeed(started, undefined), hang(recorded))])
        const fiber = yield* Effect.forkChild(create().pipe(Effect.provide(fake.layer)))
        yield* Deferred.await(started)
        assert.strictEqual(fake.requests.length, 1)
        assert.isFalse(fake.requests[0]!.signal.aborted)
        yield* Fiber.interrupt(fiber)
        const exit = yield* Fiber.await(fiber)
        assert.isTrue(Exit.hasInterrupts(exit))
        assert.isTrue(fake.requests[0]!.signal.aborted)
      }))
  })

  describe("limits", () => {
    it.effect("a body larger than maxResponseBytes (declared by content-length) is refused unread", () =>
      Effect.gen(function*() {
        const big = "x".repeat(2048)
        const fake = legacyPolar([json(201, big, { "content-length": "2048" })], {
          retry: false,
          maxResponseBytes: 1024
        })
        const error = asSDKError(yield* create().pipe(Effect.flip, Effect.provide(fake.layer)))
        assert.strictEqual(error.reason, "Decode")
        assert.strictEqual(error.statusCode, 201)
        assert.include(error.message, "larger than 1024 bytes")
        assert.isFalse(error.isRetryable)
      }))

    it.effect("an endless body without content-length is cut at the limit and its stream cancelled", () =>
      Effect.gen(function*() {
        let pulled = 0
        let cancelled = false
        const endless = () =>
          new Response(
            new ReadableStream<Uint8Array>({
              pull(controller) {
                pulled++
                controller.enqueue(new Uint8Array(64 * 1024))
              },
              cancel() {
                cancelled = true
              }
            }),
            { status: 201, headers: { "content-type": "application/json" } }
          )
        const fake = legacyPolar([endless], { retry: false })
        const error = asSDKError(yield* create().pipe(Effect.flip, Effect.provide(fake.layer)))
        assert.include(error.message, `larger than ${PolarClient.defaultMaxResponseBytes} bytes`)
        assert.isTrue(cancelled)
        // 5 MiB in 64 KiB chunks, and a few more read ahead at most
        assert.isAtMost(pulled, 90)
      }))

    it.effect("the token is never sent over plain http to a host other than loopback", () =>
      Effect.gen(function*() {
        const fake = legacyPolar([created], { serverURL: "http://api.example.com" })
        const error = asSDKError(yield* create().pipe(Effect.flip, Effect.provide(fake.layer)))
        assert.strictEqual(error.reason, "Transport")
        assert.include(error.message, "clear text over http:// to api.example.com")
        assert.include(error.message, "allowInsecureHttp")
        assert.strictEqual(fake.requests.length, 0)
      }))

    it.effect("plain http is allowed to loopback, and anywhere with allowInsecureHttp: true", () =>
      Effect.gen(function*() {
        for (const serverURL of ["http://127.0.0.1:8080", "http://localhost:3000", "http://[::1]:9"]) {
          const fake = legacyPolar([created], { serverURL })
          yield* create().pipe(Effect.provide(fake.layer))
          assert.strictEqual(fake.requests.length, 1)
        }
        const optIn = legacyPolar([created], { serverURL: "http://polar.internal", allowInsecureHttp: true })
        yield* create().pipe(Effect.provide(optIn.layer))
        assert.strictEqual(optIn.requests.length, 1)
      }))
  })

  describe("observability and secrets", () => {
    it.effect("one span per call, kind client: every attempt and response an event, the outcome as attributes", () =>
      Effect.gen(function*() {
        const recorder = recordSpans()
        const fake = legacyPolar([raw(503, "busy"), transportFailure("read ECONNRESET"), created])
        const fiber = yield* Effect.forkChild(create().pipe(recorder.provide, Effect.provide(fake.layer)))
        yield* TestClock.adjust("10 seconds")
        yield* Fiber.join(fiber)
        assert.deepStrictEqual(recorder.spans.map((s) => [s.name, s.kind]), [["MemberSessions.create", "client"]])
        const [span] = recorder.spans
        assert.deepStrictEqual(
          span!.events.map((
            e
          ) => [e.name, e.attributes?.["polar.attempt"], e.attributes?.["http.response.status_code"]]),
          [
            ["polar.response", 1, 503],
            ["polar.attempt.failed", 1, 503],
            ["polar.attempt.failed", 2, undefined],
            ["polar.response", 3, 201]
          ]
        )
        assert.strictEqual(span!.events[2]!.attributes?.["polar.reason"], "Transport")
        assert.strictEqual(span!.attributes.get("polar.attempts"), 3)
        assert.strictEqual(span!.attributes.get("http.request.resend_count"), 2)
        assert.strictEqual(span!.attributes.get("http.request.method"), "POST")
        assert.strictEqual(span!.attributes.get("url.full"), "https://api.polar.sh/v1/member-sessions/")
        assert.strictEqual(span!.attributes.get("server.address"), "api.polar.sh")
        assert.strictEqual(span!.attributes.get("http.response.status_code"), 201)
        assert.isFalse(span!.attributes.has("error.type"))
      }))

    it.effect("a failed call has error.type: the status, else the reason", () =>
      Effect.gen(function*() {
        for (
          const [answer, type] of [
            [json(401, fixture("error.401.json")), "401"],
            [json(422, fixture("error.422.member-not-found.json")), "422"],
            [transportFailure(), "Transport"]
          ] as const
        ) {
          const recorder = recordSpans()
          yield* create().pipe(
            Effect.flip,
            recorder.provide,
            Effect.provide(legacyPolar([answer], { retry: false }).layer)
          )
          assert.strictEqual(recorder.spans[0]!.attributes.get("error.type"), type)
        }
      }))

    it.effect("each failed attempt is a Debug log line under the call's span", () =>
      Effect.gen(function*() {
        const lines: Array<{ readonly message: unknown; readonly level: string }> = []
        const logger = Logger.make((options) => {
          lines.push({ message: options.message, level: options.logLevel })
        })
        yield* create().pipe(
          Effect.flip,
          Effect.provide(legacyPolar([raw(503, "busy")], { retry: false }).layer),
          Effect.provide(Logger.layer([logger])),
          Effect.provideService(References.MinimumLogLevel, "Debug")
        )
        assert.deepStrictEqual(lines.map((line) => [String(line.message), line.level]), [[
          "Polar call attempt 1 failed",
          "Debug"
        ]])
      }))

    it.effect("the access token never appears in an error, its cause or its body", () =>
      Effect.gen(function*() {
        const leaky = legacyPolar([transportFailure(`proxy refused Authorization: Bearer ${ACCESS_TOKEN}`)], {
          retry: false
        })
        const error = asSDKError(yield* create().pipe(Effect.flip, Effect.provide(leaky.layer)))
        assert.include(error.message, "proxy refused Authorization: Bearer <redacted>")
        assert.notInclude(`${error.message}${String(error.cause)}`, ACCESS_TOKEN)
        const echoed = yield* failureOf(json(500, JSON.stringify({ detail: `token ${ACCESS_TOKEN} refused` })))
        assert.notInclude(`${echoed.message}${asSDKError(echoed).body}`, ACCESS_TOKEN)
      }))
  })

  describe("layers", () => {
    const env = (entries: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnvRecord(entries))

    it.effect("layerConfig() reads POLAR_ACCESS_TOKEN, POLAR_SERVER and POLAR_SERVER_URL", () =>
      Effect.gen(function*() {
        const fake = fakeHttpClient([created])
        const layer = PolarClient.layerConfig(
          Config.map(PolarClient.defaultConfig, (options) => ({ ...options, memberSessionsRoute: "legacy" as const }))
        ).pipe(Layer.provide(fake.layer))
        yield* create().pipe(
          Effect.provide(layer),
          Effect.provide(env({ POLAR_ACCESS_TOKEN: ACCESS_TOKEN, POLAR_SERVER: "sandbox" }))
        )
        assert.strictEqual(fake.requests[0]!.url, "https://sandbox-api.polar.sh/v1/member-sessions/")
        assert.strictEqual(fake.requests[0]!.headers["authorization"], `Bearer ${ACCESS_TOKEN}`)
        yield* create().pipe(
          Effect.provide(layer),
          Effect.provide(env({ POLAR_ACCESS_TOKEN: ACCESS_TOKEN, POLAR_SERVER_URL: "http://127.0.0.1:9/base" }))
        )
        assert.strictEqual(fake.requests[1]!.url, "http://127.0.0.1:9/base/v1/member-sessions/")
      }))

    it.effect("layerConfig() without POLAR_ACCESS_TOKEN fails with a ConfigError naming it", () =>
      Effect.gen(function*() {
        const fake = fakeHttpClient([created])
        const exit = yield* create().pipe(
          Effect.provide(PolarClient.layerConfig().pipe(Layer.provide(fake.layer))),
          Effect.provide(env({})),
          Effect.exit
        )
        assert.isTrue(Exit.isFailure(exit) && Cause.hasFails(exit.cause))
        assert.include(Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "", "POLAR_ACCESS_TOKEN")
        assert.strictEqual(fake.requests.length, 0)
      }))

    it.effect("layerConfig(options) takes Configs of each option", () =>
      Effect.gen(function*() {
        const fake = fakeHttpClient([raw(503, "busy"), created])
        const layer = PolarClient.layerConfig({
          accessToken: Config.Redacted("MY_TOKEN"),
          server: Config.succeed("sandbox"),
          retry: Config.succeed(false)
        }).pipe(Layer.provide(fake.layer))
        const error = yield* create().pipe(
          Effect.flip,
          Effect.provide(layer),
          Effect.provide(env({ MY_TOKEN: "polar_oat_fromconfig" }))
        )
        assert.strictEqual(asSDKError(error).statusCode, 503)
        assert.strictEqual(fake.requests.length, 1)
        assert.strictEqual(fake.requests[0]!.headers["authorization"], "Bearer polar_oat_fromconfig")
      }))

    it.effect("a serverURL that is not an absolute http(s) URL fails when the layer is built", () =>
      Effect.gen(function*() {
        for (const serverURL of ["api.polar.sh", "ftp://api.polar.sh", "/v1"]) {
          const fake = legacyPolar([created], { serverURL })
          const exit = yield* create().pipe(Effect.provide(fake.layer), Effect.exit)
          assert.isTrue(Exit.hasDies(exit))
          assert.include(Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "", "absolute http(s) URL")
          assert.strictEqual(fake.requests.length, 0)
        }
      }))
  })
})
