/**
 * The member lookup `MemberSessions.create` makes on today's Polar, which creates member sessions
 * through `POST /v1/customer-sessions/` and does not answer the member back.
 *
 * @internal
 */
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import * as Member from "@effect-polar/core/Member"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Messages from "@effect-polar/wire/Messages"
import * as Effect from "effect/Effect"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as Tracer from "effect/Tracer"
import type { CallOptions, Service } from "../PolarClient.js"
import * as Errors from "./errors.js"

/**
 * The path of the lookup: `GET /v1/customers/{customer_id}/members/{member_id}` when the customer is
 * known, else the older `GET /v1/members/{id}` (both take canonical UUIDs, safe in a path).
 *
 * @internal
 */
export const path = (memberId: string, customerId: string | undefined): string =>
  customerId === undefined ? `/v1/members/${memberId}` : `/v1/customers/${customerId}/members/${memberId}`

/**
 * Looks up a member (scope `members:read`). A member Polar does not find for this token fails as the
 * legacy endpoint did: `HTTPValidationError` at `["body", "member_id"]`, `Member does not exist.`
 *
 * @internal
 */
export const lookup = (
  client: Service,
  span: Tracer.Span,
  memberId: string,
  customerId: string | undefined,
  options: CallOptions | undefined
): Effect.Effect<Member.Member, HTTPValidationError | SDKError> =>
  client.execute({
    request: HttpClientRequest.get(path(memberId, customerId)),
    decode: Member.decodeUnknownResult,
    options,
    span,
    hints: { 403: Messages.MEMBER_LOOKUP_SCOPE_HINT }
  }).pipe(Effect.catchIf(Errors.isResourceNotFound, () => Effect.fail(Errors.memberDoesNotExist(memberId))))
