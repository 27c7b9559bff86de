/**
 * The legacy `POST /v1/member-sessions/` (served January to March 2026; `member_session/service.py`
 * before PR #9986): the member among those the token reads (else `422 Member does not exist.`),
 * then the feature flags of its organization (else `403 NotPermitted` naming the missing ones).
 *
 * @internal
 */
import type { MemberSessionJson } from "../../../Emulator.js"
import type { Model } from "../../../Pydantic.js"
import * as RequestBodies from "../../../RequestBodies.js"
import type { Answer } from "../http.js"
import { json, polarError, polarValidation } from "../http.js"
import type { EndpointContext, Route } from "../route.js"
import { requiredText, textField, validateBody } from "../route.js"
import { legacyCustomerJson, memberJson, portalUrl, pythonDatetime } from "../wire.js"
import { SESSION_TTL_MILLIS } from "./customerSessions.js"

/** A validated `MemberSessionCreate`. */
interface Body {
  readonly memberId: string
  readonly returnUrl: string | null
}

const bodyOf = (model: Model): Body => ({
  memberId: requiredText(model, "member_id"),
  returnUrl: textField(model, "return_url")
})

const create = (context: EndpointContext, body: Body): Answer => {
  const { state } = context
  const member = state.member(body.memberId)
  if (member === undefined || !context.organizations.has(member.organizationId)) {
    return polarValidation(["body", "member_id"], "Member does not exist.", body.memberId)
  }
  const org = state.organization(member.organizationId)!
  const missing = [
    ...(org.memberModelEnabled ? [] : ["member_model_enabled"]),
    ...(org.seatBasedPricingEnabled ? [] : ["seat_based_pricing_enabled"])
  ]
  if (missing.length > 0) {
    return polarError(
      403,
      "NotPermitted",
      `Member sessions require ${missing.join(", ")} to be enabled for the organization. Use customer sessions instead.`
    )
  }
  const customer = state.customer(member.customerId)!
  const token = context.ids.token("polar_mst_")
  const id = context.ids.uuid4()
  const expiresAt = context.now + SESSION_TTL_MILLIS
  const session: MemberSessionJson = {
    created_at: pythonDatetime(context.now),
    modified_at: null,
    id,
    token,
    expires_at: pythonDatetime(expiresAt),
    return_url: body.returnUrl,
    member_portal_url: portalUrl(org, "member_session_token", token, member.email),
    member_id: member.id,
    member: memberJson(member),
    customer_id: customer.id,
    customer: legacyCustomerJson(customer)
  }
  state.addSession({ kind: "member", token, expiresAt, json: session })
  return json(201, session)
}

/** The route. */
export const createMemberSession: Route = {
  method: "POST",
  path: "/v1/member-sessions/",
  scopes: ["member_sessions:write", "web_write"],
  body: true,
  validate: (_params, body) =>
    validateBody(RequestBodies.memberSessionCreate, body, (model) => {
      const valid = bodyOf(model)
      return (context) => create(context, valid)
    })
}
