// Type-checked by scripts/consumer-test.sh (CONSUMER_LINE=effect4) like check.ts, as a CommonJS module: the `require`
// types (dist/cjs/*.d.ts) must give the same API.
import type { PolarClient } from "@effect-polar/client"
import { MemberSessions } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { MemberSession } from "@effect-polar/core/MemberSession"
import type { SDKError } from "@effect-polar/core/SDKError"
import { PolarClientTest } from "@effect-polar/testing"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import type * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const assertType = <T extends true>(_: T): void => {}

export const create = MemberSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" })
assertType<Equals<Effect.Success<typeof create>, MemberSession>>(true)
assertType<Equals<Effect.Error<typeof create>, HTTPValidationError | SDKError>>(true)
assertType<Equals<Effect.Services<typeof create>, PolarClient.PolarClient>>(true)

export const testLayer = PolarClientTest.layer()
assertType<Equals<Layer.Success<typeof testLayer>, PolarClient.PolarClient | PolarClientTest.Emulator>>(true)
assertType<Equals<Layer.Error<typeof testLayer>, never>>(true)
assertType<Equals<Layer.Services<typeof testLayer>, never>>(true)

export const serverLayer: Layer.Layer<PolarEmulatorServer.PolarEmulatorServer> = PolarEmulatorServer.layer()
