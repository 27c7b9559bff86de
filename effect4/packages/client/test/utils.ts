import { PolarClient } from "@effect-polar/client"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Tracer from "effect/Tracer"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures")

/** The raw text of a contract fixture. */
export const fixture = (name: string): string => fs.readFileSync(path.join(fixtures, name), "utf8")

export const ACCESS_TOKEN = "polar_oat_TESTaccessTOKEN0123456789"
export const MEMBER_ID = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
export const SESSION_TOKEN = "polar_mst_Qm9yZ2V0IGFib3V0IGl0LiBUaGlzIGlzIGEgdGVzdCB0b2tlbg"

/** A request as the fake transport saw it. */
export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly signal: AbortSignal
}

/** What the fake answers: a Response, or an Effect of one (to fail or hang). */
export type Answer = Response | Effect.Effect<Response, HttpClientError.HttpClientError>

/** One scripted answer of the fake transport. */
export type Answerer = (recorded: Recorded, request: HttpClientRequest.HttpClientRequest) => Answer

const bodyOf = (request: HttpClientRequest.HttpClientRequest): unknown =>
  request.body._tag === "Uint8Array" ? JSON.parse(new TextDecoder().decode(request.body.body)) : undefined

/**
 * A fake transport (HttpClient.make + HttpClientResponse.fromWeb), recording
 * every request it receives. `answers` are used in order; the last one repeats.
 */
export const fakeHttpClient = (answers: ReadonlyArray<Answerer>) => {
  const requests: Array<Recorded> = []
  const client = HttpClient.make((request, url, signal) =>
    Effect.suspend(() => {
      const recorded: Recorded = {
        method: request.method,
        url: url.toString(),
        headers: request.headers,
        body: bodyOf(request),
        signal
      }
      requests.push(recorded)
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!(recorded, request)
      const response = answer instanceof Response ? Effect.succeed(answer) : answer
      return Effect.map(response, (web) => HttpClientResponse.fromWeb(request, web))
    })
  )
  return { client, requests, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** A PolarClient layer over `fakeHttpClient`. */
export const fakePolar = (answers: ReadonlyArray<Answerer>, options: Partial<PolarClient.Options> = {}) => {
  const fake = fakeHttpClient(answers)
  const layer = PolarClient.layer({ accessToken: Redacted.make(ACCESS_TOKEN), ...options }).pipe(
    Layer.provide(fake.layer)
  )
  return { layer, requests: fake.requests }
}

/**
 * A PolarClient layer over `fakeHttpClient` that talks to a server of the legacy generation
 * (`POST /v1/member-sessions/`).
 */
export const legacyPolar = (answers: ReadonlyArray<Answerer>, options: Partial<PolarClient.Options> = {}) =>
  fakePolar(answers, { memberSessionsRoute: "legacy", ...options })

/** A JSON response. */
export const json = (status: number, body: string, headers: Record<string, string> = {}) => () =>
  new Response(body, { status, headers: { "content-type": "application/json", ...headers } })

/** A response with any content type. */
export const raw = (status: number, body: string | null, headers: Record<string, string> = {}) => () =>
  new Response(body, { status, headers })

/** A session created for the fixture member. */
export const created = json(201, fixture("member-session.201.json"))

/** A failure before any response (connection refused, reset). */
export const transportFailure =
  (message = "connect ECONNREFUSED 127.0.0.1:1") => (_: Recorded, request: HttpClientRequest.HttpClientRequest) =>
    Effect.fail(
      new HttpClientError.HttpClientError({
        reason: new HttpClientError.TransportError({
          request,
          cause: new TypeError("fetch failed", { cause: new Error(message) })
        })
      })
    )

/** A fixture of today's Polar (`fixtures/current/`). */
export const current = (name: string): string => fixture(`current/${name}`)

/** A member session created through `POST /v1/customer-sessions/` for a team member (`polar_mst_`). */
export const customerSessionForMember = json(201, current("customer-session.201.member.json"))

/** A customer session (`polar_cst_`): the organization has the member model off. */
export const customerSessionForCustomer = json(201, current("customer-session.201.customer.json"))

/** The member of `fixtures/current/member.200.json`. */
export const memberFound = json(200, current("member.200.json"))

/** One span as `recordSpans` saw it. */
export interface SeenSpan {
  readonly name: string
  readonly kind: Tracer.SpanKind
  readonly spanId: string
  readonly traceId: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
}

/** A tracer recording every span's attributes and events (over the native tracer), to provide around a call. */
export const recordSpans = () => {
  const spans: Array<SeenSpan> = []
  const tracer = Tracer.make({
    span(options) {
      const span = Tracer.nativeTracer.span(options)
      const seen: SeenSpan = {
        name: options.name,
        kind: options.kind,
        spanId: span.spanId,
        traceId: span.traceId,
        attributes: new Map(),
        events: []
      }
      spans.push(seen)
      const recorded: Tracer.Span = {
        _tag: "Span",
        name: span.name,
        spanId: span.spanId,
        traceId: span.traceId,
        parent: span.parent,
        annotations: span.annotations,
        get status() {
          return span.status
        },
        attributes: span.attributes,
        links: span.links,
        sampled: span.sampled,
        kind: span.kind,
        end: (endTime, exit) => span.end(endTime, exit),
        attribute(key, value) {
          seen.attributes.set(key, value)
          span.attribute(key, value)
        },
        event(name, startTime, attributes) {
          seen.events.push({ name, attributes })
          span.event(name, startTime, attributes)
        },
        addLinks: (links) => span.addLinks(links)
      }
      return recorded
    }
  })
  return { spans, provide: Effect.withTracer(tracer) }
}
