import { Customer, CustomerWire } from "@effect-polar/core/Customer"
import { Member } from "@effect-polar/core/Member"
import * as MemberSession from "@effect-polar/core/MemberSession"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Formatter from "effect/Formatter"
import * as Inspectable from "effect/Inspectable"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as util from "node:util"
import { fixtureJson, fixtureText } from "./fixtures.js"

const decode = MemberSession.decodeUnknownResult
const full = fixtureJson("member-session.201.json")
const minimal = fixtureJson("member-session.201.minimal.json")
const TOKEN = "polar_mst_Qm9yZ2V0IGFib3V0IGl0LiBUaGlzIGlzIGEgdGVzdCB0b2tlbg"

const decoded = (input: unknown): MemberSession.MemberSession => {
  const result = decode(input)
  if (Result.isFailure(result)) assert.fail(result.failure.message)
  return result.success
}

/** A fresh copy of the full fixture, to change. */
const fullBody = () => JSON.parse(fixtureText("member-session.201.json"))

describe("MemberSession", () => {
  it("decodes the full fixture to camelCase fields, Dates and Redacted secrets", () => {
    const session = decoded(full)
    assert.instanceOf(session, MemberSession.MemberSession)
    assert.instanceOf(session.member, Member)
    assert.instanceOf(session.customer, Customer)
    assert.strictEqual(session.id, "7f1d2c3b-9a84-4e6f-b1d2-3c4d5e6f7a8b")
    assert.instanceOf(session.createdAt, Date)
    assert.strictEqual(session.createdAt.toISOString(), "2026-11-21T10:15:02.481Z")
    assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
    assert.isNull(session.modifiedAt)
    assert.isTrue(Redacted.isRedacted(session.token))
    assert.strictEqual(Redacted.value(session.token), TOKEN)
    assert.isTrue(Redacted.value(session.memberPortalUrl).startsWith("https://polar.sh/acme-inc/portal?"))
    assert.strictEqual(session.returnUrl, "https://example.com/account")
    assert.strictEqual(session.memberId, session.member.id)
    assert.strictEqual(session.member.role, "billing_manager")
    assert.strictEqual(session.member.externalId, "usr_1337")
    assert.instanceOf(session.member.modifiedAt, Date)
    assert.strictEqual(session.customer.type, "team")
    assert.deepStrictEqual(session.customer.metadata, { plan: "team", seats: 12, discount: 0.15, trial: false })
    assert.deepStrictEqual(session.customer.taxId, ["US123456789", "us_ein"])
    assert.strictEqual(session.customer.billingAddress?.postalCode, "94105")
    assert.strictEqual(session.customer.billingAddress?.country, "US")
    assert.strictEqual(session.customer.emailVerified, true)
    assert.strictEqual(session.customer.organizationId, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
  })

  it("decodes the minimal fixture: absent customer fields become null", () => {
    const session = decoded(minimal)
    assert.isNull(session.returnUrl)
    assert.isNull(session.customer.externalId)
    assert.isNull(session.customer.type)
    assert.isNull(session.customer.locale)
    assert.isNull(session.customer.billingAddress)
    assert.isNull(session.customer.taxId)
    assert.deepStrictEqual(session.customer.metadata, {})
    assert.strictEqual(session.member.role, "owner")
  })

  it("decodes the same through Schema.decodeUnknownResult(MemberSessionWire)", () => {
    const result = Schema.decodeUnknownResult(MemberSession.MemberSessionWire)(full)
    assert.isTrue(Result.isSuccess(result))
    if (Result.isSuccess(result)) assert.deepStrictEqual(result.success, decoded(full))
  })

  it("accepts unknown enum values and ignores unknown fields", () => {
    const body = fullBody()
    body.member.role = "auditor"
    body.customer.type = "enterprise"
    body.customer.tax_id = ["123", "xx_new"]
    body.customer.billing_address.country = "XK"
    body.brand_new_field = { nested: true }
    body.member.another = 1
    const session = decoded(body)
    assert.strictEqual(session.member.role, "auditor")
    assert.strictEqual(session.customer.type, "enterprise")
    assert.deepStrictEqual(session.customer.taxId, ["123", "xx_new"])
    assert.strictEqual(session.customer.billingAddress?.country, "XK")
    assert.isFalse("brand_new_field" in session)
    assert.isFalse("another" in session.member)
  })

  it("accepts an id of any UUID version or case (a new id scheme must not break decoding)", () => {
    const body = fullBody()
    body.id = "018F4E1C-7B2A-7C3D-8E4F-5A6B7C8D9E0F"
    body.customer.organization_id = "00000000-0000-0000-0000-000000000000"
    const session = decoded(body)
    assert.strictEqual(session.id, "018F4E1C-7B2A-7C3D-8E4F-5A6B7C8D9E0F")
  })

  it("decodes a datetime with an offset or without seconds, and refuses one outside years 0000-9999 in UTC", () => {
    const body = fullBody()
    body.created_at = "2026-11-21T11:15+01:00"
    assert.strictEqual(decoded(body).createdAt.toISOString(), "2026-11-21T10:15:00.000Z")
    body.created_at = "0000-01-01T00:00:00+01:00"
    assert.isTrue(Result.isFailure(decode(body)))
    body.created_at = "+010000-01-01T00:00:00Z"
    assert.isTrue(Result.isFailure(decode(body)))
  })

  it("refuses a body missing a required field or with a wrong type", () => {
    const missing = fullBody()
    delete missing.expires_at
    assert.isTrue(Result.isFailure(decode(missing)))
    const mistyped = fullBody()
    mistyped.customer.email_verified = "yes"
    assert.isTrue(Result.isFailure(decode(mistyped)))
    const badDate = fullBody()
    badDate.created_at = "yesterday"
    assert.isTrue(Result.isFailure(decode(badDate)))
    const badId = fullBody()
    badId.member_id = "not-a-uuid"
    assert.isTrue(Result.isFailure(decode(badId)))
    assert.isTrue(Result.isFailure(decode(null)))
    assert.isTrue(Result.isFailure(decode("a session")))
  })

  it("reports every problem at once, located by wire key", () => {
    const body = fullBody()
    body.created_at = "yesterday"
    body.member.role = 7
    delete body.customer.email_verified
    const result = decode(body)
    if (Result.isSuccess(result)) return assert.fail("decoded an invalid body")
    const message = result.failure.message
    assert.include(message, `["created_at"]`)
    assert.include(message, `["member"]["role"]`)
    assert.include(message, `["customer"]["email_verified"]`)
  })

  it("round-trips to the wire format", () => {
    const session = decoded(full)
    const encoded = Schema.encodeSync(MemberSession.MemberSessionWire)(session)
    assert.strictEqual(encoded.token, TOKEN)
    assert.strictEqual(encoded.created_at, "2026-11-21T10:15:02.481Z")
    assert.strictEqual(encoded.member.customer_id, session.member.customerId)
    assert.strictEqual(encoded.customer.billing_address?.postal_code, "94105")
    assert.deepStrictEqual(decoded(JSON.parse(JSON.stringify(encoded))), session)
    assert.strictEqual(Schema.encodeSync(CustomerWire)(session.customer).avatar_url, session.customer.avatarUrl)
  })

  it("never shows the token when printed, inspected, stringified or put in a Cause", () => {
    const session = decoded(full)
    const renderings = [
      String(session),
      JSON.stringify(session),
      util.inspect(session, { depth: 10 }),
      Formatter.format(session),
      Inspectable.toStringUnknown(session),
      Cause.pretty(Cause.fail(session)),
      Cause.pretty(Cause.die(session)),
      `${session.token}`,
      `${session.memberPortalUrl}`
    ]
    for (const text of renderings) {
      assert.notInclude(text, "polar_mst_")
      assert.notInclude(text, "member_session_token")
    }
    assert.include(util.inspect(session, { depth: 10 }), "jane.doe@acme.example")
  })
})
