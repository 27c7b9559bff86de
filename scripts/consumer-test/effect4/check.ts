// Type-checked (tsc, module/moduleResolution NodeNext, strict) by scripts/consumer-test.sh (CONSUMER_LINE=effect4) in a
// fresh npm project: the public API as an ES module consumer sees it (the `import` types).
import { CustomerSessions, MemberSessions, PolarClient, RetryPolicy } from "@effect-polar/client"
import type { CustomerSession } from "@effect-polar/core/CustomerSession"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { MemberSession } from "@effect-polar/core/MemberSession"
import { MemberSessionCreate } from "@effect-polar/core/MemberSessionCreate"
import type { SDKError } from "@effect-polar/core/SDKError"
import { PolarClientTest } from "@effect-polar/testing"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const assertType = <T extends true>(_: T): void => {}

export const create = MemberSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" })
assertType<Equals<Effect.Success<typeof create>, MemberSession>>(true)
assertType<Equals<Effect.Error<typeof create>, HTTPValidationError | SDKError>>(true)
assertType<Equals<Effect.Services<typeof create>, PolarClient.PolarClient>>(true)

export const customer = CustomerSessions.create({ externalCustomerId: "org_42", externalMemberId: "usr_1337" })
assertType<Equals<Effect.Success<typeof customer>, CustomerSession>>(true)
assertType<Equals<Effect.Error<typeof customer>, HTTPValidationError | SDKError>>(true)
assertType<Equals<Effect.Services<typeof customer>, PolarClient.PolarClient>>(true)
// exactly one customer key, checked by the type
// @ts-expect-error: both customer keys
export const both = CustomerSessions.create({
  customerId: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6",
  externalCustomerId: "org_42"
})
// @ts-expect-error: no customer key
export const neither = CustomerSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" })

export const testLayer = PolarClientTest.layer()
assertType<Equals<Layer.Success<typeof testLayer>, PolarClient.PolarClient | PolarClientTest.Emulator>>(true)
assertType<Equals<Layer.Error<typeof testLayer>, never>>(true)
assertType<Equals<Layer.Services<typeof testLayer>, never>>(true)

export const serverLayer = PolarEmulatorServer.layer({ port: 0 })
assertType<Equals<Layer.Success<typeof serverLayer>, PolarEmulatorServer.PolarEmulatorServer>>(true)

export const program: Effect.Effect<string, never, never> = Effect.gen(function*() {
  const server = yield* PolarEmulatorServer.PolarEmulatorServer
  const session = yield* MemberSessions.create(
    { memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b", returnUrl: "https://example.com/account" },
    { retry: RetryPolicy.make({ maxAttempts: 2 }), timeout: "5 seconds" }
  ).pipe(
    Effect.provide(
      PolarClient.layer({ accessToken: Redacted.make("x"), serverURL: server.url }).pipe(
        Layer.provide(NodeHttpClient.layerUndici)
      )
    )
  )
  return Redacted.value(session.memberPortalUrl)
}).pipe(
  Effect.catchTag("HTTPValidationError", (error) => Effect.succeed(error.detail.map((d) => d.msg).join("; "))),
  Effect.catchTag("SDKError", (error) => Effect.succeed(error.message)),
  Effect.provide(PolarEmulatorServer.layer())
)

export const schema = MemberSessionCreate

// internal modules are not part of the public API
// @ts-expect-error: "./internal/*" is not exported
export const internal = import("@effect-polar/core/internal/schema")
