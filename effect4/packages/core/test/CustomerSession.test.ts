import { CustomerWire } from "@effect-polar/core/Customer"
import * as CustomerSession from "@effect-polar/core/CustomerSession"
import * as Member from "@effect-polar/core/Member"
import * as MemberSession from "@effect-polar/core/MemberSession"
import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as util from "node:util"
import { fixtureJson, fixtureText } from "./fixtures.js"

const decoded = <A>(result: Result.Result<A, Schema.SchemaError>): A => {
  if (Result.isFailure(result)) throw new Error(result.failure.message)
  return result.success
}

describe("CustomerSession and the Customer of today's Polar", () => {
  it("decodes a member session of a team customer with no email and no avatar", () => {
    const session = decoded(
      CustomerSession.decodeUnknownResult(fixtureJson("current/customer-session.201.member.json"))
    )
    assert.instanceOf(session, CustomerSession.CustomerSession)
    assert.isTrue(session.isMemberSession)
    assert.strictEqual(session.customerId, "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6")
    assert.isNull(session.customer.email)
    assert.isNull(session.customer.avatarUrl)
    assert.strictEqual(session.customer.billingName, "Acme Incorporated")
    assert.isNull(session.customer.defaultPaymentMethodId)
    assert.isNull(session.customer.firstUserEventAt)
    assert.deepStrictEqual(session.customer.taxId, ["US123456789", "us_ein"])
    assert.strictEqual(session.returnUrl, "https://example.com/account")
    assert.isTrue(Redacted.value(session.customerPortalUrl).includes("customer_session_token="))
  })

  it("decodes a customer session (polar_cst_) of an individual customer", () => {
    const session = decoded(
      CustomerSession.decodeUnknownResult(fixtureJson("current/customer-session.201.customer.json"))
    )
    assert.isFalse(session.isMemberSession)
    assert.strictEqual(session.customer.type, "individual")
    assert.strictEqual(session.customer.defaultPaymentMethodId, "e7c3a4f5-6d7e-4f80-a192-a3b4c5d6e7f8")
    assert.strictEqual(session.customer.firstUserEventAt?.toISOString(), "2026-09-12T08:00:00.000Z")
    assert.isNull(session.customer.locale)
  })

  it("one Customer schema decodes both server generations: the legacy customer gets null new fields", () => {
    const legacy = decoded(MemberSession.decodeUnknownResult(fixtureJson("member-session.201.json")))
    assert.isNull(legacy.customer.billingName)
    assert.isNull(legacy.customer.defaultPaymentMethodId)
    assert.isNull(legacy.customer.firstUserEventAt)
    assert.isString(legacy.customer.email)
    const current = decoded(
      CustomerSession.decodeUnknownResult(fixtureJson("current/customer-session.201.member.json"))
    )
    assert.strictEqual(legacy.customer.id, current.customer.id)
  })

  it("refuses a legacy member-session body: it has no customer_portal_url", () => {
    assert.isTrue(Result.isFailure(CustomerSession.decodeUnknownResult(fixtureJson("member-session.201.json"))))
  })

  it("never shows the token or the portal URL when printed", () => {
    const text = fixtureText("current/customer-session.201.member.json")
    const session = decoded(CustomerSession.decodeUnknownResult(JSON.parse(text)))
    const token = Redacted.value(session.token)
    for (const printed of [String(session), JSON.stringify(session), util.inspect(session, { depth: 10 })]) {
      assert.notInclude(printed, token)
    }
  })

  it("round-trips to the wire format", () => {
    const wire = fixtureJson("current/customer-session.201.member.json")
    const session = decoded(CustomerSession.decodeUnknownResult(wire))
    const encoded = Schema.encodeSync(CustomerSession.CustomerSessionWire)(session)
    assert.deepStrictEqual(Schema.decodeUnknownSync(CustomerSession.CustomerSessionWire)(encoded), session)
    assert.strictEqual(Schema.encodeSync(CustomerWire)(session.customer).email, null)
    assert.strictEqual(encoded.customer_portal_url, Redacted.value(session.customerPortalUrl))
  })

  it("makes the MemberSession the legacy endpoint answered from today's session and the member looked up", () => {
    const current = decoded(
      CustomerSession.decodeUnknownResult(fixtureJson("current/customer-session.201.member.json"))
    )
    const member = decoded(Member.decodeUnknownResult(fixtureJson("current/member.200.json")))
    const session = new MemberSession.MemberSession({
      createdAt: current.createdAt,
      modifiedAt: current.modifiedAt,
      id: current.id,
      token: current.token,
      expiresAt: current.expiresAt,
      returnUrl: current.returnUrl,
      memberPortalUrl: current.customerPortalUrl,
      memberId: member.id,
      member,
      customerId: current.customerId,
      customer: current.customer
    })
    const wire = Schema.encodeSync(MemberSession.MemberSessionWire)(session)
    assert.strictEqual(wire.member_portal_url, Redacted.value(current.customerPortalUrl))
    assert.strictEqual(wire.member.customer_id, current.customerId)
    assert.deepStrictEqual(decoded(MemberSession.decodeUnknownResult(wire)), session)
  })

  it("decodes a member of GET /v1/members/{id}", () => {
    const member = decoded(Member.decodeUnknownResult(fixtureJson("current/member.200.json")))
    assert.instanceOf(member, Member.Member)
    assert.strictEqual(member.role, "billing_manager")
    assert.strictEqual(member.externalId, "usr_1337")
    assert.strictEqual(member.customerId, "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6")
  })
})
