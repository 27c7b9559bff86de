/**
 * The Polar emulator over real HTTP: an `HttpApp` answering as the emulator model does (Polar
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
 * @since 0.1.0
 */
import * as Emulator from "@effect-polar/wire/Emulator"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as http from "node:http"
import type * as net from "node:net"
import * as PolarEmulator from "./PolarEmulator.js"

/**
 * A running emulator server.
 *
 * @since 0.1.0
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
 * The tag of a running emulator server.
 *
 * @since 0.1.0
 * @category Tags
 */
export class PolarEmulatorServer extends Context.Tag("@effect-polar/testing/PolarEmulatorServer")<
  PolarEmulatorServer,
  Service
>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options extends PolarEmulator.Options {
  /** Port to listen on; `0` (default) picks a free one. */
  readonly port?: number | undefined
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string | undefined
}

const Faults = Schema.Union(
  Schema.Array(PolarEmulator.Fault),
  Schema.Struct({ faults: Schema.Array(PolarEmulator.Fault) })
)
const decodeFaults = Schema.decodeUnknownEither(Schema.parseJson(Faults))
const decodeSeed = Schema.decodeUnknownEither(Schema.parseJson(PolarEmulator.Seed))

/** The control endpoints' bodies, decoded by the schemas. */
const decoders: Emulator.ControlDecoders<PolarEmulator.Fault> = {
  seed: (body) =>
    Either.match(decodeSeed(body), {
      onLeft: (error) => ({ ok: false, error: String(error) }),
      onRight: (value) => ({ ok: true, value })
    }),
  faults: (body) =>
    Either.match(decodeFaults(body), {
      onLeft: (error) => ({ ok: false, error: String(error) }),
      onRight: (value) => ({ ok: true, value: "faults" in value ? value.faults : value })
    })
}

/**
 * The connections a server has seen: the open ones (closed at once on shutdown) and a count of
 * all of them.
 *
 * @since 0.1.0
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

/**
 * The emulator as an `HttpApp`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const httpApp = (
  emulator: PolarEmulator.PolarEmulator,
  connections: Connections = { open: new Set(), seen: 0 }
): HttpApp.Default<never, HttpServerRequest.HttpServerRequest> =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    track(connections, incoming.socket)
    const url = new URL(request.url, "http://emulator")
    const body = yield* Effect.orElseSucceed(request.text, () => "")
    const received: PolarEmulator.Request = {
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      body
    }
    const controlled = Emulator.control(emulator, received, decoders)
    if (controlled !== undefined) {
      return controlled.body === ""
        ? HttpServerResponse.empty({ status: controlled.status })
        : HttpServerResponse.text(controlled.body, { status: controlled.status, contentType: "application/json" })
    }
    const outcome = yield* emulator.handle(received)
    switch (outcome._tag) {
      case "Response":
        return HttpServerResponse.text(outcome.body, {
          status: outcome.status,
          headers: outcome.headers,
          ...(outcome.headers["content-type"] === undefined ? {} : { contentType: outcome.headers["content-type"] })
        })
      case "Reset": {
        incoming.socket.destroy()
        return yield* Effect.never
      }
      case "Partial": {
        // Written by hand: the framework would end a failed stream cleanly, not drop the socket.
        const response = NodeHttpServerRequest.toServerResponse(request)
        const bytes = Buffer.from(outcome.body, "utf8")
        response.writeHead(outcome.status, { ...outcome.headers, "content-length": String(bytes.length) })
        response.write(bytes.subarray(0, outcome.sent), () => {
          if (outcome.then === "reset") incoming.socket.destroy()
        })
        return yield* Effect.never
      }
    }
  })

/**
 * Serves a fresh emulator on `127.0.0.1` (a free port unless `port` is given) for the lifetime
 * of the layer. On release every connection is closed at once, even a stalled one.
 *
 * @example
 * ```ts
 * import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
 * import { Effect } from "effect"
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
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options = {}): Layer.Layer<PolarEmulatorServer, never> => {
  const host = options.host ?? "127.0.0.1"
  return Layer.scoped(
    PolarEmulatorServer,
    Effect.gen(function*() {
      const emulator = PolarEmulator.make(options)
      const connections: Connections = { open: new Set(), seen: 0 }
      const server = yield* HttpServer.HttpServer
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => {
          for (const socket of connections.open) socket.destroy()
        })
      )
      yield* server.serve(httpApp(emulator, connections))
      const address = server.address
      const port = address._tag === "TcpAddress" ? address.port : 0
      return {
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
        emulator,
        connections: () => connections.seen,
        dropConnections: () => {
          for (const socket of connections.open) socket.destroy()
        }
      }
    })
  ).pipe(
    Layer.provide(
      NodeHttpServer.layer(() => http.createServer(), { port: options.port ?? 0, host }).pipe(Layer.orDie)
    )
  )
}
