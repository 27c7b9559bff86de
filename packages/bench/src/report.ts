/**
 * Turning the measurements into the results document: tables, ratios, targets.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { effect4Dir } from "./build.js"
import type { ColdStarts } from "./run.js"
import { node22 } from "./run.js"
import {
  benchDir,
  effect4RowNames,
  fetchFloorName,
  floorName,
  legacyRowNames,
  rowLabels,
  rowNames,
  runsOnNode22,
  signed,
  todayRowNames
} from "./shared.js"
import type { RowName } from "./shared.js"
import type { BundleSize, SizeResults } from "./size.js"

export interface ContenderSummary {
  readonly rounds: number
  /** The per-round values behind the medians. */
  readonly perRound: {
    readonly p50c1: ReadonlyArray<number>
    readonly p50c32: ReadonlyArray<number>
    readonly throughput: ReadonlyArray<number>
    readonly cpuUsPerCall: ReadonlyArray<number>
  }
  readonly p50c1: number
  readonly p99c1: number
  readonly p50c32: number
  readonly p99c32: number
  readonly throughput: number
  readonly cpuUsPerCall: number
  readonly serverCpuPct: number
  /** Per round: CPU used by other processes during the timed phases, % of one core. */
  readonly otherCpuPct: ReadonlyArray<number>
  readonly truncated: boolean
  /** The heap soak; the floor has none. */
  readonly heap: HeapSummary | undefined
}

/** Heap after GC, after the first calls and after all of them. */
export interface HeapSummary {
  readonly earlyMB: number
  readonly lateMB: number
  readonly earlyCalls: number
  readonly lateCalls: number
}

export interface Settings {
  readonly mode: "full" | "quick"
  readonly rounds: number
  readonly warmupCalls: number
  readonly sequentialCalls: number
  readonly concurrentCalls: number
  readonly concurrency: number
  readonly phaseTimeoutMs: number
  readonly heapEarlyCalls: number
  readonly heapLateCalls: number
  readonly soakTimeoutMs: number
  readonly coldLaunches: number
  /** A round disturbed by other processes above this (% of one core) is run again... */
  readonly maxOtherCpuPct: number
  /** ...up to this many runs in all. */
  readonly maxAttempts: number
}

export interface BenchResults {
  readonly settings: Settings
  readonly startedAt: Date
  readonly durationMs: number
  /** The contenders and the floor. */
  readonly contenders: Record<RowName, ContenderSummary>
  /** Runs repeated because other processes disturbed them. */
  readonly reruns: number
  readonly cold: ColdStarts
  readonly sizes: SizeResults
}

export interface Target {
  readonly name: string
  readonly measured: string
  readonly required: string
  readonly pass: boolean
}

const intl = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "n/a"

const ratio = (value: number) => Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a"

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, align?: string) => {
  const separator = header.map((_, i) => (i === 0 ? "---" : (align ?? "---:")))
  return [header, separator, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n")
}

const readVersion = (dir: string): string => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version
  } catch {
    return "?"
  }
}

