/**
 * The client over real sockets: a node:http server on 127.0.0.1 and @effect/platform-node's
 * undici-based HttpClient (and effect's FetchHttpClient).
 */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/testing/TestClock"
import * as Tracer from "effect/Tracer"
import * as http from "node:http"
import { ACCESS_TOKEN, fixture, MEMBER_ID, recordSpans } from "./utils.js"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
  readonly closed: Promise<void>
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void

/** A local server answering with `handlers` in turn (the last repeats), as a scoped resource. */
const server = (handlers: ReadonlyArray<Handler>) =>
  Effect.acquireRelease(
    Effect.callback<{ readonly url: string; readonly seen: Array<Seen>; readonly server: http.Server }>((resume) => {
      const seen: Array<Seen> = []
      const srv = http.createServer((req, res) => {
        const chunks: Array<Buffer> = []
        const closed = new Promise<void>((resolve) => res.on("close", () => resolve()))
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          seen.push({
            method: req.method ?? "",
            url: req.url ?? "",
            headers: req.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            closed
          })
          handlers[Math.min(seen.length - 1, handlers.length - 1)]!(req, res, seen.length)
        })
      })
      srv.listen(0, "127.0.0.1", () => {
        const address = srv.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, seen, server: srv }))
      })
    }),
    ({ server }) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const send = (status: number, body: string, headers: Record<string, string> = {}): Handler => (_, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(body)
}

const polar = (url: string, options: Partial<PolarClient.Options> = {}) =>
  PolarClient.layer({ accessToken: Redacted.make(ACCESS_TOKEN), serverURL: url, ...options })

const create = MemberSessions.create({ memberId: MEMBER_ID, returnUrl: "https://example.com/account" })

