/**
 * The legacy generation is right only if a client nobody here wrote accepts it: the official
 * @polar-sh/sdk 0.46.1 (the last release with memberSessions.create) calls it over HTTP.
 */
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import { assert, describe, it } from "@effect/vitest"
import { Polar } from "@polar-sh/sdk"
import { HTTPValidationError } from "@polar-sh/sdk/models/errors/httpvalidationerror.js"
import { SDKError } from "@polar-sh/sdk/models/errors/sdkerror.js"
import * as Effect from "effect/Effect"

const JANE = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"

const withSdk = <A>(
  options: PolarEmulatorServer.Options,
  f: (polar: Polar, server: PolarEmulatorServer.Service) => Promise<A>
) =>
  Effect.gen(function*() {
    const server = yield* PolarEmulatorServer.PolarEmulatorServer
    return yield* Effect.promise(() =>
      f(new Polar({ accessToken: "polar_oat_sdk_test", serverURL: server.url }), server)
    )
  }).pipe(Effect.provide(PolarEmulatorServer.layer({ ...options, generation: "legacy" })))

/** The error a promise rejects with. */
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(() => assert.fail("expected a failure"), (error: unknown) => error)

describe("@polar-sh/sdk 0.46.1 against the legacy emulator over HTTP", () => {
  it.live("decodes a 201 into its MemberSession", () =>
    withSdk({}, async (polar) => {
      const session = await polar.memberSessions.create({ memberId: JANE, returnUrl: "https://example.com/account" })
      assert.strictEqual(session.memberId, JANE)
      assert.match(session.token, /^polar_mst_/)
      assert.instanceOf(session.createdAt, Date)
      assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
      assert.strictEqual(session.returnUrl, "https://example.com/account")
      assert.strictEqual(session.member.email, "jane.doe@acme.example")
      assert.strictEqual(session.member.role, "billing_manager")
      assert.strictEqual(session.customer.type, "team")
      assert.include(session.memberPortalUrl, `member_session_token=${session.token}`)
    }))

  it.live("raises its own HTTPValidationError for an unknown member", () =>
    withSdk({}, async (polar) => {
      const error = await failure(polar.memberSessions.create({ memberId: "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a" }))
      assert.instanceOf(error, HTTPValidationError)
      if (error instanceof HTTPValidationError) {
        assert.strictEqual(error.statusCode, 422)
        assert.strictEqual(error.detail?.[0]?.msg, "Member does not exist.")
        assert.deepStrictEqual(error.detail?.[0]?.loc, ["body", "member_id"])
      }
    }))

  it.live("raises its HTTPValidationError for a body pydantic refuses, and its SDKError for a 401", () =>
    withSdk({ tokens: [{ token: "polar_oat_other" }] }, async (polar, server) => {
      const unauthorized = await failure(polar.memberSessions.create({ memberId: JANE }))
      assert.instanceOf(unauthorized, SDKError)
      if (unauthorized instanceof SDKError) assert.strictEqual(unauthorized.statusCode, 401)
      const authorized = new Polar({ accessToken: "polar_oat_other", serverURL: server.url })
      const invalid = await failure(authorized.memberSessions.create({ memberId: "not-a-uuid" }))
      assert.instanceOf(invalid, HTTPValidationError)
      if (invalid instanceof HTTPValidationError) assert.strictEqual(invalid.detail?.[0]?.type, "uuid_parsing")
    }))

  it.live("retries a scripted 503 when its retries are on, and sees the journal's two attempts", () =>
    withSdk({}, async (polar, server) => {
      server.emulator.script({ status: 503, body: "" })
      await polar.memberSessions.create({ memberId: JANE }, {
        retries: {
          strategy: "backoff",
          backoff: { initialInterval: 1, maxInterval: 10, exponent: 1, maxElapsedTime: 5000 },
          retryConnectionErrors: true
        }
      })
      assert.deepStrictEqual(server.emulator.journal().map((entry) => entry.outcome), [503, 201])
      assert.match(server.emulator.journal()[0]!.headers["user-agent"] ?? "", /speakeasy|polar/i)
    }))
})
