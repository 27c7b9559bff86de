/**
 * Constants, child-process plumbing and statistics shared by the orchestrator and its children.
 */
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

/** The bench package's directory: the nearest one with a package.json (from src/ or from the build cache). */
export const benchDir = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir)
  return dir
})()

/** The response body of the legacy endpoint (the 201 fixture of @effect-polar/core). */
export const fixturePath = path.join(benchDir, "fixtures", "member-session.201.json")
/** The response body of today's `POST /v1/customer-sessions/` (core's `current/customer-session.201.member.json`). */
export const customerSessionFixturePath = path.join(benchDir, "fixtures", "customer-session.201.member.json")
/** The response body of today's member lookup (core's `current/member.200.json`). */
export const memberFixturePath = path.join(benchDir, "fixtures", "member.200.json")

export {
  ACCESS_TOKEN,
  CUSTOMER_ID,
  CUSTOMER_SESSIONS_ENDPOINT,
  ENDPOINT,
  MEMBER_ID,
  MEMBERS_ENDPOINT,
  RETURN_URL
} from "./constants.js"

/** The contenders issue 5 names, on the legacy endpoint (`POST /v1/member-sessions/`), in the order of the tables. */
export const contenderNames = ["undici", "fetch", "sdk", "client-undici", "client-fetch"] as const
export type ContenderName = typeof contenderNames[number]

/**
 * The contenders issue 14 names, on today's endpoint (`POST /v1/customer-sessions/`): the official
 * SDK 1.0.1 (the bar), `CustomerSessions.create` over both layers, and `MemberSessions.create` on
 * today's route (`GET /v1/members/{id}`, then `POST /v1/customer-sessions/`: two requests per call).
 */
export const todayNames = [
  "sdk-1",
  "customer-sessions-undici",
  "customer-sessions-fetch",
  "member-sessions-today-undici",
  "member-sessions-today-fetch"
] as const
export type TodayName = typeof todayNames[number]

/**
 * The floor of any client over the undici layer: Effect's `HttpClient` over
 * `NodeHttpClient.layerUndici`, the tracer off, the body read with `response.text` and
 * `JSON.parse`d, nothing else (on the legacy endpoint, as since 2026-11-29). Measured in the same
 * rounds as the contenders (not in the heap soak nor the cold starts), so that the ratio to raw
 * undici any client over this layer starts from comes from the same run as the targets.
 */
export const floorName = "effect-httpclient-undici-untraced" as const

/**
 * The same floor over `FetchHttpClient.layer`, on today's endpoint: what `CustomerSessions.create`
 * over fetch starts from, next to the SDK 1.0.1 (itself a thin wrapper of `fetch`).
 */
export const fetchFloorName = "effect-httpclient-fetch-untraced" as const

/** The rows of the legacy endpoint's tables: issue 5's contenders, then the floor. */
export const legacyRowNames = [...contenderNames, floorName] as const
/** The rows of today's endpoint's tables: issue 14's contenders, then the fetch floor. */
export const todayRowNames = [...todayNames, fetchFloorName] as const

/**
 * The Effect 3 line's rows on Node 22, on today's endpoint (issue 17): raw `undici.request` (the
 * reference of the Effect 4 line's targets), Effect 3's `HttpClient` over layerUndici alone (tracer
 * off) and `CustomerSessions.create` over it. The same programs as the Node 20 rows, started with
 * the pinned Node 22 binary (see `nodeOf` in src/run.ts).
 */
export const node22Names = [
  "undici-today-node22",
  "effect-httpclient-undici-today-untraced-node22",
  "customer-sessions-undici-node22"
] as const
export type Node22Name = typeof node22Names[number]

/**
 * The Effect 4 line's rows (issue 17), on today's endpoint, run by the Effect 4 worker bundle
 * (effect4/bench, effect and @effect/platform-node loaded from effect4/node_modules): Effect 4's
 * `HttpClient` over layerUndici alone (tracer off), and the Effect 4 client's
 * `CustomerSessions.create` over layerUndici (Node 22) and over FetchHttpClient (Node 20, next to
 * the SDK 1.0.1 and the Effect 3 line's fetch row).
 */
