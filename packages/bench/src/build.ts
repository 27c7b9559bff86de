/**
 * Compiles the child programs (server, worker, breakdown, cold-start entries) with esbuild into
 * `build/bench-cache/`: the workspace packages are compiled from their TypeScript sources into the
 * bundle, npm packages stay external and load from node_modules as they would in an application.
 * The children then run on plain `node`, with no TypeScript loader in the measured process.
 */
import * as esbuild from "esbuild"
import * as path from "node:path"
import { benchDir } from "./shared.js"

export const cacheDir = path.join(benchDir, "build", "bench-cache")

/** Everything but relative paths and the workspace packages is loaded from node_modules at run time. */
export const npmExternal: esbuild.Plugin = {
  name: "npm-external",
  setup(build) {
    build.onResolve(
      { filter: /^[^./]/ },
      (args) => args.path.startsWith("@effect-polar/") ? undefined : { path: args.path, external: true }
    )
  }
}

const entries = {
  "server": "src/server.ts",
  "worker": "src/worker.ts",
  "breakdown": "src/breakdown.ts",
  "cold-launcher": "src/cold/launcher.ts",
  "cold-sdk": "src/cold/sdk.ts",
  "cold-client-undici": "src/cold/client-undici.ts",
  "cold-client-fetch": "src/cold/client-fetch.ts"
} as const

export type ChildProgram = keyof typeof entries

export const childPath = (name: ChildProgram): string => path.join(cacheDir, `${name}.mjs`)

export const buildChildren = async (): Promise<void> => {
  await esbuild.build({
    absWorkingDir: benchDir,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(benchDir, file)])),
    outdir: cacheDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["@effect-polar/source"],
    plugins: [npmExternal],
    logLevel: "warning"
  })
}
