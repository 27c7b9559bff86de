import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runLoad } from "./load.js"

describe("load (modest numbers; `node --expose-gc ... test/load.ts` runs 10,000 at 256)", () => {
  it.live(
    "1,000 creates at concurrency 64 with 2% scripted 503s: all succeed, sockets bounded, heap back, nothing open",
    () =>
      Effect.gen(function*() {
        const report = yield* runLoad({ calls: 1_000, concurrency: 64, failEvery: 50 })
        assert.strictEqual(report.succeeded, 1_000)
        assert.strictEqual(report.scripted503, 20)
        // undici opens a socket when every pooled one is still busy: bounded by a small multiple of the concurrency
        assert.isAtMost(report.connections, 2 * 64)
        assert.isBelow(report.heapAfterMB - report.heapBeforeMB, 5)
        assert.deepStrictEqual(report.resourcesAfter, report.resourcesBefore)
      }),
    120_000
  )
})
