/** Bundle size (a): the SDK's standalone function `memberSessionsCreate` with `PolarCore`. */
import { PolarCore } from "@polar-sh/sdk/core.js"
import { memberSessionsCreate } from "@polar-sh/sdk/funcs/memberSessionsCreate.js"
import { ACCESS_TOKEN, MEMBER_ID, RETURN_URL, SERVER_URL } from "../constants.js"

const polar = new PolarCore({ accessToken: ACCESS_TOKEN, serverURL: SERVER_URL })
const result = await memberSessionsCreate(polar, { memberId: MEMBER_ID, returnUrl: RETURN_URL })
if (!result.ok) throw result.error
export const portalUrl = result.value.memberPortalUrl
