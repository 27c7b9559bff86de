/**
 * `pnpm --filter @effect-polar/bench run profile [--quick] [--today] [--profiled <contender>]`
 *
 * Profiles this client over NodeHttpClient.layerUndici: the worker runs from the TypeScript
 * sources (so that functions are attributed to client/core source files) under
 * `node --cpu-prof`, against the benchmark server; the .cpuprofile is then summarised (self time
 * per function and per area). Also runs the network-free micro-benchmarks of src/breakdown.ts.
 * Writes profile.md and the profile section of README.md.
 *
 * With `--today`, the same on today's endpoint: a decomposition from the SDK 1.0.1 through
 * Effect's FetchHttpClient alone to `CustomerSessions.create` over fetch, and from Effect's
 * HttpClient over layerUndici alone to `CustomerSessions.create` over it; the CPU profile of
 * `CustomerSessions.create` over layerUndici (or `--profiled`); written to profile-today.md.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import type { BreakdownRow } from "./breakdown.js"
import { buildChildren, childPath } from "./build.js"
import { runWorker, startServer } from "./run.js"
import {
  benchDir,
  isContenderName,
  log,
  median,
  profileContenderLabels,
  rowLabels,
  signed,
  startChild,
  tsNodeArgs,
  write
} from "./shared.js"
import type { AnyContenderName, WorkerConfig, WorkerResult } from "./shared.js"

const argv = process.argv.slice(2)
const quick = argv.includes("--quick")
/** `--today`: today's endpoint (issue 14): the SDK 1.0.1, the floors and `CustomerSessions.create` over both layers. */
const today = argv.includes("--today")
const profiledIndex = argv.indexOf("--profiled")
const profiledArg = profiledIndex === -1 ? undefined : argv[profiledIndex + 1]

interface Step {
  readonly name: AnyContenderName
  readonly label: string
}

const legacySteps: ReadonlyArray<Step> = [
  { name: "undici", label: "1. raw undici.request + JSON.parse" },
  { name: "effect-httpclient-undici", label: `2. ${profileContenderLabels["effect-httpclient-undici"]}` },
  {
    name: "effect-httpclient-undici-untraced",
    label: `3. ${profileContenderLabels["effect-httpclient-undici-untraced"]}`
  },
  { name: "client-undici-bare", label: `4. ${profileContenderLabels["client-undici-bare"]}` },
  { name: "client-undici", label: "5. effect-polar over layerUndici, defaults (retry policy, 10 s timeout, its span)" }
]
/** Today's steps: two ladders, over fetch (from the SDK 1.0.1, the bar) and over undici. */
const todaySteps: ReadonlyArray<Step> = [
  { name: "sdk-1", label: "1. @polar-sh/sdk 1.0.1 customerSessions.create (fetch; the bar)" },
  { name: "effect-httpclient-fetch-untraced", label: `2. ${rowLabels["effect-httpclient-fetch-untraced"]}` },
  { name: "customer-sessions-fetch-bare", label: `3. ${profileContenderLabels["customer-sessions-fetch-bare"]}` },
  { name: "customer-sessions-fetch", label: "4. CustomerSessions.create over FetchHttpClient, defaults" },
  {
    name: "effect-httpclient-undici-today-untraced",
    label: `5. ${profileContenderLabels["effect-httpclient-undici-today-untraced"]}`
  },
  { name: "customer-sessions-undici-bare", label: `6. ${profileContenderLabels["customer-sessions-undici-bare"]}` },
  { name: "customer-sessions-undici", label: "7. CustomerSessions.create over layerUndici, defaults" }
]
const decompositionSteps = today ? todaySteps : legacySteps
/** Where a ladder starts again: its first step has no "added" figure. */
const ladderStarts = new Set<AnyContenderName>(
  today ? ["sdk-1", "effect-httpclient-undici-today-untraced"] : ["undici"]
)
const profiled: AnyContenderName = profiledArg === undefined
  ? (today ? "customer-sessions-undici" : "client-undici")
  : isContenderName(profiledArg)
  ? profiledArg
  : (() => {
    throw new Error(`unknown contender ${profiledArg}`)
  })()
