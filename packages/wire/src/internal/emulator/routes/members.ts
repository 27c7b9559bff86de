/**
 * Reading a member (`member/endpoints.py`): `GET /v1/customers/{id}/members/{member_id}` (public)
 * and the deprecated `GET /v1/members/{id}`. Both read members of the organizations the token
 * reaches; anything else is `404 ResourceNotFound "Member not found"`.
 *
 * @internal
 */
import type { Answer } from "../http.js"
import { json, polarError } from "../http.js"
import type { EndpointContext, Param, Route, Validated } from "../route.js"
import { uuid4Param, uuidParam } from "../route.js"
import type { Member } from "../state.js"
import { memberJson } from "../wire.js"

const SCOPES = ["members:read", "members:write"]

const notFound = (): Answer => polarError(404, "ResourceNotFound", "Member not found")

/** `member_service.get`: a member of an organization the request reads. */
const readable = (context: EndpointContext, id: string): Member | undefined => {
  const member = context.state.member(id)
  return member !== undefined && context.organizations.has(member.organizationId) ? member : undefined
}

/** FastAPI's path-parameter validation: every parameter's errors, in order, or all the values. */
const validateParams = (
  params: ReadonlyArray<Param>,
  endpoint: (values: ReadonlyArray<string>) => (context: EndpointContext) => Answer
): Validated => {
  const errors = params.flatMap((param) => param._tag === "Invalid" ? param.errors : [])
  if (errors.length > 0) return { _tag: "Invalid", errors }
  return { _tag: "Valid", endpoint: endpoint(params.map((param) => param._tag === "Valid" ? param.value : "")) }
}

/** `GET /v1/members/{id}` (`id: UUID`). */
export const getMember: Route = {
  method: "GET",
  path: "/v1/members/{id}",
  scopes: SCOPES,
  body: false,
  validate: (params) =>
    validateParams([uuidParam("id", params.id ?? "")], ([id]) => (context) => {
      const member = readable(context, id!)
      return member === undefined ? notFound() : json(200, memberJson(member))
    })
}

/** `GET /v1/customers/{id}/members/{member_id}` (`id: UUID4`, `member_id: UUID`). */
export const getCustomerMember: Route = {
  method: "GET",
  path: "/v1/customers/{id}/members/{member_id}",
  scopes: SCOPES,
  body: false,
  validate: (params) =>
    validateParams(
      [uuid4Param("id", params.id ?? ""), uuidParam("member_id", params.member_id ?? "")],
      ([customerId, memberId]) => (context) => {
        // member_service.get_for_customer: the member, if it belongs to that customer
        const member = readable(context, memberId!)
        return member === undefined || member.customerId !== customerId ? notFound() : json(200, memberJson(member))
      }
    )
}
