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
    expect(stdout).toContain("## Targets")
    expect(fs.readFileSync(out, "utf8")).toContain("## Latency, throughput, CPU, heap")
    fs.rmSync(dir, { recursive: true, force: true })
  }, 330_000)
})
