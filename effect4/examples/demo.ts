/**
 * `bash scripts/effect4/run.sh demo` (the Effect 4 line's `pnpm demo`): creates a member session
 * and a customer session and prints them.
 *
 * With no POLAR_ACCESS_TOKEN it runs against the built-in Polar emulator (today's Polar: no
 * account, no network), both calls. With POLAR_ACCESS_TOKEN (and optionally POLAR_SERVER or
 * POLAR_SERVER_URL, POLAR_API_VERSION, POLAR_ORGANIZATION_ID, POLAR_RETURN_URL) it calls the real
 * API with what works there today: `CustomerSessions.create` for POLAR_CUSTOMER_ID (with
 * POLAR_MEMBER_ID, a member session of that member), else `MemberSessions.create` for
 * POLAR_MEMBER_ID. `--show-token` prints the portal URLs unmasked. Failures print the typed error's
 * message and exit non-zero.
 *
 *   bash scripts/effect4/run.sh demo [--show-token]   # from the repository root, on Node 22.19+
 */
import { CustomerSessions, MemberSessions, PolarClient } from "@effect-polar/client"
import type { CustomerSession } from "@effect-polar/core/CustomerSession"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { MemberSession } from "@effect-polar/core/MemberSession"
import type { SDKError } from "@effect-polar/core/SDKError"
import { PolarEmulator } from "@effect-polar/testing"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/** The demo's team customer and its member, in the emulator's demo data. */
const JANE = PolarEmulator.demoMembers[0]!
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"

/** The portal URL with the session token masked. */
export const maskPortalUrl = (url: string): string =>
  url.replace(
    /((?:member|customer)_session_token=)([^&]*)/,
    (_, key: string, token: string) => `${key}${token.slice(0, "polar_mst_".length + 4)}${"•".repeat(8)}`
  )

const portal = (url: Redacted.Redacted<string>, showToken: boolean): string =>
  showToken ? Redacted.value(url) : maskPortalUrl(Redacted.value(url))

/** What the demo prints for a member session. */
export const describeSession = (session: MemberSession, showToken: boolean): string =>
  [
    "Member session created (MemberSessions.create)",
    `  id          ${session.id}`,
    `  member      ${session.member.email} (${session.member.role})`,
    `  customer    ${session.customer.name ?? session.customer.email ?? session.customerId}`,
    `  expires at  ${session.expiresAt.toISOString()}`,
    `  portal URL  ${portal(session.memberPortalUrl, showToken)}`,
    ...(showToken ? [] : ["  (token masked; run with --show-token to print it)"])
  ].join("\n")

/** What the demo prints for a customer session. */
export const describeCustomerSession = (session: CustomerSession, showToken: boolean): string =>
  [
    `${session.isMemberSession ? "Member" : "Customer"} session created (CustomerSessions.create)`,
    `  id          ${session.id}`,
    `  customer    ${session.customer.name ?? session.customer.email ?? session.customerId} (${
      session.customer.type ?? "individual"
    })`,
    `  expires at  ${session.expiresAt.toISOString()}`,
    `  portal URL  ${portal(session.customerPortalUrl, showToken)}`,
    ...(showToken ? [] : ["  (token masked; run with --show-token to print it)"])
  ].join("\n")

/**
 * With no access token: the built-in emulator (today's Polar) served over HTTP on 127.0.0.1 for the
 * lifetime of the layer, and the real client pointed at it.
 */
export const EmulatedPolar: Layer.Layer<PolarClient.PolarClient, never, HttpClient.HttpClient> = Layer.unwrap(
  Effect.gen(function*() {
    const server = yield* PolarEmulatorServer.PolarEmulatorServer
    yield* Console.log(
      `No POLAR_ACCESS_TOKEN: started the built-in Polar emulator (today's Polar) on ${server.url} ` +
        "(no account, no network)."
    )
    return PolarClient.layer({ accessToken: Redacted.make("polar_oat_demo"), serverURL: server.url })
  })
).pipe(Layer.provide(PolarEmulatorServer.layer()))

/** One session or the other, as the demo made it. */
export type Made =
  | { readonly _tag: "Member"; readonly session: MemberSession }
  | { readonly _tag: "Customer"; readonly session: CustomerSession }

