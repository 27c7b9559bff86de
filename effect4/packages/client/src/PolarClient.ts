/**
 * The `PolarClient` service: a configured HTTP client for Polar's API, with the timeout, retry
 * and error-mapping machinery every call shares.
 *
 * @since 1.0.0
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import * as Errors from "./internal/errors.js"
import * as Execute from "./internal/execute.js"
import * as Headers from "./internal/headers.js"
import * as Resolve from "./internal/options.js"
import * as Routing from "./internal/routing.js"
import type * as RetryPolicy from "./RetryPolicy.js"

/**
 * The servers Polar runs.
 *
 * @since 1.0.0
 * @category Constants
 */
export const servers: {
  readonly production: "https://api.polar.sh"
  readonly sandbox: "https://sandbox-api.polar.sh"
} = Resolve.servers

/**
 * The API version sent in `Polar-Version` by default: the official SDK's current version.
 *
 * @since 1.0.0
 * @category Constants
 */
export const defaultApiVersion: string = Resolve.defaultApiVersion

/**
 * The default timeout of one attempt.
 *
 * @since 1.0.0
 * @category Constants
 */
export const defaultTimeout: Duration.Duration = Resolve.defaultTimeout

/**
 * The default largest response body read (5 MiB, far above any real session).
 *
 * @since 1.0.0
 * @category Constants
 */
export const defaultMaxResponseBytes: number = Resolve.defaultMaxResponseBytes

/**
 * The `User-Agent` this library sends (a `userAgent` option is put in front of it).
 *
 * @since 1.0.0
 * @category Constants
 */
export const userAgent: string = Resolve.userAgent

/**
 * Options that may be given per call, overriding the layer's.
 *
 * @since 1.0.0
 * @category Models
 */
