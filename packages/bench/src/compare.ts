/**
 * `pnpm --filter @effect-polar/bench run compare [--tree <label>=<dir>]... [--now-only] [--reference <label>]
 *  [--contenders <a,b>] [--versus <contender>] [--rounds <n>] [--quick] [--out <file>]`
 *
 * The same contenders over two (or more) versions of the client and core code, interleaved on this
 * machine: the measured tree (this working tree, label `now`) and each `--tree`, a directory holding
 * `packages/client/src` and `packages/core/src` (and any other workspace package) of another version (default: `before=/tmp/bench-before`,
 * made with `git archive 64a9b38 | tar -x -C /tmp/bench-before`). Every tree's worker is this
 * package's own `src/worker.ts` and `src/contenders.ts`, bundled by esbuild with `@effect-polar/client`
 * and `@effect-polar/core` taken from that tree's sources; every npm package (effect,
 * `@effect/platform`, undici, …) stays external and loads from this package's `node_modules`, so only
 * the client's and core's code differ between the trees.
 *
 * Each round runs every contender once per tree, each in a fresh process, the trees' order rotated
 * from round to round; the settings are the full run's (2,000 warm-up calls, 1,000 timed at
 * concurrency 1, 4,000 at 32). Reported per contender and tree: the median and min–max over the
 * rounds, and the median (min–max) of the per-round ratio to the first tree, which cancels most of
 * this machine's drift between rounds. `--versus <contender>` adds every contender's per-round ratio to
 * that one (with `--now-only`, the working tree alone: contenders against each other). Writes
 * `restructuring.md` (or `--out`).
 *
 * The Effect 4 line's contenders (`effect4-*`, issue 17) run in this working tree only, in their own
 * worker bundle (src/build.ts) and on their own Node (`nodeOf`), for example
 * `--now-only --contenders undici-today-node22,effect4-customer-sessions-undici --versus undici-today-node22`.
 */
import * as esbuild from "esbuild"
import * as fs from "node:fs"
import * as path from "node:path"
import { buildChildren, buildEffect4Children, childPath, npmExternal, sourcesOf, workerBundle } from "./build.js"
import { runWorker, startServer } from "./run.js"
import type { WorkerRun } from "./run.js"
import { benchDir, isContenderName, isEffect4Name, log, median, write } from "./shared.js"
import type { AnyContenderName, WorkerConfig } from "./shared.js"

const args = process.argv.slice(2).filter((arg) => arg !== "--")
const values = (name: string): Array<string> =>
  args.flatMap((arg, index) => (arg === name && args[index + 1] !== undefined ? [args[index + 1]!] : []))
const known = new Set([
  "--tree",
  "--now-only",
  "--reference",
  "--versus",
  "--contenders",
  "--rounds",
  "--allocation",
  "--quick",
  "--out"
])
for (const [index, arg] of args.entries()) {
  if (arg.startsWith("--") && !known.has(arg)) throw new Error(`unknown option ${arg}`)
  if (
    !arg.startsWith("--") &&
    !["--tree", "--reference", "--versus", "--contenders", "--rounds", "--out"].includes(args[index - 1] ?? "")
  ) {
    throw new Error(`unexpected argument ${arg}`)
  }
}
const quick = args.includes("--quick")
/**
 * `--allocation`: instead of timing, the bytes allocated per call (as the profile step measures
 * them: a 64 MB young generation, batches of 100 calls at concurrency 1 between gc()s, a batch
 * during which a collection ran dropped). Barely disturbed by other processes.
 */
const allocation = args.includes("--allocation")
const semiSpaceMB = 64

interface Tree {
  readonly label: string
  /** The directory holding `packages/client` and `packages/core`; `undefined` for this working tree. */
  readonly dir: string | undefined
}

const given = values("--tree").map((spec): Tree => {
  const at = spec.indexOf("=")
  if (at <= 0) throw new Error(`--tree wants <label>=<dir>, got ${spec}`)
  return { label: spec.slice(0, at), dir: path.resolve(spec.slice(at + 1)) }
})
const listed: ReadonlyArray<Tree> = [
  ...(args.includes("--now-only") ? [] : given.length === 0 ? [{ label: "before", dir: "/tmp/bench-before" }] : given),
  { label: "now", dir: undefined }
]
/** The reference tree comes first: every other tree's ratios are to it (default: the first `--tree`). */
const referenceLabel = values("--reference")[0] ?? listed[0]!.label
if (!listed.some((tree) => tree.label === referenceLabel)) throw new Error(`no tree labelled ${referenceLabel}`)
const trees: ReadonlyArray<Tree> = [
  ...listed.filter((tree) => tree.label === referenceLabel),
  ...listed.filter((tree) => tree.label !== referenceLabel)
]
for (const tree of trees) {
  if (tree.dir !== undefined && !fs.existsSync(path.join(tree.dir, "packages", "client", "src", "index.ts"))) {
    throw new Error(`${tree.label}: no packages/client/src/index.ts under ${tree.dir}`)
  }
}
const contenders = (values("--contenders")[0] ?? "client-undici,client-fetch").split(",").map((name) => {
  if (!isContenderName(name)) throw new Error(`unknown contender ${name}`)
  return name
})
const rounds = Number(values("--rounds")[0] ?? (quick ? 1 : allocation ? 2 : 5))
/** `--versus <contender>`: also every contender's per-round ratio to this one, in each tree. */
const versus = ((name: string | undefined): AnyContenderName | undefined => {
  if (name === undefined) return undefined
  const found = contenders.find((contender) => contender === name)
  if (found === undefined) throw new Error(`--versus ${name} must be one of --contenders`)
  return found
})(values("--versus")[0])
const out = path.resolve(values("--out")[0] ?? path.join(benchDir, "restructuring.md"))

