/**
 * `PolarClientTest.layer`: a `PolarClient` whose requests go through the real client code
 * (validation, encoding, headers, retries, decoding, error mapping) into an in-process
 * `PolarEmulator`, without a socket.
 *
 * @since 1.0.0
 */
import { PolarClient } from "@effect-polar/client"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as PolarEmulator from "./PolarEmulator.js"

/**
 * @since 1.0.0
 * @category Models
 */
export interface Options extends PolarEmulator.Options {
  /** Client options (retry, timeout, ...); the access token defaults to a test token. */
  readonly client?: Partial<PolarClient.Options> | undefined
}

/**
 * The emulator behind a `PolarClientTest.layer`, to inspect what it created.
 *
 * @since 1.0.0
 * @category Services
 */
export class Emulator extends Context.Service<Emulator, PolarEmulator.PolarEmulator>()(
  "@effect-polar/testing/PolarClientTest/Emulator"
) {}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** The request's body as the emulator reads it: its text. */
const bodyText = (request: HttpClientRequest.HttpClientRequest): string =>
  request.body._tag === "Uint8Array" ? request.body.text ?? decoder.decode(request.body.body) : ""

/** What a connection reset before any response is to a client: a transport error. */
const reset = (request: HttpClientRequest.HttpClientRequest): HttpClientError.HttpClientError =>
  new HttpClientError.HttpClientError({
    reason: new HttpClientError.TransportError({
      request,
      cause: new Error("read ECONNRESET (emulated connection reset)"),
      description: "emulated connection reset"
    })
  })

/** A response whose body stops after `sent` characters, and then errors or never ends. */
const partial = (
  request: HttpClientRequest.HttpClientRequest,
  outcome: Extract<PolarEmulator.Outcome, { readonly _tag: "Partial" }>
): HttpClientResponse.HttpClientResponse => {
  const sent = encoder.encode(outcome.body.slice(0, outcome.sent))
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(sent)
      if (outcome.then === "reset") controller.error(new Error("terminated (emulated connection reset)"))
    }
  })
  return HttpClientResponse.fromWeb(request, new Response(body, { status: outcome.status, headers: outcome.headers }))
}

/**
 * An `HttpClient` that answers from an emulator, in process.
 *
 * @since 1.0.0
 * @category Constructors
 */
export const httpClient = (emulator: PolarEmulator.PolarEmulator): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    emulator.handle({
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      body: bodyText(request)
    }).pipe(
      Effect.flatMap((outcome) => {
        switch (outcome._tag) {
          case "Reset":
            return Effect.fail(reset(request))
          case "Partial":
            return Effect.succeed(partial(request, outcome))
          case "Response":
            return Effect.succeed(
              HttpClientResponse.fromWeb(
                request,
                new Response(outcome.body === "" ? null : outcome.body, {
                  status: outcome.status,
                  headers: outcome.headers
                })
              )
            )
        }
      })
    )
  )

/**
 * A layer providing `PolarClient` (served by a fresh emulator) and `Emulator`. The emulator is
 * today's Polar unless `generation: "legacy"` asks for the server of January to March 2026 (with
 * `POST /v1/member-sessions/`); the client is told which, as it knows Polar's own servers, so
 * `MemberSessions.create` makes no probe (override with `client: { memberSessionsRoute }`).
 *
 * @example
 * ```ts
 * import { MemberSessions } from "@effect-polar/client"
 * import { PolarClientTest } from "@effect-polar/testing"
 * import * as Effect from "effect/Effect"
 *
 * const test = MemberSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" }).pipe(
 *   Effect.provide(PolarClientTest.layer({ members: [{ id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", email: "a@b.c" }] }))
 * )
 *
 * // the legacy server generation
 * const legacy = MemberSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" }).pipe(
 *   Effect.provide(PolarClientTest.layer({ generation: "legacy" }))
 * )
 * ```
 *
 * @since 1.0.0
 * @category Layers
 */
export const layer = (options: Options = {}): Layer.Layer<PolarClient.PolarClient | Emulator> =>
  Layer.unwrap(Effect.sync(() => {
    // a fresh emulator each time the layer is built: nothing leaks between tests
    const emulator = PolarEmulator.make(options)
    return PolarClient.layer({
      accessToken: Redacted.make("polar_oat_test"),
      serverURL: "http://polar.test",
      // in process: nothing crosses a network
      allowInsecureHttp: true,
      // the client knows which server it talks to, as it knows Polar's own: no probe in the journal
      memberSessionsRoute: emulator.generation === "legacy" ? "legacy" : "customer-sessions",
      ...options.client
    }).pipe(
      Layer.provide(Layer.succeed(HttpClient.HttpClient, httpClient(emulator))),
      Layer.merge(Layer.succeed(Emulator, emulator))
    )
  }))