export interface CallOptions {
  /** Bounds each attempt (connect, send, receive the whole body). */
  readonly timeout?: Duration.Input | undefined
  /** `false` turns retries off; a `Schedule` replaces the policy. */
  readonly retry?: false | RetryPolicy.RetrySchedule | undefined
  /** Extra request headers (the client's own headers win). */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * How `MemberSessions.create` reaches the server:
 *
 * - `"customer-sessions"`: today's Polar: the member is looked up, then the session created with
 *   `POST /v1/customer-sessions/` and `member_id`;
 * - `"legacy"`: `POST /v1/member-sessions/`, which Polar served from 2026-01-15 to 2026-03-03 only
 *   (a self-hosted server of that time);
 * - `"auto"` (the default): `"customer-sessions"` on Polar's own servers; on any other `serverURL`
 *   the first call tries `/v1/member-sessions/`, and a `404 Not Found` for that path (nothing was
 *   created) switches the client to `"customer-sessions"` for the rest of its life.
 *
 * @since 1.0.0
 * @category Models
 */
export type MemberSessionsRoute = "auto" | "legacy" | "customer-sessions"

/**
 * The options of `layer` and `make`.
 *
 * @since 1.0.0
 * @category Models
 */
export interface Options {
  /** An organization access token (`polar_oat_…`), personal access token or OAuth2 access token. */
  readonly accessToken: Redacted.Redacted<string>
  /** `"production"` (default) or `"sandbox"`. */
  readonly server?: "production" | "sandbox" | undefined
  /** Overrides `server`: any base URL, possibly with a path prefix (`https://proxy.example/polar`). */
  readonly serverURL?: string | undefined
  /**
   * The API version, sent as `Polar-Version` on every request. Default `"2026-10"`. Polar answers
   * `404` for every path when it does not serve the version asked for.
   */
  readonly apiVersion?: "2026-04" | "2026-10" | "2027-01" | (string & {}) | undefined
  /**
   * The organization, sent as `Polar-Organization`: restricts a personal or OAuth token that reaches
   * several organizations to one (an organization access token does not need it).
   */
  readonly organizationId?: string | undefined
  /** How `MemberSessions.create` reaches the server; default `"auto"`. */
  readonly memberSessionsRoute?: MemberSessionsRoute | undefined
  /** Timeout of each attempt. Default 10 seconds. */
  readonly timeout?: Duration.Input | undefined
  /** `false` turns retries off; a `Schedule` replaces the default `RetryPolicy.defaultSchedule`. */
  readonly retry?: false | RetryPolicy.RetrySchedule | undefined
  /** Your application's name and version, sent in front of this library's `User-Agent`. */
  readonly userAgent?: string | undefined
  /** Applied to the configured `HttpClient` (for example to add a proxy, logging or a test fake). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
  /** The largest response body read, in bytes; a larger one fails with `SDKError` without being read. Default 5 MiB. */
  readonly maxResponseBytes?: number | undefined
  /**
   * Allow a plain `http://` `serverURL` on a host other than loopback. Off by default: the bearer
   * token would cross the network in clear text, so such calls fail before sending.
   */
  readonly allowInsecureHttp?: boolean | undefined
  /**
   * Also record the platform `HttpClient`'s own `http.client` span for every HTTP request (one per
   * attempt, every request and response header as an attribute). Off by default: the call's span
   * already carries the method, URL, status and attempt count, an event per response and per failed
   * attempt, and its trace context goes out in the `traceparent` and `b3` headers.
   */
  readonly httpClientSpans?: boolean | undefined
}

/**
 * One call as `execute` runs it.
 *
 * @since 1.0.0
 * @category Models
 */
export interface Call<A> {
  /** The request, with a URL relative to the base URL (for example `/v1/customer-sessions/`). */
  readonly request: HttpClientRequest.HttpClientRequest
  /** Decodes the parsed JSON of a 2XX body (core's `decodeUnknownResult` of the response schema). */
  readonly decode: (json: unknown) => Result.Result<A, Schema.SchemaError>
  /** Per-call options. */
  readonly options?: CallOptions | undefined
  /**
   * The span the call is recorded on (HTTP attributes, attempt count, an event per response and
   * per failed attempt, and the trace context sent). Default: the current span, if any.
   */
  readonly span?: Tracer.Span | undefined
  /** What to add to the message of a failure with a given status (how to get out of it). */
  readonly hints?: { readonly [status: number]: string } | undefined
}

/**
 * Where `MemberSessions.create` stands on one client: the route once known, and the one probe at a
 * time that finds it out.
 *
 * @since 1.0.0
 * @category Models
 */
export interface MemberSessionsRouting {
  /** The route in use; `undefined` while an `"auto"` client has not had a definite answer yet. */
  readonly current: () => "legacy" | "customer-sessions" | undefined
  /** Records what an answer showed, for the rest of the client's life. */
  readonly decide: (route: "legacy" | "customer-sessions") => void
  /** Runs `self` while no other call of this client probes. */
  readonly probing: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * The `PolarClient` service.
 *
 * @since 1.0.0
 * @category Models
 */
export interface Service {
  /**
   * Runs one call: the client's headers set, each attempt bounded by the timeout, retryable
   * failures retried by the policy, the 2XX body decoded, every failure mapped to
   * `HTTPValidationError` or `SDKError`, all of it recorded on the call's span.
   */
  readonly execute: <A>(call: Call<A>) => Effect.Effect<A, HTTPValidationError | SDKError>
  /** The route `MemberSessions.create` takes on this client. */
  readonly memberSessionsRouting: MemberSessionsRouting
}

/**
 * The `PolarClient` service. Provide it with `layer` or `layerConfig` (and a platform
 * `HttpClient` layer), or with `PolarClientTest.layer` from `@effect-polar/testing` in tests.
 *
 * @example
 * ```ts
 * import { CustomerSessions, PolarClient } from "@effect-polar/client"
 * import * as Effect from "effect/Effect"
 * import * as FetchHttpClient from "effect/http/FetchHttpClient"
 * import * as Layer from "effect/Layer"
 * import * as Redacted from "effect/Redacted"
 *
 * const PolarLive = PolarClient.layer({ accessToken: Redacted.make("polar_oat_...") }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * const program: Effect.Effect<string, unknown, PolarClient.PolarClient> = CustomerSessions.create({
 *   customerId: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
 * }).pipe(Effect.map((session) => session.id))
 *
 * program.pipe(Effect.provide(PolarLive), Effect.runPromise)
 * ```
 *
 * @since 1.0.0
 * @category Services
 */
export class PolarClient extends Context.Service<PolarClient, Service>()("@effect-polar/client/PolarClient") {}

/**
 * Builds the service from options, using the `HttpClient` in context. It holds no resource of its
 * own (no fiber, no timer): timeouts and retries run inside each call.
 *
 * A `serverURL` that is not an absolute `http(s)` URL is a programming error: building the
 * layer dies with a message saying so.
 *
 * @example
 * ```ts
 * import { PolarClient } from "@effect-polar/client"
 * import * as Effect from "effect/Effect"
 * import * as FetchHttpClient from "effect/http/FetchHttpClient"
 * import * as Redacted from "effect/Redacted"
 *
 * const service = PolarClient.make({ accessToken: Redacted.make("polar_oat_..."), server: "sandbox" }).pipe(
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 1.0.0
 * @category Constructors
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const resolved = yield* Result.match(Resolve.resolve(options), {
      onFailure: (message) => Effect.die(new Error(message)),
      onSuccess: Effect.succeed
    })
    const platform = yield* HttpClient.HttpClient
    const execute = Execute.make({
      resolved,
      transport: (options.transformClient ?? identity)(platform),
      callerCode: options.transformClient !== undefined,
      headers: Headers.fixed(resolved, options.accessToken),
      scrub: Errors.makeScrubber(options.accessToken)
    })
    return PolarClient.of({ execute, memberSessionsRouting: yield* Routing.make(resolved) })
  })

/**
 * A layer providing `PolarClient` from options. It needs a platform `HttpClient` layer: on Node
 * `NodeHttpClient.layerUndici` from `@effect/platform-node/NodeHttpClient` (Node 22.19 or later),
 * elsewhere `FetchHttpClient.layer` from `effect/http/FetchHttpClient`.
 *
 * @example
 * ```ts
 * import { PolarClient } from "@effect-polar/client"
 * import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
 * import * as Layer from "effect/Layer"
 * import * as Redacted from "effect/Redacted"
 *
 * const PolarLive = PolarClient.layer({
 *   accessToken: Redacted.make(process.env.POLAR_ACCESS_TOKEN ?? ""),
 *   server: "sandbox",
 *   apiVersion: "2026-10",
 *   timeout: "5 seconds"
 * }).pipe(Layer.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 1.0.0
 * @category Layers
 */
export const layer = (options: Options): Layer.Layer<PolarClient, never, HttpClient.HttpClient> =>
  Layer.effect(PolarClient, make(options))

/**
 * The configuration `layerConfig` reads when given no argument: `POLAR_ACCESS_TOKEN` (a
 * redacted secret, required), and optionally `POLAR_SERVER` (`production` or `sandbox`),
 * `POLAR_SERVER_URL`, `POLAR_API_VERSION` and `POLAR_ORGANIZATION_ID`.
 *
 * @since 1.0.0
 * @category Config
 */
export const defaultConfig: Config.Config<Options> = Config.all({
  accessToken: Config.Redacted("POLAR_ACCESS_TOKEN"),
  server: Config.Literals(["production", "sandbox"], "POLAR_SERVER").pipe(Config.withDefault(undefined)),
  serverURL: Config.String("POLAR_SERVER_URL").pipe(Config.withDefault(undefined)),
  apiVersion: Config.String("POLAR_API_VERSION").pipe(Config.withDefault(undefined)),
  organizationId: Config.String("POLAR_ORGANIZATION_ID").pipe(Config.withDefault(undefined))
})

/**
 * A layer providing `PolarClient` from `Config`. With no argument it reads `defaultConfig`;
 * otherwise each option may be a `Config` of its value.
 *
 * @example
 * ```ts
 * import { PolarClient } from "@effect-polar/client"
 * import * as Config from "effect/Config"
 *
 * const PolarLive = PolarClient.layerConfig({
 *   accessToken: Config.Redacted("MY_POLAR_TOKEN"),
 *   server: Config.succeed("sandbox"),
 *   organizationId: Config.String("MY_POLAR_ORGANIZATION"),
 *   timeout: Config.succeed("3 seconds")
 * })
 * ```
 *
 * @since 1.0.0
 * @category Layers
 */
export const layerConfig = (
  options?: Config.Wrap<Options>
): Layer.Layer<PolarClient, Config.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    PolarClient,
    Effect.flatMap(options === undefined ? defaultConfig : Config.unwrap(options), make)
  )