const workerOf = async (tree: Tree): Promise<string> => {
  if (tree.dir === undefined) return childPath("worker")
  const outdir = path.join(benchDir, "build", "compare", tree.label)
  await esbuild.build({
    absWorkingDir: benchDir,
    entryPoints: { worker: path.join(benchDir, "src", "worker.ts") },
    outdir,
    ...workerBundle,
    conditions: ["@effect-polar/source"],
    plugins: [sourcesOf(tree.dir), npmExternal]
  })
  return path.join(outdir, "worker.mjs")
}

const intl = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "n/a"

const metrics: ReadonlyArray<readonly [string, (run: WorkerRun) => number, (value: number) => string]> = allocation
  ? [["KiB allocated per call", (run) => (run.result.allocatedBytesPerCall ?? Number.NaN) / 1024, (v) => intl(v, 1)]]
  : [
    ["p50 c=1 (µs)", (run) => run.result.sequential.p50Us, intl],
    ["p50 c=32 (µs)", (run) => run.result.concurrent.p50Us, intl],
    ["CPU µs/call (c=32)", (run) => run.result.concurrent.cpuUsPerCall, intl],
    ["calls/s (c=32)", (run) => run.result.concurrent.throughput, intl]
  ]
const range = (values: ReadonlyArray<number>, format: (value: number) => string) =>
  `${format(Math.min(...values))} – ${format(Math.max(...values))}`
const times = (value: number) => `${value.toFixed(2)}×`

