import { Customer } from "@effect-polar/core/Customer"
import { MemberSession } from "@effect-polar/core/MemberSession"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Either, Inspectable, Redacted, Schema } from "effect"
import * as util from "node:util"
import { fixtureJson, fixtureText } from "./fixtures.js"

const decode = Schema.decodeUnknownEither(MemberSession)
const full = fixtureJson("member-session.201.json")
const minimal = fixtureJson("member-session.201.minimal.json")
const TOKEN = "polar_mst_Qm9yZ2V0IGFib3V0IGl0LiBUaGlzIGlzIGEgdGVzdCB0b2tlbg"

const decoded = (input: unknown): MemberSession => {
  const result = decode(input)
  if (Either.isLeft(result)) assert.fail(String(result.left))
  return result.right
}

describe("MemberSession", () => {
  it("decodes the full fixture to camelCase fields, Dates and Redacted secrets", () => {
    const session = decoded(full)
    assert.strictEqual(session.id, "7f1d2c3b-9a84-4e6f-b1d2-3c4d5e6f7a8b")
    assert.instanceOf(session.createdAt, Date)
    assert.strictEqual(session.createdAt.toISOString(), "2026-11-21T10:15:02.481Z")
    assert.strictEqual(session.expiresAt.getTime() - session.createdAt.getTime(), 3_600_000)
    assert.isNull(session.modifiedAt)
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

  it("accepts unknown enum values and ignores unknown fields", () => {
    const body = JSON.parse(fixtureText("member-session.201.json"))
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
  })

  it("refuses a body missing a required field or with a wrong type", () => {
    const missing = JSON.parse(fixtureText("member-session.201.json"))
    delete missing.expires_at
    assert.isTrue(Either.isLeft(decode(missing)))
    const mistyped = JSON.parse(fixtureText("member-session.201.json"))
    mistyped.customer.email_verified = "yes"
    assert.isTrue(Either.isLeft(decode(mistyped)))
    const badDate = JSON.parse(fixtureText("member-session.201.json"))
    badDate.created_at = "yesterday"
    assert.isTrue(Either.isLeft(decode(badDate)))
  })

  it("round-trips to the wire format", () => {
    const session = decoded(full)
    const encoded = Schema.encodeSync(MemberSession)(session)
    assert.strictEqual(encoded.token, TOKEN)
    assert.strictEqual(encoded.created_at, "2026-11-21T10:15:02.481Z")
    assert.deepStrictEqual(decoded(encoded), session)
    assert.strictEqual(Schema.encodeSync(Customer)(session.customer).avatar_url, session.customer.avatarUrl)
  })

  it("never shows the token when printed, inspected, stringified or put in a Cause", () => {
    const session = decoded(full)
    const renderings = [
      String(session),
      JSON.stringify(session),
      util.inspect(session, { depth: 10 }),
      Inspectable.format(session),
      Cause.pretty(Cause.fail(session)),
      Cause.pretty(Cause.die(session)),
      `${session.token}`,
      `${session.memberPortalUrl}`
    ]
    for (const text of renderings) {
      assert.notInclude(text, "polar_mst_")
      assert.notInclude(text, "member_session_token")
    }
    assert.include(util.inspect(session), "jane.doe@acme.example")
  })
})
