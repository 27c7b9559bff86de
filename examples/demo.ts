/**
 * `pnpm demo`: creates a member session and prints it.
 *
 * With no POLAR_ACCESS_TOKEN it runs against the built-in Polar emulator (no account, no
 * network). With POLAR_ACCESS_TOKEN (and optionally POLAR_SERVER or POLAR_SERVER_URL,
 * POLAR_MEMBER_ID, POLAR_RETURN_URL) it calls the real API. `--show-token` prints the portal URL
 * unmasked. Failures print the typed error's message and exit non-zero.
 */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import type { MemberSession } from "@effect-polar/core/MemberSession"
import { PolarEmulator } from "@effect-polar/testing"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import type { HttpClient } from "@effect/platform"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Config, Console, Effect, Layer, Option, Redacted } from "effect"

/** The portal URL with the session token masked. */
export const maskPortalUrl = (url: string): string =>
  url.replace(
    /(member_session_token=)([^&]*)/,
    (_, key: string, token: string) => `${key}${token.slice(0, "polar_mst_".length + 4)}${"•".repeat(8)}`
  )

/** What the demo prints for a session. */
export const describeSession = (session: MemberSession, showToken: boolean): string => {
  const url = Redacted.value(session.memberPortalUrl)
  return [
    "Member session created",
    `  id          ${session.id}`,
    `  member      ${session.member.email} (${session.member.role})`,
    `  customer    ${session.customer.name ?? session.customer.email}`,
    `  expires at  ${session.expiresAt.toISOString()}`,
    `  portal URL  ${showToken ? url : maskPortalUrl(url)}`,
    ...(showToken ? [] : ["  (token masked; run with --show-token to print it)"])
  ].join("\n")
}

/**
 * With no access token: the built-in emulator served over HTTP on 127.0.0.1 (for the lifetime of
 * the layer), and the real client pointed at it.
 */
export const EmulatedPolar: Layer.Layer<PolarClient.PolarClient, never, HttpClient.HttpClient> = Layer.unwrapEffect(
  Effect.gen(function*() {
    const server = yield* PolarEmulatorServer.PolarEmulatorServer
    yield* Console.log(
      `No POLAR_ACCESS_TOKEN: started the built-in Polar emulator on ${server.url} (no account, no network).`
    )
    return PolarClient.layer({ accessToken: Redacted.make("polar_oat_demo"), serverURL: server.url })
  })
).pipe(Layer.provide(PolarEmulatorServer.layer()))

/** The demo as an Effect: picks the real API or the emulator, creates one session, prints it. */
export const demo = (showToken: boolean) =>
  Effect.gen(function*() {
    const token = yield* Config.option(Config.redacted("POLAR_ACCESS_TOKEN"))
    const memberId = yield* Config.string("POLAR_MEMBER_ID").pipe(
      Config.withDefault(PolarEmulator.demoMembers[0]!.id)
    )
    const returnUrl = yield* Config.string("POLAR_RETURN_URL").pipe(Config.withDefault("https://example.com/account"))
    if (Option.isSome(token)) yield* Console.log("POLAR_ACCESS_TOKEN is set: calling the real Polar API.")
    const layer = Option.isSome(token) ? PolarClient.layerConfig() : EmulatedPolar
    const session = yield* MemberSessions.create({ memberId, returnUrl }).pipe(
      Effect.provide(layer.pipe(Layer.provide(NodeHttpClient.layerUndici)))
    )
    yield* Console.log(describeSession(session, showToken))
    return session
  }).pipe(
    Effect.catchTags({
      HTTPValidationError: (error) => Effect.zipRight(Console.error(error.message), Effect.fail(error)),
      SDKError: (error) => Effect.zipRight(Console.error(error.message), Effect.fail(error))
    })
  )

if (import.meta.url === `file://${process.argv[1]}`) {
  demo(process.argv.includes("--show-token")).pipe(
    Effect.catchAll(() => Effect.sync(() => process.exit(1))),
    NodeRuntime.runMain({ disableErrorReporting: true })
  )
}
