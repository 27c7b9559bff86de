// Type-checks every `@example` of the packages' TSDoc, as @effect/docgen does: each ```ts block
// under an `@example` tag in packages/{wire,core,client,testing}/src becomes a file of
// examples/build/doc-examples/, compiled with the workspace's strict settings against the packages'
// sources (the examples package has every dependency a user has). Fails on any type error, and if
// no example was found.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..")
const out = path.join(root, "examples", "build", "doc-examples")
const packages = ["wire", "core", "client", "testing"]

/** The source files of a package, `internal/` included (an internal example must compile too). */
const sources = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(full)
    return entry.name.endsWith(".ts") ? [full] : []
  })

/** The ```ts blocks of the `@example` tags in one file's doc comments. */
const examplesOf = (text) => {
  const found = []
  for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = comment.split("\n").map((line) => line.replace(/^\s*\*( |$)/, ""))
    let inExample = false
    let code
    for (const line of lines) {
      if (/^@example\b/.test(line)) inExample = true
      else if (/^@\w+/.test(line) && code === undefined) inExample = false
      if (!inExample) continue
      if (code === undefined && /^```(ts|typescript)\s*$/.test(line)) code = []
      else if (code !== undefined && /^```\s*$/.test(line)) {
        found.push(code.join("\n"))
        code = undefined
        inExample = false
      } else if (code !== undefined) code.push(line)
    }
  }
  return found
}

fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })
let count = 0
for (const pkg of packages) {
  const src = path.join(root, "packages", pkg, "src")
  for (const file of sources(src)) {
    const examples = examplesOf(fs.readFileSync(file, "utf8"))
    examples.forEach((code, i) => {
      const name = `${pkg}-${path.relative(src, file).replace(/[/\\]/g, "-").replace(/\.ts$/, "")}-${i + 1}.ts`
      const origin = `// @example ${i + 1} of packages/${pkg}/src/${path.relative(src, file)}\n`
      fs.writeFileSync(path.join(out, name), `${origin}${code}\n\nexport {}\n`)
      count++
    })
  }
}
if (count === 0) {
  console.error("check-doc-examples: no @example found")
  process.exit(1)
}

const tsconfig = path.join(out, "tsconfig.json")
fs.writeFileSync(
  tsconfig,
  JSON.stringify(
    {
      extends: "../../../tsconfig.base.json",
      include: ["*.ts"],
      compilerOptions: {
        composite: false,
        incremental: false,
        declaration: false,
        declarationMap: false,
        noEmit: true,
        // an example shows a call, it need not use every name it makes
        noUnusedLocals: false,
        types: ["node"]
      }
    },
    null,
    2
  )
)
try {
  execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", tsconfig], {
    cwd: path.join(root, "examples"),
    stdio: "inherit"
  })
} catch {
  console.error(`check-doc-examples: type errors in the examples above (files in ${path.relative(root, out)})`)
  process.exit(1)
}
console.log(`check-doc-examples: ${count} @example blocks type-check`)
