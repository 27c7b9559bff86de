import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")

describe("pnpm bench --quick", () => {
  it("runs, exits 0 and prints the results", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "effect-polar-bench-"))
    const out = path.join(dir, "results.md")
    // --out keeps the committed results.md (from a full run) untouched
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          "npx",
          ["-y", "pnpm@10.34.9", "bench", "--quick", "--out", out],
          { cwd: root, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) =>
            resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr })
        )
      }
    )
    expect(code, stderr).toBe(0)
    expect(stdout).toContain("# effect-polar benchmark results (quick run)")
    expect(stdout).toContain("| effect-polar, NodeHttpClient.layerUndici |")
    // the floor row runs in the same rounds, and its ratios are reported
    expect(stdout).toContain("| floor: Effect HttpClient over layerUndici, tracer off, no client |")
    expect(stdout).toMatch(/The floor row .* In this run it is \d+\.\d\d× raw undici/)
    // today's endpoint (issue 14): the SDK 1.0.1, the client's two operations over both layers, the fetch floor
    for (
      const row of [
        "@polar-sh/sdk 1.0.1 customerSessions.create",
        "effect-polar CustomerSessions.create, NodeHttpClient.layerUndici",
        "effect-polar CustomerSessions.create, FetchHttpClient.layer",
        "effect-polar MemberSessions.create, today's route (2 requests), layerUndici",
        "effect-polar MemberSessions.create, today's route (2 requests), FetchHttpClient",
        "floor: Effect HttpClient over FetchHttpClient, tracer off, no client"
      ]
    ) {
      // a row of the latency table and one of today's ratio table, each with figures
      expect(stdout.split("\n").filter((line) => line.startsWith(`| ${row} | `) && /\d/.test(line)).length, row)
        .toBeGreaterThanOrEqual(2)
    }
    expect(stdout).toContain("## Today's endpoint: ratios to the SDK 1.0.1 (same run)")
    expect(stdout).toMatch(
      /CustomerSessions\.create` ÷ the SDK 1\.0\.1's `customerSessions\.create` \(p50\): over layerUndici \d+\.\d\d×/
    )
    // the four targets of issue 14, each with its ratio and a verdict
    for (const layer of ["undici layer", "FetchHttpClient"]) {
      for (const level of ["1", "32"]) {
        expect(stdout).toMatch(
          new RegExp(
            `\\| CustomerSessions\\.create, ${layer}: p50 at concurrency ${level} ≤ \\d\\.\\d× the SDK 1\\.0\\.1's ` +
              `customerSessions\\.create \\| [\\d,]+ µs vs [\\d,]+ µs = \\d+\\.\\d\\d×.* \\| (PASS|\\*\\*FAIL\\*\\*) \\|`
          )
        )
      }
    }
    // the Effect 4 line (issue 17): its rows and the Effect 3 line's on Node 22, in the latency table and
    // in their ratio table, and its four targets against raw undici on Node 22
    for (
      const row of [
        "raw undici.request + JSON.parse, today's endpoint, Node 22",
        "floor: Effect 3 HttpClient over layerUndici, tracer off, no client, today's endpoint, Node 22",
        "effect-polar (Effect 3) CustomerSessions.create, layerUndici, Node 22",
        "floor: Effect 4 HttpClient over layerUndici, tracer off, no client, today's endpoint, Node 22",
        "effect-polar (Effect 4) CustomerSessions.create, layerUndici, Node 22",
        "effect-polar (Effect 4) CustomerSessions.create, FetchHttpClient"
      ]
    ) {
      expect(stdout.split("\n").filter((line) => line.startsWith(`| ${row} | `) && /\d/.test(line)).length, row)
        .toBeGreaterThanOrEqual(2)
    }
    expect(stdout).toContain("## The Effect 4 line: ratios to raw undici on Node 22 (same run)")
    expect(stdout).toMatch(/- Node v\d+\.\d+\.\d+ \(the rows marked "Node 22": v22\./)
    for (const bound of ["1.5", "2.0"]) {
      for (const level of ["1", "32"]) {
        expect(stdout).toMatch(
          new RegExp(
            `\\| Effect 4 CustomerSessions\\.create, undici layer: p50 at concurrency ${level} ≤ ${bound}× raw ` +
              `undici\\.request \\(Node 22[^|]*\\) \\| [\\d,]+ µs vs [\\d,]+ µs = \\d+\\.\\d\\d×.* \\| ` +
              `(PASS|\\*\\*FAIL\\*\\*) \\|`
          )
        )
      }
    }
    expect(stdout).toMatch(/\d+ of 18 targets met\./)
    expect(stdout).toContain("## Targets")
    expect(fs.readFileSync(out, "utf8")).toContain("## Latency, throughput, CPU, heap")
    fs.rmSync(dir, { recursive: true, force: true })
  }, 330_000)
})
