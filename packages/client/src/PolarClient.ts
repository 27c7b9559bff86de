/**
 * The `PolarClient` service: a configured HTTP client for Polar's API, with the timeout, retry
 * and error-mapping machinery every call shares.
 *
 * @since 0.1.0
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpTraceContext from "@effect/platform/HttpTraceContext"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import * as Deadlines from "./internal/deadlines.js"
import * as Errors from "./internal/errors.js"
import { VERSION } from "./internal/version.js"
import * as RetryPolicy from "./RetryPolicy.js"

/**
 * The servers Polar runs.
 *
 * @since 0.1.0
 * @category Constants
 */
export const servers = {
  production: "https://api.polar.sh",
  sandbox: "https://sandbox-api.polar.sh"
} as const

/**
 * The default timeout of one attempt.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultTimeout: Duration.Duration = Duration.seconds(10)

/**
 * The default largest response body read (5 MiB, far above any real member session).
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultMaxResponseBytes = 5 * 1024 * 1024

/**
 * The `User-Agent` this library sends (a `userAgent` option is put in front of it).
 *
 * @since 0.1.0
 * @category Constants
 */
export const userAgent = `effect-polar/${VERSION} (@effect-polar/client)`

/**
 * Options that may be given per call, overriding the layer's.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CallOptions {
  /** Bounds each attempt (connect, send, receive the whole body). */
  readonly timeout?: Duration.DurationInput | undefined
  /** `false` turns retries off; a `Schedule` replaces the policy. */
  readonly retry?: false | RetryPolicy.RetrySchedule | undefined
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** An organization access token (`polar_oat_…`), personal access token or OAuth2 access token. */
  readonly accessToken: Redacted.Redacted<string>
  /** `"production"` (default) or `"sandbox"`. */
  readonly server?: "production" | "sandbox" | undefined
  /** Overrides `server`: any base URL, possibly with a path prefix (`https://proxy.example/polar`). */
  readonly serverURL?: string | undefined
  /** Timeout of each attempt. Default 10 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
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
   * Also record `@effect/platform`'s own `http.client` span for every HTTP request (one per
   * attempt, every request and response header as an attribute). Off by default: the call's span
   * (`MemberSessions.create`) already carries the method, URL, status and attempt count, an event
   * per failed attempt, and its trace context goes out in the `traceparent` and `b3` headers. The
   * per-request span costs about a fifth of the client's CPU time per call (see the benchmark).
   */
  readonly httpClientSpans?: boolean | undefined
}

/**
 * Decodes the JSON text of a 2XX body, answering one `path: problem` line per bad field on failure.
 *
 * @since 0.1.0
 * @category Models
 */
export type BodyDecoder<A> = (
  body: string
) => Either.Either<A, { readonly problems: ReadonlyArray<string>; readonly cause?: unknown }>

/**
 * Builds the `BodyDecoder` of a schema (unknown fields ignored, every problem reported). Build it
 * once, not per call.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const bodyDecoder: <A, I>(schema: Schema.Schema<A, I>) => BodyDecoder<A> = Errors.decodeJson

/**
 * One call as `PolarClient.execute` runs it.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Call<A> {
  /** The request, with a URL relative to the base URL (for example `/v1/member-sessions/`). */
  readonly request: HttpClientRequest.HttpClientRequest
  /** Decodes a 2XX body: build it once with `bodyDecoder(schema)`. */
  readonly decoder: BodyDecoder<A>
  /** Per-call options. */
  readonly options?: CallOptions | undefined
  /**
   * The span the call is recorded on (HTTP attributes, attempt count, an event per failed
   * attempt, and the trace context sent). Default: the current span, if any.
   */
  readonly span?: Tracer.Span | undefined
}

