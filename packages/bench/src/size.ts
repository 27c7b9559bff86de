/**
 * Minified + gzipped size of a bundled program making one call: esbuild (bundle, minify, platform
 * neutral, target es2022, ESM), gzip level 9 with node:zlib.
 */
import * as esbuild from "esbuild"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { benchDir } from "./shared.js"

export interface BundleSize {
  readonly minified: number
  readonly gzipped: number
}

export interface SizeResults {
  /** (a) @polar-sh/sdk: `memberSessionsCreate` + `PolarCore`. */
  readonly sdk: BundleSize
  /** (b) this client with FetchHttpClient. */
  readonly client: BundleSize
  /** (c) the baseline Effect program (HttpClient + Schema) alone and with the client added. */
  readonly baseline: BundleSize
  readonly baselinePlusClient: BundleSize
  readonly increment: BundleSize
}

const bundle = async (entry: string): Promise<BundleSize> => {
  const result = await esbuild.build({
    absWorkingDir: benchDir,
    entryPoints: [path.join(benchDir, "src", "size", entry)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    conditions: ["@effect-polar/source"],
    write: false,
    logLevel: "error"
  })
  const code = result.outputFiles[0]!.contents
  return {
    minified: code.byteLength,
    gzipped: zlib.gzipSync(code, { level: zlib.constants.Z_BEST_COMPRESSION }).byteLength
  }
}

export const measureSizes = async (): Promise<SizeResults> => {
  const [sdk, client, baseline, baselinePlusClient] = await Promise.all([
    bundle("sdk-standalone.ts"),
    bundle("client-fetch.ts"),
    bundle("baseline.ts"),
    bundle("baseline-plus-client.ts")
  ])
  return {
    sdk,
    client,
    baseline,
    baselinePlusClient,
    increment: {
      minified: baselinePlusClient.minified - baseline.minified,
      gzipped: baselinePlusClient.gzipped - baseline.gzipped
    }
  }
}
