/** Bundle size (c): the baseline program plus one call of this client; the increment is this minus baseline. */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { ACCESS_TOKEN, MEMBER_ID, RETURN_URL, SERVER_URL } from "../constants.js"
import { baselineProgram } from "./baseline-program.js"

const PolarLive = PolarClient.layer({ accessToken: Redacted.make(ACCESS_TOKEN), serverURL: SERVER_URL })

export const result = await Effect.gen(function*() {
  const todo = yield* baselineProgram
  const session = yield* MemberSessions.create({ memberId: MEMBER_ID, returnUrl: RETURN_URL })
  return [todo, Redacted.value(session.memberPortalUrl)] as const
}).pipe(
  Effect.provide(Layer.provideMerge(PolarLive, FetchHttpClient.layer)),
  Effect.runPromise
)
