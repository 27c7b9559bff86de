// The CommonJS half of each package's build. `tsc -b tsconfig.build.json` has already written
// the ES modules, their declarations and source maps to `dist/esm`; this script
//
// - transpiles every non-test `src/**/*.ts` to CommonJS in `dist/cjs` (TypeScript's own
//   `transpileModule`, file by file: the sources are `isolatedModules`, and the type check
//   already happened in the ESM build),
// - copies the declarations (`.d.ts` and `.d.ts.map`) from `dist/esm` next to them, and
// - writes `dist/cjs/package.json` with `{"type":"commonjs"}`, so that Node and TypeScript read
//   both the `.js` and the `.d.ts` files of that folder as CommonJS (a `require` consumer gets
//   CommonJS types, an `import` consumer gets the ESM ones).
//
// Usage: node scripts/build-cjs.mjs [packageDir...]   (default: packages/wire, packages/core,
// packages/client, packages/testing). Files named in a package's `esmOnly` list below (the testing
// package's `bin.ts`) stay ESM only.
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const defaultPackages = ["packages/wire", "packages/core", "packages/client", "packages/testing"]
const esmOnly = new Set(["bin.ts"])

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  isolatedModules: true,
  sourceMap: true,
  inlineSources: false,
  removeComments: false
}

const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })

const fail = (message) => {
  console.error(`build-cjs: ${message}`)
  process.exit(1)
}

const buildPackage = (packageDir) => {
  const src = path.join(packageDir, "src")
  const esm = path.join(packageDir, "dist", "esm")
  const cjs = path.join(packageDir, "dist", "cjs")
  if (!fs.existsSync(esm)) fail(`${path.relative(root, esm)} is missing: run tsc -b tsconfig.build.json first`)
  fs.rmSync(cjs, { recursive: true, force: true })
  fs.mkdirSync(cjs, { recursive: true })

  const sources = walk(src).filter((file) =>
    file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.endsWith(".test.ts") &&
    !(path.dirname(file) === src && esmOnly.has(path.basename(file)))
  )
  for (const file of sources) {
    const relative = path.relative(src, file)
    const outFile = path.join(cjs, relative.replace(/\.ts$/, ".js"))
    const result = ts.transpileModule(fs.readFileSync(file, "utf8"), {
      compilerOptions,
      fileName: path.basename(file),
      reportDiagnostics: true
    })
    if (result.diagnostics && result.diagnostics.length > 0) {
      fail(ts.formatDiagnostics(result.diagnostics, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => root,
        getNewLine: () => "\n"
      }))
    }
    const map = JSON.parse(result.sourceMapText)
    map.file = path.basename(outFile)
    map.sources = [path.relative(path.dirname(outFile), file).split(path.sep).join("/")]
    fs.mkdirSync(path.dirname(outFile), { recursive: true })
    fs.writeFileSync(outFile, result.outputText)
    fs.writeFileSync(`${outFile}.map`, JSON.stringify(map))

    // the declarations: same relative depth in dist/esm and dist/cjs, so the maps stay valid
    for (const ext of [".d.ts", ".d.ts.map"]) {
      const declaration = path.join(esm, relative.replace(/\.ts$/, ext))
      if (!fs.existsSync(declaration)) fail(`${path.relative(root, declaration)} is missing`)
      fs.copyFileSync(declaration, path.join(cjs, relative.replace(/\.ts$/, ext)))
    }
  }
  fs.writeFileSync(path.join(cjs, "package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n")
  console.log(`build-cjs: ${path.relative(root, cjs) || cjs} (${sources.length} modules)`)
}

const args = process.argv.slice(2)
for (const dir of args.length > 0 ? args : defaultPackages) buildPackage(path.resolve(dir))
