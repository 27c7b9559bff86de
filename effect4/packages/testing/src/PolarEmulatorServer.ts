/**
 * The Polar emulator over real HTTP: an HTTP effect answering as the emulator model does (Polar
 * today by default, `POST /v1/customer-sessions/` and the members routes; the legacy
 * `POST /v1/member-sessions/` with `generation: "legacy"`), plus control endpoints under
 * `/_emulator/`, served by `@effect/platform-node` on `127.0.0.1`.
 *
 * Control endpoints (JSON bodies; they answer whatever `Polar-Version` says):
 *
 * | method and path | does |
 * | --- | --- |
 * | `POST /_emulator/seed` | adds `{ organizations, customers, members, tokens }` (a `PolarEmulator.Seed`) |
 * | `POST /_emulator/faults` | queues faults for the next requests: `[{ "status": 503 }, { "delay": 2000 }, { "reset": "before-response" }]` |
 * | `GET /_emulator/journal` | the requests received (bearer token redacted, API version, `Polar-Organization`) |
 * | `DELETE /_emulator/journal` | empties the journal |
 * | `POST /_emulator/reset` | back to the initial state |
 *
 * @since 1.0.0
 */
import * as Emulator from "@effect-polar/wire/Emulator"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpServer from "effect/http/HttpServer"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as http from "node:http"
import type * as net from "node:net"
import * as PolarEmulator from "./PolarEmulator.js"

/**
 * A running emulator server.
 *
 * @since 1.0.0
 * @category Models
 */
export interface Service {
  /** The base URL to give a client as `serverURL`, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  /** The model behind the server, to script faults and read the journal directly. */
  readonly emulator: PolarEmulator.PolarEmulator
  /** How many TCP connections the server has accepted so far. */
  readonly connections: () => number
  /** Closes every open connection now (idle keep-alive ones included), as a server restart would. */
  readonly dropConnections: () => void
}

/**
 * The service of a running emulator server.
 *
 * @since 1.0.0
 * @category Services
 */
export class PolarEmulatorServer extends Context.Service<PolarEmulatorServer, Service>()(
  "@effect-polar/testing/PolarEmulatorServer"
) {}

/**
 * @since 1.0.0
 * @category Models
 */
export interface Options extends PolarEmulator.Options {
  /** Port to listen on; `0` (default) picks a free one. */
  readonly port?: number | undefined
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string | undefined
}

const Faults = Schema.Union([
  Schema.Array(PolarEmulator.Fault),
  Schema.Struct({ faults: Schema.Array(PolarEmulator.Fault) })
])
const decodeFaults = Schema.decodeUnknownResult(Schema.fromJsonString(Faults))
const decodeSeed = Schema.decodeUnknownResult(Schema.fromJsonString(PolarEmulator.Seed))

/** The control endpoints' bodies, decoded by the schemas. */
const decoders: Emulator.ControlDecoders<PolarEmulator.Fault> = {
  seed: (body) =>
    Result.match(decodeSeed(body), {
      onFailure: (error) => ({ ok: false, error: error.message }),
      onSuccess: (value) => ({ ok: true, value })
    }),
  faults: (body) =>
    Result.match(decodeFaults(body), {
      onFailure: (error) => ({ ok: false, error: error.message }),
      onSuccess: (value) => ({ ok: true, value: "faults" in value ? value.faults : value })
    })
}

/**
 * The connections a server has seen: the open ones (closed at once on shutdown) and a count of
 * all of them.
 *
 * @since 1.0.0
 * @category Models
 */
export interface Connections {
  readonly open: Set<net.Socket>
  seen: number
}

const track = (connections: Connections, socket: net.Socket): void => {
  if (connections.open.has(socket)) return
  connections.open.add(socket)
  connections.seen++
  socket.once("close", () => connections.open.delete(socket))
}

/** A control endpoint's answer. */
const controlResponse = (answer: Emulator.ControlAnswer): HttpServerResponse.HttpServerResponse =>
  answer.body === ""
    ? HttpServerResponse.empty({ status: answer.status })
    : HttpServerResponse.text(answer.body, { status: answer.status, contentType: "application/json" })

/** The Node response of a request: the layer serves HTTP/1.1 (`http.createServer`). */
const nodeResponse = (request: HttpServerRequest.HttpServerRequest): http.ServerResponse => {
  const response = NodeHttpServerRequest.toServerResponse(request)
  if (response instanceof http.ServerResponse) return response
  throw new Error("PolarEmulatorServer.httpApp serves HTTP/1.1 only")
}

/**
 * The connection dropped: the response (and so its socket) destroyed. The framework writes nothing
 * to a destroyed response, so the empty response returned here is never sent.
 */
const dropped = (response: http.ServerResponse): HttpServerResponse.HttpServerResponse => {
  response.destroy()
  return HttpServerResponse.empty()
}

