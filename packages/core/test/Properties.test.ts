import { Customer } from "@effect-polar/core/Customer"
import { Member } from "@effect-polar/core/Member"
import { MemberSession } from "@effect-polar/core/MemberSession"
import { describe, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc, Schema } from "effect"

const roundTrips = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  const equivalent = Schema.equivalence(schema)
  return (value: A) => equivalent(decode(encode(value)), value)
}

describe("properties", () => {
  it("MemberSession: decode(encode(x)) is x for 1,000 values generated from the schema", () => {
    fc.assert(fc.property(Arbitrary.make(MemberSession), roundTrips(MemberSession)), { numRuns: 1000 })
  })

  it("MemberSession: the wire form survives JSON for 1,000 values", () => {
    const encode = Schema.encodeSync(MemberSession)
    const decode = Schema.decodeUnknownSync(MemberSession)
    const equivalent = Schema.equivalence(MemberSession)
    fc.assert(
      fc.property(
        Arbitrary.make(MemberSession),
        (session) => equivalent(decode(JSON.parse(JSON.stringify(encode(session)))), session)
      ),
      { numRuns: 1000 }
    )
  })

  it("Member and Customer round-trip on their own", () => {
    fc.assert(fc.property(Arbitrary.make(Member), roundTrips(Member)), { numRuns: 300 })
    fc.assert(fc.property(Arbitrary.make(Customer), roundTrips(Customer)), { numRuns: 300 })
  })
})