/**
 * The `PolarClient` service.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Service {
  /** The base URL every request goes to (no trailing slash). */
  readonly baseUrl: string
  /** The configured transport: base URL, bearer token, JSON headers, `User-Agent`, `transformClient`. */
  readonly httpClient: HttpClient.HttpClient
  /** The layer's timeout of one attempt. */
  readonly timeout: Duration.Duration
  /** The layer's retry policy. */
  readonly retry: false | RetryPolicy.RetrySchedule
  /**
   * Runs one call: each attempt bounded by the timeout, retryable failures retried by the
   * policy, the 2XX body decoded with `schema`, every failure mapped to `HTTPValidationError`
   * or `SDKError`. Records the status code and the attempt count on the call's span.
   */
  readonly execute: <A>(call: Call<A>) => Effect.Effect<A, HTTPValidationError | SDKError>
}

/**
 * The `PolarClient` service tag. Provide it with `PolarClient.layer` or `PolarClient.layerConfig`
 * (and a platform `HttpClient` layer), or with `PolarClientTest.layer` from
 * `@effect-polar/testing` in tests.
 *
 * @example
 * ```ts
 * import { MemberSessions, PolarClient } from "@effect-polar/client"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const PolarLive = PolarClient.layer({ accessToken: Redacted.make("polar_oat_...") }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * MemberSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" }).pipe(
 *   Effect.provide(PolarLive),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 * @category Tags
 */
export class PolarClient extends Context.Tag("@effect-polar/client/PolarClient")<PolarClient, Service>() {
  /** See {@link make}. */
  static readonly make: (options: Options) => Effect.Effect<Service, never, HttpClient.HttpClient | Scope.Scope> = (
    options
  ) => make(options)
  /** See {@link layer}. */
  static readonly layer: (options: Options) => Layer.Layer<PolarClient, never, HttpClient.HttpClient> = (options) =>
    layer(options)
  /** See {@link layerConfig}. */
  static readonly layerConfig: (
    options?: Config.Config.Wrap<Options>
  ) => Layer.Layer<PolarClient, ConfigError.ConfigError, HttpClient.HttpClient> = (options) => layerConfig(options)
}

const JSON_CONTENT_TYPE = /[/+]json\b/i

/** Whether a URL's host is this machine (plain http to it never crosses a network). */
const isLoopback = (url: URL): boolean =>
  url.hostname === "localhost" || url.hostname.endsWith(".localhost") || url.hostname === "[::1]" ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname)

const utf8 = new TextDecoder()

const decodeUtf8 = (chunks: ReadonlyArray<Uint8Array>, size: number): string => {
  if (chunks.length === 1) return utf8.decode(chunks[0])
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return utf8.decode(all)
}

/** Whether a failed attempt may be tried again (a 422 is an answer, not a failure of the attempt). */
const isRetryable = (error: HTTPValidationError | SDKError): error is SDKError =>
  error._tag === "SDKError" && error.isRetryable

const trimSlashes = (url: string): string => url.replace(/\/+$/, "")

const DIGITS = /^\d+$/

/** The current span, if the fiber has one (a real span, not an external parent). */
const currentSpan = (fiber: Fiber.RuntimeFiber<unknown, unknown>): Tracer.Span | undefined => {
  const parent = Context.getOption(fiber.currentContext, Tracer.ParentSpan)
  return Option.isSome(parent) && parent.value._tag === "Span" ? parent.value : undefined
}

/** The OpenTelemetry `error.type` of a failed call: the status code, else the reason. */
const errorType = (error: HTTPValidationError | SDKError): string =>
  error._tag === "HTTPValidationError"
    ? "422"
    : error.statusCode === undefined
    ? error.reason
    : String(error.statusCode)

