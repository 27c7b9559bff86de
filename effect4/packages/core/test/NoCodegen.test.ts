/**
 * Where code generation from strings is forbidden (a Content-Security-Policy without
 * `unsafe-eval`, Cloudflare Workers), Effect 4's `SchemaJITCompiler` cannot generate its parsers
 * and leaves decoding to Effect's schema interpreter. Node's
 * `--disallow-code-generation-from-strings` imposes the same rule: `test/no-codegen/probe.ts` runs
 * once with it and once without, and both runs must answer alike: response decoding (valid and
 * invalid bodies, error messages included) and request validation.
 */
import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { validationTable } from "./fixtures.js"

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..")

interface Probe {
  readonly codegen: boolean
  readonly generated: number
  readonly answers: {
    readonly sessions: ReadonlyArray<{ readonly value?: unknown; readonly error?: string }>
    readonly customerSessions: ReadonlyArray<{ readonly value?: unknown; readonly error?: string }>
    readonly member: { readonly value?: unknown; readonly error?: string }
    readonly wire: ReadonlyArray<{ readonly value?: unknown; readonly detail?: unknown }>
    readonly customerWire: ReadonlyArray<{ readonly value?: unknown; readonly detail?: unknown }>
  }
}

const probe = (nodeOptions: ReadonlyArray<string>): Promise<Probe> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeOptions, "--import", "tsx", "--conditions=@effect-polar/source", "test/no-codegen/probe.ts"],
      { cwd: packageDir, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) return reject(new Error(`probe failed: ${error.message}\n${stderr}`))
        resolve(JSON.parse(stdout))
      }
    )
  })

describe("without code generation from strings", () => {
  it("decodes and validates exactly as with it, through the interpreter", async () => {
    const [allowed, forbidden] = await Promise.all([probe([]), probe(["--disallow-code-generation-from-strings"])])

    // each run took the path it should: generated parsers, or none at all
    assert.isTrue(allowed.codegen)
    assert.isAbove(allowed.generated, 0)
    assert.isFalse(forbidden.codegen)
    assert.strictEqual(forbidden.generated, 0)

    assert.deepStrictEqual(forbidden.answers, allowed.answers)

    // and the answers are the expected ones, not two identical failures
    const { customerSessions, customerWire, member, sessions, wire } = forbidden.answers
    assert.strictEqual(sessions.filter((answer) => answer.value !== undefined).length, 2)
    assert.strictEqual(sessions.filter((answer) => answer.error !== undefined).length, 7)
    assert.strictEqual(sessions[8]?.error, `Expected string\n  at ["expires_at"]`)
    assert.isTrue(customerSessions.every((answer) => answer.value !== undefined))
    assert.isDefined(member.value)
    assert.strictEqual(wire.length, 35)
    assert.strictEqual(
      wire.filter((answer) => answer.value !== undefined).length,
      validationTable.filter((row) => row.accepted).length
    )
    assert.deepStrictEqual(customerWire.map((answer) => answer.value === undefined ? "refused" : "accepted"), [
      "accepted",
      "accepted",
      "refused",
      "refused"
    ])
  })
})
