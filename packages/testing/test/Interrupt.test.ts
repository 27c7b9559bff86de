import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))

describe("interruption", () => {
  it("aborts the socket at once and leaves nothing behind: the process ends by itself", async () => {
    const { code, ended, stderr, stdout } = await new Promise<
      { code: number; stdout: string; stderr: string; ended: number }
    >((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "--conditions=@effect-polar/source", path.join(here, "fixtures/interrupt-exit.ts")],
        { cwd: path.join(here, ".."), timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ended: Date.now() })
      )
    })
    assert.strictEqual(code, 0, stderr)
    assert.include(stdout, "socket closed by the client")
    const closedAt = Number(/server closed at (\d+)/.exec(stdout)?.[1])
    // nothing (such as the 10 s attempt timer or a pooled socket) keeps the process alive
    assert.isBelow(ended - closedAt, 3_000)
  })
})
