import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import { assert, describe, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

const CUSTOMER_ID = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const MEMBER_ID = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"

const locs = (result: Result.Result<unknown, ReadonlyArray<{ readonly loc: ReadonlyArray<string | number> }>>) =>
  Result.match(result, { onFailure: (errors) => errors.map((e) => e.loc.join(".")), onSuccess: () => [] })

describe("CustomerSessionCreate: the customer-sessions union, as Polar's pydantic", () => {
  it("a body by customer id is a CustomerSessionCustomerIDCreate, normalised", () => {
    const result = CustomerSessionCreate.validateInput({ customerId: CUSTOMER_ID.toUpperCase(), memberId: MEMBER_ID })
    if (Result.isFailure(result)) return assert.fail(JSON.stringify(result.failure))
    const value = result.success
    if (!(value instanceof CustomerSessionCreate.CustomerSessionCustomerIDCreate)) {
      return assert.fail("not the id model")
    }
    assert.deepStrictEqual(
      Schema.encodeSync(CustomerSessionCreate.CustomerSessionCustomerIDCreateWire)(value),
      { member_id: MEMBER_ID, external_member_id: null, return_url: null, customer_id: CUSTOMER_ID }
    )
  })

  it("a body by external id is a CustomerSessionCustomerExternalIDCreate, read from either key", () => {
    for (const body of [{ external_customer_id: "org_42" }, { customer_external_id: "org_42" }]) {
      const result = CustomerSessionCreate.validateWire(body)
      if (Result.isFailure(result)) return assert.fail(JSON.stringify(result.failure))
      const value = result.success
      if (!(value instanceof CustomerSessionCreate.CustomerSessionCustomerExternalIDCreate)) {
        return assert.fail("not the external-id model")
      }
      assert.strictEqual(value.externalCustomerId, "org_42")
      assert.isNull(value.memberId)
    }
  })

  it("a body neither member accepts gets both members' errors, each under the member's name", () => {
    assert.deepStrictEqual(locs(CustomerSessionCreate.validateWire({})), [
      "body.CustomerSessionCustomerIDCreate.customer_id",
      "body.CustomerSessionCustomerExternalIDCreate.external_customer_id"
    ])
  })

  it("toJson sends the input under wire names, values as given", () => {
    assert.strictEqual(
      CustomerSessionCreate.toJson({ externalCustomerId: "org_42", externalMemberId: "usr_1", returnUrl: undefined }),
      `{"external_customer_id":"org_42","external_member_id":"usr_1"}`
    )
  })
})
