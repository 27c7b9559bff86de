/**
 * The `polar-emulator` command of both lines: what its options mean and what it prints.
 */
import { EmulatorCommandLine } from "@effect-polar/wire"
import { parseArgs } from "node:util"
import { assert, describe, it } from "vitest"

const values = (...args: Array<string>) => parseArgs({ args, options: EmulatorCommandLine.parseOptions }).values

describe("EmulatorCommandLine", () => {
  it("serves today's Polar on 127.0.0.1:4010, any token, no rate limit, by default", () => {
    const options = EmulatorCommandLine.serverOptions(values())
    assert.deepStrictEqual(options, { generation: "current", port: 4010, host: "127.0.0.1", seed: 1 })
    assert.deepStrictEqual(EmulatorCommandLine.banner("http://127.0.0.1:4010", values()).slice(0, 4), [
      "Polar emulator listening on http://127.0.0.1:4010",
      "POST http://127.0.0.1:4010/v1/customer-sessions/  (control: http://127.0.0.1:4010/_emulator/)",
      "Polar today: Polar-Version 2026-04, 2026-10, 2027-01 (default 2026-04)",
      "accepting any bearer token"
    ])
  })

  it("--legacy, --token and --rate-limit: the legacy server, the named tokens reaching every demo organization", () => {
    const given = values("--legacy", "--token", "polar_pat_a", "--token", "polar_pat_b", "--rate-limit", "sandbox")
    const options = EmulatorCommandLine.serverOptions(given)
    assert.strictEqual(options.generation, "legacy")
    assert.strictEqual(options.rateLimit, "sandbox")
    assert.deepStrictEqual(options.tokens?.map((token) => token.token), ["polar_pat_a", "polar_pat_b"])
    for (const token of options.tokens ?? []) assert.deepStrictEqual(token.organizations, ["acme-inc", "solo-dev"])
    const banner = EmulatorCommandLine.banner("http://127.0.0.1:1", given)
    assert.strictEqual(
      banner[1],
      "POST http://127.0.0.1:1/v1/member-sessions/  (control: http://127.0.0.1:1/_emulator/)"
    )
    assert.strictEqual(banner[2], "legacy server (January to March 2026): no Polar-Version")
    assert.strictEqual(banner[3], "accepting tokens: 2")
  })

  it("prints one line per demo member; an unknown --rate-limit is no rate limit", () => {
    const banner = EmulatorCommandLine.banner("http://127.0.0.1:1", values())
    assert.deepStrictEqual(banner.slice(4), [
      "member 3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b jane.doe@acme.example customer c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6",
      "member 9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5 sam+test@example.com customer d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"
    ])
    assert.notProperty(EmulatorCommandLine.serverOptions(values("--rate-limit", "fast")), "rateLimit")
  })
})
