/**
 * Running the children: the server, the contender workers (rounds and heap soak), the cold-start
 * launches.
 */
import * as os from "node:os"
import { childPath } from "./build.js"
import { log, median, rowNames, startChild } from "./shared.js"
import type { AnyContenderName, RowName, WorkerConfig, WorkerResult } from "./shared.js"

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

/** Runs one contender in a fresh `node --expose-gc` process. */
export const runWorker = async (
  contender: AnyContenderName,
  config: WorkerConfig,
  server: Server,
  options: {
    readonly timeoutMs: number
    /** Extra Node options (for example `--cpu-prof`). */
    readonly nodeArgs?: ReadonlyArray<string>
    /** The worker program; by default the bundled build/bench-cache/worker.mjs. */
    readonly program?: ReadonlyArray<string>
  }
): Promise<WorkerRun> => {
  const program = options.program ?? [childPath("worker")]
  const child = startChild<unknown>(
    ["--expose-gc", ...(options.nodeArgs ?? []), ...program, contender, JSON.stringify(config)],
    { timeoutMs: options.timeoutMs }
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