export const effect4Names = [
  "effect4-httpclient-undici-today-untraced",
  "effect4-customer-sessions-undici",
  "effect4-customer-sessions-fetch"
] as const
export type Effect4Name = typeof effect4Names[number]

/**
 * Extra contenders of the Effect 4 line's worker, for `compare` and `profile` only (not in the
 * rounds): raw `undici.request` of the undici 8 that Effect 4's layerUndici uses (the rows use this
 * package's undici 7), and the Effect 4 client with its retry policy and tracer off. Node 22.
 */
export const effect4ExtraNames = ["effect4-undici8-today", "effect4-customer-sessions-undici-bare"] as const
export type Effect4ExtraName = typeof effect4ExtraNames[number]

/** The rows of the Effect 4 line's tables (issue 17): the Node 22 rows of Effect 3, then Effect 4's. */
export const effect4RowNames = [...node22Names, ...effect4Names] as const

/** Every row measured in the rounds. */
export const rowNames = [...legacyRowNames, ...todayRowNames, ...effect4RowNames] as const
export type RowName = typeof rowNames[number]

/** Whether a contender runs in the Effect 4 line's worker (effect4/bench). */
export const isEffect4Name = (name: string): name is Effect4Name | Effect4ExtraName =>
  (effect4Names as ReadonlyArray<string>).includes(name) || (effect4ExtraNames as ReadonlyArray<string>).includes(name)

/**
 * The contenders that run on Node 22: every undici contender of issue 17 (Effect 4's fetch row runs
 * on the default Node, next to the SDK 1.0.1).
 */
export const runsOnNode22 = (name: string): boolean =>
  (node22Names as ReadonlyArray<string>).includes(name) ||
  (isEffect4Name(name) && name !== "effect4-customer-sessions-fetch")

/** The contenders soaked for the heap targets (issue 5's). */
export const soakedNames = contenderNames

export const contenderLabels: Record<ContenderName, string> = {
  "undici": "raw undici.request + JSON.parse",
  "fetch": "raw fetch + response.json()",
  "sdk": "@polar-sh/sdk memberSessions.create",
  "client-undici": "effect-polar, NodeHttpClient.layerUndici",
  "client-fetch": "effect-polar, FetchHttpClient.layer"
}

export const todayLabels: Record<TodayName, string> = {
  "sdk-1": "@polar-sh/sdk 1.0.1 customerSessions.create",
  "customer-sessions-undici": "effect-polar CustomerSessions.create, NodeHttpClient.layerUndici",
  "customer-sessions-fetch": "effect-polar CustomerSessions.create, FetchHttpClient.layer",
  "member-sessions-today-undici": "effect-polar MemberSessions.create, today's route (2 requests), layerUndici",
  "member-sessions-today-fetch": "effect-polar MemberSessions.create, today's route (2 requests), FetchHttpClient"
}

export const effect4RowLabels: Record<Node22Name | Effect4Name, string> = {
  "undici-today-node22": "raw undici.request + JSON.parse, today's endpoint, Node 22",
  "effect-httpclient-undici-today-untraced-node22":
    "floor: Effect 3 HttpClient over layerUndici, tracer off, no client, today's endpoint, Node 22",
  "customer-sessions-undici-node22": "effect-polar (Effect 3) CustomerSessions.create, layerUndici, Node 22",
  "effect4-httpclient-undici-today-untraced":
    "floor: Effect 4 HttpClient over layerUndici, tracer off, no client, today's endpoint, Node 22",
  "effect4-customer-sessions-undici": "effect-polar (Effect 4) CustomerSessions.create, layerUndici, Node 22",
  "effect4-customer-sessions-fetch": "effect-polar (Effect 4) CustomerSessions.create, FetchHttpClient"
}

