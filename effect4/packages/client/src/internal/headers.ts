/**
 * The one place the headers of a Polar request are built.
 *
 * @internal
 */
import * as Headers from "effect/http/Headers"
import * as HttpTraceContext from "effect/http/HttpTraceContext"
import * as Redacted from "effect/Redacted"
import type * as Tracer from "effect/Tracer"
import type { Resolved } from "./options.js"

/**
 * The headers every request of a client carries: the bearer token, `Accept`, `User-Agent`,
 * `Polar-Version` and, when set, `Polar-Organization`. Built once per client.
 *
 * @internal
 */
export const fixed = (resolved: Resolved, accessToken: Redacted.Redacted<string>): Headers.Headers =>
  Headers.fromInput({
    authorization: `Bearer ${Redacted.value(accessToken)}`,
    accept: "application/json",
    "user-agent": resolved.userAgent,
    "polar-version": resolved.apiVersion,
    ...(resolved.organizationId === undefined ? {} : { "polar-organization": resolved.organizationId })
  })

/**
 * The headers of one request: the request's own (its body's `content-type`), then a call's own
 * headers, then the client's (which win over both), then the trace context of the call's span when
 * it is propagated. What `HttpClientRequest.setHeaders` of those would give (every header here is
 * already lowercase), in one copy per layer instead of its three.
 *
 * @internal
 */
export const forRequest = (
  requestHeaders: Headers.Headers,
  clientHeaders: Headers.Headers,
  callHeaders: Readonly<Record<string, string>> | undefined,
  propagate: Tracer.Span | undefined
): Headers.Headers => {
  const own = callHeaders === undefined ? requestHeaders : Headers.merge(requestHeaders, Headers.fromInput(callHeaders))
  const base = Headers.merge(own, clientHeaders)
  return propagate === undefined ? base : Headers.merge(base, HttpTraceContext.toHeaders(propagate))
}