const git = (args: ReadonlyArray<string>): string => {
  try {
    return execFileSync("git", [...args], { cwd: benchDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .trim()
  } catch {
    return "?"
  }
}

export const environment = (): Array<string> => {
  const modules = path.join(benchDir, "node_modules")
  const cpus = os.cpus()
  const sdkDir = fs.realpathSync(path.join(modules, "@polar-sh", "sdk"))
  const dirty = git(["status", "--porcelain", "--", "../core/src", "../client/src"])
  const versions = [
    ["@effect-polar/client", readVersion(path.join(modules, "@effect-polar", "client"))],
    ["@effect-polar/core", readVersion(path.join(modules, "@effect-polar", "core"))],
    ["effect", readVersion(path.join(modules, "effect"))],
    ["@effect/platform", readVersion(path.join(modules, "@effect", "platform"))],
    ["@effect/platform-node", readVersion(path.join(modules, "@effect", "platform-node"))],
    ["undici (npm)", readVersion(path.join(modules, "undici"))],
    ["undici (Node's fetch)", process.versions.undici ?? "?"],
    ["@polar-sh/sdk", readVersion(sdkDir)],
    ["@polar-sh/sdk-1", readVersion(path.join(modules, "@polar-sh", "sdk-1"))],
    ["zod (SDK's)", readVersion(path.join(sdkDir, "..", "..", "zod"))],
    ["esbuild", readVersion(path.join(modules, "esbuild"))]
  ]
  const effect4Modules = path.join(effect4Dir, "node_modules")
  const platformNode4 = fs.realpathSync(path.join(effect4Modules, "@effect", "platform-node"))
  const effect4Versions = [
    ["@effect-polar/client", readVersion(path.join(effect4Dir, "packages", "client"))],
    ["effect", readVersion(path.join(effect4Modules, "effect"))],
    ["@effect/platform-node", readVersion(platformNode4)],
    ["undici (platform-node's)", readVersion(path.join(platformNode4, "..", "..", "undici"))]
  ]
  const [node22Version = "?", node22Undici = "?"] = execFileSync(node22(), [
    "-p",
    "process.version + ' ' + process.versions.undici"
  ], { encoding: "utf8" }).trim().split(" ")
  return [
    `- Machine: ${os.type()} ${os.release()} (${os.arch()}), CPU ${cpus[0]?.model ?? "?"}, ${cpus.length} cores, ` +
    `${intl(os.totalmem() / 1024 ** 3, 1)} GiB memory`,
    `- Node ${process.version} (the rows marked "Node 22": ${node22Version}, its fetch's undici ${node22Undici}); ` +
    `${versions.map(([name, version]) => `${name} ${version}`).join(", ")}`,
    `- The Effect 4 line (effect4/): ${effect4Versions.map(([name, version]) => `${name} ${version}`).join(", ")}`,
    `- Workspace: commit ${git(["rev-parse", "--short", "HEAD"])}` +
    (dirty === "" || dirty === "?"
      ? ", client and core sources clean"
      : `, with uncommitted changes in client/core sources (${dirty.split("\n").length} files)`)
  ]
}

const size = (value: BundleSize) => `${intl(value.minified / 1024, 1)} KiB`
const gz = (value: BundleSize) => `${intl(value.gzipped / 1024, 1)} KiB`

export const targets = (results: BenchResults): Array<Target> => {
  const c = results.contenders
  const undici = c["undici"]
  const sdk = c["sdk"]
  const client = c["client-undici"]
  const fetchClient = c["client-fetch"]
  const floor = c[floorName]
  const sdk1 = c["sdk-1"]
  const out: Array<Target> = []
  for (const [level, key] of [["1", "p50c1"], ["32", "p50c32"]] as const) {
    const vsRaw = client[key] / undici[key]
    out.push({
      name: `undici layer: p50 at concurrency ${level} ≤ 2.0× raw undici.request`,
      measured: `${intl(client[key])} µs vs ${intl(undici[key])} µs = ${ratio(vsRaw)} ` +
        `(the floor, HttpClient alone: ${ratio(floor[key] / undici[key])})`,
      required: "≤ 2.00×",
      pass: vsRaw <= 2
    })
  }
  for (const [level, key] of [["1", "p50c1"], ["32", "p50c32"]] as const) {
    const speedup = sdk[key] / client[key]
    out.push({
      name: `undici layer: ≥ 2× faster than the SDK (p50, concurrency ${level})`,
      measured: `SDK ${intl(sdk[key])} µs ÷ ${intl(client[key])} µs = ${ratio(speedup)}`,
      required: "≥ 2.00×",
      pass: speedup >= 2
    })
  }
  for (const [level, key] of [["1", "p50c1"], ["32", "p50c32"]] as const) {
    const vsSdk = fetchClient[key] / sdk[key]
    out.push({
      name: `FetchHttpClient: not slower than the SDK (p50, concurrency ${level})`,
      measured: `${intl(fetchClient[key])} µs vs ${intl(sdk[key])} µs = ${ratio(vsSdk)}`,
      required: "≤ 1.00×",
      pass: vsSdk <= 1
    })
  }
  for (const name of ["client-undici", "client-fetch"] as const) {
    const heap = c[name].heap
    // every contender is soaked; only the floor has no heap
    if (heap === undefined) throw new Error(`no heap soak for ${name}`)
    const delta = heap.lateMB - heap.earlyMB
    out.push({
      name: `${name === "client-undici" ? "undici layer" : "FetchHttpClient"}: heap after ${
        intl(heap.lateCalls)
      } calls within 5 MB of heap after ${intl(heap.earlyCalls)}`,
      measured: `${intl(heap.earlyMB, 2)} → ${intl(heap.lateMB, 2)} MB (Δ ${intl(delta, 2)} MB)`,
      required: "Δ within ±5 MB",
      pass: Math.abs(delta) <= 5
    })
  }
  for (const name of ["client-undici", "client-fetch"] as const) {
    const cold = results.cold.variants
    const vsSdk = cold[name].importBuildMs / cold["sdk"].importBuildMs
    out.push({
      name: `cold start (${
        name === "client-undici" ? "undici layer" : "FetchHttpClient"
      }): import + build ≤ SDK import + new Polar`,
      measured: `${intl(cold[name].importBuildMs, 1)} ms vs ${intl(cold["sdk"].importBuildMs, 1)} ms = ${ratio(vsSdk)}`,
      required: "≤ 1.00×",
      pass: vsSdk <= 1
    })
  }
  for (
    const [name, label, bound] of [
      ["customer-sessions-undici", "undici layer", 1],
      ["customer-sessions-fetch", "FetchHttpClient", 1.5]
    ] as const
  ) {
    for (const [level, key] of [["1", "p50c1"], ["32", "p50c32"]] as const) {
      const vsSdk1 = c[name][key] / sdk1[key]
      out.push({
        name: `CustomerSessions.create, ${label}: p50 at concurrency ${level} ≤ ${bound.toFixed(1)}× the SDK 1.0.1's ` +
          `customerSessions.create`,
        measured: `${intl(c[name][key])} µs vs ${intl(sdk1[key])} µs = ${ratio(vsSdk1)}` +
          (name === "customer-sessions-fetch"
            ? ` (the floor, FetchHttpClient alone: ${ratio(c[fetchFloorName][key] / sdk1[key])})`
            : ` (the floor, layerUndici alone: ${ratio(c[floorName][key] / sdk1[key])})`),
        required: `≤ ${bound.toFixed(2)}×`,
        pass: vsSdk1 <= bound
      })
    }
  }
  // issue 17: the Effect 4 line over layerUndici against raw undici, both on Node 22, today's endpoint
  const raw22 = c["undici-today-node22"]
  const effect4 = c["effect4-customer-sessions-undici"]
  for (const bound of [1.5, 2]) {
    for (const [level, key] of [["1", "p50c1"], ["32", "p50c32"]] as const) {
      const vsRaw = effect4[key] / raw22[key]
      out.push({
        name: `Effect 4 CustomerSessions.create, undici layer: p50 at concurrency ${level} ≤ ${bound.toFixed(1)}× ` +
          `raw undici.request (Node 22${bound === 2 ? "; the hard limit" : ""})`,
        measured: `${intl(effect4[key])} µs vs ${intl(raw22[key])} µs = ${ratio(vsRaw)} (the floor, Effect 4's ` +
          `HttpClient alone: ${ratio(c["effect4-httpclient-undici-today-untraced"][key] / raw22[key])}; the Effect 3 ` +
          `line on Node 22: ${ratio(c["customer-sessions-undici-node22"][key] / raw22[key])})`,
        required: `≤ ${bound.toFixed(2)}×`,
        pass: vsRaw <= bound
      })
    }
  }
  return out
}

/** The first lines of the document: how many targets are met, and the ratios issues 14 and 17 ask for. */
const summarySection = (results: BenchResults): Array<string> => {
  const c = results.contenders
  const sdk1 = c["sdk-1"]
  const all = targets(results)
  const failed = all.filter((target) => !target.pass)
  const vs = (name: RowName) =>
    `${ratio(c[name].p50c1 / sdk1.p50c1)} at concurrency 1, ${ratio(c[name].p50c32 / sdk1.p50c32)} at ` +
    `${results.settings.concurrency}`
  const raw22 = c["undici-today-node22"]
  const vsRaw22 = (name: RowName) =>
    `${ratio(c[name].p50c1 / raw22.p50c1)} at concurrency 1, ${ratio(c[name].p50c32 / raw22.p50c32)} at ` +
    `${results.settings.concurrency}`
  return [
    "## Summary",
    "",
    `- ${all.length - failed.length} of ${all.length} targets met` +
    (failed.length === 0 ? "." : `; not met: ${failed.map((target) => target.name).join("; ")}.`),
    `- \`CustomerSessions.create\` ÷ the SDK 1.0.1's \`customerSessions.create\` (p50): over layerUndici ` +
    `${vs("customer-sessions-undici")}; over FetchHttpClient ${vs("customer-sessions-fetch")}. ` +
    `Effect's FetchHttpClient alone (the fetch floor): ${vs(fetchFloorName)}.`,
    `- \`MemberSessions.create\` on today's route (two requests) ÷ the SDK 1.0.1's one request: over layerUndici ` +
    `${vs("member-sessions-today-undici")}; over FetchHttpClient ${vs("member-sessions-today-fetch")}.`,
    `- The Effect 4 line (issue 17): \`CustomerSessions.create\` over layerUndici ÷ raw \`undici.request\` (p50, ` +
    `both on Node 22, today's endpoint): ${vsRaw22("effect4-customer-sessions-undici")} (target ≤ 1.5×, at most ` +
    `2.0×); the Effect 3 line on the same Node: ${vsRaw22("customer-sessions-undici-node22")}; Effect 4's ` +
    `HttpClient alone: ${vsRaw22("effect4-httpclient-undici-today-untraced")}. Over FetchHttpClient ÷ the SDK ` +
    `1.0.1: ${vs("effect4-customer-sessions-fetch")} (Effect 3: ${vs("customer-sessions-fetch")}).`,
    ""
  ]
}

/** Today's endpoint: every row against the SDK 1.0.1, and what the client adds over the floor of its layer. */
const todaySection = (results: BenchResults): Array<string> => {
  const s = results.settings
  const c = results.contenders
  const sdk1 = c["sdk-1"]
  const lines: Array<string> = []
  lines.push("## Today's endpoint: ratios to the SDK 1.0.1 (same run)")
  lines.push("")
  lines.push(
    "Each row of today's endpoint against `@polar-sh/sdk` 1.0.1's `customerSessions.create` (`createPolar` from " +
      "`@polar-sh/sdk-1/2026-10`: `fetch` with a `Headers` object and an `AbortSignal.timeout` of 5 s, " +
      "`response.json()`, no validation or decoding), the bar of issue 14. The `MemberSessions.create` rows make " +
      "two requests per call (the member lookup, then the session) against the SDK's one; the last two columns " +
      "compare them with `CustomerSessions.create` over the same layer (what the lookup costs) and with " +
      "`MemberSessions.create` on the legacy endpoint over the same layer."
  )
  lines.push("")
  const sameLayer = (name: RowName): { readonly customer: RowName; readonly legacy: RowName } | undefined =>
    name === "member-sessions-today-undici"
      ? { customer: "customer-sessions-undici", legacy: "client-undici" }
      : name === "member-sessions-today-fetch"
      ? { customer: "customer-sessions-fetch", legacy: "client-fetch" }
      : undefined
  lines.push(table(
    [
      "contender",
      "p50 c=1 ÷ SDK 1.0.1",
      `p50 c=${s.concurrency} ÷ SDK 1.0.1`,
      "calls/s ÷ SDK 1.0.1",
      "CPU ÷ SDK 1.0.1",
      `p50 c=1 / c=${s.concurrency} ÷ CustomerSessions.create`,
      `p50 c=1 / c=${s.concurrency} ÷ legacy MemberSessions.create`
    ],
    todayRowNames.map((name) => {
      const x = c[name]
      const other = sameLayer(name)
      const pair = (reference: RowName) =>
        `${ratio(x.p50c1 / c[reference].p50c1)} / ${ratio(x.p50c32 / c[reference].p50c32)}`
      return [
        rowLabels[name],
        ratio(x.p50c1 / sdk1.p50c1),
        ratio(x.p50c32 / sdk1.p50c32),
        ratio(x.throughput / sdk1.throughput),
        ratio(x.cpuUsPerCall / sdk1.cpuUsPerCall),
        other === undefined ? "" : pair(other.customer),
        other === undefined ? "" : pair(other.legacy)
      ]
    })
  ))
  lines.push("")
  const undiciFloor = c[floorName]
  const fetchFloor = c[fetchFloorName]
  const overUndici = c["customer-sessions-undici"]
  const overFetch = c["customer-sessions-fetch"]
  const added = (client: ContenderSummary, floor: ContenderSummary) =>
    `${ratio(client.p50c1 / floor.p50c1)} the floor's p50 at concurrency 1, ${ratio(client.p50c32 / floor.p50c32)} ` +
    `at ${s.concurrency}, ${ratio(client.cpuUsPerCall / floor.cpuUsPerCall)} its CPU per call ` +
    `(${signed(client.cpuUsPerCall - floor.cpuUsPerCall, intl)} µs)`
  lines.push(
    `The floors against the bar: Effect's \`HttpClient\` over layerUndici alone (tracer off, no client; legacy ` +
      `endpoint) is ${ratio(undiciFloor.p50c1 / sdk1.p50c1)} the SDK 1.0.1's p50 at concurrency 1 and ` +
      `${ratio(undiciFloor.p50c32 / sdk1.p50c32)} at ${s.concurrency}; over FetchHttpClient (today's endpoint) ` +
      `${ratio(fetchFloor.p50c1 / sdk1.p50c1)} and ${ratio(fetchFloor.p50c32 / sdk1.p50c32)}. What ` +
      `\`CustomerSessions.create\` adds on top (validation of the union body, decoding into \`Schema.Class\`es, its ` +
      `span, the per-attempt timeout, the retry policy, the error mapping): over layerUndici ` +
      `${added(overUndici, undiciFloor)}; over FetchHttpClient ${added(overFetch, fetchFloor)}.`
  )
  lines.push("")
  return lines
}

/** The Effect 4 line (issue 17): its rows and the Effect 3 line's on Node 22 against raw undici on Node 22. */
const effect4Section = (results: BenchResults): Array<string> => {
  const s = results.settings
  const c = results.contenders
  const raw22 = c["undici-today-node22"]
  const sdk1 = c["sdk-1"]
  const lines: Array<string> = []
  lines.push("## The Effect 4 line: ratios to raw undici on Node 22 (same run)")
  lines.push("")
  lines.push(
    "Issue 17's rows, all on today's endpoint (`POST /v1/customer-sessions/`, the request of " +
      "`CustomerSessions.create`): raw `undici.request` (this package's undici, through an `Agent` as the legacy " +
      "row), Effect 3's and Effect 4's `HttpClient` over layerUndici alone (tracer off, no client: the floors), " +
      "and `CustomerSessions.create` of both lines over layerUndici, all on Node 22; the Effect 4 line's " +
      "`CustomerSessions.create` over FetchHttpClient runs on this process's Node, next to the SDK 1.0.1 and the " +
      "Effect 3 line's fetch row. The Effect 4 rows run the Effect 4 client's sources over effect and " +
      "@effect/platform-node 4 (its layerUndici uses undici 8), with the client's defaults: validation, " +
      "decoding, its span, the per-attempt timeout and the retry policy. The last column divides each Effect 4 " +
      "row by the Effect 3 line's row of the same layer and Node."
  )
  lines.push("")
  const effect3Of = (name: RowName): RowName | undefined =>
    name === "effect4-httpclient-undici-today-untraced"
      ? "effect-httpclient-undici-today-untraced-node22"
      : name === "effect4-customer-sessions-undici"
      ? "customer-sessions-undici-node22"
      : name === "effect4-customer-sessions-fetch"
      ? "customer-sessions-fetch"
      : undefined
  lines.push(table(
    [
      "contender",
      "Node",
      "p50 c=1 ÷ raw undici (Node 22)",
      `p50 c=${s.concurrency} ÷ raw undici (Node 22)`,
      "calls/s ÷ raw undici",
      "CPU ÷ raw undici",
      `p50 c=1 / c=${s.concurrency} ÷ the Effect 3 line's`
    ],
    effect4RowNames.map((name) => {
      const x = c[name]
      const effect3 = effect3Of(name)
      return [
        rowLabels[name],
        runsOnNode22(name) ? "22" : process.versions.node.split(".")[0]!,
        ratio(x.p50c1 / raw22.p50c1),
        ratio(x.p50c32 / raw22.p50c32),
        ratio(x.throughput / raw22.throughput),
        ratio(x.cpuUsPerCall / raw22.cpuUsPerCall),
        effect3 === undefined
          ? ""
          : `${ratio(x.p50c1 / c[effect3].p50c1)} / ${ratio(x.p50c32 / c[effect3].p50c32)}`
      ]
    })
  ))
  lines.push("")
  const added = (client: ContenderSummary, floor: ContenderSummary) =>
    `${ratio(client.p50c1 / floor.p50c1)} the floor's p50 at concurrency 1, ${ratio(client.p50c32 / floor.p50c32)} ` +
    `at ${s.concurrency}, ${ratio(client.cpuUsPerCall / floor.cpuUsPerCall)} its CPU per call ` +
    `(${signed(client.cpuUsPerCall - floor.cpuUsPerCall, intl)} µs)`
  const e3 = c["customer-sessions-undici-node22"]
  const e3Node20 = c["customer-sessions-undici"]
  const e4Fetch = c["effect4-customer-sessions-fetch"]
  lines.push(
    `What \`CustomerSessions.create\` adds over its line's floor on Node 22: Effect 4 ` +
      `${added(c["effect4-customer-sessions-undici"], c["effect4-httpclient-undici-today-untraced"])}; Effect 3 ` +
      `${added(e3, c["effect-httpclient-undici-today-untraced-node22"])}. The Effect 3 line's ` +
      `\`CustomerSessions.create\` over layerUndici on Node 22 ÷ on this Node (the row of issue 14): ` +
      `${ratio(e3.p50c1 / e3Node20.p50c1)} at concurrency 1, ${ratio(e3.p50c32 / e3Node20.p50c32)} at ` +
      `${s.concurrency}. Over FetchHttpClient, Effect 4's \`CustomerSessions.create\` is ` +
      `${ratio(e4Fetch.p50c1 / sdk1.p50c1)} the SDK 1.0.1's p50 at concurrency 1 and ` +
      `${ratio(e4Fetch.p50c32 / sdk1.p50c32)} at ${s.concurrency} (Effect 3's: ` +
      `${ratio(c["customer-sessions-fetch"].p50c1 / sdk1.p50c1)} and ` +
      `${ratio(c["customer-sessions-fetch"].p50c32 / sdk1.p50c32)}).`
  )
  lines.push("")
  return lines
}

export const render = (results: BenchResults): string => {
  const s = results.settings
  const c = results.contenders
  const undici = c["undici"]
  const sdk = c["sdk"]
  const lines: Array<string> = []
  lines.push(`# effect-polar benchmark results (${s.mode === "quick" ? "quick run" : "full run"})`)
  lines.push("")
  lines.push(
    `Run ${results.startedAt.toISOString()}, took ${intl(results.durationMs / 1000)} s. ` +
      `Generated by \`pnpm bench${s.mode === "quick" ? " --quick" : ""}\`; see README.md for the method.`
  )
  lines.push("")
  lines.push(...environment())
  lines.push(
    `- Settings: ${s.rounds} round(s) per contender, each a fresh process; per round ${intl(s.warmupCalls)} ` +
      `warm-up calls, ${intl(s.sequentialCalls)} timed calls at concurrency 1, ${intl(s.concurrentCalls)} at ` +
      `concurrency ${s.concurrency}; phases bounded to ${intl(s.phaseTimeoutMs / 1000)} s. Heap: one more process ` +
      `per contender, gc() then heapUsed after ${intl(s.heapEarlyCalls)} and ${intl(s.heapLateCalls)} calls ` +
      `(bounded to ${intl(s.soakTimeoutMs / 1000)} s). Cold start: ${s.coldLaunches} launches per variant. ` +
      (s.maxAttempts > 1
        ? `A run during which other processes used more than ${s.maxOtherCpuPct} % of a core was run again ` +
          `(up to ${s.maxAttempts} runs, the least disturbed kept): ${results.reruns} rerun(s) in this run.`
        : "Runs disturbed by other processes are reported, not rerun.")
  )
  lines.push("")
  lines.push(...summarySection(results))
  lines.push("## Latency, throughput, CPU, heap")
  lines.push("")
  lines.push(
    `Medians over the rounds. Latency in µs per call; throughput and CPU at concurrency ${s.concurrency}; ` +
      `"server CPU" is the share of one core the server process used in that phase (near 100 % means the ` +
      `server, not the client, was the bottleneck). The first ${legacyRowNames.length} rows call the legacy ` +
      `endpoint \`POST /v1/member-sessions/\` (issue 5); the next ${todayRowNames.length} call today's ` +
      `\`POST /v1/customer-sessions/\` (issue 14), \`MemberSessions.create\` on today's route after a ` +
      `\`GET /v1/members/{id}\` (two requests per call); the last ${effect4RowNames.length} are the Effect 4 ` +
      `line's (issue 17), on today's endpoint. Rows marked "Node 22" run on Node 22, every other row on ` +
      `${process.version}. Only issue 5's contenders are soaked for the heap.`
  )
  lines.push("")
  lines.push(table(
    [
      "contender",
      "p50 c=1",
      "p99 c=1",
      `p50 c=${s.concurrency}`,
      `p99 c=${s.concurrency}`,
      "calls/s",
      "CPU µs/call",
      "server CPU",
      `heap @${intl(s.heapEarlyCalls)}`,
      `heap @${intl(s.heapLateCalls)}`,
      "Δ heap"
    ],
    rowNames.map((name) => {
      const x = c[name]
      const heap = x.heap
      return [
        rowLabels[name] + (x.truncated ? " (time-bounded)" : ""),
        intl(x.p50c1),
        intl(x.p99c1),
        intl(x.p50c32),
        intl(x.p99c32),
        intl(x.throughput),
        intl(x.cpuUsPerCall),
        `${intl(x.serverCpuPct)} %`,
        ...(heap === undefined ? ["—", "—", "—"] : [
          `${intl(heap.earlyMB, 2)} MB`,
          `${intl(heap.lateMB, 2)} MB` + (heap.lateCalls < s.heapLateCalls ? ` (${intl(heap.lateCalls)} calls)` : ""),
          `${intl(heap.lateMB - heap.earlyMB, 2)} MB`
        ])
      ]
    })
  ))
  lines.push("")
  {
    lines.push(
      "Spread over the rounds (min – max), to judge the noise of this machine: the ratios below are only as " +
        "firm as these ranges allow. \"Other processes\": CPU used on the machine by anything but the worker " +
        "and the server during the timed phases (the worst of the kept runs)."
    )
    lines.push("")
    const range = (values: ReadonlyArray<number>) => `${intl(Math.min(...values))} – ${intl(Math.max(...values))}`
    lines.push(table(
      ["contender", "p50 c=1", `p50 c=${s.concurrency}`, "calls/s", "CPU µs/call", "other processes (max)"],
      rowNames.map((name) => {
        const x = c[name].perRound
        return [
          rowLabels[name],
          range(x.p50c1),
          range(x.p50c32),
          range(x.throughput),
          range(x.cpuUsPerCall),
          `${intl(Math.max(...c[name].otherCpuPct))} % of a core`
        ]
      })
    ))
    lines.push("")
  }
  lines.push("## Ratios (same run)")
  lines.push("")
  lines.push(
    "Latency and CPU: contender ÷ reference (above 1 is slower / costlier). Throughput: contender ÷ reference " +
      "(below 1 is fewer calls per second)."
  )
  lines.push("")
  lines.push(table(
    [
      "contender",
      "p50 c=1 ÷ undici",
      "p50 c=32 ÷ undici",
      "calls/s ÷ undici",
      "CPU ÷ undici",
      "p50 c=1 ÷ SDK",
      "p50 c=32 ÷ SDK",
      "calls/s ÷ SDK",
      "CPU ÷ SDK"
    ],
    legacyRowNames.map((name) => {
      const x = c[name]
      return [
        rowLabels[name],
        ratio(x.p50c1 / undici.p50c1),
        ratio(x.p50c32 / undici.p50c32),
        ratio(x.throughput / undici.throughput),
        ratio(x.cpuUsPerCall / undici.cpuUsPerCall),
        ratio(x.p50c1 / sdk.p50c1),
        ratio(x.p50c32 / sdk.p50c32),
        ratio(x.throughput / sdk.throughput),
        ratio(x.cpuUsPerCall / sdk.cpuUsPerCall)
      ]
    })
  ))
  lines.push("")
  {
    const floor = c[floorName]
    const client = c["client-undici"]
    lines.push(
      `The floor row is Effect's \`HttpClient\` over \`NodeHttpClient.layerUndici\` with the tracer off and no ` +
        `client code (the body read with \`response.text\` and \`JSON.parse\`d): what any client over this ` +
        `layer starts from. In this run it is ${ratio(floor.p50c1 / undici.p50c1)} raw undici at concurrency 1 and ` +
        `${ratio(floor.p50c32 / undici.p50c32)} at concurrency ${s.concurrency} (p50), ` +
        `${ratio(floor.cpuUsPerCall / undici.cpuUsPerCall)} in CPU per call. What effect-polar adds on top of it ` +
        `(validation, encoding, decoding into \`Schema.Class\`es, its span, the per-attempt timeout, the retry ` +
        `policy, the error mapping): ${ratio(client.p50c1 / floor.p50c1)} the floor's p50 at concurrency 1, ` +
        `${ratio(client.p50c32 / floor.p50c32)} at concurrency ${s.concurrency}, ` +
        `${ratio(client.cpuUsPerCall / floor.cpuUsPerCall)} its CPU per call ` +
        `(${signed(client.cpuUsPerCall - floor.cpuUsPerCall, intl)} µs).`
    )
    lines.push("")
  }
  lines.push(...todaySection(results))
  lines.push(...effect4Section(results))
  lines.push("## Cold start")
  lines.push("")
  lines.push(
    "Fresh `node` process per launch, medians. \"import + build\": from before the dynamic import of the entry to " +
      "the client being ready (SDK: `import(\"@polar-sh/sdk\")` + `new Polar`; this client: import + " +
      "`ManagedRuntime.make(layer)` + `runtime.runtime()`). \"since process start\": the same moment measured " +
      "from the process's time origin (includes Node's own start-up). Other processes used " +
      `${intl(results.cold.otherCpuPct)} % of a core meanwhile.`
  )
  lines.push("")
  const cold = results.cold.variants
  lines.push(table(
    ["variant", "import + build", "since process start", "÷ SDK"],
    ([
      ["sdk", "@polar-sh/sdk: import + new Polar"],
      ["client-undici", "effect-polar + NodeHttpClient.layerUndici"],
      ["client-fetch", "effect-polar + FetchHttpClient.layer"]
    ] as const).map(([variant, label]) => [
      label,
      `${intl(cold[variant].importBuildMs, 1)} ms`,
      `${intl(cold[variant].sinceStartMs, 1)} ms`,
      ratio(cold[variant].importBuildMs / cold["sdk"].importBuildMs)
    ])
  ))
  lines.push("")
  lines.push("## Bundle size")
  lines.push("")
  lines.push(
    "A program making one call, bundled by esbuild (bundle, minify, platform neutral, ESM, target es2022), " +
      "gzip level 9."
  )
  lines.push("")
  const z = results.sizes
  lines.push(table(
    ["bundle", "minified", "min + gzip", "gzip ÷ SDK"],
    ([
      ["(a) @polar-sh/sdk: PolarCore + memberSessionsCreate", z.sdk],
      ["(b) effect-polar + FetchHttpClient (includes effect)", z.client],
      ["(c) baseline: Effect program with HttpClient (Fetch) + Schema", z.baseline],
      ["(c) baseline + effect-polar", z.baselinePlusClient],
      ["(c) increment of effect-polar over the baseline", z.increment]
    ] as const).map(([label, value]) => [label, size(value), gz(value), ratio(value.gzipped / z.sdk.gzipped)])
  ))
  lines.push("")
  lines.push("## Targets")
  lines.push("")
  const all = targets(results)
  lines.push(table(
    ["target", "measured", "required", "result"],
    all.map((target) => [target.name, target.measured, target.required, target.pass ? "PASS" : "**FAIL**"]),
    "---"
  ))
  lines.push("")
  lines.push(`${all.filter((target) => target.pass).length} of ${all.length} targets met.`)
  lines.push("")
  return lines.join("\n")
}
