/**
 * Creates a member session with the layer read from the environment (Effect 4 line):
 *
 *   cd effect4 && POLAR_ACCESS_TOKEN=polar_oat_... POLAR_SERVER=sandbox POLAR_MEMBER_ID=<uuid> \
 *     pnpm --filter @effect-polar/examples-effect4 exec tsx --conditions=@effect-polar/source create-member-session.ts
 */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/** The program: read the member from config, create a session, answer the portal URL. */
export const program = Effect.gen(function*() {
  const memberId = yield* Config.String("POLAR_MEMBER_ID")
  const returnUrl = yield* Config.String("POLAR_RETURN_URL").pipe(Config.withDefault(null))
  const session = yield* MemberSessions.create({ memberId, returnUrl })
  yield* Console.log(`Created member session ${session.id} for ${session.member.email}`)
  yield* Console.log(`It expires at ${session.expiresAt.toISOString()}`)
  return Redacted.value(session.memberPortalUrl)
})

/** The production wiring: POLAR_ACCESS_TOKEN / POLAR_SERVER / POLAR_SERVER_URL, over undici. */
export const PolarLive = PolarClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))

/**
 * The program with its failures reported by tag, as an application would; they stay failures, so
 * the process exits non-zero.
 */
export const handled = program.pipe(
  Effect.tapErrorTag(
    "HTTPValidationError",
    (error) =>
      Console.error(`Polar refused the member: ${error.detail.map((d) => `${d.loc.join(".")} ${d.type}`).join(", ")}`)
  ),
  Effect.tapErrorTag("SDKError", (error) =>
    Console.error(
      error.statusCode === 401 ? `Check POLAR_ACCESS_TOKEN: ${error.message}` : `Polar call failed: ${error.message}`
    ))
)

if (import.meta.url === `file://${process.argv[1]}`) {
  handled.pipe(Effect.provide(PolarLive), NodeRuntime.runMain)
}
