/**
 * Member sessions: `MemberSessions.create` sends a member of a customer into Polar's customer
 * portal, on today's Polar and on a server of the legacy generation alike.
 *
 * @since 1.0.0
 */
import * as CustomerSession from "@effect-polar/core/CustomerSession"
import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { ValidationError } from "@effect-polar/core/HTTPValidationError"
import type { Member } from "@effect-polar/core/Member"
import * as MemberSession from "@effect-polar/core/MemberSession"
import * as MemberSessionCreate from "@effect-polar/core/MemberSessionCreate"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Messages from "@effect-polar/wire/Messages"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import * as Errors from "./internal/errors.js"
import * as MemberLookup from "./internal/memberLookup.js"
import * as Operation from "./internal/operation.js"
import type { CallOptions, PolarClient, Service } from "./PolarClient.js"

/**
 * The request of `create`: the member (a UUID v4, any form pydantic accepts), an optional absolute
 * `http(s)` URL the portal links back to, and optionally the member's customer: on today's Polar it
 * lets the member be looked up under its customer (`GET /v1/customers/{id}/members/{member_id}`)
 * instead of by id alone.
 *
 * @since 1.0.0
 * @category Models
 */
export interface CreateRequest extends MemberSessionCreate.Input {
  readonly customerId?: string | undefined
}

/**
 * Per-call options of `create`; they override the layer's.
 *
 * @since 1.0.0
 * @category Models
 */
export type CreateOptions = CallOptions

/**
 * The path of the legacy endpoint (the trailing slash is part of it).
 *
 * @since 1.0.0
 * @category Constants
 */
export const path = "/v1/member-sessions/"

const customerSessionsPath = "/v1/customer-sessions/"

interface Valid {
  /** The legacy body's JSON text, values as given. */
  readonly json: string
  readonly memberId: string
  readonly customerId: string | undefined
}

const failures = <E>(result: Result.Result<unknown, ReadonlyArray<E>>): ReadonlyArray<E> =>
  Result.isFailure(result) ? result.failure : []

/**
 * The request validated with the server's rules: the legacy body as the legacy endpoint validated
 * it (so the errors are the same on both routes), and the customer id as a `customer_id` is.
 */
const validate = (request: CreateRequest): Result.Result<Valid, HTTPValidationError> => {
  const json = MemberSessionCreate.toJson(request)
  const body = MemberSessionCreate.validateWire(JSON.parse(json))
  const customer = request.customerId === undefined
    ? Result.succeed(undefined)
    : CustomerSessionCreate.validateCustomerId(request.customerId)
  if (Result.isSuccess(body) && Result.isSuccess(customer)) {
    return Result.succeed({ json, memberId: body.success.memberId, customerId: customer.success })
  }
  const detail: ReadonlyArray<ValidationError> = [...failures(body), ...failures(customer)]
  return Result.fail(new HTTPValidationError({ detail }))
}

const legacy = (client: Service, span: Tracer.Span, valid: Valid, options: CallOptions | undefined) =>
  Operation.post(client, span, path, valid.json, MemberSession.decodeUnknownResult, options)

/** Today's answer made the session the legacy endpoint answered: the member is the one looked up. */
const memberSessionOf =
  (member: Member) => (json: unknown): Result.Result<MemberSession.MemberSession, Schema.SchemaError> =>
    Result.flatMap(CustomerSession.decodeUnknownResult(json), (session) =>
      session.isMemberSession
        ? Result.succeed(
          new MemberSession.MemberSession({
            createdAt: session.createdAt,
            modifiedAt: session.modifiedAt,
            id: session.id,
            token: session.token,
            expiresAt: session.expiresAt,
            returnUrl: session.returnUrl,
            memberPortalUrl: session.customerPortalUrl,
            memberId: member.id,
            member,
            customerId: session.customerId,
            customer: session.customer
          }, { disableChecks: true })
        )
        // a customer session where a member session was asked for: the body does not answer the request
        : Result.fail(Errors.bodyProblem(json, Messages.NOT_A_MEMBER_SESSION)))

/** Today's Polar: the member looked up, then its session created with `POST /v1/customer-sessions/`. */
const live = (
  client: Service,
  span: Tracer.Span,
  request: CreateRequest,
  valid: Valid,
  options: CallOptions | undefined
) =>
  Effect.flatMap(
    MemberLookup.lookup(client, span, valid.memberId, valid.customerId, options),
    (member) =>
      Operation.post(
        client,
        span,
        customerSessionsPath,
        CustomerSessionCreate.toJson({
          customerId: member.customerId,
          memberId: member.id,
          returnUrl: request.returnUrl
        }),
        memberSessionOf(member),
        options
      )
  )

