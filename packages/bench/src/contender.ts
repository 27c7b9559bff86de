/**
 * What a contender is, for the worker, and the request every contender sends. It imports only
 * `constants.ts` (no npm package): the Effect 4 line's contenders (`effect4/bench/src/contenders.ts`,
 * type-checked in that workspace) use it too.
 */
import { ACCESS_TOKEN, CUSTOMER_ID, MEMBER_ID, RETURN_URL } from "./constants.js"

export interface Contender {
  /** One create call; answers the portal URL, read from the decoded response. */
  readonly call: () => Promise<string>
  /** What the portal URL of every answer starts with (the worker checks the first). */
  readonly expected: string
  readonly close: () => Promise<void>
}

/**
 * Makes the contender `name`, talking to the bench server at `serverURL`. `src/worker.ts` imports
 * one from `./contenders.js`: this package's (the Effect 3 line), or, in the Effect 4 line's worker
 * bundle, `effect4/bench/src/contenders.ts` (see `src/build.ts`).
 */
export type MakeContender = (name: string, serverURL: string) => Promise<Contender>

/** The legacy endpoint's portal URL (`member_portal_url`). */
export const legacyPortal = "https://polar.sh/acme-inc/portal?member_session_token="
/** Today's portal URL (`customer_portal_url`, also `MemberSessions.create`'s `memberPortalUrl` on today's route). */
export const todayPortal = "https://polar.sh/acme-inc/portal?customer_session_token="

/** The headers of every request (the bearer token, a JSON body, a JSON answer). */
export const headers = {
  "authorization": `Bearer ${ACCESS_TOKEN}`,
  "content-type": "application/json",
  "accept": "application/json"
}

/** The legacy request: the fixtures' member, the return URL. */
export const requestBody = (): string => JSON.stringify({ member_id: MEMBER_ID, return_url: RETURN_URL })
/** Today's request: the fixture's customer, its member, the return URL. */
export const todayRequestBody = (): string =>
  JSON.stringify({ customer_id: CUSTOMER_ID, member_id: MEMBER_ID, return_url: RETURN_URL })

/** What the raw contenders and the floors read of today's answer. */
export interface RawCustomerSession {
  readonly customer_portal_url: string
}