const main = async () => {
  const started = performance.now()
  log(`compare: building the workers of ${trees.map((tree) => tree.label).join(", ")}`)
  await buildChildren()
  if (contenders.some(isEffect4Name)) await buildEffect4Children()
  const programs = new Map<string, string>()
  for (const tree of trees) programs.set(tree.label, await workerOf(tree))

  const config = (port: number): WorkerConfig => ({
    port,
    heapEarlyCalls: 0,
    heapLateCalls: 0,
    warmupCalls: quick ? 200 : 2_000,
    sequentialCalls: allocation ? 0 : quick ? 200 : 1_000,
    concurrentCalls: allocation ? 0 : quick ? 1_000 : 4_000,
    concurrency: 32,
    phaseTimeoutMs: 60_000,
    skipHeap: true,
    ...(allocation ? { allocationBatches: quick ? 3 : 7, allocationCalls: 100 } : {})
  })
  const runs = new Map<string, Array<WorkerRun>>()
  const key = (contender: AnyContenderName, tree: Tree) => `${contender} ${tree.label}`
  const server = await startServer()
  try {
    for (let round = 0; round < rounds; round++) {
      for (const contender of contenders) {
        for (let i = 0; i < trees.length; i++) {
          const tree = trees[(i + round) % trees.length]!
          const run = await runWorker(contender, config(server.port), server, {
            timeoutMs: 360_000,
            // this tree: each contender's own worker (the Effect 4 line's rows run in theirs)
            ...(tree.dir === undefined ? {} : { program: [programs.get(tree.label)!] }),
            nodeArgs: allocation ? [`--min-semi-space-size=${semiSpaceMB}`, `--max-semi-space-size=${semiSpaceMB}`] : []
          }).catch((error: unknown) => {
            // for example a contender of an operation the tree's client does not have yet
            throw new Error(`${contender} does not run over the tree ${tree.label}: ${String(error)}`)
          })
          const list = runs.get(key(contender, tree)) ?? []
          list.push(run)
          runs.set(key(contender, tree), list)
          const r = run.result
          log(
            `[${((performance.now() - started) / 1000).toFixed(0)} s] round ${round + 1}/${rounds} ` +
              `${contender.padEnd(26)} ${tree.label.padEnd(8)} ` +
              (allocation
                ? `${((r.allocatedBytesPerCall ?? Number.NaN) / 1024).toFixed(1)} KiB/call ` +
                  `(${r.allocationBatchesKept ?? 0} batches kept)`
                : `p50 c=1 ${r.sequential.p50Us.toFixed(0)} µs, p50 c=32 ${r.concurrent.p50Us.toFixed(0)} µs, ` +
                  `${r.concurrent.cpuUsPerCall.toFixed(0)} µs CPU/call, other processes ${
                    run.otherCpuPct.toFixed(0)
                  } % of a core`)
          )
        }
      }
    }
  } finally {
    await server.stop()
  }

  const lines: Array<string> = []
  const reference = trees[0]!
  lines.push("# effect-polar: the same contenders over two versions of the client")
  lines.push("")
  lines.push(
    `Run ${new Date().toISOString()}, took ${intl((performance.now() - started) / 1000)} s. Generated by ` +
      `\`pnpm --filter @effect-polar/bench run compare\`; see README.md for the method. Trees: ` +
      trees.map((tree) => `\`${tree.label}\` (${tree.dir ?? "this working tree"})`).join(", ") +
      `. ${rounds} round(s), each running every contender once per tree in a fresh process, the trees' order ` +
      `rotated from round to round; per process ${intl(config(0).warmupCalls)} warm-up calls, ` +
      (allocation
        ? `then ${config(0).allocationBatches} batches of ${config(0).allocationCalls} calls at concurrency 1, ` +
          `each after gc(), in a ${semiSpaceMB} MB young generation (median of the batches without a collection). `
        : `${intl(config(0).sequentialCalls)} timed at concurrency 1, ${intl(config(0).concurrentCalls)} at 32. `) +
      `"÷ ${reference.label}, per round": the median (min – max) over the rounds of the ratio to the ` +
      `\`${reference.label}\` run of the same round.`
  )
  lines.push("")
  const row = (cells: ReadonlyArray<string>) => `| ${cells.join(" | ")} |`
  lines.push(row([
    "contender",
    "metric",
    ...trees.map((tree) => `${tree.label}: median (min – max)`),
    ...trees.slice(1).flatMap((tree) => [`${tree.label} ÷ ${reference.label}, medians`, "per round"])
  ]))
  lines.push(row(["---", "---", ...trees.map(() => "---:"), ...trees.slice(1).flatMap(() => ["---:", "---:"])]))
  let maxOther = 0
  for (const contender of contenders) {
    for (const [name, value, format] of metrics) {
      const per = trees.map((tree) => (runs.get(key(contender, tree)) ?? []).map(value))
      const cells = per.map((list) => `${format(median(list))} (${range(list, format)})`)
      const ratios = per.slice(1).flatMap((list) => {
        const paired = list.map((v, i) => v / per[0]![i]!)
        return [times(median(list) / median(per[0]!)), `${times(median(paired))} (${range(paired, times)})`]
      })
      lines.push(row([contender, name, ...cells, ...ratios]))
    }
    for (const tree of trees) {
      for (const run of runs.get(key(contender, tree)) ?? []) maxOther = Math.max(maxOther, run.otherCpuPct)
    }
  }
  lines.push("")
  if (versus !== undefined) {
    lines.push(
      `Against \`${versus}\`, in the same round and tree (the median, min – max, over the rounds of the ratio to ` +
        `its run of that round; its runs come a few seconds apart):`
    )
    lines.push("")
    lines.push(`| contender | metric | ${trees.map((tree) => `${tree.label}: ÷ ${versus}, per round`).join(" | ")} |`)
    lines.push(`| --- | --- | ${trees.map(() => "---:").join(" | ")} |`)
    for (const contender of contenders) {
      if (contender === versus) continue
      for (const [name, value] of metrics) {
        const cells = trees.map((tree) => {
          const mine = (runs.get(key(contender, tree)) ?? []).map(value)
          const theirs = (runs.get(key(versus, tree)) ?? []).map(value)
          const paired = mine.map((v, i) => v / theirs[i]!)
          return `${times(median(paired))} (${range(paired, times)})`
        })
        lines.push(`| ${contender} | ${name} | ${cells.join(" | ")} |`)
      }
    }
    lines.push("")
  }
  lines.push(
    `Other processes used up to ${intl(maxOther)} % of a core during the timed phases (per run: ` +
      trees.map((tree) =>
        `${tree.label} ${
          contenders.map((contender) =>
            (runs.get(key(contender, tree)) ?? []).map((run) => intl(run.otherCpuPct)).join("/")
          ).join(", ")
        }`
      ).join("; ") +
      `). Above a few % the absolute figures are disturbed; the per-round ratios, taken a few seconds apart, ` +
      `less so.`
  )
  lines.push("")
  const document = lines.join("\n")
  write("\n" + document + "\n")
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, document)
  log(`written to ${path.relative(process.cwd(), out) || out}`)
}

await main()
