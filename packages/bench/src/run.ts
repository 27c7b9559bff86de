/**
 * Running the children: the server, the contender workers (rounds and heap soak), the cold-start
 * launches.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { childPath, effect4ChildPath } from "./build.js"
import { benchDir, isEffect4Name, log, median, rowNames, runsOnNode22, startChild } from "./shared.js"
import type { AnyContenderName, RowName, WorkerConfig, WorkerResult } from "./shared.js"

const repositoryDir = path.resolve(benchDir, "..", "..")
const node22Cache = path.join(benchDir, "build", "node22.json")

let node22Path: string | undefined

/**
 * The pinned Node 22 (`scripts/runtimes/versions.json`, installed by `pnpm runtimes`), as
 * `bash scripts/effect4/run.sh node` prints it. That script takes seconds, so its answer is kept in
 * `build/node22.json` with the versions file it was made for.
 */
export const node22 = (): string => {
  if (node22Path !== undefined) return node22Path
  const versions = fs.readFileSync(path.join(repositoryDir, "scripts", "runtimes", "versions.json"), "utf8")
  try {
    const cached = JSON.parse(fs.readFileSync(node22Cache, "utf8")) as {
      readonly versions: string
      readonly node: string
    }
    if (cached.versions === versions && fs.existsSync(cached.node)) return (node22Path = cached.node)
  } catch {
    // no cache yet
  }
  const found = execFileSync("bash", [path.join(repositoryDir, "scripts", "effect4", "run.sh"), "node"], {
    cwd: repositoryDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"]
  }).trim()
  if (!fs.existsSync(found)) throw new Error(`scripts/effect4/run.sh node printed no Node binary: ${found}`)
  fs.mkdirSync(path.dirname(node22Cache), { recursive: true })
  fs.writeFileSync(node22Cache, JSON.stringify({ versions, node: found }))
  return (node22Path = found)
}

/**
 * The Node binary a contender runs on: the pinned Node 22 for the undici rows of issue 17 (raw
 * undici, the Effect 3 and Effect 4 lines over layerUndici: `@effect/platform-node` 4 needs Node
 * 22.19), this process's Node (the machine's Node 20 under `pnpm bench`) for every other row.
 */
export const nodeOf = (contender: AnyContenderName): string => runsOnNode22(contender) ? node22() : process.execPath

/** The worker program of a contender: the Effect 4 line's bundle for its rows, else this package's. */
export const workerProgramOf = (contender: AnyContenderName): ReadonlyArray<string> =>
  isEffect4Name(contender) ? [effect4ChildPath("worker")] : [childPath("worker")]

export interface Server {
  readonly port: number
  /** The server's CPU time (µs) and clock (ms) now. */
  readonly sample: () => Promise<{ readonly cpuUs: number; readonly now: number }>
  readonly stop: () => Promise<void>
}

interface CpuReply {
  readonly cpu: number
  readonly usage: NodeJS.CpuUsage
  readonly now: number
}

export const startServer = async (): Promise<Server> => {
  const child = startChild<{ readonly port: number }>([childPath("server")], { timeoutMs: 60 * 60_000 })
  const { port } = await child.message
  let next = 0
  const pending = new Map<number, (reply: CpuReply) => void>()
  child.process.on("message", (message: Partial<CpuReply>) => {
    if (message.cpu !== undefined) pending.get(message.cpu)?.(message as CpuReply)
  })
  return {
    port,
    sample: () =>
      new Promise((resolve) => {
        const id = ++next
        pending.set(id, (reply) => {
          pending.delete(id)
          resolve({ cpuUs: reply.usage.user + reply.usage.system, now: reply.now })
        })
        child.process.send({ cpu: id })
      }),
    stop: async () => {
      child.process.disconnect()
      await child.exit
    }
  }
}

export interface WorkerRun {
  readonly result: WorkerResult
  /** Share of one core the server used during the concurrency-32 phase, %. */
  readonly serverCpuPct: number
  /**
   * CPU used on the machine by anything but the worker and the server during the timed phases, in %
   * of one core: other processes disturbing the measurement.
   */
  readonly otherCpuPct: number
}

/** CPU time used so far by the whole machine (all cores), µs. */
export const machineBusyUs = (): number => {
  let ms = 0
  for (const cpu of os.cpus()) ms += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq
  return ms * 1000
}

/**
 * Waits until other processes use at most `maxPct` % of a core over a 2-second window, or until
 * `maxWaitMs` have passed; answers the last load seen (% of one core).
 */
export const waitForQuiet = async (maxPct: number, maxWaitMs: number): Promise<number> => {
  const deadline = performance.now() + maxWaitMs
  for (;;) {
    const machineStart = machineBusyUs()
    const ownStart = process.cpuUsage()
    const wallStart = performance.now()
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const own = process.cpuUsage(ownStart)
    const otherUs = machineBusyUs() - machineStart - own.user - own.system
    const pct = Math.max(0, otherUs / 1000 / (performance.now() - wallStart)) * 100
    if (pct <= maxPct || performance.now() > deadline) return pct
  }
}

interface Sample {
  readonly cpuUs: number
  readonly now: number
  readonly machineUs: number
  readonly wall: number
}

