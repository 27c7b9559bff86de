/**
 * `pnpm --filter @effect-polar/bench run timeout-effect4 [--quick] [--json]`
 *
 * Builds the Effect 4 line's programs and runs `effect4/bench/src/timeout.ts` on the pinned Node 22:
 * the CPU cost of a per-attempt `Effect.timeoutOrElse` against no timeout and against a child fiber
 * (the floor of custom deadline code), in one process, no network. Prints its Markdown table (the
 * one in README.md, "Issue 17: the Effect 4 line"). About 25 s (quick: 7 s).
 */
import { buildEffect4Children, effect4ChildPath } from "./build.js"
import { node22 } from "./run.js"
import { log, startChild } from "./shared.js"

const args = process.argv.slice(2).filter((arg) => arg !== "--")
for (const arg of args) if (arg !== "--quick" && arg !== "--json") throw new Error(`unknown option ${arg}`)

log("timeout-effect4: building the Effect 4 line's programs")
await buildEffect4Children()
const child = startChild<never>([effect4ChildPath("timeout"), ...args], { timeoutMs: 300_000, node: node22() })
child.process.stdout?.unpipe(process.stderr)
child.process.stdout?.pipe(process.stdout)
const code = await child.exit
if (code !== 0) throw new Error(`timeout.mjs exited with ${code}`)