/** Labels of every row of the latency tables. */
export const rowLabels: Record<RowName, string> = {
  ...contenderLabels,
  [floorName]: "floor: Effect HttpClient over layerUndici, tracer off, no client",
  ...todayLabels,
  [fetchFloorName]: "floor: Effect HttpClient over FetchHttpClient, tracer off, no client",
  ...effect4RowLabels
}

/**
 * Extra contenders of the profile step only, to split the client's cost: Effect's HttpClient over
 * the same undici layer with no client on top, and the client with its retry policy and tracer off
 * (on the legacy endpoint and on today's).
 */
export const profileContenderNames = [
  "effect-httpclient-undici",
  "client-undici-bare",
  "effect-httpclient-undici-today-untraced",
  "customer-sessions-undici-bare",
  "customer-sessions-fetch-bare"
] as const
export type ProfileContenderName = typeof profileContenderNames[number]
export type AnyContenderName = RowName | ProfileContenderName | Effect4ExtraName

export const profileContenderLabels: Record<ProfileContenderName | typeof floorName, string> = {
  "effect-httpclient-undici": "Effect HttpClient over layerUndici + response.text + JSON.parse (no client)",
  [floorName]: "the same with the tracer disabled (no span, no traceparent header)",
  "client-undici-bare": "effect-polar over layerUndici, retry: false, tracer disabled",
  "effect-httpclient-undici-today-untraced":
    "Effect HttpClient over layerUndici, tracer off, no client, POST /v1/customer-sessions/",
  "customer-sessions-undici-bare": "CustomerSessions.create over layerUndici, retry: false, tracer disabled",
  "customer-sessions-fetch-bare": "CustomerSessions.create over FetchHttpClient, retry: false, tracer disabled"
}

export const isContenderName = (name: string): name is AnyContenderName =>
  (rowNames as ReadonlyArray<string>).includes(name) ||
  (profileContenderNames as ReadonlyArray<string>).includes(name) ||
  (effect4ExtraNames as ReadonlyArray<string>).includes(name)

/** How much work one worker does; the orchestrator passes it as JSON. */
export interface WorkerConfig {
  readonly port: number
  /** Calls whose heap is measured first (1,000; quick 200). */
  readonly heapEarlyCalls: number
  /** Calls after which the heap is measured again (100,000; quick 2,000), everything included. */
  readonly heapLateCalls: number
  /** Warm-up calls at concurrency 32 and at concurrency 1, not measured. */
  readonly warmupCalls: number
  /** Measured calls at concurrency 1. */
  readonly sequentialCalls: number
  /** Measured calls at concurrency 32. */
  readonly concurrentCalls: number
  readonly concurrency: number
  /** Any phase stops after this long, whatever its count. */
  readonly phaseTimeoutMs: number
  /** Skip the heap phases (profiling). */
  readonly skipHeap?: boolean
  /**
   * Measure the bytes allocated per call: after warm-up, this many batches of `allocationCalls`
   * calls at concurrency 1, each between a gc() and a heap reading. Needs a young generation
   * large enough that no collection happens inside a batch (`--min-semi-space-size`); a batch
   * during which one happened anyway is dropped.
   */
  readonly allocationBatches?: number
  readonly allocationCalls?: number
}

export interface LatencySummary {
  readonly calls: number
  readonly p50Us: number
  readonly p99Us: number
  readonly meanUs: number
  readonly wallMs: number
  /** Calls per second over the phase. */
  readonly throughput: number
  /** Client CPU (user + system) per call over the phase, µs. */
  readonly cpuUsPerCall: number
  /** The phase stopped on its time bound before its count. */
  readonly truncated: boolean
}