const describeMade = (made: Made, showToken: boolean): string =>
  made._tag === "Member" ? describeSession(made.session, showToken) : describeCustomerSession(made.session, showToken)

interface Ids {
  readonly customerId: Option.Option<string>
  readonly memberId: Option.Option<string>
}

/** Against the emulator: both calls, for the demo's team member unless the ids say otherwise. */
const emulated = (ids: Ids, returnUrl: string) => {
  const memberId = Option.getOrElse(ids.memberId, () => JANE.id)
  const customerId = Option.getOrElse(ids.customerId, () => ACME)
  return Effect.all([
    Effect.map(MemberSessions.create({ memberId, returnUrl }), (session): Made => ({ _tag: "Member", session })),
    Effect.map(
      CustomerSessions.create({ customerId, memberId, returnUrl }),
      (session): Made => ({ _tag: "Customer", session })
    )
  ])
}

/** Against Polar: the call for the ids given. */
const real = (
  { customerId, memberId }: Ids,
  returnUrl: string
): Effect.Effect<ReadonlyArray<Made>, HTTPValidationError | SDKError, PolarClient.PolarClient> => {
  if (Option.isSome(customerId)) {
    return Effect.map(
      CustomerSessions.create({ customerId: customerId.value, memberId: Option.getOrUndefined(memberId), returnUrl }),
      (session): ReadonlyArray<Made> => [{ _tag: "Customer", session }]
    )
  }
  if (Option.isSome(memberId)) {
    return Effect.map(
      MemberSessions.create({ memberId: memberId.value, returnUrl }),
      (session): ReadonlyArray<Made> => [{ _tag: "Member", session }]
    )
  }
  // a missing setting is a defect (Effect 4 has no `Effect.dieMessage`: an `Error` says why)
  return Effect.die(
    new Error(
      "POLAR_ACCESS_TOKEN is set but no customer or member: set POLAR_CUSTOMER_ID (a session for that " +
        "customer; with POLAR_MEMBER_ID, for that member of it) or POLAR_MEMBER_ID alone"
    )
  )
}

/** The demo as an Effect: picks the real API or the emulator, creates the sessions, prints them. */
export const demo = (showToken: boolean) =>
  Effect.gen(function*() {
    const token = yield* Config.option(Config.Redacted("POLAR_ACCESS_TOKEN"))
    const returnUrl = yield* Config.String("POLAR_RETURN_URL").pipe(Config.withDefault("https://example.com/account"))
    const ids: Ids = {
      customerId: yield* Config.option(Config.String("POLAR_CUSTOMER_ID")),
      memberId: yield* Config.option(Config.String("POLAR_MEMBER_ID"))
    }
    if (Option.isSome(token)) yield* Console.log("POLAR_ACCESS_TOKEN is set: calling the real Polar API.")
    const made: ReadonlyArray<Made> = yield* (Option.isSome(token)
      ? real(ids, returnUrl).pipe(Effect.provide(PolarClient.layerConfig()))
      : emulated(ids, returnUrl).pipe(Effect.provide(EmulatedPolar)))
      .pipe(Effect.provide(NodeHttpClient.layerUndici))
    for (const each of made) yield* Console.log(describeMade(each, showToken))
    return made
  }).pipe(
    Effect.catchTags({
      HTTPValidationError: (error) => Effect.andThen(Console.error(error.message), Effect.fail(error)),
      SDKError: (error) => Effect.andThen(Console.error(error.message), Effect.fail(error))
    })
  )

if (import.meta.url === `file://${process.argv[1]}`) {
  demo(process.argv.includes("--show-token")).pipe(
    Effect.catchCause((cause) =>
      Effect.sync(() => {
        // typed errors were printed above; a defect (a missing setting) says why here
        for (const reason of cause.reasons) {
          if (Cause.isDieReason(reason)) {
            console.error(String(reason.defect instanceof Error ? reason.defect.message : reason.defect))
          }
        }
        process.exit(1)
      })
    ),
    NodeRuntime.runMain({ disableErrorReporting: true })
  )
}
