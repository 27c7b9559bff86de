/** Bundle size (b): this client over FetchHttpClient, one call. */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { ACCESS_TOKEN, MEMBER_ID, RETURN_URL, SERVER_URL } from "../constants.js"

const PolarLive = PolarClient.layer({ accessToken: Redacted.make(ACCESS_TOKEN), serverURL: SERVER_URL }).pipe(
  Layer.provide(FetchHttpClient.layer)
)

export const result = await MemberSessions.create({ memberId: MEMBER_ID, returnUrl: RETURN_URL }).pipe(
  Effect.map((session) => Redacted.value(session.memberPortalUrl)),
  Effect.provide(PolarLive),
  Effect.runPromise
)