/**
 * Whether an answer from `/v1/member-sessions/` shows the endpoint exists: Polar's application
 * answered (a 2XX, a 422, a 4XX other than 404, 408 and 429). A 404, a 5XX, a rate limit, a
 * timeout or a transport failure tells nothing.
 */
const showsLegacy = (error: HTTPValidationError | SDKError): boolean =>
  error._tag === "HTTPValidationError" ||
  (error.reason === "StatusCode" && error.statusCode !== undefined && error.statusCode >= 400 &&
    error.statusCode < 500 && error.statusCode !== 404 && error.statusCode !== 408 && error.statusCode !== 429)

/**
 * An `"auto"` client's first call: the legacy endpoint, whose answer decides the route. A 404 for
 * that path (nothing was created) switches the client to today's route for the rest of its life,
 * and the session is created there.
 */
const probe = (
  client: Service,
  span: Tracer.Span,
  request: CreateRequest,
  valid: Valid,
  options: CallOptions | undefined
) => {
  const routing = client.memberSessionsRouting
  return legacy(client, span, valid, options).pipe(
    Effect.tap(() => Effect.sync(() => routing.decide("legacy"))),
    Effect.catch((error) => {
      if (Errors.isRouteNotFound(error)) {
        routing.decide("customer-sessions")
        return live(client, span, request, valid, options)
      }
      if (showsLegacy(error)) routing.decide("legacy")
      return Effect.fail(error)
    })
  )
}

const routed = (
  client: Service,
  span: Tracer.Span,
  request: CreateRequest,
  valid: Valid,
  options: CallOptions | undefined
): Effect.Effect<MemberSession.MemberSession, HTTPValidationError | SDKError> => {
  const routing = client.memberSessionsRouting
  switch (routing.current()) {
    case "legacy":
      return legacy(client, span, valid, options)
    case "customer-sessions":
      return live(client, span, request, valid, options)
    case undefined:
      // one probe at a time: a call that waited finds the route decided
      return routing.probing(Effect.suspend(() =>
        routing.current() === undefined
          ? probe(client, span, request, valid, options)
          : routed(client, span, request, valid, options)
      ))
  }
}

/**
 * Creates a member session: a token that logs one member of a customer into Polar's customer
 * portal, answered as the legacy endpoint answered it (`MemberSession`, with the member).
 *
 * On today's Polar (since 2026-03-03) the member is looked up (`GET /v1/members/{id}`, or
 * `GET /v1/customers/{customerId}/members/{memberId}` when `customerId` is given; scope
 * `members:read`), then the session created with `POST /v1/customer-sessions/` and `member_id`
 * (scope `customer_sessions:write`); `memberPortalUrl` is the portal URL Polar returned. On a
 * legacy server it is `POST /v1/member-sessions/` (scope `member_sessions:write`). Which one: see
 * the layer's `memberSessionsRoute` (by default Polar's own servers are known, any other server is
 * asked once). Errors are the same on both: an unknown member is an `HTTPValidationError` at
 * `["body", "member_id"]`, `Member does not exist.`; a token without the scope is an `SDKError` 403
 * naming it; an organization without the member model is an `SDKError` `Decode`.
 *
 * The input is validated first with the server's own rules: an invalid `memberId`, `returnUrl` or
 * `customerId` fails with `HTTPValidationError` (same `loc`, `type` and `msg` as Polar) and nothing
 * is sent. Retryable failures (429, 500, 502, 503, 504, transport errors, timeouts) are retried by
 * the layer's policy unless `options.retry` says otherwise. Everything runs in one
 * `MemberSessions.create` span (kind `client`), every request and failed attempt an event on it.
 *
 * Polar has no idempotency key: a create retried after a 5XX or a timeout may leave one extra,
 * unused session behind (it expires within the hour).
 *
 * @example
 * ```ts
 * import { MemberSessions } from "@effect-polar/client"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
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
 * @since 1.0.0
 * @category Operations
 */
export const create = (
  request: CreateRequest,
  options?: CreateOptions
): Effect.Effect<MemberSession.MemberSession, HTTPValidationError | SDKError, PolarClient> =>
  Operation.operation("MemberSessions.create", (client, span) =>
    Result.match(validate(request), {
      onFailure: Effect.fail,
      onSuccess: (valid) => routed(client, span, request, valid, options)
    }))
