// The Worker module run.sh bundles with esbuild (as wrangler does) and serves with workerd: each
// request runs program.mjs over FetchHttpClient.layer against the emulator whose URL is the
// EMULATOR_URL binding, and is answered with the report as JSON.
//
// The answer carries the raw secrets too (for run.sh to search workerd's output for them: what
// console.log printed there); run.sh never prints them. `codeFromStrings` at module scope and in
// the request say whether `new Function` works here: workerd forbids it, and the client must
// still work (its compiled decoders fall back to effect's ParseResult).
import { fetchLayer } from "./httpLayers.mjs"
import { codeFromStrings, run } from "./program.mjs"

const atStartup = codeFromStrings()

export default {
  async fetch(_request, env) {
    try {
      const report = await run({ url: env.EMULATOR_URL, httpClient: fetchLayer })
      return globalThis.Response.json({ ...report, codeFromStringsAtStartup: atStartup })
    } catch (error) {
      return globalThis.Response.json({
        ok: false,
        failures: [`the program failed: ${error}\n${error?.stack}`],
        secrets: []
      })
    }
  }
}