/** Whose allocation per call is measured: the decomposition's steps, then (legacy) the other two clients. */
const allocationSteps: ReadonlyArray<Step> = today ? decompositionSteps : [
  ...decompositionSteps,
  { name: "sdk", label: "@polar-sh/sdk memberSessions.create (fetch; for comparison)" },
  { name: "client-fetch", label: "effect-polar over FetchHttpClient, defaults (for comparison)" }
]
const profileDir = path.join(benchDir, "build", "profile")
const intervalUs = 250

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
}

interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
}

interface CpuProfile {
  readonly startTime: number
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** Where a function belongs, from its file (and, inside effect, its name). */
const area = (frame: CallFrame): string => {
  const { functionName: name, url } = frame
  if (name === "(idle)") return "idle"
  if (name === "(garbage collector)") return "garbage collector"
  if (name === "(program)" || name === "(root)") return "V8 / native (program)"
  if (url.includes("packages/client/src/")) return "effect-polar client code (incl. JSON.parse, regexes)"
  if (url.includes("packages/core/src/")) return "effect-polar core code (input validation, schemas)"
  if (url.includes("packages/bench/")) return "bench harness"
  if (url.includes("/undici/") || url.includes("internal/deps/undici")) return "transport: undici"
  // undici's HTTP parser (llhttp) is WebAssembly
  if (url.startsWith("wasm://")) return "transport: undici"
  if (url.includes("@effect/platform-node")) return "transport: @effect/platform-node undici adapter"
  if (url.startsWith("node:")) return "transport: Node internals (net, streams, timers, URL)"
  if (url.includes("@effect/platform/")) return "@effect/platform HttpClient (request, response, headers)"
  if (url.includes("/effect/dist/")) {
    const file = url.slice(url.indexOf("/effect/dist/") + "/effect/dist/esm/".length)
    if (/schema|ParseResult|SchemaAST|Schema\.js/i.test(file)) return "effect: Schema decoding / encoding"
    if (/tracer|span/i.test(file) || /span/i.test(name)) return "effect: spans (tracer)"
    if (/schedule/i.test(file)) return "effect: retry Schedule"
    if (/timeout|sleep|clock|race/i.test(name) || /clock/i.test(file)) return "effect: timeout / sleep / race"
    return "effect: runtime (fibers, core combinators)"
  }
  if (url === "") return "V8 / native (program)"
  return "other"
}

interface Row {
  readonly key: string
  readonly selfMs: number
  readonly area: string
}

/** Self time per function and per area, counting only the samples taken inside `window` (µs, hrtime clock). */
const summarise = (profile: CpuProfile, window: { readonly start: number; readonly end: number }) => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<number, number>()
  let at = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    if (at < window.start || at > window.end) continue
    const id = profile.samples[i]!
    self.set(id, (self.get(id) ?? 0) + delta)
  }
  const functions = new Map<string, Row>()
  const areas = new Map<string, number>()
  let busyUs = 0
  let totalUs = 0
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame
    const where = area(frame)
    totalUs += us
    if (where === "idle") continue
    busyUs += us
    areas.set(where, (areas.get(where) ?? 0) + us)
    const file = frame.url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "").replace(/^.*\/packages\//, "")
    const key = `${frame.functionName || "(anonymous)"} — ${file || "(native)"}${
      frame.url ? `:${frame.lineNumber + 1}` : ""
    }`
    const row = functions.get(key)
    functions.set(key, { key, selfMs: (row?.selfMs ?? 0) + us / 1000, area: where })
  }
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    areas: [...areas].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs)
  }
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`
const escape = (text: string) => text.replace(/\|/g, "\\|")

const main = async () => {
  log(`profile (${quick ? "quick" : "full"}): building the child programs`)
  await buildChildren()
  fs.rmSync(profileDir, { recursive: true, force: true })
  fs.mkdirSync(profileDir, { recursive: true })

  const server = await startServer()
  const decompositionConfig: WorkerConfig = {
    port: server.port,
    heapEarlyCalls: 0,
    heapLateCalls: 0,
    warmupCalls: quick ? 300 : 3_000,
    sequentialCalls: quick ? 300 : 1_000,
    concurrentCalls: quick ? 1_000 : 4_000,
    concurrency: 32,
    phaseTimeoutMs: 60_000,
    skipHeap: true
  }
  const decomposition = new Map<AnyContenderName, Array<WorkerResult>>(
    decompositionSteps.map((step) => [step.name, []])
  )
  const config: WorkerConfig = {
    port: server.port,
    heapEarlyCalls: 0,
    heapLateCalls: 0,
    warmupCalls: quick ? 300 : 2_000,
    sequentialCalls: quick ? 1_000 : 3_000,
    concurrentCalls: quick ? 4_000 : 10_000,
    concurrency: 32,
    phaseTimeoutMs: 60_000,
    skipHeap: true
  }
  // A young generation large enough for a whole batch (100 calls of the SDK, at about 320 KiB each, fit)
  const semiSpaceMB = 64
  const allocationConfig: WorkerConfig = {
    port: server.port,
    heapEarlyCalls: 0,
    heapLateCalls: 0,
    warmupCalls: quick ? 300 : 2_000,
    sequentialCalls: 0,
    concurrentCalls: 0,
    concurrency: 32,
    phaseTimeoutMs: 60_000,
    skipHeap: true,
    allocationBatches: quick ? 3 : 7,
    allocationCalls: 100
  }
  const allocation = new Map<AnyContenderName, WorkerResult>()
  let maxOtherCpuPct = 0
  const run = await (async () => {
    try {
      const rounds = quick ? 1 : 2
      for (let round = 0; round < rounds; round++) {
        for (const { name: step } of decompositionSteps) {
          const { otherCpuPct, result } = await runWorker(step, decompositionConfig, server, { timeoutMs: 600_000 })
          decomposition.get(step)!.push(result)
          maxOtherCpuPct = Math.max(maxOtherCpuPct, otherCpuPct)
          log(
            `decomposition round ${round + 1}/${rounds} ${step}: p50 c=1 ${result.sequential.p50Us.toFixed(0)} µs, ` +
              `${result.concurrent.cpuUsPerCall.toFixed(0)} µs CPU/call at c=32`
          )
        }
      }
      for (const { name: contender } of allocationSteps) {
        const { result } = await runWorker(contender, allocationConfig, server, {
          timeoutMs: 600_000,
          nodeArgs: [`--min-semi-space-size=${semiSpaceMB}`, `--max-semi-space-size=${semiSpaceMB}`]
        })
        allocation.set(contender, result)
        log(
          `allocation ${contender}: ${((result.allocatedBytesPerCall ?? Number.NaN) / 1024).toFixed(1)} KiB/call ` +
            `(${result.allocationBatchesKept ?? 0} batches kept)`
        )
      }
      log(`CPU profile of ${profiled}`)
      return await runWorker(profiled, config, server, {
        timeoutMs: 600_000,
        nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-interval=${intervalUs}`],
        program: [...tsNodeArgs, path.join(benchDir, "src", "worker.ts")]
      })
    } finally {
      await server.stop()
    }
  })()
  // the main thread's profile is the largest (tsx's loader thread writes one too)
  const file = fs.readdirSync(profileDir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .sort((a, b) => fs.statSync(path.join(profileDir, b)).size - fs.statSync(path.join(profileDir, a)).size)[0]
  if (file === undefined) throw new Error("no .cpuprofile written")
  const window = run.result.measuredWindowUs
  const summary = summarise(JSON.parse(fs.readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile, window)
  const calls = run.result.sequential.calls + run.result.concurrent.calls
  const keepNamesMs = summary.functions
    .filter((row) => row.key.startsWith("__name "))
    .reduce((sum, row) => sum + row.selfMs, 0)

  log("breakdown: network-free micro-benchmarks")
  const breakdownChild = startChild<ReadonlyArray<BreakdownRow>>(
    [childPath("breakdown"), ...(quick ? ["--quick"] : [])],
    { timeoutMs: 600_000 }
  )
  const [breakdown] = await Promise.all([breakdownChild.message, breakdownChild.exit])

  const lines: Array<string> = []
  lines.push(`# effect-polar client profile${today ? ": today's endpoint (POST /v1/customer-sessions/)" : ""}`)
  lines.push("")
  lines.push(
    `\`node --cpu-prof --cpu-prof-interval=${intervalUs}\` on the worker of the ${profiled} ` +
      `contender (run from TypeScript sources) against the bench server. Only the samples of the timed phases ` +
      `count (${config.sequentialCalls.toLocaleString("en-US")} calls at concurrency 1, then ` +
      `${config.concurrentCalls.toLocaleString("en-US")} at concurrency 32, after ` +
      `${config.warmupCalls.toLocaleString("en-US")} warm-up calls); start-up and warm-up are left out. ` +
      `Profile: build/profile/${file}. Busy (non-idle) time ${summary.busyMs.toFixed(0)} ms of ` +
      `${summary.totalMs.toFixed(0)} ms, i.e. ${((summary.busyMs * 1000) / calls).toFixed(0)} µs per call. ` +
      `Running from sources costs a little: tsx compiles with esbuild's \`keepNames\`, which names closures ` +
      `through a \`__name\` helper at run time; it took ${keepNamesMs.toFixed(0)} ms here ` +
      `(${((keepNamesMs * 1000) / calls).toFixed(1)} µs per call), counted in the areas of the files that call it. ` +
      `The benchmark's workers are bundled without it.`
  )
  lines.push("")
  lines.push("### Decomposition with the real transport")
  lines.push("")
  lines.push(
    `Each step in its own process against the bench server, taking turns, ` +
      `${decomposition.get(decompositionSteps[0]!.name)!.length} round(s), medians; ${
        decompositionConfig.warmupCalls.toLocaleString("en-US")
      } ` +
      `warm-up calls, ${decompositionConfig.sequentialCalls.toLocaleString("en-US")} timed at concurrency 1, ` +
      `${decompositionConfig.concurrentCalls.toLocaleString("en-US")} at concurrency 32. "Added" is the step's CPU ` +
      `per call minus the previous step's (of the same ladder). Other processes used at most ${
        maxOtherCpuPct.toFixed(0)
      } % of a core ` +
      `during these runs, ${run.otherCpuPct.toFixed(0)} % during the profiled one.`
  )
  lines.push("")
  lines.push("| step | p50 c=1 | p50 c=32 | CPU µs/call (c=32) | added CPU µs/call |")
  lines.push("| --- | ---: | ---: | ---: | ---: |")
  let previous = Number.NaN
  for (const { label, name: step } of decompositionSteps) {
    const results = decomposition.get(step)!
    if (ladderStarts.has(step)) previous = Number.NaN
    const cpu = median(results.map((r) => r.concurrent.cpuUsPerCall))
    lines.push(
      `| ${label} | ${median(results.map((r) => r.sequential.p50Us)).toFixed(0)} µs | ` +
        `${median(results.map((r) => r.concurrent.p50Us)).toFixed(0)} µs | ${cpu.toFixed(0)} | ` +
        `${Number.isNaN(previous) ? "" : signed(cpu - previous, (v) => v.toFixed(0))} |`
    )
    previous = cpu
  }
  lines.push("")
  lines.push("### Allocation per call")
  lines.push("")
  lines.push(
    `Bytes the heap grows by per call while no collection runs: each contender in its own process with a ` +
      `${semiSpaceMB} MB young generation, ${allocationConfig.warmupCalls.toLocaleString("en-US")} warm-up calls, ` +
      `then ${allocationConfig.allocationBatches} batches of ${allocationConfig.allocationCalls} calls at ` +
      `concurrency 1, each after gc(); median of the batches (a batch during which a collection ran anyway is ` +
      `dropped). Garbage costs CPU twice: allocating it, and the scavenges that copy whatever is still alive ` +
      `(at concurrency 32, every call in flight).`
  )
  lines.push("")
  lines.push("| contender | KiB allocated per call | added | batches kept |")
  lines.push("| --- | ---: | ---: | ---: |")
  let previousKiB = Number.NaN
  for (const { label, name: contender } of allocationSteps) {
    const result = allocation.get(contender)
    const kib = (result?.allocatedBytesPerCall ?? Number.NaN) / 1024
    if (ladderStarts.has(contender)) previousKiB = Number.NaN
    const added = decompositionSteps.some((step) => step.name === contender) && !Number.isNaN(previousKiB)
      ? signed(kib - previousKiB, (v) => v.toFixed(1))
      : ""
    lines.push(
      `| ${label} | ${kib.toFixed(1)} | ${added} | ` +
        `${result?.allocationBatchesKept ?? 0} of ${allocationConfig.allocationBatches} |`
    )
    previousKiB = kib
  }
  lines.push("")
  lines.push("### Self time by area")
  lines.push("")
  lines.push("| area | self time | share of busy time |")
  lines.push("| --- | ---: | ---: |")
  for (const row of summary.areas) {
    lines.push(`| ${row.name} | ${row.ms.toFixed(0)} ms | ${pct(row.ms, summary.busyMs)} |`)
  }
  lines.push("")
  lines.push("### Top 25 functions by self time")
  lines.push("")
  lines.push("| function — file:line | area | self time | share |")
  lines.push("| --- | --- | ---: | ---: |")
  for (const row of summary.functions.slice(0, 25)) {
    lines.push(
      `| ${escape(row.key)} | ${row.area} | ${row.selfMs.toFixed(0)} ms | ${pct(row.selfMs, summary.busyMs)} |`
    )
  }
  lines.push("")
  lines.push("### The pieces in isolation (CPU µs per operation, no network)")
  lines.push("")
  lines.push(
    "Measured in one process, the operations taking turns in time-boxed batches; median of the batches after " +
      "the first. The Effect rows include a `ManagedRuntime.runPromise`, so compare them with the plain one."
  )
  lines.push("")
  lines.push("| operation | CPU µs/op |")
  lines.push("| --- | ---: |")
  for (const row of breakdown) lines.push(`| ${row.name} | ${row.usPerOp.toFixed(1)} |`)
  lines.push("")
  const document = lines.join("\n")
  write("\n" + document + "\n")

  if (today) {
    // today's profile has its own file, and no section of the README is generated from it
    if (!quick) fs.writeFileSync(path.join(benchDir, "profile-today.md"), document)
    log(quick ? "" : "profile-today.md written")
  } else if (!quick) {
    fs.writeFileSync(path.join(benchDir, "profile.md"), document)
    const readme = path.join(benchDir, "README.md")
    const startMarker = "<!-- profile:start -->"
    const endMarker = "<!-- profile:end -->"
    if (fs.existsSync(readme)) {
      const text = fs.readFileSync(readme, "utf8")
      const from = text.indexOf(startMarker)
      const to = text.indexOf(endMarker)
      if (from !== -1 && to > from) {
        const body = document.split("\n").slice(2).join("\n").replace(/^### /gm, "#### ").trim()
        fs.writeFileSync(readme, `${text.slice(0, from + startMarker.length)}\n\n${body}\n\n${text.slice(to)}`)
      }
    }
    log("profile.md and README.md profile section written")
  }
}

await main()
