/**
 * Interruption and process exit, each in a child process on the Node the tests run on (the
 * fixtures run through tsx, the Effect 4 workspace's devDependency): the process must end by
 * itself promptly once its work is done, with nothing of the client left keeping it alive.
 */
import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))

const runFixture = (name: string) =>
  new Promise<{ code: number; stdout: string; stderr: string; ended: number }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--conditions=@effect-polar/source", path.join(here, "fixtures", name)],
      { cwd: path.join(here, ".."), timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ended: Date.now() })
    )
  })

describe("interruption", () => {
  it("aborts the socket at once and leaves nothing behind: the process ends by itself", async () => {
    const { code, ended, stderr, stdout } = await runFixture("interrupt-exit.ts")
    assert.strictEqual(code, 0, stderr)
    assert.include(stdout, "socket closed by the client")
    const closedAt = Number(/server closed at (\d+)/.exec(stdout)?.[1])
    // nothing (such as the attempt's 10 s timeout, `Effect.timeoutOrElse`, or a pooled socket) keeps the process alive
    assert.isBelow(ended - closedAt, 3_000)
  })

  it("a runtime never disposed does not keep the process alive for the rest of the timeout", async () => {
    const { code, ended, stderr, stdout } = await runFixture("runtime-exit.ts")
    assert.strictEqual(code, 0, stderr)
    assert.include(stdout, "created ")
    const closedAt = Number(/server closed at (\d+)/.exec(stdout)?.[1])
    // the attempt's timeout is `Effect.timeoutOrElse`: its timer is cleared when the attempt ends,
    // and no fiber watching deadlines outlives the call
    assert.isBelow(ended - closedAt, 3_000)
  })
})
