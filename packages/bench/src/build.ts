/**
 * Compiles the child programs (server, worker, breakdown, cold-start entries) with esbuild into
 * `build/bench-cache/`: the workspace packages are compiled from their TypeScript sources into the
 * bundle, npm packages stay external and load from node_modules as they would in an application.
 * The children then run on plain `node`, with no TypeScript loader in the measured process.
 *
 * The Effect 4 line's programs (issue 17) are a second build with its own resolution, written to
 * `effect4/bench/build/bench-cache/`: the same `src/worker.ts`, with `./contenders.js` taken from
 * `effect4/bench/src/contenders.ts` and `@effect-polar/*` from `effect4/packages/*\/src`; every npm
 * package stays external, and since the bundle lives under `effect4/`, Node resolves `effect`,
 * `@effect/platform-node` (and its undici 8) from `effect4/node_modules` at run time, never this
 * package's Effect 3.
 */
import * as esbuild from "esbuild"
import * as fs from "node:fs"
import * as path from "node:path"
import { benchDir } from "./shared.js"

export const cacheDir = path.join(benchDir, "build", "bench-cache")

/** The Effect 4 line's workspace (its own pnpm workspace and node_modules). */
export const effect4Dir = path.resolve(benchDir, "..", "..", "effect4")
/** The Effect 4 line's bench sources (its contenders, the timeout measurement) and their bundles. */
export const effect4BenchDir = path.join(effect4Dir, "bench")
export const effect4CacheDir = path.join(effect4BenchDir, "build", "bench-cache")

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

/**
 * Resolves `@effect-polar/<package>[/X]` to a tree's TypeScript sources (`packages/<package>/src/X.ts`)
 * when the tree has that package (client and core, and any other workspace package it has).
 */
export const sourcesOf = (dir: string): esbuild.Plugin => ({
  name: "workspace-sources-of-tree",
  setup(build) {
    build.onResolve({ filter: /^@effect-polar\/[a-z0-9-]+(\/.*)?$/ }, (resolveArgs) => {
      const [, pkg, sub] = /^@effect-polar\/([a-z0-9-]+)(?:\/(.*))?$/.exec(resolveArgs.path)!
      const src = path.join(dir, "packages", pkg!, "src")
      if (!fs.existsSync(src)) return undefined
      const file = path.join(src, `${sub ?? "index"}.ts`)
      return fs.existsSync(file)
        ? { path: file }
        : { errors: [{ text: `${resolveArgs.path}: no ${file} in this tree` }] }
    })
  }
})

/** In the Effect 4 build, the worker's `./contenders.js` is the Effect 4 line's contenders. */
const effect4Contenders: esbuild.Plugin = {
  name: "effect4-contenders",
  setup(build) {
    build.onResolve(
      { filter: /^\.\/contenders\.js$/ },
      (args) =>
        args.importer === path.join(benchDir, "src", "worker.ts")
          ? { path: path.join(effect4BenchDir, "src", "contenders.ts") }
          : undefined
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

/**
 * What every worker bundle is (the Effect 3 line's, the Effect 4 line's and `compare`'s): ESM for
 * Node 20 and later, split so that each contender's code loads only in its own process.
 */
export const workerBundle = {
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning"
} as const satisfies esbuild.BuildOptions

/** The Effect 4 line's programs: the worker (with its contenders) and the timeout measurement. */
const effect4Entries = {
  "worker": path.join(benchDir, "src", "worker.ts"),
  "timeout": path.join(effect4BenchDir, "src", "timeout.ts")
} as const

export type Effect4Program = keyof typeof effect4Entries

export const effect4ChildPath = (name: Effect4Program): string => path.join(effect4CacheDir, `${name}.mjs`)

export const buildChildren = async (): Promise<void> => {
  await esbuild.build({
    absWorkingDir: benchDir,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(benchDir, file)])),
    outdir: cacheDir,
    ...workerBundle,
    conditions: ["@effect-polar/source"],
    plugins: [npmExternal]
  })
}

/**
 * Builds the Effect 4 line's programs into `effect4/bench/build/bench-cache/`. Its npm packages
 * must be installed in `effect4/node_modules` (`bash scripts/effect4/run.sh install`).
 */
export const buildEffect4Children = async (): Promise<void> => {
  if (!fs.existsSync(path.join(effect4Dir, "node_modules", "effect", "package.json"))) {
    throw new Error(
      `the Effect 4 line is not installed (no ${path.join(effect4Dir, "node_modules", "effect")}): ` +
        "run `bash scripts/effect4/run.sh install`"
    )
  }
  await esbuild.build({
    absWorkingDir: effect4BenchDir,
    entryPoints: effect4Entries,
    outdir: effect4CacheDir,
    ...workerBundle,
    plugins: [effect4Contenders, sourcesOf(effect4Dir), npmExternal]
  })
}
