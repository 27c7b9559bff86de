/**
 * MemberSessions.create on today's Polar (no /v1/member-sessions/ since 2026-03-03): the member
 * looked up, then the session created with POST /v1/customer-sessions/; and how a client finds out
 * which server generation it talks to.
 */
import { MemberSessions } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { MemberSession } from "@effect-polar/core/MemberSession"
import type { SDKError } from "@effect-polar/core/SDKError"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/testing/TestClock"
import {
  created,
  current,
  customerSessionForCustomer,
  customerSessionForMember,
  fakePolar,
  fixture,
  json,
  memberFound,
  recordSpans
} from "./utils.js"

const MEMBER = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const CUSTOMER = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const MEMBER_TOKEN = "polar_mst_VGhpcyBpcyBhIHRlc3QgdG9rZW4sIG5vdCBhIHJlYWwgb25l"
const routeNotFound = json(404, current("error.404.route.json"))
const memberNotFound = json(404, current("error.404.member.json"))

const sdkError = (error: HTTPValidationError | SDKError): SDKError => {
  if (error._tag !== "SDKError") throw new Error(`expected an SDKError, got ${error.message}`)
  return error
}
const validationError = (error: HTTPValidationError | SDKError): HTTPValidationError => {
  if (error._tag !== "HTTPValidationError") throw new Error(`expected an HTTPValidationError, got ${error.message}`)
  return error
}
const paths = (requests: ReadonlyArray<{ readonly method: string; readonly url: string }>) =>
  requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)

