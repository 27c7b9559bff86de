/**
 * Member sessions: `MemberSessions.create` sends a member of a team customer into Polar's
 * customer portal.
 *
 * @since 0.1.0
 */
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { MemberSession } from "@effect-polar/core/MemberSession"
import * as MemberSessionCreate from "@effect-polar/core/MemberSessionCreate"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { CallOptions } from "./PolarClient.js"
import { bodyDecoder, PolarClient } from "./PolarClient.js"

/**
 * The request of `create`: the member (a UUID v4, any form pydantic accepts) and an optional
 * absolute `http(s)` URL the portal links back to.
 *
 * @since 0.1.0
 * @category Models
 */
export type CreateRequest = MemberSessionCreate.Input

/**
 * Per-call options of `create`; they override the layer's.
 *
 * @since 0.1.0
 * @category Models
 */
export type CreateOptions = CallOptions

/**
 * The path of the endpoint (the trailing slash is part of it).
 *
 * @since 0.1.0
 * @category Constants
 */
export const path = "/v1/member-sessions/"

const decodeSession = bodyDecoder(MemberSession)
const postRequest = HttpClientRequest.post(path)

/**
 * Creates a member session (`POST /v1/member-sessions/`, scope `member_sessions:write`).
 *
 * The input is validated first with the server's own rules: an invalid `memberId` or
 * `returnUrl` fails with `HTTPValidationError` (same `loc`, `type` and `msg` as Polar) and
 * nothing is sent. What is sent is the JSON that was validated, values as given (the server
 * normalises them itself). Retryable failures (429, 500, 502, 503, 504, transport errors,
 * timeouts) are retried by the layer's policy unless `options.retry` says otherwise. Runs in a
 * `MemberSessions.create` span (kind `client`) with the HTTP method, URL, status code, attempt
 * count and an event per failed attempt; its trace context is sent in `traceparent` and `b3`.
 *
 * Polar has no idempotency key: a create retried after a 5XX or a timeout may leave one extra,
 * unused session behind (it expires within the hour).
 *
 * @example
 * ```ts
 * import { MemberSessions } from "@effect-polar/client"
 * import { Effect, Redacted } from "effect"
 *
 * const program = MemberSessions.create({
 *   memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
 *   returnUrl: "https://example.com/account"
 * }).pipe(
 *   Effect.map((session) => Redacted.value(session.memberPortalUrl)),
 *   Effect.catchTag("HTTPValidationError", (error) => Effect.fail(`bad member: ${error.message}`))
 * )
 * ```
 *
 * @since 0.1.0
 * @category Operations
 */
export const create = (
  request: CreateRequest,
  options?: CreateOptions
): Effect.Effect<MemberSession, HTTPValidationError | SDKError, PolarClient> =>
  Effect.useSpan(
    "MemberSessions.create",
    // a stack trace per call costs more than the call's own code; the span name says where
    { kind: "client", captureStackTrace: false },
    (span) =>
      Effect.flatMap(PolarClient, (client) => {
        const json = MemberSessionCreate.toJson(request)
        return Either.match(MemberSessionCreate.validateWire(JSON.parse(json)), {
          onLeft: (detail) => Effect.fail(new HTTPValidationError({ detail })),
          onRight: () =>
            client.execute({
              request: HttpClientRequest.bodyText(postRequest, json, "application/json"),
              decoder: decodeSession,
              options,
              span
            })
        })
      })
  )
