/**
 * The client over real sockets: a node:http server on 127.0.0.1 and @effect/platform-node's
 * undici-based HttpClient (and FetchHttpClient).
 */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import { FetchHttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Layer, Redacted, Schedule, TestClock } from "effect"
import * as http from "node:http"
import { ACCESS_TOKEN, fixture, MEMBER_ID } from "./utils.js"

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
    Effect.async<{ readonly url: string; readonly seen: Array<Seen>; readonly server: http.Server }>((resume) => {
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
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const send = (status: number, body: string, headers: Record<string, string> = {}): Handler => (_, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(body)
}

const polar = (url: string, options: Partial<Parameters<typeof PolarClient.layer>[0]> = {}) =>
  PolarClient.layer({ accessToken: Redacted.make(ACCESS_TOKEN), serverURL: url, ...options })

const create = MemberSessions.create({ memberId: MEMBER_ID, returnUrl: "https://example.com/account" })

describe("over real HTTP on 127.0.0.1", () => {
  it.scoped("NodeHttpClient (undici): creates a session, sending what the contract says", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server([send(201, fixture("member-session.201.json"))])
      const session = yield* create.pipe(Effect.provide(polar(url).pipe(Layer.provide(NodeHttpClient.layerUndici))))
      assert.strictEqual(session.member.email, "jane.doe@acme.example")
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(seen[0]!.method, "POST")
      assert.strictEqual(seen[0]!.url, "/v1/member-sessions/")
      assert.strictEqual(seen[0]!.headers.authorization, `Bearer ${ACCESS_TOKEN}`)
      assert.strictEqual(seen[0]!.headers["content-type"], "application/json")
      assert.strictEqual(seen[0]!.headers.accept, "application/json")
      assert.match(seen[0]!.headers["user-agent"] ?? "", /^effect-polar\//)
      assert.deepStrictEqual(JSON.parse(seen[0]!.body), {
        member_id: MEMBER_ID,
        return_url: "https://example.com/account"
      })
    }))

  it.scoped("FetchHttpClient: creates a session", () =>
    Effect.gen(function*() {
      const { url } = yield* server([send(201, fixture("member-session.201.minimal.json"))])
      const session = yield* create.pipe(Effect.provide(polar(url).pipe(Layer.provide(FetchHttpClient.layer))))
      assert.isNull(session.customer.type)
    }))

  it.scoped("a 503 then a 201 is retried on a new request", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server([
        send(503, "<html>busy</html>", { "content-type": "text/html" }),
        send(201, fixture("member-session.201.json"))
      ])
      yield* create.pipe(
        Effect.provide(polar(url, { retry: Schedule.recurs(3) }).pipe(Layer.provide(NodeHttpClient.layerUndici)))
      )
      assert.strictEqual(seen.length, 2)
    }))

  it.scoped("a 422 becomes an HTTPValidationError", () =>
    Effect.gen(function*() {
      const { url } = yield* server([send(422, fixture("error.422.member-not-found.json"))])
      const error = yield* create.pipe(
        Effect.flip,
        Effect.provide(polar(url).pipe(Layer.provide(NodeHttpClient.layerUndici)))
      )
      assert.strictEqual(error._tag, "HTTPValidationError")
    }))

  it.scoped("a refused connection is an SDKError Transport with no status", () =>
    Effect.gen(function*() {
      // a port that was just free
      const { server: srv, url } = yield* server([send(201, "")])
      yield* Effect.async<void>((resume) => {
        srv.close(() => resume(Effect.void))
      })
      const error = yield* create.pipe(
        Effect.flip,
        Effect.provide(polar(url, { retry: false }).pipe(Layer.provide(NodeHttpClient.layerUndici)))
      )
      assert.strictEqual(error._tag, "SDKError")
      if (error._tag !== "SDKError") return
      assert.strictEqual(error.reason, "Transport")
      assert.isUndefined(error.statusCode)
      assert.notInclude(error.message, ACCESS_TOKEN)
    }))

  it.scoped("interrupting the call aborts its socket", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const { seen, url } = yield* server([() => Deferred.unsafeDone(arrived, Exit.void)])
      const fiber = yield* create.pipe(
        Effect.provide(polar(url).pipe(Layer.provide(NodeHttpClient.layerUndici))),
        Effect.fork
      )
      yield* Deferred.await(arrived)
      yield* Fiber.interrupt(fiber)
      // the server sees its response's socket closed by the client
      yield* Effect.promise(() => seen[0]!.closed)
    }))

  it.scoped("a timeout (on the Effect clock) aborts the socket and fails with reason Timeout", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const { seen, url } = yield* server([() => Deferred.unsafeDone(arrived, Exit.void)])
      const fiber = yield* create.pipe(
        Effect.flip,
        Effect.provide(
          polar(url, { retry: false, timeout: "5 seconds" }).pipe(Layer.provide(NodeHttpClient.layerUndici))
        ),
        Effect.fork
      )
      yield* Deferred.await(arrived)
      yield* TestClock.adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag === "SDKError" ? error.reason : error._tag, "Timeout")
      yield* Effect.promise(() => seen[0]!.closed)
    }))
})
