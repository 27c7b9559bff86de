/**
 * One contender in its own process (run with `--expose-gc`):
 *
 *   node --expose-gc build/bench-cache/worker.mjs <contender> '<WorkerConfig JSON>'   (as the bench runs it)
 *   node --expose-gc --import tsx --conditions=@effect-polar/source src/worker.ts <contender> '<config>'
 *   node22 --expose-gc effect4/bench/build/bench-cache/worker.mjs effect4-<…> '<config>'   (this file, bundled
 *     with the Effect 4 line's contenders: see src/build.ts)
 *
 * Phases: the first `heapEarlyCalls` calls (concurrency 1) then gc() and the heap; warm-up
 * (`warmupCalls` at concurrency 32, a quarter of that at concurrency 1);
 * `sequentialCalls` timed calls at concurrency 1; `concurrentCalls` timed calls at concurrency 32
 * (throughput and CPU per call); more calls at concurrency 32 until `heapLateCalls` calls were made
 * in all, then gc() and the heap again. Every phase is bounded by its count and by
 * `phaseTimeoutMs`. The result goes to the parent over IPC (or to stdout without a parent).
 */
import { PerformanceObserver } from "node:perf_hooks"
import { makeContender } from "./contenders.js"
import { isContenderName, median, quantile, report } from "./shared.js"
import type { LatencySummary, WorkerConfig, WorkerResult } from "./shared.js"

const [name = "", configJson = "{}"] = process.argv.slice(2)
if (!isContenderName(name)) throw new Error(`unknown contender "${name}"`)
const config = JSON.parse(configJson) as WorkerConfig

const gc = (globalThis as { gc?: () => void }).gc

const heapAfterGc = async (): Promise<number> => {
  if (gc === undefined) throw new Error("run the worker with --expose-gc")
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    gc()
  }
  return process.memoryUsage().heapUsed / (1024 * 1024)
}

const setupStart = performance.now()
const contender = await makeContender(name, `http://127.0.0.1:${config.port}`)
const setupMs = performance.now() - setupStart

const first = await contender.call()
if (!first.startsWith(contender.expected)) throw new Error(`${name}: unexpected portal URL ${first}`)
let totalCalls = 1

/** Runs `count` calls on `concurrency` lanes, stopping early after `config.phaseTimeoutMs`. */
const phase = async (count: number, concurrency: number, record: boolean): Promise<LatencySummary> => {
  const latencies = record ? new Float64Array(Math.max(0, count)) : undefined
  let issued = 0
  let done = 0
  let truncated = false
  const deadline = performance.now() + config.phaseTimeoutMs
  const lane = async () => {
    while (issued < count) {
      const start = performance.now()
      if (start > deadline) {
        truncated = true
        return
      }
      issued++
      await contender.call()
      if (latencies !== undefined) latencies[done] = performance.now() - start
      done++
    }
  }
  const cpuStart = process.cpuUsage()
  const wallStart = performance.now()
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, count)) }, lane))
  const wallMs = performance.now() - wallStart
  const cpu = process.cpuUsage(cpuStart)
  totalCalls += done
  const sorted = latencies === undefined ? new Float64Array(0) : latencies.subarray(0, done).sort()
  let sum = 0
  for (const value of sorted) sum += value
  const at = (q: number) => quantile(sorted, q)
  return {
    calls: done,
    p50Us: at(0.5) * 1000,
    p99Us: at(0.99) * 1000,
    meanUs: sorted.length === 0 ? Number.NaN : (sum / sorted.length) * 1000,
    wallMs,
    throughput: done / (wallMs / 1000),
    cpuUsPerCall: done === 0 ? Number.NaN : (cpu.user + cpu.system) / done,
    truncated
  }
}

let heapEarlyMB = Number.NaN
let heapEarlyCalls = 0
if (config.skipHeap !== true) {
  await phase(config.heapEarlyCalls - totalCalls, 1, false)
  heapEarlyCalls = totalCalls
  heapEarlyMB = await heapAfterGc()
}

await phase(config.warmupCalls, config.concurrency, false)
await phase(Math.ceil(config.warmupCalls / 4), 1, false)

/**
 * Asks the parent to sample the server's CPU usage and the machine's (to tell whether a phase was
 * bound by the server, or disturbed by other processes) and waits for its acknowledgement. A
 * no-op without a parent.
 */
const mark = (label: string): Promise<void> =>
  new Promise((resolve) => {
    if (process.send === undefined) return resolve()
    const onMessage = (message: unknown) => {
      if ((message as { ack?: string }).ack === label) {
        process.off("message", onMessage)
        resolve()
      }
    }
    process.on("message", onMessage)
    process.send({ mark: label })
  })

const nowUs = () => Number(process.hrtime.bigint() / 1000n)
const timed = config.sequentialCalls > 0 || config.concurrentCalls > 0
if (timed) await mark("start")
const windowStart = nowUs()
const sequential = await phase(config.sequentialCalls, 1, true)
if (timed) await mark("mid")
const concurrent = await phase(config.concurrentCalls, config.concurrency, true)
const windowEnd = nowUs()
if (timed) await mark("end")

/**
 * Bytes allocated per call: the heap grows by what the calls allocate as long as no collection
 * runs, so each batch starts after gc() and is dropped if a collection happened inside it.
 */
const allocation = async (): Promise<{ readonly bytesPerCall: number; readonly kept: number }> => {
  const batches = config.allocationBatches ?? 0
  const calls = config.allocationCalls ?? 0
  if (batches === 0 || calls === 0) return { bytesPerCall: Number.NaN, kept: 0 }
  if (gc === undefined) throw new Error("run the worker with --expose-gc")
  let collections = 0
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length
  })
  observer.observe({ entryTypes: ["gc"] })
  const perCall: Array<number> = []
  for (let batch = 0; batch < batches; batch++) {
    gc()
    // the observer hears of a collection a little later: let it, then start counting
    await new Promise((resolve) => setTimeout(resolve, 10))
    collections = 0
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < calls; i++) await contender.call()
    const after = process.memoryUsage().heapUsed
    await new Promise((resolve) => setTimeout(resolve, 10))
    if (collections === 0) perCall.push((after - before) / calls)
  }
  observer.disconnect()
  totalCalls += batches * calls
  return { bytesPerCall: perCall.length === 0 ? Number.NaN : median(perCall), kept: perCall.length }
}
const allocated = await allocation()

let heapLateMB = Number.NaN
let heapLateCalls = 0
if (config.skipHeap !== true) {
  await phase(config.heapLateCalls - totalCalls, config.concurrency, false)
  heapLateCalls = totalCalls
  heapLateMB = await heapAfterGc()
}

await contender.close()

const result: WorkerResult = {
  contender: name,
  setupMs,
  sequential,
  concurrent,
  heapEarlyMB,
  heapLateMB,
  heapEarlyCalls,
  heapLateCalls,
  totalCalls,
  ...(config.allocationBatches === undefined
    ? {}
    : { allocatedBytesPerCall: allocated.bytesPerCall, allocationBatchesKept: allocated.kept }),
  measuredWindowUs: { start: windowStart, end: windowEnd }
}
await report(result)
process.exit(0)
