/**
 * Type-level tests of the public API: the exact success, error and requirement types a consumer
 * gets. `expectTypeOf` does nothing at run time; a wrong type is a compile error, reported by
 * `pnpm typecheck` (this package is referenced from the root tsconfig.json).
 */
import type { CustomerSessions, MemberSessions } from "@effect-polar/client"
import { PolarClient } from "@effect-polar/client"
import type { CustomerSession } from "@effect-polar/core/CustomerSession"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { MemberSession } from "@effect-polar/core/MemberSession"
import type { SDKError } from "@effect-polar/core/SDKError"
import type { PolarClientTest } from "@effect-polar/testing"
import type { Layer } from "effect"
import { Effect } from "effect"
import { describe, expectTypeOf, it } from "vitest"

type Create = ReturnType<typeof MemberSessions.create>
type TestLayer = ReturnType<typeof PolarClientTest.layer>

describe("MemberSessions.create", () => {
  it("succeeds with exactly MemberSession", () => {
    expectTypeOf<Effect.Effect.Success<Create>>().toEqualTypeOf<MemberSession>()
  })

  it("fails with exactly HTTPValidationError | SDKError", () => {
    expectTypeOf<Effect.Effect.Error<Create>>().toEqualTypeOf<HTTPValidationError | SDKError>()
  })

  it("requires exactly PolarClient", () => {
    expectTypeOf<Effect.Effect.Context<Create>>().toEqualTypeOf<PolarClient.PolarClient>()
  })

  it("is the documented Effect type, and catchTag removes the error it handles", () => {
    expectTypeOf<Create>().toEqualTypeOf<
      Effect.Effect<MemberSession, HTTPValidationError | SDKError, PolarClient.PolarClient>
    >()
    const catchValidation = (create: Create) => Effect.catchTag(create, "HTTPValidationError", () => Effect.void)
    expectTypeOf(catchValidation).returns.toEqualTypeOf<
      Effect.Effect<MemberSession | void, SDKError, PolarClient.PolarClient>
    >()
  })
})

type CreateCustomer = ReturnType<typeof CustomerSessions.create>
type CustomerRequest = Parameters<typeof CustomerSessions.create>[0]

describe("CustomerSessions.create", () => {
  it("is Effect<CustomerSession, HTTPValidationError | SDKError, PolarClient>", () => {
    expectTypeOf<CreateCustomer>().toEqualTypeOf<
      Effect.Effect<CustomerSession, HTTPValidationError | SDKError, PolarClient.PolarClient>
    >()
  })

  it("takes exactly one customer key", () => {
    expectTypeOf<{ customerId: string; memberId: string }>().toExtend<CustomerRequest>()
    expectTypeOf<{ externalCustomerId: string; externalMemberId: string }>().toExtend<CustomerRequest>()
    expectTypeOf<{ customerId: string; externalCustomerId: string }>().not.toExtend<CustomerRequest>()
    expectTypeOf<{ memberId: string }>().not.toExtend<CustomerRequest>()
  })
})

describe("PolarClientTest.layer", () => {
  it("provides exactly PolarClient | PolarClientTest.Emulator", () => {
    expectTypeOf<Layer.Layer.Success<TestLayer>>().toEqualTypeOf<PolarClient.PolarClient | PolarClientTest.Emulator>()
  })

  it("cannot fail", () => {
    expectTypeOf<Layer.Layer.Error<TestLayer>>().toEqualTypeOf<never>()
  })

  it("requires nothing", () => {
    expectTypeOf<Layer.Layer.Context<TestLayer>>().toEqualTypeOf<never>()
  })

  it("is enough to run MemberSessions.create", () => {
    expectTypeOf<Effect.Effect.Context<Create>>().toExtend<Layer.Layer.Success<TestLayer>>()
    expectTypeOf(PolarClient.PolarClient).not.toBeAny()
  })
})
