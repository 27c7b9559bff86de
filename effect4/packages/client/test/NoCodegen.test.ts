/**
 * Where code generation from strings is forbidden (a Content-Security-Policy without
 * `unsafe-eval`, Cloudflare Workers), Effect's `SchemaJITCompiler` cannot generate its decoders and
 * leaves the schema interpreter to do the work. Node's `--disallow-code-generation-from-strings`
 * imposes the same rule: `test/no-codegen/probe.ts` runs once with it and once without, and both
 * runs must answer alike: response decoding, request validation (all of `validation-table.json`)
 * and whole `MemberSessions.create` calls, successful and failing.
 */
import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..")

interface Probe {
  readonly codegen: boolean
  readonly compiled: boolean
  readonly answers: {
    readonly sessions: ReadonlyArray<{ readonly value?: unknown; readonly error?: string }>
    readonly wire: ReadonlyArray<unknown>
    readonly input: ReadonlyArray<unknown>
    readonly calls: ReadonlyArray<
      { readonly value?: unknown; readonly validation?: unknown; readonly sdkError?: string }
    >
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
  it("decodes, validates and calls exactly as with it", async () => {
    const [allowed, forbidden] = await Promise.all([probe([]), probe(["--disallow-code-generation-from-strings"])])

    // each run took the path it should
    assert.isTrue(allowed.codegen)
    assert.isTrue(allowed.compiled)
    assert.isFalse(forbidden.codegen)
    assert.isFalse(forbidden.compiled)

    assert.deepStrictEqual(forbidden.answers, allowed.answers)

    // and the answers are the expected ones, not two identical failures
    const { calls, input, sessions, wire } = forbidden.answers
    assert.strictEqual(sessions.filter((answer) => answer.value !== undefined).length, 2)
    assert.strictEqual(sessions.filter((answer) => answer.error !== undefined).length, 6)
    assert.strictEqual(wire.length, 35)
    assert.isAbove(input.length, 20)
    assert.isDefined(calls[0]?.value)
    assert.isDefined(calls[1]?.value)
    assert.isDefined(calls[2]?.validation)
    assert.match(calls[3]?.sdkError ?? "", /expires_at: Expected string/)
  }, 120_000)
})