export interface WorkerResult {
  readonly contender: AnyContenderName
  /** Import + build of the client inside the warm worker (not the cold start figure). */
  readonly setupMs: number
  readonly sequential: LatencySummary
  readonly concurrent: LatencySummary
  /** heapUsed after gc(), MB. */
  readonly heapEarlyMB: number
  readonly heapLateMB: number
  readonly heapEarlyCalls: number
  readonly heapLateCalls: number
  readonly totalCalls: number
  /** Bytes allocated per call (median of the batches with no collection), when asked for. */
  readonly allocatedBytesPerCall?: number
  /** How many allocation batches had no collection inside them (the others are dropped). */
  readonly allocationBatchesKept?: number
  /** `process.hrtime` in µs at the start of the timed concurrency-1 phase and at the end of the concurrency-32 one. */
  readonly measuredWindowUs: { readonly start: number; readonly end: number }
}

/** Quantile of sorted values (nearest rank). */
export const quantile = (sorted: ArrayLike<number>, q: number): number => {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/** A difference with its sign (a typographic minus), its magnitude written by `format`. */
export const signed = (delta: number, format: (magnitude: number) => string): string =>
  `${delta >= 0 ? "+" : "−"}${format(Math.abs(delta))}`

/** A record with one entry per key, each made by `value`. */
export const recordOf = <K extends string, V>(keys: ReadonlyArray<K>, value: (key: K) => V): Record<K, V> => {
  const out: Partial<Record<K, V>> = {}
  for (const key of keys) out[key] = value(key)
  if (!isComplete(keys, out)) throw new Error("recordOf: a key without a value")
  return out
}

const isComplete = <K extends string, V>(
  keys: ReadonlyArray<K>,
  record: Partial<Record<K, V>>
): record is Record<K, V> => keys.every((key) => key in record)

export const median = (values: ReadonlyArray<number>): number => {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
  if (finite.length === 0) return Number.NaN
  const middle = Math.floor(finite.length / 2)
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2
}

/** The Node arguments that run a TypeScript file of this package with workspace sources. */
export const tsNodeArgs = ["--import", "tsx", "--conditions=@effect-polar/source"] as const

export interface Child<Message> {
  readonly process: ChildProcess
  /** The first IPC message of the child. */
  readonly message: Promise<Message>
  /** Resolves with the exit code once the child is gone. */
  readonly exit: Promise<number>
}

/**
 * Starts a Node child (on `options.node`, or on this process's Node) with an IPC channel; stdout
 * and stderr go to this process's stderr so the terminal shows progress and failures while stdout
 * stays for the tables. A child that runs longer than `timeoutMs` is killed.
 */
export const startChild = <Message>(
  nodeArgs: ReadonlyArray<string>,
  options: {
    readonly timeoutMs: number
    readonly cwd?: string
    /** The Node binary; by default the one running this process. */
    readonly node?: string
  }
): Child<Message> => {
  const child = spawn(options.node ?? process.execPath, [...nodeArgs], {
    cwd: options.cwd ?? benchDir,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, NODE_OPTIONS: "" }
  })
  child.stdout?.pipe(process.stderr)
  child.stderr?.pipe(process.stderr)
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs)
  const exit = new Promise<number>((resolve) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer)
      resolve(code ?? (signal === null ? 1 : 128))
    })
  })
  const message = new Promise<Message>((resolve, reject) => {
    child.once("message", (value) => resolve(value as Message))
    // the exit event may be handled before a message sent just before exiting: allow a moment
    void exit.then((code) =>
      setTimeout(() => reject(new Error(`child ${nodeArgs.join(" ")} exited (${code}) before reporting`)), 1_000)
    )
  })
  message.catch(() => {})
  return { process: child, message, exit }
}

/** Sends a message to the parent (when there is one) and waits until it is flushed. */
export const report = (value: unknown): Promise<void> =>
  new Promise((resolve, reject) => {
    if (process.send === undefined) {
      process.stdout.write(JSON.stringify(value) + "\n")
      resolve()
      return
    }
    process.send(value, (error: Error | null) => (error ? reject(error) : resolve()))
  })

export const write = (text: string): void => {
  process.stdout.write(text)
}

export const log = (text: string): void => {
  process.stderr.write(text + "\n")
}
