import { Customer, CustomerWire } from "@effect-polar/core/Customer"
import { CustomerSession, CustomerSessionWire } from "@effect-polar/core/CustomerSession"
import { Member, MemberWire } from "@effect-polar/core/Member"
import * as MemberSession from "@effect-polar/core/MemberSession"
import { describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"

/** `decode(encode(x))` is `x`, by the schema's own equivalence (and through JSON text when asked). */
const roundTrips = <A, I>(schema: Schema.Codec<A, I>, options: { readonly throughJson: boolean }) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  const equivalent = Schema.toEquivalence(schema)
  return (value: A): boolean => {
    const encoded = encode(value)
    return equivalent(decode(options.throughJson ? JSON.parse(JSON.stringify(encoded)) : encoded), value)
  }
}

describe("properties", () => {
  it.prop(
    "MemberSession: decode(encode(x)) is x for 1,000 values generated from the schema",
    [MemberSession.MemberSession],
    ([session]) => roundTrips(MemberSession.MemberSessionWire, { throughJson: false })(session),
    { arbitrary: { runs: 1000 } }
  )

  it.prop(
    "MemberSession: the wire form survives JSON for 1,000 values",
    [MemberSession.MemberSession],
    ([session]) => roundTrips(MemberSession.MemberSessionWire, { throughJson: true })(session),
    { arbitrary: { runs: 1000 } }
  )

  it.prop(
    "CustomerSession: the wire form survives JSON for 300 values",
    [CustomerSession],
    ([session]) => roundTrips(CustomerSessionWire, { throughJson: true })(session),
    { arbitrary: { runs: 300 } }
  )

  it.prop(
    "Member and Customer round-trip on their own",
    [Member, Customer],
    ([member, customer]) =>
      roundTrips(MemberWire, { throughJson: true })(member) &&
      roundTrips(CustomerWire, { throughJson: true })(customer),
    { arbitrary: { runs: 300 } }
  )
})
