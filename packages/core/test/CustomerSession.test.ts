import { Customer } from "@effect-polar/core/Customer"
import * as CustomerSession from "@effect-polar/core/CustomerSession"
import * as Member from "@effect-polar/core/Member"
import * as MemberSession from "@effect-polar/core/MemberSession"
import { assert, describe, it } from "@effect/vitest"
import { Either, Redacted, Schema } from "effect"
import * as util from "node:util"
import { fixtureJson, fixtureText } from "./fixtures.js"

const decoded = <A>(result: Either.Either<A, unknown>): A => {
  if (Either.isLeft(result)) throw new Error(String(result.left))
  return result.right
}

describe("CustomerSession and the Customer of today's Polar", () => {
  it("decodes a member session of a team customer with no email and no avatar", () => {
    const session = decoded(
      CustomerSession.decodeUnknownEither(fixtureJson("current/customer-session.201.member.json"))
    )
    assert.isTrue(session.isMemberSession)
    assert.strictEqual(session.customerId, "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6")
    assert.isNull(session.customer.email)
    assert.isNull(session.customer.avatarUrl)
    assert.strictEqual(session.customer.billingName, "Acme Incorporated")
    assert.isNull(session.customer.defaultPaymentMethodId)
    assert.isNull(session.customer.firstUserEventAt)
    assert.deepStrictEqual(session.customer.taxId, ["US123456789", "us_ein"])
    assert.strictEqual(session.returnUrl, "https://example.com/account")
  })

  it("decodes a customer session (polar_cst_) of an individual customer", () => {
    const session = decoded(
      CustomerSession.decodeUnknownEither(fixtureJson("current/customer-session.201.customer.json"))
    )
    assert.isFalse(session.isMemberSession)
    assert.strictEqual(session.customer.type, "individual")
    assert.strictEqual(session.customer.defaultPaymentMethodId, "e7c3a4f5-6d7e-4f80-a192-a3b4c5d6e7f8")
    assert.strictEqual(session.customer.firstUserEventAt?.toISOString(), "2026-09-12T08:00:00.000Z")
  })

  it("one Customer schema decodes both server generations: the legacy customer gets null new fields", () => {
    const legacy = decoded(MemberSession.decodeUnknownEither(fixtureJson("member-session.201.json")))
    assert.isNull(legacy.customer.billingName)
    assert.isNull(legacy.customer.defaultPaymentMethodId)
    assert.isNull(legacy.customer.firstUserEventAt)
    assert.isString(legacy.customer.email)
  })

  it("never shows the token or the portal URL when printed", () => {
    const text = fixtureText("current/customer-session.201.member.json")
    const session = decoded(CustomerSession.decodeUnknownEither(JSON.parse(text)))
    const token = Redacted.value(session.token)
    for (const printed of [String(session), JSON.stringify(session), util.inspect(session, { depth: 10 })]) {
      assert.notInclude(printed, token)
    }
  })

  it("round-trips to the wire format", () => {
    const wire = fixtureJson("current/customer-session.201.member.json")
    const session = decoded(CustomerSession.decodeUnknownEither(wire))
    const encoded = Schema.encodeSync(CustomerSession.CustomerSession)(session)
    assert.deepStrictEqual(Schema.decodeUnknownSync(CustomerSession.CustomerSession)(encoded), session)
    assert.strictEqual(Schema.encodeSync(Customer)(session.customer).email, null)
  })

  it("decodes a member of GET /v1/members/{id}", () => {
    const member = decoded(Member.decodeUnknownEither(fixtureJson("current/member.200.json")))
    assert.strictEqual(member.role, "billing_manager")
    assert.strictEqual(member.externalId, "usr_1337")
  })
})
