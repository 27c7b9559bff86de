/**
 * One call, as `PolarClient.execute` runs it: the request built, each attempt bounded by the
 * timeout, its body read under the size cap and interpreted, retryable failures retried, the
 * outcome recorded on the call's span.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import type * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"
import type { Call } from "../PolarClient.js"
import type { Deadlines } from "./deadlines.js"
import type { CallContext } from "./errors.js"
import * as Errors from "./errors.js"
import * as Headers_ from "./headers.js"
import { interpret } from "./interpret.js"
import type { Resolved } from "./options.js"
import * as Recording from "./recording.js"
import * as ResponseBody from "./responseBody.js"
import { retrying } from "./retry.js"

/**
 * What `execute` is made from, once per client.
 *
 * @internal
 */
export interface Setup {
  readonly resolved: Resolved
  /** The transport, with the user's `transformClient` applied. */
  readonly transport: HttpClient.HttpClient
  /** Whether the transport may record under the call's span (platform spans, or a `transformClient`). */
  readonly transportUnderSpan: boolean
  readonly headers: Headers.Headers
  readonly deadlines: Deadlines
  readonly scrub: (text: string) => string
}

/** The current span, if the fiber has one (a real span, not an external parent). */
const currentSpan = (fiber: Fiber.RuntimeFiber<unknown, unknown>): Tracer.Span | undefined => {
  const parent = Context.getOption(fiber.currentContext, Tracer.ParentSpan)
  return Option.isSome(parent) && parent.value._tag === "Span" ? parent.value : undefined
}

/**
 * Makes a client's `execute`.
 *
 * @internal
 */
export const make = (setup: Setup) => {
  const { deadlines, resolved, scrub, transport } = setup
  const serverAttributes: Array<readonly [string, string | number]> = [
    ["server.address", resolved.base.hostname],
    ["url.scheme", resolved.base.protocol.slice(0, -1)]
  ]
  if (resolved.base.port !== "") serverAttributes.push(["server.port", Number(resolved.base.port)])

  return <A>(call: Call<A>): Effect.Effect<A, HTTPValidationError | SDKError> =>
    Effect.withFiberRuntime((fiber) => {
      const options = call.options
      const timeout = options?.timeout === undefined ? resolved.timeout : Duration.decode(options.timeout)
      const retry = options?.retry ?? resolved.retry
      const span = call.span ?? currentSpan(fiber)
      const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
      // the platform's per-request span propagates its own context; otherwise the call's span does
      const propagate = span !== undefined && !resolved.httpClientSpans &&
          fiber.getFiberRef(FiberRef.currentTracerEnabled) && fiber.getFiberRef(HttpClient.currentTracerPropagation)
        ? span
        : undefined
      const request = HttpClientRequest.setHeaders(
        HttpClientRequest.prependUrl(call.request, resolved.baseUrl),
        Headers_.forRequest(setup.headers, options?.headers, propagate)
      )
      const path = resolved.basePath + call.request.url.replace(/[?#].*$/, "")
      const ctx: CallContext = {
        method: request.method,
        url: request.url,
        path,
        server: resolved.baseUrl,
        apiVersion: resolved.apiVersion,
        scrub,
        hints: call.hints
      }
      if (resolved.insecure) return Effect.fail(Errors.insecure(ctx, resolved.base.host))
      if (span !== undefined) Recording.request(span, request.method, request.url, path, serverAttributes)
      let attempts = 0

      const onResponse = (response: HttpClientResponse.HttpClientResponse) => {
        const status = response.status
        // the platform builds a fresh Headers object at each read: read once
        const headers = response.headers
        const read = Effect.flatMap(
          ResponseBody.read(ctx, response, status, headers["content-length"], resolved.maxResponseBytes),
          (body) => interpret(ctx, status, headers, body, call.decode)
        )
        if (span !== undefined) Recording.response(span, clock, attempts, path, status)
        return read
      }

      // The call's outcome goes on its span as it happens (no finaliser per call): the attempt
      // count at each attempt, the status at each response, `error.type` at the failure that ends
      // the call. An interrupted or dying call has no `error.type`; its span's exit says why.
      const send = Effect.suspend(() => {
        attempts++
        if (span !== undefined) Recording.attempt(span, attempts)
        return transport.execute(request)
      })
      const attempt: Effect.Effect<A, HTTPValidationError | SDKError> = Effect.matchEffect(send, {
        onFailure: (error) => Effect.fail(Errors.transport(ctx, error.cause ?? error)),
        onSuccess: onResponse
      }).pipe(
        (self) => deadlines.timeout(self, timeout, () => Errors.timeout(ctx, timeout)),
        Effect.tapError((error) =>
          error._tag === "SDKError" ? Recording.failedAttempt(span, attempts, path, error) : Effect.void
        )
      )

      const retried = retrying(attempt, retry)
      const recorded = span === undefined ? retried : Effect.tapError(retried, (error) => Recording.failed(span, error))
      return setup.transportUnderSpan && span !== undefined ? Effect.withParentSpan(recorded, span) : recorded
    })
}
