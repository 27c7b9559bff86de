/**
 * Testing your own service by swapping layers (Effect 4 line).
 *
 * `Portal` is an application service that depends on `PolarClient`. Its layer takes the client
 * from the context once, when it is built, so `linkFor` needs nothing more: the same
 * `Portal.layer` runs in production on `PolarLive` and in tests on `PolarClientTest.layer`,
 * where requests go through the real client into an in-process emulator seeded with the
 * members the test needs:
 *
 * ```ts
 * import { PolarClientTest } from "@effect-polar/testing"
 * import { assert, it } from "@effect/vitest"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const PortalTest = Portal.layer.pipe(
 *   Layer.provide(PolarClientTest.layer({ members: [{ id: "3b9e5f1a-...", email: "jane@acme.example" }] }))
 * )
 *
 * it.effect("links a member to the portal", () =>
 *   Effect.gen(function*() {
 *     const portal = yield* Portal
 *     const url = yield* portal.linkFor("3b9e5f1a-...")
 *     assert.match(url, /^https:\/\/polar\.sh\/acme-inc\/portal\?customer_session_token=polar_mst_/)
 *   }).pipe(Effect.provide(PortalTest)))
 * ```
 *
 * Run it (against the emulator):
 *
 *   cd effect4 && pnpm --filter @effect-polar/examples-effect4 exec \
 *     tsx --conditions=@effect-polar/source testing-with-layers.ts
 */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { maskPortalUrl } from "./demo.js"

/** Where the portal's "back" link sends members. */
export const returnUrl = "https://app.example/account"

/**
 * The application's own error: callers of `Portal` never see Polar's error types.
 *
 * - `MemberNotFound`: Polar refused the member (unknown, or not a valid id).
 * - `PortalUnavailable`: Polar could not be reached or failed (`retryable` says whether trying
 *   again later may help).
 */
export class PortalError extends Schema.TaggedError<PortalError>()("PortalError", {
  reason: Schema.Literals(["MemberNotFound", "PortalUnavailable"]),
  memberId: Schema.String,
  retryable: Schema.Boolean,
  /** For logs: what Polar (or the client) said. */
  detail: Schema.String
}) {
  override get message(): string {
    return `Portal link for member ${this.memberId}: ${this.reason} (${this.detail})`
  }
}

/** The application service: the customer portal link of a member. */
export class Portal extends Context.Service<Portal, {
  readonly linkFor: (memberId: string) => Effect.Effect<string, PortalError>
}>()("Portal") {
  /** Needs a `PolarClient`; provide `PolarLive` in production, `PolarClientTest.layer` in tests. */
  static readonly layer: Layer.Layer<Portal, never, PolarClient.PolarClient> = Layer.effect(
    Portal,
    Effect.gen(function*() {
      const polar = yield* PolarClient.PolarClient
      return Portal.of({
        linkFor: (memberId) =>
          MemberSessions.create({ memberId, returnUrl }).pipe(
            Effect.map((session) => Redacted.value(session.memberPortalUrl)),
            Effect.catchTags({
              HTTPValidationError: (error) =>
                Effect.fail(
                  new PortalError({
                    reason: "MemberNotFound",
                    memberId,
                    retryable: false,
                    detail: error.detail.map((d) => `${d.loc.join(".")}: ${d.msg} (${d.type})`).join("; ")
                  })
                ),
              SDKError: (error) =>
                Effect.fail(
                  new PortalError({
                    reason: "PortalUnavailable",
                    memberId,
                    retryable: error.isRetryable,
                    detail: error.message
                  })
                )
            }),
            Effect.provideService(PolarClient.PolarClient, polar),
            Effect.withSpan("Portal.linkFor")
          )
      })
    })
  )
}

/** Production: the client configured from `POLAR_ACCESS_TOKEN` / `POLAR_SERVER`, over undici. */
export const PolarLive = PolarClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))

/** Production wiring of `Portal`. */
export const PortalLive = Portal.layer.pipe(Layer.provide(PolarLive))

/** The member the tests seed. */
export const Jane = { id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", email: "jane.doe@acme.example" } as const

/**
 * Test wiring of `Portal`: the same `Portal.layer` on a `PolarClientTest.layer` seeded with
 * `members`. `provideMerge` keeps `PolarClientTest.Emulator` in the output, so a test can also
 * look at the sessions the emulator created.
 */
export const makePortalTest = (
  members: ReadonlyArray<PolarEmulator.MemberSeed> = [Jane]
): Layer.Layer<Portal | PolarClient.PolarClient | PolarClientTest.Emulator> =>
  Portal.layer.pipe(Layer.provideMerge(PolarClientTest.layer({ members })))

/** `makePortalTest()`: `Portal` with Jane as the only member. */
export const PortalTest = makePortalTest()

/** A small use of `Portal`: the link of a known member, then of an unknown one. */
export const main = Effect.gen(function*() {
  const portal = yield* Portal
  const url = yield* portal.linkFor(Jane.id)
  yield* Console.log(`Portal link for ${Jane.email}: ${maskPortalUrl(url)}`)
  const unknown = PolarEmulator.demoMembers[1]!.id
  const error = yield* Effect.flip(portal.linkFor(unknown))
  yield* Console.log(`Portal link for ${unknown}: ${error._tag} ${error.reason} (${error.detail})`)
})

if (import.meta.url === `file://${process.argv[1]}`) {
  main.pipe(Effect.provide(PortalTest), NodeRuntime.runMain)
}
