/**
 * The demo data an emulator starts with when it is given no members: the contract fixtures'
 * organizations, customers and members.
 *
 * @internal
 */
import type { Seed } from "../../Emulator.js"

const ACME = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
const SOLO = "1b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e"

/**
 * Today's demo: the team customer Acme Inc. (no email) of `acme-inc` (member model on) with its
 * billing manager Jane; the individual customer Sam Test of `solo-dev` (member model off), whose
 * owner member is Sam.
 */
export const current: Seed = {
  organizations: [
    { slug: "acme-inc", id: ACME },
    { slug: "solo-dev", id: SOLO, memberModelEnabled: false, seatBasedPricingEnabled: false }
  ],
  customers: [
    {
      id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6",
      organization: "acme-inc",
      type: "team",
      email: null,
      name: "Acme Inc.",
      billingName: "Acme Incorporated",
      externalId: "org_42",
      metadata: { plan: "team", seats: 12 },
      billingAddress: {
        line1: "1 Market Street",
        line2: null,
        postalCode: "94105",
        city: "San Francisco",
        state: "US-CA",
        country: "US"
      },
      taxId: ["US123456789", "us_ein"],
      locale: "en",
      createdAt: "2026-10-01T09:00:00Z",
      modifiedAt: "2026-11-03T16:20:00Z"
    },
    {
      id: "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7",
      organization: "solo-dev",
      type: "individual",
      email: "sam+test@example.com",
      emailVerified: true,
      name: "Sam Test",
      createdAt: "2026-09-12T07:45:10Z"
    }
  ],
  members: [
    {
      id: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b",
      email: "jane.doe@acme.example",
      name: "Jane Doe",
      externalId: "usr_1337",
      role: "billing_manager",
      customerId: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6",
      createdAt: "2026-10-02T08:00:00Z",
      modifiedAt: "2026-10-05T12:30:45.123Z"
    },
    {
      id: "9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5",
      email: "sam+test@example.com",
      name: "Sam Test",
      role: "owner",
      customerId: "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"
    }
  ]
}

/**
 * The legacy generation's demo: the same, but Acme Inc. has an email (customers could not lack
 * one before March 2026).
 */
export const legacy: Seed = {
  ...current,
  customers: (current.customers ?? []).map((customer) =>
    customer.email === null ? { ...customer, email: "billing@acme.example" } : customer
  )
}
