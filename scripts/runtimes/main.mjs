// The entry point run.sh runs on Node, Bun and Deno, from the fresh app where the packed tarballs
// are installed:
//
//   <runtime> main.mjs <emulator url> <undici|fetch> <secrets file>
//
// Runs program.mjs over NodeHttpClient.layerUndici or FetchHttpClient.layer (of the line under test), writes the raw secrets
// to <secrets file> (one a line, for run.sh to search this process's output for them), prints the
// report as one line `RUNTIMES-REPORT {...}` and exits 1 if a check failed.
import { writeFileSync } from "node:fs"
import * as util from "node:util"
import { fetchLayer } from "./httpLayers.mjs"
import { run } from "./program.mjs"

const [url, layer, secretsFile] = process.argv.slice(2)
if (url === undefined || secretsFile === undefined || (layer !== "undici" && layer !== "fetch")) {
  console.error("usage: main.mjs <emulator url> <undici|fetch> <secrets file>")
  process.exit(2)
}

// fetch: httpLayers.mjs, the line's own (httpLayers.effect3.mjs or httpLayers.effect4.mjs; the Worker
// imports it too). undici: @effect/platform-node/NodeHttpClient, the same subpath in both lines, and
// imported only for undici, so that a fetch run loads no Node HTTP code (by path, not the barrel:
// the Effect 3 one loads msgpackr, which reads an environment variable at import time, and the
// Effect 4 one loads redis).
const httpClient = layer === "undici" ? (await import("@effect/platform-node/NodeHttpClient")).layerUndici : fetchLayer

// every inspector this runtime has: node:util everywhere (Bun and Deno implement it), and the
// runtime's own where it has one
const inspectors = { "util.inspect": (value) => util.inspect(value, { depth: Infinity }) }
if (typeof globalThis.Bun?.inspect === "function") inspectors["Bun.inspect"] = (value) => globalThis.Bun.inspect(value)
if (typeof globalThis.Deno?.inspect === "function") {
  inspectors["Deno.inspect"] = (value) => globalThis.Deno.inspect(value, { depth: Infinity })
}

try {
  const { secrets, ...report } = await run({ url, httpClient, inspectors })
  writeFileSync(secretsFile, secrets.join("\n") + "\n")
  console.log(`RUNTIMES-REPORT ${JSON.stringify(report)}`)
  process.exit(report.ok ? 0 : 1)
} catch (error) {
  console.log(`RUNTIMES-REPORT ${JSON.stringify({ ok: false, failures: [`the program failed: ${error}`] })}`)
  console.error(error)
  process.exit(1)
}
