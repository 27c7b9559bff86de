import type { PolarClient } from "@effect-polar/client"
import { CustomerSessions } from "@effect-polar/client"
import { CustomerSession } from "@effect-polar/core/CustomerSession"
import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/testing/TestClock"
import * as util from "node:util"
import {
  ACCESS_TOKEN,
  current,
  customerSessionForCustomer,
  customerSessionForMember,
  fakePolar,
  json,
  recordSpans
} from "./utils.js"

const CUSTOMER = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const MEMBER = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const MEMBER_TOKEN = "polar_mst_VGhpcyBpcyBhIHRlc3QgdG9rZW4sIG5vdCBhIHJlYWwgb25l"

// The input type forbids what a JavaScript caller may still pass: force such values through.
const anyInput = Schema.decodeUnknownSync(Schema.Any)

const failure = (error: HTTPValidationError | SDKError) => error
const sdkError = (error: HTTPValidationError | SDKError): SDKError => {
  if (error._tag !== "SDKError") throw new Error(`expected an SDKError, got ${error.message}`)
  return error
}
const validationError = (error: HTTPValidationError | SDKError): HTTPValidationError => {
  if (error._tag !== "HTTPValidationError") throw new Error(`expected an HTTPValidationError, got ${error.message}`)
  return error
}

