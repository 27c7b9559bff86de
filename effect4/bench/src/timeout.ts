/**
 * What a per-attempt timeout costs on Effect 4, in one process and without a network (issue 17:
 * Effect's own `Effect.timeoutOrElse`, or custom code as the Effect 3 line's deadline watcher).
 * Run by `pnpm --filter @effect-polar/bench run timeout-effect4` (bundled into
 * `effect4/bench/build/bench-cache/timeout.mjs`, run on Node 22 with effect from effect4/node_modules).
 *
 * Each operation is one `ManagedRuntime.runPromise` of an attempt, as the client runs each call:
 * the attempt alone, under `Effect.timeoutOrElse` (10 s, failing with a timeout error on expiry, as
 * the client's), and in a child fiber awaited by its parent — the least any custom per-attempt
 * deadline that can interrupt the attempt costs — and in the Effect 3 line's deadline watcher itself
 * (a child fiber per attempt, a heap of deadlines, one sleeping watcher fiber per client), ported
 * to Effect 4 in src/deadlines.ts. Two attempts: `Effect.void`, which ends at once, and one resumed
 * from `setImmediate` (as an I/O callback resumes the HTTP request), which is the client's case:
 * it is still running when the race's second fiber, the sleep, starts. Both at concurrency 1 and
 * with 32 calls in flight (32 timers pending at once). The operations take turns in time-boxed
 * batches (this machine's speed drifts); the figure is CPU µs per call (user + system), median of
 * the batches after the first round. Prints a Markdown table (or JSON with `--json`).
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Deadlines from "./deadlines.js"

const quick = process.argv.includes("--quick")
const json = process.argv.includes("--json")
const rounds = quick ? 3 : 7
const batchMs = quick ? 150 : 400

class AttemptTimeout {
  readonly _tag = "AttemptTimeout"
}

class DeadlinesOfClient extends Context.Service<DeadlinesOfClient, Deadlines.Deadlines>()("bench/Deadlines") {}

/** One runtime, as a client's: it holds the ported deadlines (their watcher lives in its scope). */
const runtime = ManagedRuntime.make(Layer.effect(DeadlinesOfClient, Deadlines.make))
const deadlines = await runtime.runPromise(DeadlinesOfClient)

/** An attempt still running when it is bounded: it resumes on the next turn of the event loop. */
const pending: Effect.Effect<void> = Effect.callback<void>((resume) => {
  setImmediate(() => resume(Effect.void))
})

const noTimeout = (attempt: Effect.Effect<void>) => attempt
const withTimeoutOrElse = (attempt: Effect.Effect<void>): Effect.Effect<void, AttemptTimeout> =>
  Effect.timeoutOrElse(attempt, { duration: "10 seconds", orElse: () => Effect.fail(new AttemptTimeout()) })
const inChildFiber = (attempt: Effect.Effect<void>) =>
  Effect.flatMap(Effect.forkDetach(Effect.exit(attempt)), (child) => Effect.flatten(Fiber.join(child)))
const tenSeconds = Duration.seconds(10)
const withWatcher = (attempt: Effect.Effect<void>): Effect.Effect<void, AttemptTimeout> =>
  deadlines.timeout<void, AttemptTimeout>(attempt, tenSeconds, () => new AttemptTimeout())

interface Operation {
  readonly attempt: string
  readonly bound: string
  /** Calls made per `op()` (the concurrency). */
  readonly calls: number
  readonly op: () => Promise<unknown>
  readonly runs: Array<number>
}

const operations: Array<Operation> = []
const attempts = [["Effect.void (ends at once)", Effect.void], ["an attempt resumed by setImmediate", pending]] as const
const bounds = [
  ["no timeout", noTimeout],
  ["Effect.timeoutOrElse(10 s)", withTimeoutOrElse],
  ["a child fiber, awaited (the floor of custom deadline code)", inChildFiber],
  ["the Effect 3 line's deadline watcher, ported (src/deadlines.ts)", withWatcher]
] as const
for (const calls of [1, 32]) {
  for (const [attemptName, attempt] of attempts) {
    for (const [boundName, bound] of bounds) {
      const effect: Effect.Effect<void, unknown> = bound(attempt)
      const one = () => runtime.runPromise(effect)
      operations.push({
        attempt: attemptName,
        bound: boundName,
        calls,
        op: calls === 1 ? one : () => Promise.all(Array.from({ length: calls }, one)),
        runs: []
      })
    }
  }
}

/** Runs `operation` for about `batchMs`, answering CPU µs per call. */
const batch = async (operation: Operation): Promise<number> => {
  const cpu = process.cpuUsage()
  const deadline = performance.now() + batchMs
  let done = 0
  while (performance.now() < deadline) {
    await operation.op()
    done += operation.calls
  }
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / done
}

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

for (let round = 0; round < rounds; round++) {
  for (const operation of operations) {
    const usPerCall = await batch(operation)
    if (round > 0) operation.runs.push(usPerCall)
  }
}
await runtime.dispose()

const rows = operations.map((operation) => ({
  attempt: operation.attempt,
  bound: operation.bound,
  concurrency: operation.calls,
  usPerCall: median(operation.runs),
  min: Math.min(...operation.runs),
  max: Math.max(...operation.runs)
}))
if (json) {
  process.stdout.write(JSON.stringify(rows) + "\n")
} else {
  const lines = [
    `Node ${process.version}, ${rounds - 1} rounds of ${batchMs} ms batches after a warm-up round; CPU µs per call, ` +
    "median (min – max); \"added\": over the same attempt without a timeout.",
    "",
    "| attempt | bound | concurrency | CPU µs/call | added |",
    "| --- | --- | ---: | ---: | ---: |"
  ]
  for (const row of rows) {
    const base = rows.find((other) =>
      other.concurrency === row.concurrency && other.attempt === row.attempt && other.bound === "no timeout"
    )
    const added = base === undefined || base === row ?
      "" :
      `${row.usPerCall - base.usPerCall >= 0 ? "+" : "−"}${Math.abs(row.usPerCall - base.usPerCall).toFixed(1)}`
    lines.push(
      `| ${row.attempt} | ${row.bound} | ${row.concurrency} | ${row.usPerCall.toFixed(1)} (${row.min.toFixed(1)} – ${
        row.max.toFixed(1)
      }) | ${added} |`
    )
  }
  process.stdout.write(lines.join("\n") + "\n")
}
process.exit(0)