/**
 * Builds the service from options, using the `HttpClient` in context. The scope bounds the
 * one fiber that watches the per-attempt timeouts of all calls (started at the first call).
 *
 * A `serverURL` that is not an absolute `http(s)` URL is a programming error: building the
 * layer dies with a message saying so.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function*() {
    const baseUrl = trimSlashes(options.serverURL ?? servers[options.server ?? "production"])
    const parsedBase = Option.liftThrowable(() => new URL(baseUrl))()
    if (
      Option.isNone(parsedBase) || (parsedBase.value.protocol !== "http:" && parsedBase.value.protocol !== "https:")
    ) {
      return yield* Effect.dieMessage(
        `PolarClient: serverURL must be an absolute http(s) URL such as "https://api.polar.sh", got "${baseUrl}"`
      )
    }
    const insecure = parsedBase.value.protocol === "http:" && !isLoopback(parsedBase.value) &&
      options.allowInsecureHttp !== true
    const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes
    const basePath = parsedBase.value.pathname.replace(/\/+$/, "")
    const scrub = Errors.makeScrubber(options.accessToken)
    const defaultTimeoutDuration = Duration.decode(options.timeout ?? defaultTimeout)
    const defaultRetry = options.retry ?? RetryPolicy.defaultSchedule
    const agent = options.userAgent === undefined ? userAgent : `${options.userAgent} ${userAgent}`

    const platformClient = yield* HttpClient.HttpClient
    const deadlines = yield* Deadlines.make
    const httpClient = platformClient.pipe(
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.prependUrl(baseUrl),
          HttpClientRequest.bearerToken(options.accessToken),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("user-agent", agent)
        )
      ),
      options.transformClient ?? identity
    )

    // The hot path builds each request whole (one copy of the headers, computed once here) and
    // runs it on the transport without the platform's per-request span unless asked for.
    const transport = options.httpClientSpans === true
      ? (options.transformClient ?? identity)(platformClient)
      : HttpClient.withTracerDisabledWhen((options.transformClient ?? identity)(platformClient), () => true)
    const fixedHeaders = Headers.fromInput({
      authorization: `Bearer ${Redacted.value(options.accessToken)}`,
      accept: "application/json",
      "user-agent": agent
    })
    const serverAttributes: Array<readonly [string, string | number]> = [
      ["server.address", parsedBase.value.hostname],
      ["url.scheme", parsedBase.value.protocol.slice(0, -1)]
    ]
    if (parsedBase.value.port !== "") serverAttributes.push(["server.port", Number(parsedBase.value.port)])

    // The transport runs under the call's span only where something may record under it: the
    // platform's per-request spans, or the user's transformClient. Otherwise providing the
    // span (a copy of the fiber's context) would cost more than the rest of the call's code.
    const parentTransport = options.httpClientSpans === true || options.transformClient !== undefined

    const execute = <A>(call: Call<A>): Effect.Effect<A, HTTPValidationError | SDKError> =>
      Effect.withFiberRuntime((fiber) => {
        const callOptions = call.options
        const callTimeout = callOptions?.timeout === undefined
          ? defaultTimeoutDuration
          : Duration.decode(callOptions.timeout)
        const retry = callOptions?.retry ?? defaultRetry
        const span = call.span ?? currentSpan(fiber)
        const propagate = span !== undefined && options.httpClientSpans !== true &&
          fiber.getFiberRef(FiberRef.currentTracerEnabled) && fiber.getFiberRef(HttpClient.currentTracerPropagation)
        const relative = callOptions?.headers === undefined
          ? call.request
          : HttpClientRequest.setHeaders(call.request, callOptions.headers)
        const request = HttpClientRequest.setHeaders(
          HttpClientRequest.prependUrl(relative, baseUrl),
          propagate ? Headers.merge(fixedHeaders, HttpTraceContext.toHeaders(span)) : fixedHeaders
        )
        const path = basePath + relative.url.replace(/[?#].*$/, "")
        const ctx: Errors.CallContext = {
          method: request.method,
          url: request.url,
          path,
          server: baseUrl,
          scrub
        }
        if (span !== undefined) {
          span.attribute("http.request.method", request.method)
          for (const [key, value] of serverAttributes) span.attribute(key, value)
          span.attribute("url.full", request.url)
          span.attribute("url.path", path)
        }
        const decodeBody = call.decoder
        let attempts = 0

        // What one response means, its body read.
        const interpret = (
          status: number,
          headers: Headers.Headers,
          body: string
        ): Effect.Effect<A, HTTPValidationError | SDKError> => {
          if (status < 200 || status >= 300) {
            return Effect.flatMap(
              Clock.currentTimeMillis,
              (now) => Effect.fail(Errors.status(ctx, status, headers, body, now))
            )
          }
          if (body.length === 0) return Effect.fail(Errors.decode(ctx, status, body, ["body: empty"]))
          const contentType = headers["content-type"] ?? ""
          if (!JSON_CONTENT_TYPE.test(contentType)) {
            return Effect.fail(
              Errors.decode(ctx, status, body, [
                `body: expected content-type application/json, got ${contentType === "" ? "none" : contentType}`
              ])
            )
          }
          const decoded = decodeBody(body)
          return Either.isRight(decoded)
            ? Effect.succeed(decoded.right)
            : Effect.fail(Errors.decode(ctx, status, body, decoded.left.problems, decoded.left.cause))
        }

        // The body, at most maxResponseBytes of it (a larger one is refused without reading the
        // rest), then what it means.
        const onResponse = (
          response: HttpClientResponse.HttpClientResponse
        ): Effect.Effect<A, HTTPValidationError | SDKError> => {
          const status = response.status
          // the platform builds a fresh Headers object at each read: read once
          const headers = response.headers
          span?.attribute("http.response.status_code", status)
          const declared = headers["content-length"]
          if (declared !== undefined && DIGITS.test(declared)) {
            if (Number(declared) <= maxResponseBytes) {
              return Effect.matchEffect(response.text, {
                onFailure: (error) => Effect.fail(Errors.transport(ctx, error.cause ?? error, status)),
                onSuccess: (body) => interpret(status, headers, body)
              })
            }
            // draining nothing ends the body stream, which aborts the request
            return Stream.runDrain(Stream.take(response.stream, 0)).pipe(
              Effect.ignore,
              Effect.zipRight(Effect.fail(Errors.tooLarge(ctx, status, maxResponseBytes)))
            )
          }
          return Effect.suspend(() => {
            const chunks: Array<Uint8Array> = []
            let size = 0
            return Stream.runForEach(response.stream, (chunk): Effect.Effect<void, SDKError> => {
              size += chunk.byteLength
              if (size > maxResponseBytes) {
                return Effect.fail(Errors.tooLarge(ctx, status, maxResponseBytes))
              }
              chunks.push(chunk)
              return Effect.void
            }).pipe(
              Effect.catchTag("ResponseError", (error) =>
                error.reason === "EmptyBody"
                  ? Effect.void
                  : Effect.fail(Errors.transport(ctx, error.cause ?? error, status))),
              Effect.flatMap(() => interpret(status, headers, decodeUtf8(chunks, size)))
            )
          })
        }

        const failedAttempt = (error: SDKError): Effect.Effect<void> =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => {
            // from milliseconds: TestClock's nanosecond time throws on the fractional times jitter makes
            span?.event("polar.attempt.failed", BigInt(Math.round(now * 1e6)), {
              "polar.attempt": attempts,
              "polar.reason": error.reason,
              ...(error.statusCode === undefined ? {} : { "http.response.status_code": error.statusCode })
            })
            const log = Effect.logDebug(`Polar call attempt ${attempts} failed`).pipe(
              Effect.annotateLogs({ "polar.reason": error.reason, "polar.error": error.message })
            )
            return span === undefined ? log : Effect.withParentSpan(log, span)
          })

        // The call's outcome goes on its span as it happens (no finaliser per call): the attempt
        // count at each attempt, the status at each response, `error.type` at the failure that ends
        // the call. An interrupted or dying call has no `error.type`; its span's exit says why.
        const send = Effect.suspend(() => {
          attempts++
          if (span !== undefined) {
            span.attribute("polar.attempts", attempts)
            span.attribute("http.request.resend_count", attempts - 1)
          }
          return transport.execute(request)
        })
        const attempt: Effect.Effect<A, HTTPValidationError | SDKError> = Effect.matchEffect(send, {
          onFailure: (error) => Effect.fail(Errors.transport(ctx, error.cause ?? error)),
          onSuccess: onResponse
        }).pipe(
          (self) => deadlines.timeout(self, callTimeout, () => Errors.timeout(ctx, callTimeout)),
          Effect.tapError((error) => error._tag === "SDKError" ? failedAttempt(error) : Effect.void)
        )

        if (insecure) {
          return Effect.fail(Errors.insecure(ctx, parsedBase.value.host))
        }

        // The schedule is started at the first failure only: a call that succeeds at once pays
        // nothing for it. Same semantics as `Effect.retry({ schedule, while: isRetryable })`.
        const retried = retry === false ? attempt : Effect.catchAll(attempt, (first) =>
          isRetryable(first)
            ? Effect.flatMap(Schedule.driver(retry), (driver) => {
              const next = (error: HTTPValidationError | SDKError): Effect.Effect<A, HTTPValidationError | SDKError> =>
                isRetryable(error)
                  ? Effect.matchEffect(driver.next(error), {
                    onFailure: () => Effect.fail(error),
                    onSuccess: () => Effect.catchAll(attempt, next)
                  })
                  : Effect.fail(error)
              return next(first)
            })
            : Effect.fail(first))

        const recorded = span === undefined ? retried : Effect.tapError(retried, (error) =>
          Effect.sync(() => {
            span.attribute("error.type", errorType(error))
          }))
        return parentTransport && span !== undefined ? Effect.withParentSpan(recorded, span) : recorded
      })

    return PolarClient.of({
      baseUrl,
      httpClient,
      timeout: defaultTimeoutDuration,
      retry: defaultRetry,
      execute
    })
  })

/**
 * A layer providing `PolarClient` from options. It needs a platform `HttpClient` layer: on Node
 * `NodeHttpClient.layerUndici` from `@effect/platform-node`, elsewhere `FetchHttpClient.layer`.
 *
 * @example
 * ```ts
 * import { PolarClient } from "@effect-polar/client"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer, Redacted } from "effect"
 *
 * const PolarLive = PolarClient.layer({
 *   accessToken: Redacted.make(process.env.POLAR_ACCESS_TOKEN ?? ""),
 *   server: "sandbox",
 *   timeout: "5 seconds"
 * }).pipe(Layer.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options): Layer.Layer<PolarClient, never, HttpClient.HttpClient> =>
  Layer.scoped(PolarClient, make(options))

/**
 * The configuration `layerConfig` reads when given no argument: `POLAR_ACCESS_TOKEN` (a
 * redacted secret, required), `POLAR_SERVER` (`production` or `sandbox`, optional) and
 * `POLAR_SERVER_URL` (optional).
 *
 * @since 0.1.0
 * @category Config
 */
export const defaultConfig: Config.Config<Options> = Config.all({
  accessToken: Config.redacted("POLAR_ACCESS_TOKEN"),
  server: Config.literal("production", "sandbox")("POLAR_SERVER").pipe(Config.withDefault(undefined)),
  serverURL: Config.string("POLAR_SERVER_URL").pipe(Config.withDefault(undefined))
})

/**
 * A layer providing `PolarClient` from `Config`. With no argument it reads `defaultConfig`
 * (`POLAR_ACCESS_TOKEN`, `POLAR_SERVER`, `POLAR_SERVER_URL`); otherwise each option may be a
 * `Config` of its value.
 *
 * @example
 * ```ts
 * import { PolarClient } from "@effect-polar/client"
 * import { Config } from "effect"
 *
 * const PolarLive = PolarClient.layerConfig({
 *   accessToken: Config.redacted("MY_POLAR_TOKEN"),
 *   server: Config.succeed("sandbox"),
 *   timeout: Config.succeed("3 seconds")
 * })
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerConfig = (
  options?: Config.Config.Wrap<Options>
): Layer.Layer<PolarClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.scoped(
    PolarClient,
    Effect.flatMap(options === undefined ? defaultConfig : Config.unwrap(options), make)
  )