describe("MemberSessions.create on today's Polar", () => {
  it.effect("Polar's own server: no probe; the member looked up, then POST /v1/customer-sessions/ with member_id", () =>
    Effect.gen(function*() {
      const fake = fakePolar([memberFound, customerSessionForMember])
      const session = yield* MemberSessions.create({
        memberId: MEMBER.toUpperCase(),
        returnUrl: "https://example.com/account"
      })
        .pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(paths(fake.requests), [`GET /v1/members/${MEMBER}`, "POST /v1/customer-sessions/"])
      assert.strictEqual(fake.requests[0]!.headers["polar-version"], "2026-10")
      assert.deepStrictEqual(fake.requests[1]!.body, {
        customer_id: CUSTOMER,
        member_id: MEMBER,
        return_url: "https://example.com/account"
      })
      // a complete MemberSession, as the legacy endpoint answered it
      assert.instanceOf(session, MemberSession)
      assert.strictEqual(session.memberId, MEMBER)
      assert.strictEqual(session.member.email, "jane.doe@acme.example")
      assert.strictEqual(session.member.role, "billing_manager")
      assert.strictEqual(session.customerId, CUSTOMER)
      assert.isNull(session.customer.email)
      assert.strictEqual(Redacted.value(session.token), MEMBER_TOKEN)
      assert.include(Redacted.value(session.memberPortalUrl), `customer_session_token=${MEMBER_TOKEN}`)
      assert.strictEqual(session.returnUrl, "https://example.com/account")
    }))

  it.effect("with customerId, the member is looked up under its customer", () =>
    Effect.gen(function*() {
      const fake = fakePolar([memberFound, customerSessionForMember], { server: "sandbox" })
      yield* MemberSessions.create({ memberId: MEMBER, customerId: CUSTOMER }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(paths(fake.requests), [
        `GET /v1/customers/${CUSTOMER}/members/${MEMBER}`,
        "POST /v1/customer-sessions/"
      ])
      assert.strictEqual(new URL(fake.requests[0]!.url).host, "sandbox-api.polar.sh")
    }))

  it.effect("an invalid customerId fails before sending, with the member's errors if any", () =>
    Effect.gen(function*() {
      const fake = fakePolar([memberFound])
      const error = validationError(
        yield* MemberSessions.create({ memberId: "not-a-uuid", customerId: "nope" }).pipe(
          Effect.flip,
          Effect.provide(fake.layer)
        )
      )
      assert.deepStrictEqual(error.detail.map((d) => [d.loc.join("."), d.type]), [
        ["body.member_id", "uuid_parsing"],
        ["body.customer_id", "uuid_parsing"]
      ])
      assert.strictEqual(fake.requests.length, 0)
    }))

  it.effect("an unknown member is the legacy error: HTTPValidationError at body.member_id, nothing created", () =>
    Effect.gen(function*() {
      const fake = fakePolar([memberNotFound])
      const error = validationError(
        yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.flip, Effect.provide(fake.layer))
      )
      assert.deepStrictEqual(error.detail.map((d) => [d.loc, d.type, d.msg, d.input]), [
        [["body", "member_id"], "value_error", "Member does not exist.", MEMBER]
      ])
      assert.strictEqual(error.statusCode, 404)
      assert.strictEqual(error.error, "ResourceNotFound")
      assert.deepStrictEqual(paths(fake.requests), [`GET /v1/members/${MEMBER}`])
    }))

  it.effect("a token without members:read: SDKError 403 naming the scope and the way out", () =>
    Effect.gen(function*() {
      const fake = fakePolar([
        json(
          403,
          JSON.stringify({
            error: "insufficient_scope",
            error_description: "The request requires higher privileges than provided by the access token."
          }),
          {
            "www-authenticate":
              "Bearer realm=\"polar\", error=\"insufficient_scope\", scope=\"members:read members:write\""
          }
        )
      ])
      const error = sdkError(
        yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.flip, Effect.provide(fake.layer))
      )
      assert.strictEqual(error.statusCode, 403)
      assert.include(error.message, "members:read or members:write")
      assert.include(error.message, "CustomerSessions.create")
    }))

  it.effect("an organization without the member model (polar_cst_ answered): SDKError Decode saying so", () =>
    Effect.gen(function*() {
      const fake = fakePolar([memberFound, customerSessionForCustomer])
      const error = sdkError(
        yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.flip, Effect.provide(fake.layer))
      )
      assert.strictEqual(error.reason, "Decode")
      assert.strictEqual(error.statusCode, 201)
      assert.include(error.message, "not a member session")
      assert.include(error.message, "CustomerSessions.create")
      assert.notInclude(error.message, "polar_cst_QW5v")
    }))

  it.effect("a 404 for every path (an API version Polar does not serve) says so", () =>
    Effect.gen(function*() {
      const fake = fakePolar([routeNotFound])
      const error = sdkError(
        yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.flip, Effect.provide(fake.layer))
      )
      assert.include(error.message, "Polar-Version: 2026-10")
    }))

  it.effect("the lookup is retried like any call", () =>
    Effect.gen(function*() {
      const fake = fakePolar([json(503, "{}"), memberFound, customerSessionForMember])
      const fiber = yield* MemberSessions.create({ memberId: MEMBER }).pipe(
        Effect.provide(fake.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(paths(fake.requests), [
        `GET /v1/members/${MEMBER}`,
        `GET /v1/members/${MEMBER}`,
        "POST /v1/customer-sessions/"
      ])
    }))

  it.effect("both requests are in the call's one span, every response an event", () =>
    Effect.gen(function*() {
      const recorder = recordSpans()
      yield* MemberSessions.create({ memberId: MEMBER }).pipe(
        recorder.provide,
        Effect.provide(fakePolar([memberFound, customerSessionForMember]).layer)
      )
      const calls = recorder.spans.filter((s) => s.name === "MemberSessions.create")
      assert.strictEqual(calls.length, 1)
      assert.deepStrictEqual(calls[0]!.events.map((e) => [e.name, e.attributes?.["url.path"]]), [
        ["polar.response", `/v1/members/${MEMBER}`],
        ["polar.response", "/v1/customer-sessions/"]
      ])
      assert.strictEqual(calls[0]!.attributes.get("url.path"), "/v1/customer-sessions/")
    }))
})

