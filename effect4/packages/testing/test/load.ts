/**
 * The load run: `calls` creates at `concurrency` against the emulator over HTTP (undici), with a
 * share of responses scripted as 503 (retried by the default policy). Reports what it measured.
 * Used by Load.test.ts (modest numbers) and runnable with the full numbers (on Node >= 22.19,
 * from effect4/):
 *
 *   node --expose-gc --import tsx --conditions=@effect-polar/source packages/testing/test/load.ts
 */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as v8 from "node:v8"
import * as vm from "node:vm"

export interface LoadOptions {
  readonly calls: number
  readonly concurrency: number
  /** One request in `failEvery` gets a 503. */
  readonly failEvery: number
}

export interface LoadReport extends LoadOptions {
  readonly succeeded: number
  readonly scripted503: number
  readonly connections: number
  readonly seconds: number
  readonly heapBeforeMB: number
  readonly heapAfterMB: number
  readonly resourcesBefore: ReadonlyArray<string>
  readonly resourcesAfter: ReadonlyArray<string>
}

v8.setFlagsFromString("--expose-gc")
const gc: () => void = vm.runInNewContext("gc")

const heapMB = () => {
  for (let i = 0; i < 3; i++) gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

const settle = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))

/** Runs the load, answering what it measured. Every call must succeed (the 503s are retried). */
export const runLoad = (options: LoadOptions): Effect.Effect<LoadReport> =>
  Effect.gen(function*() {
    // warm up first (module initialisation, JIT, lazily built schema decoders), so that the heap
    // comparison shows growth caused by the run, not one-time costs
    yield* run({ calls: 100, concurrency: 16, failEvery: options.failEvery })
    yield* settle
    const resourcesBefore = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap")
    const heapBeforeMB = heapMB()
    const started = Date.now()
    const measured = yield* run(options)
    const seconds = (Date.now() - started) / 1000
    yield* settle
    const heapAfterMB = heapMB()
    const resourcesAfter = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap")
    return { ...options, ...measured, seconds, heapBeforeMB, heapAfterMB, resourcesBefore, resourcesAfter }
  })

const run = (options: LoadOptions) =>
  Effect.gen(function*() {
    const server = yield* PolarEmulatorServer.PolarEmulatorServer
    const faults = Array.from(
      { length: options.calls },
      (_, i) => (i % options.failEvery === options.failEvery - 1 ? { status: 503 } : {})
    )
    server.emulator.script(...faults)
    const client = PolarClient.layer({ accessToken: Redacted.make("polar_oat_load"), serverURL: server.url }).pipe(
      Layer.provide(NodeHttpClient.layerUndici)
    )
    let succeeded = 0
    yield* Effect.forEach(
      Array.from({ length: options.calls }),
      () =>
        Effect.map(MemberSessions.create({ memberId: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b" }), () => {
          succeeded++
        }),
      { concurrency: options.concurrency, discard: true }
    ).pipe(Effect.provide(client), Effect.orDie)
    return {
      succeeded,
      scripted503: faults.filter((f) => f.status === 503).length,
      connections: server.connections()
    }
  }).pipe(Effect.provide(PolarEmulatorServer.layer({ journalSize: 100 })))

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.runPromise(runLoad({ calls: 10_000, concurrency: 256, failEvery: 50 })).then((report) => {
    console.log(JSON.stringify(report, null, 2))
  })
}
