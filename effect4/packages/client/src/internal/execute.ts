/**
 * One call, as `PolarClient.execute` runs it: the request built, each attempt bounded by the
 * timeout (`Effect.timeoutOrElse`), its body read under the size cap and interpreted, retryable
 * failures retried (`Effect.retry` with the policy), the outcome recorded on the call's span.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import { constTrue } from "effect/Function"
import type * as Headers from "effect/http/Headers"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Option from "effect/Option"
import * as References from "effect/References"
import * as Tracer from "effect/Tracer"
import type { Call } from "../PolarClient.js"
import * as ContextChanges from "./contextChanges.js"
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
  /**
   * Whether code of the caller's runs inside an attempt (a `transformClient`): then the call's span
   * is the transport's parent, and what an attempt sets in its fiber's context is the caller's
   * afterwards.
   */
  readonly callerCode: boolean
  readonly headers: Headers.Headers
  readonly scrub: (text: string) => string
}

/** The current span, if the fiber has one (a real span, not an external parent). */
const currentSpan = (fiber: Fiber.Fiber<unknown, unknown>): Tracer.Span | undefined => {
  const parent = Context.getOption(fiber.context, Tracer.ParentSpan)
  return Option.isSome(parent) && parent.value._tag === "Span" ? parent.value : undefined
}

/** Whether the fiber sends trace context with its requests. */
const propagates = (fiber: Fiber.Fiber<unknown, unknown>): boolean =>
  fiber.getRef(References.TracerEnabled) && fiber.getRef(HttpClient.TracerPropagationEnabled) &&
  !fiber.getRef(Tracer.DisablePropagation)

/**
 * Makes a client's `execute`.
 *
 * @internal
 */
export const make = (setup: Setup) => {
  const { resolved, scrub, transport } = setup
  const serverAttributes: Array<readonly [string, string | number]> = [
    ["server.address", resolved.base.hostname],
    ["url.scheme", resolved.base.protocol.slice(0, -1)]
  ]
  if (resolved.base.port !== "") serverAttributes.push(["server.port", Number(resolved.base.port)])
  // the platform's per-request span only when asked for: the call's span says what it would
  const platformSpans = <A, E>(self: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    resolved.httpClientSpans ? self : Effect.provideService(self, HttpClient.TracerDisabledWhen, constTrue)

  return <A>(call: Call<A>): Effect.Effect<A, HTTPValidationError | SDKError> =>
    Effect.withFiber((fiber) => {
      const options = call.options
      const timeout = options?.timeout === undefined ? resolved.timeout : Duration.fromInputUnsafe(options.timeout)
      const retry = options?.retry ?? resolved.retry
      const span = call.span ?? currentSpan(fiber)
      const clock = fiber.getRef(Clock.Clock)
      // the platform's per-request span propagates its own context; otherwise the call's span does
      const propagate = span !== undefined && !resolved.httpClientSpans && propagates(fiber) ? span : undefined
      const request = HttpClientRequest.updateHeaders(
        HttpClientRequest.prependUrl(call.request, resolved.baseUrl),
        (own) => Headers_.forRequest(own, setup.headers, options?.headers, propagate)
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
        if (span !== undefined) Recording.response(span, clock, attempts, path, status)
        return Effect.flatMap(
          ResponseBody.read(ctx, response, status, headers["content-length"], resolved.maxResponseBytes),
          (body) => interpret(ctx, status, headers, body, call.decode)
        )
      }

      // The call's outcome goes on its span as it happens (no finaliser per call): the attempt
      // count at each attempt, the status at each response, `error.type` at the failure that ends
      // the call. An interrupted or dying call has no `error.type`; its span's exit says why.
      const send = Effect.suspend(() => {
        attempts++
        if (span !== undefined) Recording.attempt(span, attempts)
        return transport.execute(request)
      })
      const once: Effect.Effect<A, HTTPValidationError | SDKError> = Effect.matchEffect(send, {
        onFailure: (error) => Effect.fail(Errors.transport(ctx, error.reason.cause ?? error)),
        onSuccess: onResponse
      })
      const changes = setup.callerCode ? ContextChanges.make() : undefined
      const attempt = Effect.timeoutOrElse(changes === undefined ? once : ContextChanges.tracked(changes)(once), {
        duration: timeout,
        orElse: () => Effect.fail(Errors.timeout(ctx, timeout))
      }).pipe(
        Effect.tapError((error) =>
          error._tag === "SDKError" ? Recording.failedAttempt(span, attempts, path, error) : Effect.void
        )
      )

      const retried = retrying(attempt, retry, setup.callerCode)
      const recorded = span === undefined ? retried : Effect.tapError(retried, (error) => Recording.failed(span, error))
      // providing the call's span to the transport only where something there may record under it
      const parented = (setup.callerCode || resolved.httpClientSpans) && span !== undefined
        ? Effect.withParentSpan(recorded, span)
        : recorded
      return changes === undefined
        ? platformSpans(parented)
        : ContextChanges.inherited(changes)(platformSpans(parented))
    })
}