describe("over real HTTP on 127.0.0.1", () => {
  it.effect("NodeHttpClient (undici): creates a session, sending what the contract says", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server([send(201, fixture("member-session.201.json"))])
      const session = yield* create.pipe(
        Effect.provide(polar(url, { memberSessionsRoute: "legacy" }).pipe(Layer.provide(NodeHttpClient.layerUndici)))
      )
      assert.strictEqual(session.member.email, "jane.doe@acme.example")
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(seen[0]!.method, "POST")
      assert.strictEqual(seen[0]!.url, "/v1/member-sessions/")
      assert.strictEqual(seen[0]!.headers.authorization, `Bearer ${ACCESS_TOKEN}`)
      assert.strictEqual(seen[0]!.headers["content-type"], "application/json")
      assert.strictEqual(seen[0]!.headers.accept, "application/json")
      assert.strictEqual(seen[0]!.headers["polar-version"], "2026-10")
      assert.match(seen[0]!.headers["user-agent"] ?? "", /^effect-polar\//)
      assert.deepStrictEqual(JSON.parse(seen[0]!.body), {
        member_id: MEMBER_ID,
        return_url: "https://example.com/account"
      })
    }))

  it.effect("FetchHttpClient: creates a session", () =>
    Effect.gen(function*() {
      const { url } = yield* server([send(201, fixture("member-session.201.minimal.json"))])
      const session = yield* create.pipe(
        Effect.provide(polar(url, { memberSessionsRoute: "legacy" }).pipe(Layer.provide(FetchHttpClient.layer)))
      )
      assert.isNull(session.customer.type)
    }))

  it.effect("the call's span goes out as traceparent and b3; no platform span unless asked for", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server([send(201, fixture("member-session.201.json"))])
      const recorder = recordSpans()
      yield* create.pipe(
        recorder.provide,
        Effect.provide(polar(url, { memberSessionsRoute: "legacy" }).pipe(Layer.provide(NodeHttpClient.layerUndici)))
      )
      assert.deepStrictEqual(recorder.spans.map((s) => s.name), ["MemberSessions.create"])
      // the trace context names the call's span
      const call = recorder.spans[0]!
      assert.strictEqual(seen[0]!.headers.traceparent, `00-${call.traceId}-${call.spanId}-01`)
      assert.strictEqual(seen[0]!.headers.b3, `${call.traceId}-${call.spanId}-1`)

      const withPlatform = yield* server([send(201, fixture("member-session.201.json"))])
      const platform = recordSpans()
      yield* create.pipe(
        platform.provide,
        Effect.provide(
          polar(withPlatform.url, { memberSessionsRoute: "legacy", httpClientSpans: true }).pipe(
            Layer.provide(NodeHttpClient.layerUndici)
          )
        )
      )
      // the platform's client span (named after the method), under the call's, propagates itself
      assert.deepStrictEqual(platform.spans.map((s) => [s.name, s.kind]), [
        ["MemberSessions.create", "client"],
        ["POST", "client"]
      ])
      const request = platform.spans[1]!
      assert.strictEqual(request.traceId, platform.spans[0]!.traceId)
      assert.strictEqual(withPlatform.seen[0]!.headers.traceparent, `00-${request.traceId}-${request.spanId}-01`)
    }))

  it.effect("no trace context is sent when propagation is disabled", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server([send(201, fixture("member-session.201.json"))])
      yield* create.pipe(
        Effect.provideService(Tracer.DisablePropagation, true),
        Effect.provide(polar(url, { memberSessionsRoute: "legacy" }).pipe(Layer.provide(NodeHttpClient.layerUndici)))
      )
      assert.isUndefined(seen[0]!.headers.traceparent)
      assert.isUndefined(seen[0]!.headers.b3)
    }))

  it.effect("a 503 then a 201 is retried on a new request", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server([
        send(503, "<html>busy</html>", { "content-type": "text/html" }),
        send(201, fixture("member-session.201.json"))
      ])
      yield* create.pipe(
        Effect.provide(
          polar(url, { memberSessionsRoute: "legacy", retry: Schedule.recurs(3) }).pipe(
            Layer.provide(NodeHttpClient.layerUndici)
          )
        )
      )
      assert.strictEqual(seen.length, 2)
    }))

  it.effect("auto on a server of the legacy generation: the probe creates the session", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server([send(201, fixture("member-session.201.json"))])
      yield* create.pipe(Effect.provide(polar(url).pipe(Layer.provide(NodeHttpClient.layerUndici))))
      assert.deepStrictEqual(seen.map((s) => `${s.method} ${s.url}`), ["POST /v1/member-sessions/"])
    }))

  it.effect("a 422 becomes an HTTPValidationError", () =>
    Effect.gen(function*() {
      const { url } = yield* server([send(422, fixture("error.422.member-not-found.json"))])
      const error = yield* create.pipe(
        Effect.flip,
        Effect.provide(polar(url, { memberSessionsRoute: "legacy" }).pipe(Layer.provide(NodeHttpClient.layerUndici)))
      )
      assert.strictEqual(error._tag, "HTTPValidationError")
    }))

  it.effect("a refused connection is an SDKError Transport with no status", () =>
    Effect.gen(function*() {
      // a port that was just free
      const { server: srv, url } = yield* server([send(201, "")])
      yield* Effect.callback<void>((resume) => {
        srv.close(() => resume(Effect.void))
      })
      const error = yield* create.pipe(
        Effect.flip,
        Effect.provide(
          polar(url, { memberSessionsRoute: "legacy", retry: false }).pipe(Layer.provide(NodeHttpClient.layerUndici))
        )
      )
      assert.strictEqual(error._tag, "SDKError")
      if (error._tag !== "SDKError") return
      assert.strictEqual(error.reason, "Transport")
      assert.isUndefined(error.statusCode)
      assert.include(error.message, "failed before a response arrived")
      assert.notInclude(error.message, ACCESS_TOKEN)
    }))

  it.effect("a body cut off in the middle is an SDKError Transport with the status", () =>
    Effect.gen(function*() {
      const { url } = yield* server([(_, res) => {
        res.writeHead(201, { "content-type": "application/json", "content-length": "5000" })
        res.write(fixture("member-session.201.json").slice(0, 100))
        setTimeout(() => res.destroy(), 10)
      }])
      const error = yield* create.pipe(
        Effect.flip,
        Effect.provide(
          polar(url, { memberSessionsRoute: "legacy", retry: false }).pipe(Layer.provide(NodeHttpClient.layerUndici))
        )
      )
      assert.strictEqual(error._tag === "SDKError" ? error.reason : error._tag, "Transport")
      assert.strictEqual(error._tag === "SDKError" ? error.statusCode : undefined, 201)
    }))

  it.effect("interrupting the call aborts its socket", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const { seen, url } = yield* server([() => Deferred.doneUnsafe(arrived, Effect.void)])
      const fiber = yield* create.pipe(
        Effect.provide(polar(url, { memberSessionsRoute: "legacy" }).pipe(Layer.provide(NodeHttpClient.layerUndici))),
        Effect.forkChild
      )
      yield* Deferred.await(arrived)
      yield* Fiber.interrupt(fiber)
      // the server sees its response's socket closed by the client
      yield* Effect.promise(() => seen[0]!.closed)
    }))

  it.effect("a timeout (on the Effect clock) aborts the socket and fails with reason Timeout", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const { seen, url } = yield* server([() => Deferred.doneUnsafe(arrived, Effect.void)])
      const fiber = yield* create.pipe(
        Effect.flip,
        Effect.provide(
          polar(url, { memberSessionsRoute: "legacy", retry: false, timeout: "5 seconds" }).pipe(
            Layer.provide(NodeHttpClient.layerUndici)
          )
        ),
        Effect.forkChild
      )
      yield* Deferred.await(arrived)
      yield* TestClock.adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag === "SDKError" ? error.reason : error._tag, "Timeout")
      yield* Effect.promise(() => seen[0]!.closed)
    }))

  it.effect("a body that stalls after the headers times out too, and its socket is closed", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const { seen, url } = yield* server([(_, res) => {
        res.writeHead(201, { "content-type": "application/json" })
        res.write("{\"id\":")
        Deferred.doneUnsafe(arrived, Effect.void)
      }])
      const fiber = yield* create.pipe(
        Effect.flip,
        Effect.provide(
          polar(url, { memberSessionsRoute: "legacy", retry: false, timeout: "5 seconds" }).pipe(
            Layer.provide(NodeHttpClient.layerUndici)
          )
        ),
        Effect.forkChild
      )
      yield* Deferred.await(arrived)
      // let the headers reach the client: the attempt is then reading the body
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 50)))
      yield* TestClock.adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag === "SDKError" ? error.reason : error._tag, "Timeout")
      yield* Effect.promise(() => seen[0]!.closed)
    }))
})
