/**
 * Cold start: `node cold-launcher.mjs <entry.mjs>` in a fresh process. Times the import of the
 * entry (the client and everything it loads) plus its `ready()` (building the client), and reports
 * `{ importBuildMs, sinceStartMs, cpuUs }`, the second counted from the process's time origin, the
 * third the process's CPU time so far.
 */
import { pathToFileURL } from "node:url"

interface Entry {
  readonly ready: () => Promise<unknown>
}

const start = performance.now()
const entry = await import(pathToFileURL(process.argv[2] ?? "").href) as Entry
await entry.ready()
const end = performance.now()
const cpu = process.cpuUsage()
const result = { importBuildMs: end - start, sinceStartMs: end, cpuUs: cpu.user + cpu.system }
if (process.send === undefined) process.stdout.write(JSON.stringify(result) + "\n")
else process.send(result, () => process.exit(0))
