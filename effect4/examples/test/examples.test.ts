/**
 * The demo and `create-member-session.ts` of the Effect 4 line: as Effects against the emulator
 * (configuration from a `ConfigProvider`, never from the environment), and the demo as a process.
 */
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Redacted from "effect/Redacted"
import { execFile } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { program } from "../create-member-session.js"
import { demo, describeCustomerSession, describeSession, maskPortalUrl } from "../demo.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const JANE = PolarEmulator.demoMembers[0]!
/** The configuration holds exactly `entries`: whatever the environment of the test run says. */
const env = (entries: Record<string, string>) =>
  Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord(entries)))

/** Runs an example file as a user would (tsx), answering its exit code and output. */
const run = (file: string, args: ReadonlyArray<string>, extraEnv: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const { POLAR_ACCESS_TOKEN: _, ...rest } = process.env
    execFile(
      process.execPath,
      ["--import", "tsx", "--conditions=@effect-polar/source", path.join(here, "..", file), ...args],
      { cwd: path.join(here, ".."), env: { ...rest, ...extraEnv }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })

describe("examples", () => {
  it.effect("create-member-session.ts: the program runs against PolarClientTest", () =>
    Effect.gen(function*() {
      const url = yield* program.pipe(
        Effect.provide(PolarClientTest.layer()),
        env({ POLAR_MEMBER_ID: JANE.id, POLAR_RETURN_URL: "https://example.com/account" })
      )
      assert.match(url, /^https:\/\/polar\.sh\/acme-inc\/portal\?customer_session_token=polar_mst_/)
    }))

  it.effect("demo: without POLAR_ACCESS_TOKEN both calls run against the emulator; tokens are masked", () =>
    Effect.gen(function*() {
      const [member, customer] = yield* demo(false).pipe(env({}))
      if (member?._tag !== "Member" || customer?._tag !== "Customer") return assert.fail("two sessions")
      const printed = describeSession(member.session, false)
      assert.include(printed, JANE.email)
      assert.notInclude(printed, Redacted.value(member.session.token))
      assert.include(describeSession(member.session, true), Redacted.value(member.session.token))
      assert.isTrue(customer.session.isMemberSession)
      const printedCustomer = describeCustomerSession(customer.session, false)
      assert.include(printedCustomer, "Acme Inc.")
      assert.notInclude(printedCustomer, Redacted.value(customer.session.token))
    }))

  it.effect("demo: with POLAR_ACCESS_TOKEN and no ids, it says which to set", () =>
    Effect.gen(function*() {
      const exit = yield* demo(false).pipe(env({ POLAR_ACCESS_TOKEN: "polar_oat_x" }), Effect.exit)
      assert.isTrue(Exit.hasDies(exit))
      assert.include(Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "", "POLAR_CUSTOMER_ID")
    }))

  it.effect("demo: an invalid member id fails with the typed error", () =>
    Effect.gen(function*() {
      const error = yield* demo(false).pipe(env({ POLAR_MEMBER_ID: "not-a-uuid" }), Effect.flip)
      assert.strictEqual(error._tag, "HTTPValidationError")
    }))

  it("maskPortalUrl keeps the prefix and hides the rest of the token", () => {
    assert.strictEqual(
      maskPortalUrl("https://polar.sh/a/portal?member_session_token=polar_mst_abcdefgh&email=x%40y"),
      "https://polar.sh/a/portal?member_session_token=polar_mst_abcd••••••••&email=x%40y"
    )
  })

  it("the demo as a process: prints the session, exits 0; a bad member exits 1 with the message", async () => {
    const [ok, shown, bad] = await Promise.all([
      run("demo.ts", [], {}),
      run("demo.ts", ["--show-token"], {}),
      run("demo.ts", [], { POLAR_MEMBER_ID: "not-a-uuid" })
    ])
    assert.strictEqual(ok.code, 0, ok.stderr)
    assert.match(ok.stdout, /started the built-in Polar emulator \(today's Polar\) on http:\/\/127\.0\.0\.1:\d+/)
    assert.include(ok.stdout, "Member session created (MemberSessions.create)")
    assert.include(ok.stdout, "Member session created (CustomerSessions.create)")
    assert.notMatch(ok.stdout, /polar_mst_[A-Za-z0-9]{20,}/)
    assert.strictEqual(shown.code, 0, shown.stderr)
    assert.match(shown.stdout, /customer_session_token=polar_mst_[A-Za-z0-9]{20,}/)
    assert.strictEqual(bad.code, 1)
    assert.include(bad.stderr, "body.member_id: Input should be a valid UUID")
  })
})