/** Runs one contender in a fresh `node --expose-gc` process, on the contender's Node (`nodeOf`). */
export const runWorker = async (
  contender: AnyContenderName,
  config: WorkerConfig,
  server: Server,
  options: {
    readonly timeoutMs: number
    /** Extra Node options (for example `--cpu-prof`). */
    readonly nodeArgs?: ReadonlyArray<string>
    /** The worker program; by default the bundled worker of the contender's line (`workerProgramOf`). */
    readonly program?: ReadonlyArray<string>
  }
): Promise<WorkerRun> => {
  const program = options.program ?? workerProgramOf(contender)
  const child = startChild<unknown>(
    ["--expose-gc", ...(options.nodeArgs ?? []), ...program, contender, JSON.stringify(config)],
    { timeoutMs: options.timeoutMs, node: nodeOf(contender) }
  )
  const samples = new Map<string, Sample>()
  let result: WorkerResult | undefined
  child.process.on("message", (message: { readonly mark?: string; readonly contender?: string }) => {
    if (message.mark !== undefined) {
      const label = message.mark
      void server.sample().then((sample) => {
        samples.set(label, { ...sample, machineUs: machineBusyUs(), wall: performance.now() })
        child.process.send({ ack: label })
      })
    } else if (message.contender !== undefined) {
      result = message as WorkerResult
    }
  })
  const code = await child.exit
  // the result is sent before the worker exits, but the exit event may be handled first
  for (let i = 0; i < 20 && result === undefined && code === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  if (code !== 0 || result === undefined) throw new Error(`worker ${contender} failed (exit code ${code})`)
  const start = samples.get("start")
  const mid = samples.get("mid")
  const end = samples.get("end")
  const serverCpuPct = mid !== undefined && end !== undefined
    ? ((end.cpuUs - mid.cpuUs) / 1000 / (end.now - mid.now)) * 100
    : Number.NaN
  let otherCpuPct = Number.NaN
  if (start !== undefined && end !== undefined) {
    const workerUs = result.sequential.cpuUsPerCall * result.sequential.calls +
      result.concurrent.cpuUsPerCall * result.concurrent.calls
    const otherUs = end.machineUs - start.machineUs - (end.cpuUs - start.cpuUs) - workerUs
    otherCpuPct = Math.max(0, otherUs / 1000 / (end.wall - start.wall)) * 100
  }
  return { result, serverCpuPct, otherCpuPct }
}

/** Runs `tasks` on at most `lanes` at a time, in order, answering the results in order. */
export const inLanes = async <A>(
  tasks: ReadonlyArray<() => Promise<A>>,
  lanes: number
): Promise<Array<A>> => {
  const results: Array<A> = new Array(tasks.length)
  let next = 0
  const lane = async () => {
    while (next < tasks.length) {
      const index = next++
      results[index] = await tasks[index]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(lanes, tasks.length) }, lane))
  return results
}

export const coldVariants = ["sdk", "client-undici", "client-fetch"] as const
export type ColdVariant = typeof coldVariants[number]

export interface ColdStarts {
  readonly variants: Record<ColdVariant, ColdStart>
  /** CPU used by other processes while the launches ran, % of one core. */
  readonly otherCpuPct: number
}

export interface ColdStart {
  /** Median of the launches: import + build, ms. */
  readonly importBuildMs: number
  /** Median of the launches: from the process's time origin to ready, ms. */
  readonly sinceStartMs: number
  readonly launches: number
}

interface ColdLaunch {
  readonly importBuildMs: number
  readonly sinceStartMs: number
  /** The launch's own CPU time up to ready, µs. */
  readonly cpuUs: number
}

const coldLaunch = async (variant: ColdVariant): Promise<ColdLaunch> => {
  const child = startChild<ColdLaunch>([childPath("cold-launcher"), childPath(`cold-${variant}`)], {
    timeoutMs: 60_000
  })
  const [launch, code] = await Promise.all([child.message, child.exit])
  if (code !== 0) throw new Error(`cold start of ${variant} exited with ${code}`)
  return launch
}

/**
 * Launches each variant `launches` times (unless `warm` is false, one unmeasured launch each first,
 * so that every variant's files are in the page cache), taking turns, and answers the medians.
 */
export const measureColdStarts = async (launches: number, warm = true): Promise<ColdStarts> => {
  if (warm) { for (const variant of coldVariants) await coldLaunch(variant) }
  const runs: Record<ColdVariant, Array<ColdLaunch>> = { "sdk": [], "client-undici": [], "client-fetch": [] }
  const machineStart = machineBusyUs()
  const wallStart = performance.now()
  const ownStart = process.cpuUsage()
  for (let i = 0; i < launches; i++) {
    for (let j = 0; j < coldVariants.length; j++) {
      const variant = coldVariants[(i + j) % coldVariants.length]!
      runs[variant].push(await coldLaunch(variant))
    }
  }
  const summary = (variant: ColdVariant): ColdStart => ({
    importBuildMs: median(runs[variant].map((run) => run.importBuildMs)),
    sinceStartMs: median(runs[variant].map((run) => run.sinceStartMs)),
    launches: runs[variant].length
  })
  const own = process.cpuUsage(ownStart)
  // the launches' CPU after ready (exiting) is not counted: this slightly overstates the other load
  const launchesUs = coldVariants.reduce((sum, variant) => sum + runs[variant].reduce((s, run) => s + run.cpuUs, 0), 0)
  const otherUs = machineBusyUs() - machineStart - launchesUs - own.user - own.system
  log(`cold start: ${launches} launches per variant done`)
  return {
    variants: {
      "sdk": summary("sdk"),
      "client-undici": summary("client-undici"),
      "client-fetch": summary("client-fetch")
    },
    otherCpuPct: Math.max(0, otherUs / 1000 / (performance.now() - wallStart)) * 100
  }
}

/** The contender order of round `round`: rotated so that no contender always runs first. */
export const roundOrder = (round: number): Array<RowName> =>
  rowNames.map((_, i) => rowNames[(i + round) % rowNames.length]!)
