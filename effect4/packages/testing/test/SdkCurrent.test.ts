/**
 * The current generation is right only if a client nobody here wrote accepts it: the official
 * `@polar-sh/sdk` 1.0.1 (`createPolar` of its `2026-10` entry point) calls it over HTTP.
 */
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import { assert, describe, it } from "@effect/vitest"
import { PolarClientError, PolarRateLimitError } from "@polar-sh/sdk-1"
import { createPolar, errors } from "@polar-sh/sdk-1/2026-10"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { fixtureJson } from "./contract.js"

const JANE = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const SOLO = "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"
const ACME_ORG = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

type Polar = ReturnType<typeof createPolar>

const withSdk = <A>(
  options: PolarEmulatorServer.Options,
  f: (polar: Polar, server: PolarEmulatorServer.Service) => Promise<A>,
  organizationId?: string
) =>
  Effect.gen(function*() {
    const server = yield* PolarEmulatorServer.PolarEmulatorServer
    const polar = createPolar({
      accessToken: "polar_oat_sdk_test",
      baseUrl: server.url,
      ...(organizationId === undefined ? {} : { organizationId })
    })
    return yield* Effect.promise(() => f(polar, server))
  }).pipe(Effect.provide(PolarEmulatorServer.layer(options)))

/** The error a promise rejects with. */
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(() => assert.fail("expected a failure"), (error: unknown) => error)

/** Its `HTTPValidationError`'s first detail. */
const firstDetail = (error: unknown) => {
  assert.instanceOf(error, errors.HTTPValidationError)
  if (!(error instanceof errors.HTTPValidationError)) return assert.fail("not an HTTPValidationError")
  assert.strictEqual(error.statusCode, 422)
  return error.error.detail?.[0]
}

describe("@polar-sh/sdk 1.0.1 (2026-10) against the emulator over HTTP", () => {
  it.live("customerSessions.create: a member session (polar_mst_) for a team customer's member", () =>
    withSdk({}, async (polar, server) => {
      const session = await polar.customerSessions.create({
        customer_id: ACME,
        member_id: JANE,
        return_url: "https://example.com/account"
      })
      assert.match(session.token, /^polar_mst_/)
      assert.strictEqual(session.customer_id, ACME)
      assert.strictEqual(session.return_url, "https://example.com/account")
      assert.strictEqual(Date.parse(session.expires_at) - Date.parse(session.created_at), 3_600_000)
      assert.include(
        session.customer_portal_url,
        `customer_session_token=${session.token}&email=jane.doe%40acme.example`
      )
      assert.strictEqual(session.customer.type, "team")
      assert.strictEqual(session.customer.email, null)
      // it sent its version, and was served with it
      const [entry] = server.emulator.journal()
      assert.strictEqual(entry!.headers["polar-version"], "2026-10")
      assert.strictEqual(entry!.apiVersion, "2026-10")
      assert.strictEqual(entry!.organization, null)
    }))

  it.live("customerSessions.create: a customer session (polar_cst_) in an organization without the member model", () =>
    withSdk({}, async (polar) => {
      const session = await polar.customerSessions.create({ customer_id: SOLO })
      assert.match(session.token, /^polar_cst_/)
      assert.strictEqual(session.customer.type, "individual")
      assert.strictEqual(session.customer.email, "sam+test@example.com")
      assert.include(session.customer_portal_url, "email=sam%2Btest%40example.com")
    }))

  it.live("raises its HTTPValidationError for an unknown customer, a team customer without a member, a body without a customer", () =>
    withSdk({}, async (polar) => {
      const unknown = firstDetail(
        await failure(
          polar.customerSessions.create({ customer_id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d7" })
        )
      )
      assert.strictEqual(unknown?.msg, "Customer does not exist.")
      assert.deepStrictEqual(unknown?.loc, ["body", "customer_id"])

      const team = firstDetail(await failure(polar.customerSessions.create({ customer_id: ACME })))
      assert.strictEqual(team?.msg, "member_id is required for team customers.")

      // its types require a customer key: the body goes through a value of unknown type
      const noCustomer = Schema.decodeUnknownSync(Schema.Any)({ member_id: JANE })
      const missing = await failure(polar.customerSessions.create(noCustomer))
      assert.instanceOf(missing, errors.HTTPValidationError)
      if (missing instanceof errors.HTTPValidationError) {
        assert.deepStrictEqual(missing.error, fixtureJson("current/error.422.union-missing.json"))
      }
    }))

  it.live("raises AmbiguousExternalCustomerID for a shared external id; organizationId (Polar-Organization) picks one", () =>
    Effect.gen(function*() {
      const options: PolarEmulatorServer.Options = {
        customers: [{ id: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706", organization: "solo-dev", externalId: "org_42" }]
      }
      yield* withSdk(options, async (polar) => {
        const ambiguous = await failure(
          polar.customerSessions.create({ external_customer_id: "org_42", member_id: JANE })
        )
        assert.instanceOf(ambiguous, errors.AmbiguousExternalCustomerID)
        if (ambiguous instanceof errors.AmbiguousExternalCustomerID) assert.strictEqual(ambiguous.statusCode, 409)
      })
      yield* withSdk(options, async (polar, server) => {
        const session = await polar.customerSessions.create({ external_customer_id: "org_42", member_id: JANE })
        assert.strictEqual(session.customer_id, ACME)
        assert.strictEqual(server.emulator.journal()[0]!.organization, ACME_ORG)
      }, ACME_ORG)
    }))

  it.live("customers.members.get: the Member, or its ResourceNotFound", () =>
    withSdk({}, async (polar) => {
      const member = await polar.customers.members.get(ACME, JANE)
      assert.strictEqual(member.email, "jane.doe@acme.example")
      assert.strictEqual(member.role, "billing_manager")
      assert.strictEqual(member.customer_id, ACME)
      const missing = await failure(polar.customers.members.get(SOLO, JANE))
      assert.instanceOf(missing, errors.ResourceNotFound)
      if (missing instanceof errors.ResourceNotFound) {
        assert.deepStrictEqual(missing.error, fixtureJson("current/error.404.member.json"))
      }
    }))

  it.live("raises its PolarRateLimitError with Retry-After past the rate, and PolarClientError for a 401", () =>
    withSdk({
      rateLimit: { requests: 1, window: "1 minute" },
      tokens: [{ token: "polar_oat_sdk_test", organization: "solo-dev" }]
    }, async (polar, server) => {
      await polar.customerSessions.create({ customer_id: SOLO })
      const limited = await failure(polar.customerSessions.create({ customer_id: SOLO }))
      assert.instanceOf(limited, PolarRateLimitError)
      if (limited instanceof PolarRateLimitError) assert.isAbove(limited.retryAfter ?? 0, 0)
      const stranger = createPolar({ accessToken: "polar_oat_stranger", baseUrl: server.url })
      const unauthorized = await failure(stranger.customerSessions.create({ customer_id: SOLO }))
      assert.instanceOf(unauthorized, PolarClientError)
      if (unauthorized instanceof PolarClientError) assert.strictEqual(unauthorized.statusCode, 401)
    }))
})
