/**
 * `POST /v1/customer-sessions/` as Polar serves it today (`customer_session/service.py`): the
 * customer by id or external id among the organizations the token reads; with the member model
 * on, a member session (`polar_mst_`) for the member named, or an individual customer's owner
 * (created on first use); otherwise a customer session (`polar_cst_`).
 *
 * @internal
 */
import type { CustomerSessionJson } from "../../../Emulator.js"
import type { Model } from "../../../Pydantic.js"
import * as RequestBodies from "../../../RequestBodies.js"
import type { Answer } from "../http.js"
import { json, polarError, polarValidation } from "../http.js"
import type { EndpointContext, Route } from "../route.js"
import { requiredText, textField, validateBody } from "../route.js"
import type { Customer, Member, Organization } from "../state.js"
import { customerJson, portalUrl, pythonDatetime } from "../wire.js"

/** `settings.CUSTOMER_SESSION_TTL`: both kinds of session last one hour. */
export const SESSION_TTL_MILLIS = 3_600_000

/** A validated body: the customer by one key, the member by id or external id, the return URL. */
interface Body {
  readonly customer:
    | { readonly _tag: "Id"; readonly customerId: string }
    | { readonly _tag: "External"; readonly externalCustomerId: string }
  readonly memberId: string | null
  readonly externalMemberId: string | null
  readonly returnUrl: string | null
}

/** The body of the model the union chose (`model_dump` keys). */
const bodyOf = (model: Model): Body => ({
  customer: model.title === RequestBodies.CUSTOMER_ID_CREATE
    ? { _tag: "Id", customerId: requiredText(model, "customer_id") }
    : { _tag: "External", externalCustomerId: requiredText(model, "external_customer_id") },
  memberId: textField(model, "member_id"),
  externalMemberId: textField(model, "external_member_id"),
  returnUrl: textField(model, "return_url")
})

const AMBIGUOUS = "Several customers across your organizations share this external customer ID. " +
  "Use an organization-scoped token, the Polar customer ID, or a unique external ID to disambiguate."

/** `_get_customer`: the customer, `422 Customer does not exist.`, or `409` for a shared external id. */
const findCustomer = (
  context: EndpointContext,
  body: Body
): Customer | Answer => {
  const readable = (customer: Customer | undefined): customer is Customer =>
    customer !== undefined && context.organizations.has(customer.organizationId)
  const key = body.customer
  if (key._tag === "Id") {
    const customer = context.state.customer(key.customerId)
    return readable(customer)
      ? customer
      : polarValidation(["body", "customer_id"], "Customer does not exist.", key.customerId)
  }
  const matches = context.state.customers().filter((customer) =>
    customer.externalId === key.externalCustomerId && readable(customer)
  )
  if (matches.length > 1) return polarError(409, "AmbiguousExternalCustomerID", AMBIGUOUS)
  return matches[0] ??
    polarValidation(["body", "external_customer_id"], "Customer does not exist.", key.externalCustomerId)
}

/** `_resolve_member`: the member the body names, or an individual customer's owner. */
const resolveMember = (
  context: EndpointContext,
  customer: Customer,
  body: Body
): Member | Answer => {
  const { state } = context
  if (body.memberId !== null) {
    const member = state.member(body.memberId)
    return member !== undefined && member.customerId === customer.id
      ? member
      : polarValidation(["body", "member_id"], "Member does not exist for this customer.", body.memberId)
  }
  if (body.externalMemberId !== null) {
    const member = state.members().find((m) => m.customerId === customer.id && m.externalId === body.externalMemberId)
    return member ??
      polarValidation(["body", "external_member_id"], "Member does not exist for this customer.", body.externalMemberId)
  }
  if ((customer.type ?? "individual") === "team") {
    return polarValidation(["body", "member_id"], "member_id is required for team customers.", null)
  }
  const owner = state.ownerOf(customer.id)
  if (owner !== undefined) return owner
  // member_service.create_owner_member
  if (customer.email === null) {
    return polarValidation(["body", "email"], "An email is required to create an owner member.", null)
  }
  return state.createOwner(customer, customer.email.trim())
}

const isAnswer = (value: Customer | Member | Answer): value is Answer => "status" in value

const create = (context: EndpointContext, body: Body): Answer => {
  const customer = findCustomer(context, body)
  if (isAnswer(customer)) return customer
  const org: Organization = context.state.organization(customer.organizationId)!
  let member: Member | undefined
  if (org.memberModelEnabled) {
    const resolved = resolveMember(context, customer, body)
    if (isAnswer(resolved)) return resolved
    member = resolved
  }
  const kind = member === undefined ? "customer" : "member"
  const token = context.ids.token(member === undefined ? "polar_cst_" : "polar_mst_")
  const id = context.ids.uuid4()
  const expiresAt = context.now + SESSION_TTL_MILLIS
  const session: CustomerSessionJson = {
    created_at: pythonDatetime(context.now),
    modified_at: null,
    id,
    token,
    expires_at: pythonDatetime(expiresAt),
    return_url: body.returnUrl,
    customer_portal_url: portalUrl(org, "customer_session_token", token, member?.email ?? customer.email),
    customer_id: customer.id,
    customer: customerJson(customer, context.state.ownerOf(customer.id))
  }
  context.state.addSession({ kind, token, expiresAt, json: session })
  return json(201, session)
}

/** The route. */
export const createCustomerSession: Route = {
  method: "POST",
  path: "/v1/customer-sessions/",
  scopes: ["customer_sessions:write"],
  body: true,
  validate: (_params, body) =>
    validateBody(RequestBodies.customerSessionCreate, body, (model) => {
      const valid = bodyOf(model)
      return (context) => create(context, valid)
    })
}