/** Waits until the response's connection closes: the client gave up, or the server dropped it. */
const closed = (response: http.ServerResponse): Effect.Effect<void> =>
  Effect.callback<void>((resume) => {
    if (response.destroyed) return resume(Effect.void)
    const onClose = () => resume(Effect.void)
    response.once("close", onClose)
    return Effect.sync(() => response.off("close", onClose))
  })

/**
 * The headers and the first `sent` bytes of the body, written by hand (the framework would end a
 * failed stream cleanly, not drop the socket); then the connection is dropped, or left open with
 * nothing more until it closes.
 */
const partial = (
  response: http.ServerResponse,
  outcome: Extract<PolarEmulator.Outcome, { readonly _tag: "Partial" }>
): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
  Effect.gen(function*() {
    const bytes = Buffer.from(outcome.body, "utf8")
    response.writeHead(outcome.status, { ...outcome.headers, "content-length": String(bytes.length) })
    yield* Effect.callback<void>((resume) => {
      response.write(bytes.subarray(0, outcome.sent), () => resume(Effect.void))
    })
    if (outcome.then === "stall") yield* closed(response)
    return dropped(response)
  })

/**
 * The emulator as an HTTP effect (what `HttpServer.serve` runs for each request).
 *
 * @since 1.0.0
 * @category Constructors
 */
export const httpApp = (
  emulator: PolarEmulator.PolarEmulator,
  connections: Connections = { open: new Set(), seen: 0 }
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest> =>
  // interruptible: the server runs a handler uninterruptibly unless it says so, and a delayed answer
  // must end when its client goes away or the server shuts down
  Effect.interruptible(Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    track(connections, incoming.socket)
    const response = nodeResponse(request)
    // a connection closed before the answer went out (the client gave up, or the server dropped it):
    // the response destroyed, so that the framework writes nothing to it (and awaits no write)
    response.once("close", () => {
      if (!response.writableEnded) response.destroy()
    })
    const url = new URL(request.url, "http://emulator")
    const body = yield* Effect.orElseSucceed(request.text, () => "")
    const received: PolarEmulator.Request = {
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      body
    }
    const controlled = Emulator.control(emulator, received, decoders)
    if (controlled !== undefined) return controlResponse(controlled)
    const outcome = yield* emulator.handle(received)
    switch (outcome._tag) {
      case "Response":
        return HttpServerResponse.text(outcome.body, {
          status: outcome.status,
          headers: outcome.headers,
          ...(outcome.headers["content-type"] === undefined ? {} : { contentType: outcome.headers["content-type"] })
        })
      case "Reset":
        return dropped(response)
      case "Partial":
        return yield* partial(response, outcome)
    }
  }))

/**
 * Serves a fresh emulator on `127.0.0.1` (a free port unless `port` is given) for the lifetime
 * of the layer. On release every connection is closed at once, even a stalled one.
 *
 * @example
 * ```ts
 * import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
 * import * as Effect from "effect/Effect"
 *
 * // a customer session for the demo's individual customer Sam Test, over HTTP
 * const status = Effect.gen(function*() {
 *   const server = yield* PolarEmulatorServer.PolarEmulatorServer
 *   const response = yield* Effect.promise(() =>
 *     fetch(`${server.url}/v1/customer-sessions/`, {
 *       method: "POST",
 *       headers: { authorization: "Bearer polar_oat_anything", "content-type": "application/json" },
 *       body: JSON.stringify({ customer_id: "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7" })
 *     })
 *   )
 *   return response.status // 201
 * }).pipe(Effect.provide(PolarEmulatorServer.layer()))
 *
 * // the legacy server
 * const legacy = PolarEmulatorServer.layer({ generation: "legacy" })
 * ```
 *
 * @since 1.0.0
 * @category Layers
 */
export const layer = (options: Options = {}): Layer.Layer<PolarEmulatorServer> => {
  const host = options.host ?? "127.0.0.1"
  return Layer.effect(
    PolarEmulatorServer,
    Effect.gen(function*() {
      const emulator = PolarEmulator.make(options)
      const connections: Connections = { open: new Set(), seen: 0 }
      const dropConnections = (): void => {
        for (const socket of connections.open) socket.destroy()
      }
      const server = yield* HttpServer.HttpServer
      yield* server.serve(httpApp(emulator, connections))
      // added after `serve`, so run before its shutdown (which would wait for open connections)
      yield* Effect.addFinalizer(() => Effect.sync(dropConnections))
      const address = server.address
      const port = address._tag === "UnixPathAddress" ? 0 : address.port
      return PolarEmulatorServer.of({
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
        emulator,
        connections: () => connections.seen,
        dropConnections
      })
    })
  ).pipe(
    Layer.provide(
      NodeHttpServer.layerServer(() => http.createServer(), { port: options.port ?? 0, host }).pipe(Layer.orDie)
    )
  )
}