describe("which server: the route of MemberSessions.create", () => {
  const OTHER = "https://polar.internal.example"

  it.effect("auto on another server: a 404 for /v1/member-sessions/ switches to today's route, for good", () =>
    Effect.gen(function*() {
      const fake = fakePolar([
        routeNotFound,
        memberFound,
        customerSessionForMember,
        memberFound,
        customerSessionForMember
      ], {
        serverURL: OTHER
      })
      yield* Effect.gen(function*() {
        yield* MemberSessions.create({ memberId: MEMBER })
        yield* MemberSessions.create({ memberId: MEMBER })
      }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(paths(fake.requests), [
        "POST /v1/member-sessions/",
        `GET /v1/members/${MEMBER}`,
        "POST /v1/customer-sessions/",
        `GET /v1/members/${MEMBER}`,
        "POST /v1/customer-sessions/"
      ])
    }))

  it.effect("auto on a legacy server: the probe is the create; the client stays on the legacy route", () =>
    Effect.gen(function*() {
      const fake = fakePolar([created], { serverURL: OTHER })
      yield* Effect.gen(function*() {
        yield* MemberSessions.create({ memberId: MEMBER })
        yield* MemberSessions.create({ memberId: MEMBER })
      }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(paths(fake.requests), ["POST /v1/member-sessions/", "POST /v1/member-sessions/"])
    }))

  it.effect("auto: a legacy 422 (unknown member) also shows the endpoint exists", () =>
    Effect.gen(function*() {
      const fake = fakePolar([json(422, fixture("error.422.member-not-found.json")), created], { serverURL: OTHER })
      yield* Effect.gen(function*() {
        const first = yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.flip)
        assert.strictEqual(first._tag, "HTTPValidationError")
        yield* MemberSessions.create({ memberId: MEMBER })
      }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(paths(fake.requests), ["POST /v1/member-sessions/", "POST /v1/member-sessions/"])
    }))

  it.effect("auto: a probe that tells nothing (503s until the retries run out) leaves the route to find", () =>
    Effect.gen(function*() {
      const fake = fakePolar([json(503, "{}"), routeNotFound, memberFound, customerSessionForMember], {
        serverURL: OTHER,
        retry: false
      })
      yield* Effect.gen(function*() {
        const first = yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.flip)
        assert.strictEqual(sdkError(first).statusCode, 503)
        yield* MemberSessions.create({ memberId: MEMBER })
      }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(paths(fake.requests), [
        "POST /v1/member-sessions/",
        "POST /v1/member-sessions/",
        `GET /v1/members/${MEMBER}`,
        "POST /v1/customer-sessions/"
      ])
    }))

  it.effect("auto: concurrent first calls make one probe, never a second create", () =>
    Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      // the probe's answer waits until every call has started
      const byPath = (recorded: { readonly url: string }) => {
        const path = new URL(recorded.url).pathname
        return path === "/v1/member-sessions/"
          ? Effect.andThen(Deferred.await(gate), Effect.sync(routeNotFound))
          : path === "/v1/customer-sessions/"
          ? customerSessionForMember()
          : memberFound()
      }
      const fake = fakePolar([byPath], { serverURL: OTHER })
      yield* Effect.gen(function*() {
        const fibers = yield* Effect.forEach([1, 2, 3], () =>
          Effect.forkChild(MemberSessions.create({ memberId: MEMBER })))
        yield* Effect.yieldNow
        yield* Deferred.succeed(gate, undefined)
        yield* Fiber.joinAll(fibers)
      }).pipe(Effect.provide(fake.layer))
      const posts = paths(fake.requests)
      assert.strictEqual(
        posts.filter((p) =>
          p === "POST /v1/member-sessions/"
        ).length,
        1
      )
      assert.strictEqual(posts.filter((p) => p === "POST /v1/customer-sessions/").length, 3)
    }))

  it.effect("memberSessionsRoute: \"customer-sessions\" skips the probe on any server", () =>
    Effect.gen(function*() {
      const fake = fakePolar([memberFound, customerSessionForMember], {
        serverURL: OTHER,
        memberSessionsRoute: "customer-sessions"
      })
      yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.provide(fake.layer))
      assert.deepStrictEqual(paths(fake.requests), [`GET /v1/members/${MEMBER}`, "POST /v1/customer-sessions/"])
    }))

  it.effect("memberSessionsRoute: \"legacy\" on today's Polar: the 404 says the endpoint was removed and what to use", () =>
    Effect.gen(function*() {
      const fake = fakePolar([routeNotFound], { memberSessionsRoute: "legacy" })
      const error = sdkError(
        yield* MemberSessions.create({ memberId: MEMBER }).pipe(Effect.flip, Effect.provide(fake.layer))
      )
      assert.strictEqual(error.statusCode, 404)
      assert.include(error.message, "removed POST /v1/member-sessions/ on 2026-03-03")
      assert.include(error.message, "CustomerSessions.create")
      assert.deepStrictEqual(paths(fake.requests), ["POST /v1/member-sessions/"])
    }))
})