describe("CustomerSessions.create", () => {
  describe("request", () => {
    it.effect("POST /v1/customer-sessions/ with the JSON as given, the bearer token and Polar-Version 2026-10", () =>
      Effect.gen(function*() {
        const fake = fakePolar([customerSessionForMember])
        yield* CustomerSessions.create({
          customerId: CUSTOMER.toUpperCase(),
          memberId: MEMBER,
          returnUrl: "https://Example.com/account"
        }).pipe(Effect.provide(fake.layer))
        const [request] = fake.requests
        assert.strictEqual(fake.requests.length, 1)
        assert.strictEqual(request!.method, "POST")
        assert.strictEqual(request!.url, "https://api.polar.sh/v1/customer-sessions/")
        assert.strictEqual(request!.headers["authorization"], `Bearer ${ACCESS_TOKEN}`)
        assert.strictEqual(request!.headers["content-type"], "application/json")
        assert.strictEqual(request!.headers["polar-version"], "2026-10")
        assert.isUndefined(request!.headers["polar-organization"])
        assert.deepStrictEqual(request!.body, {
          customer_id: CUSTOMER.toUpperCase(),
          member_id: MEMBER,
          return_url: "https://Example.com/account"
        })
      }))

    it.effect("apiVersion and organizationId go out as Polar-Version and Polar-Organization", () =>
      Effect.gen(function*() {
        const fake = fakePolar([customerSessionForCustomer], {
          apiVersion: "2027-01",
          organizationId: "1b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e"
        })
        yield* CustomerSessions.create({ externalCustomerId: "org_42" }).pipe(Effect.provide(fake.layer))
        assert.strictEqual(fake.requests[0]!.headers["polar-version"], "2027-01")
        assert.strictEqual(fake.requests[0]!.headers["polar-organization"], "1b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e")
        assert.deepStrictEqual(fake.requests[0]!.body, { external_customer_id: "org_42" })
      }))

    it.effect("a per-call header cannot replace the client's own", () =>
      Effect.gen(function*() {
        const fake = fakePolar([customerSessionForCustomer])
        yield* CustomerSessions.create({ customerId: CUSTOMER }, {
          headers: { "polar-version": "1999-01", "x-request-id": "r1" }
        }).pipe(Effect.provide(fake.layer))
        assert.strictEqual(fake.requests[0]!.headers["polar-version"], "2026-10")
        assert.strictEqual(fake.requests[0]!.headers["x-request-id"], "r1")
      }))
  })

  describe("response", () => {
    it.effect("a member session (polar_mst_) of a team customer without email decodes, secrets Redacted", () =>
      Effect.gen(function*() {
        const session = yield* CustomerSessions.create({ customerId: CUSTOMER, memberId: MEMBER }).pipe(
          Effect.provide(fakePolar([customerSessionForMember]).layer)
        )
        assert.instanceOf(session, CustomerSession)
        assert.isTrue(session.isMemberSession)
        assert.strictEqual(Redacted.value(session.token), MEMBER_TOKEN)
        assert.include(Redacted.value(session.customerPortalUrl), `customer_session_token=${MEMBER_TOKEN}`)
        assert.strictEqual(session.customerId, CUSTOMER)
        assert.isNull(session.customer.email)
        assert.isNull(session.customer.avatarUrl)
        assert.strictEqual(session.customer.type, "team")
        assert.strictEqual(session.customer.billingName, "Acme Incorporated")
        assert.isNull(session.customer.firstUserEventAt)
        assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
        for (const printed of [String(session), JSON.stringify(session), util.inspect(session, { depth: 10 })]) {
          assert.notInclude(printed, MEMBER_TOKEN)
        }
      }))

    it.effect("a customer session (polar_cst_) decodes, with the new customer fields", () =>
      Effect.gen(function*() {
        const session = yield* CustomerSessions.create({ customerId: "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7" }).pipe(
          Effect.provide(fakePolar([customerSessionForCustomer]).layer)
        )
        assert.isFalse(session.isMemberSession)
        assert.match(Redacted.value(session.token), /^polar_cst_/)
        assert.strictEqual(session.customer.email, "sam+test@example.com")
        assert.strictEqual(session.customer.defaultPaymentMethodId, "e7c3a4f5-6d7e-4f80-a192-a3b4c5d6e7f8")
        assert.instanceOf(session.customer.firstUserEventAt, Date)
      }))
  })

  describe("invalid input fails before sending, as pydantic answers the union", () => {
    it.effect("a customer id that is not a UUID: both models' failures, each under its name", () =>
      Effect.gen(function*() {
        const fake = fakePolar([customerSessionForMember])
        const error = validationError(
          yield* CustomerSessions.create({ customerId: "not-a-uuid" }).pipe(Effect.flip, Effect.provide(fake.layer))
        )
        assert.isFalse(error.fromServer)
        assert.deepStrictEqual(error.detail.map((d) => [d.loc, d.type]), [
          [["body", "CustomerSessionCustomerIDCreate", "customer_id"], "uuid_parsing"],
          [["body", "CustomerSessionCustomerExternalIDCreate", "external_customer_id"], "missing"]
        ])
        assert.strictEqual(fake.requests.length, 0)
      }))

    it.effect("no customer key at all (a JavaScript caller): the contract's union-missing answer", () =>
      Effect.gen(function*() {
        const fake = fakePolar([customerSessionForMember])
        const error = validationError(
          yield* CustomerSessions.create(anyInput({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" })).pipe(
            Effect.flip,
            Effect.provide(fake.layer)
          )
        )
        const expected = JSON.parse(current("error.422.union-missing.json")).detail
        assert.deepStrictEqual(
          error.detail.map(({ input, loc, msg, type }) => ({ type, loc, msg, input })),
          expected
        )
        assert.strictEqual(fake.requests.length, 0)
      }))

    it.effect("a NUL character in an external id: value_error, as Polar's Schema base refuses it", () =>
      Effect.gen(function*() {
        const error = validationError(
          yield* CustomerSessions.create({ externalCustomerId: "org\u000042" }).pipe(
            Effect.flip,
            Effect.provide(fakePolar([customerSessionForMember]).layer)
          )
        )
        assert.deepStrictEqual(error.detail.map((d) => [d.loc.join("."), d.type, d.msg]), [
          ["body.CustomerSessionCustomerIDCreate.customer_id", "missing", "Field required"],
          [
            "body.CustomerSessionCustomerExternalIDCreate.external_customer_id",
            "value_error",
            "Value error, This value contains invalid characters"
          ]
        ])
      }))
    it.effect("sends a body exactly when validateInput accepts it, and fails with its errors otherwise", () =>
      Effect.gen(function*() {
        const inputs: ReadonlyArray<unknown> = [
          { customerId: CUSTOMER },
          { customerId: CUSTOMER.toUpperCase(), memberId: MEMBER, returnUrl: "https://example.com/account" },
          { customerId: "c5a1e2d3-4b5c-1d6e-8f70-8192a3b4c5d6" }, // a version 1 UUID
          { customerId: CUSTOMER, returnUrl: "not a url" },
          { customerId: CUSTOMER, externalCustomerId: "org_42" },
          { externalCustomerId: "org_42", externalMemberId: "usr_1337", returnUrl: null },
          { externalCustomerId: "" },
          { externalCustomerId: 42 },
          { customerId: CUSTOMER, memberId: "not-a-uuid", externalMemberId: "usr_1" },
          {},
          null
        ]
        for (const input of inputs) {
          const fake = fakePolar([customerSessionForMember])
          const expected = CustomerSessionCreate.validateInput(anyInput(input))
          const exit = yield* CustomerSessions.create(anyInput(input)).pipe(Effect.provide(fake.layer), Effect.exit)
          if (Result.isSuccess(expected)) {
            assert.isTrue(Exit.isSuccess(exit), JSON.stringify(input))
            assert.deepStrictEqual(fake.requests.map((request) => request.body), [
              JSON.parse(CustomerSessionCreate.toJson(anyInput(input)))
            ])
          } else {
            assert.strictEqual(fake.requests.length, 0, JSON.stringify(input))
            const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : Option.none()
            assert.isTrue(Option.isSome(error) && error.value._tag === "HTTPValidationError", JSON.stringify(input))
            if (Option.isSome(error) && error.value._tag === "HTTPValidationError") {
              assert.deepStrictEqual(error.value.detail, expected.failure)
            }
          }
        }
      }))
  })

  describe("Polar's refusals", () => {
    const refusal = (answer: ReturnType<typeof json>) =>
      CustomerSessions.create({ customerId: CUSTOMER }).pipe(
        Effect.flip,
        Effect.map(failure),
        Effect.provide(fakePolar([answer], { retry: false }).layer)
      )

    for (
      const [name, fixture, loc, msg] of [
        [
          "Customer does not exist.",
          "error.422.customer-not-found.json",
          "body.customer_id",
          "Customer does not exist."
        ],
        [
          "member_id is required for team customers.",
          "error.422.team-member-required.json",
          "body.member_id",
          "member_id is required for team customers."
        ],
        [
          "Member does not exist for this customer.",
          "error.422.member-not-for-customer.json",
          "body.member_id",
          "Member does not exist for this customer."
        ]
      ] as const
    ) {
      it.effect(`422 ${name} → HTTPValidationError with the status and Polar's error`, () =>
        Effect.gen(function*() {
          const error = validationError(yield* refusal(json(422, current(fixture))))
          assert.strictEqual(error.statusCode, 422)
          assert.strictEqual(error.error, "PolarRequestValidationError")
          assert.deepStrictEqual(error.detail.map((d) => [d.loc.join("."), d.msg]), [[loc, msg]])
          assert.isTrue(error.fromServer)
        }))
    }

    it.effect("409 AmbiguousExternalCustomerID → SDKError saying how to disambiguate", () =>
      Effect.gen(function*() {
        const error = sdkError(yield* refusal(json(409, current("error.409.ambiguous-external-customer-id.json"))))
        assert.strictEqual(error.statusCode, 409)
        assert.strictEqual(error.reason, "StatusCode")
        assert.isFalse(error.isRetryable)
        assert.include(error.message, "AmbiguousExternalCustomerID: Several customers across your organizations")
        assert.include(error.message, "customerId")
        assert.include(error.message, "organizationId")
      }))

    it.effect("403 insufficient_scope → SDKError naming the scope from WWW-Authenticate", () =>
      Effect.gen(function*() {
        const error = sdkError(
          yield* refusal(
            json(
              403,
              JSON.stringify({
                error: "insufficient_scope",
                error_description: "The request requires higher privileges than provided by the access token."
              }),
              {
                "www-authenticate":
                  "Bearer realm=\"polar\", error=\"insufficient_scope\", scope=\"customer_sessions:write web_write\""
              }
            )
          )
        )
        assert.strictEqual(error.statusCode, 403)
        assert.include(error.message, "lacks the scope this call needs: customer_sessions:write or web_write")
      }))

    it.effect("404 for the path (an API version Polar does not serve) → says so and names apiVersion", () =>
      Effect.gen(function*() {
        const error = sdkError(
          yield* CustomerSessions.create({ customerId: CUSTOMER }).pipe(
            Effect.flip,
            Effect.provide(fakePolar([json(404, current("error.404.route.json"))], { apiVersion: "2031-13" }).layer)
          )
        )
        assert.strictEqual(error.statusCode, 404)
        assert.include(error.message, "Polar-Version: 2031-13")
        assert.include(error.message, "apiVersion")
      }))

    it.effect("401 keeps its sandbox-vs-production hint", () =>
      Effect.gen(function*() {
        const error = sdkError(
          yield* refusal(json(401, JSON.stringify({ error: "Unauthorized", detail: "Unauthorized" })))
        )
        assert.include(error.message, "sandbox")
      }))

    it.effect("session tokens in an error body are masked", () =>
      Effect.gen(function*() {
        const error = sdkError(
          yield* refusal(json(500, JSON.stringify({ detail: `boom ${MEMBER_TOKEN} polar_cst_abc` })))
        )
        assert.notInclude(error.message, MEMBER_TOKEN)
        assert.notInclude(error.body ?? "", MEMBER_TOKEN)
        assert.notInclude(error.body ?? "", "polar_cst_abc")
      }))
  })

  it.effect("a 503 is retried with the policy", () =>
    Effect.gen(function*() {
      const fake = fakePolar([json(503, "{}"), customerSessionForCustomer])
      const fiber = yield* CustomerSessions.create({ customerId: CUSTOMER }).pipe(
        Effect.provide(fake.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("2 seconds")
      const session = yield* Fiber.join(fiber)
      assert.isFalse(session.isMemberSession)
      assert.strictEqual(fake.requests.length, 2)
    }))

  it.effect("runs in one CustomerSessions.create span with the HTTP attributes and an event per response", () =>
    Effect.gen(function*() {
      const recorder = recordSpans()
      yield* CustomerSessions.create({ customerId: CUSTOMER }).pipe(
        recorder.provide,
        Effect.provide(fakePolar([customerSessionForCustomer]).layer)
      )
      const span = recorder.spans.find((s) => s.name === "CustomerSessions.create")
      assert.isDefined(span)
      assert.strictEqual(span!.kind, "client")
      // the platform's own per-request span is off by default: the call's span says it all
      assert.deepStrictEqual(recorder.spans.map((s) => s.name), ["CustomerSessions.create"])
      assert.strictEqual(span!.attributes.get("url.path"), "/v1/customer-sessions/")
      assert.strictEqual(span!.attributes.get("http.response.status_code"), 201)
      assert.deepStrictEqual(span!.events.map((e) => [e.name, e.attributes?.["url.path"]]), [
        ["polar.response", "/v1/customer-sessions/"]
      ])
    }))

  it("the layer's options are typed: apiVersion suggests the known versions", () => {
    const options: PolarClient.Options = {
      accessToken: Redacted.make("x"),
      apiVersion: "2026-04",
      memberSessionsRoute: "customer-sessions"
    }
    assert.strictEqual(options.apiVersion, "2026-04")
  })
})
