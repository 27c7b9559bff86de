import { PolarClient } from "@effect-polar/client"
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { Effect, Layer, Redacted, Tracer } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../core/test/fixtures")

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

const bodyOf = (request: HttpClientRequest.HttpClientRequest): unknown =>
  request.body._tag === "Uint8Array" ? JSON.parse(new TextDecoder().decode(request.body.body)) : undefined

/**
 * A fake transport (HttpClient.make + HttpClientResponse.fromWeb), recording
 * every request it receives. `answers` are used in order; the last one repeats.
 */
export const fakeHttpClient = (
  answers: ReadonlyArray<(recorded: Recorded, request: HttpClientRequest.HttpClientRequest) => Answer>
) => {
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
export const fakePolar = (
  answers: ReadonlyArray<(recorded: Recorded, request: HttpClientRequest.HttpClientRequest) => Answer>,
  options: Partial<PolarClient.Options> = {}
) => {
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
export const legacyPolar = (
  answers: ReadonlyArray<(recorded: Recorded, request: HttpClientRequest.HttpClientRequest) => Answer>,
  options: Partial<PolarClient.Options> = {}
) => fakePolar(answers, { memberSessionsRoute: "legacy", ...options })

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
      new HttpClientError.RequestError({
        request,
        reason: "Transport",
        cause: new TypeError("fetch failed", { cause: new Error(message) })
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
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
}

/** A tracer recording every span's attributes and events, to provide around a call. */
export const recordSpans = () => {
  const spans: Array<SeenSpan> = []
  let ids = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, _startTime, kind) {
      const seen: SeenSpan = { name, attributes: new Map(), events: [] }
      spans.push(seen)
      const id = String(++ids)
      return {
        _tag: "Span",
        name,
        spanId: id,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime: 0n },
        attributes: seen.attributes,
        links,
        sampled: true,
        kind,
        end() {},
        attribute(key, value) {
          seen.attributes.set(key, value)
        },
        event(eventName, _time, attributes) {
          seen.events.push({ name: eventName, attributes })
        },
        addLinks() {}
      }
    },
    context: (f) => f()
  })
  return { spans, provide: Effect.withTracer(tracer) }
}
