// Type-checks every `@example` of the packages' TSDoc, as @effect/docgen does: each ```ts block
// under an `@example` tag in packages/{wire,core,client,testing}/src becomes a file of
// examples/build/doc-examples/, compiled with the workspace's strict settings against the packages'
// sources (the examples package has every dependency a user has). Fails on any type error, and if
// no example was found.
//
// With `--line effect4`: the same for the Effect 4 line, effect4/packages/{core,client,testing}/src,
// compiled in effect4/packages/testing/build/doc-examples (the testing package depends on the other
// two and on effect 4 and @effect/platform-node 4, and reaches itself by its own name) with the
// Effect 4 workspace's TypeScript.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..")
const lineIndex = process.argv.indexOf("--line")
const line = lineIndex === -1 ? "effect3" : process.argv[lineIndex + 1]
if (line !== "effect3" && line !== "effect4") {
  console.error(`check-doc-examples: --line effect3 or --line effect4, not ${line}`)
  process.exit(2)
}
const lineRoot = line === "effect4" ? path.join(root, "effect4") : root
// where the examples are compiled from (its node_modules has every package an example imports)
const home = line === "effect4" ? path.join(lineRoot, "packages", "testing") : path.join(root, "examples")
const out = path.join(home, "build", "doc-examples")
const packages = line === "effect4" ? ["core", "client", "testing"] : ["wire", "core", "client", "testing"]

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
  const src = path.join(lineRoot, "packages", pkg, "src")
  for (const file of sources(src)) {
    const examples = examplesOf(fs.readFileSync(file, "utf8"))
    examples.forEach((code, i) => {
      const name = `${pkg}-${path.relative(src, file).replace(/[/\\]/g, "-").replace(/\.ts$/, "")}-${i + 1}.ts`
      const origin = `// @example ${i + 1} of ${path.relative(root, file)}\n`
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
      extends: path.relative(out, path.join(lineRoot, "tsconfig.base.json")),
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
  execFileSync(process.execPath, [path.join(lineRoot, "node_modules", "typescript", "bin", "tsc"), "-p", tsconfig], {
    cwd: home,
    stdio: "inherit"
  })
} catch {
  console.error(`check-doc-examples: type errors in the examples above (files in ${path.relative(root, out)})`)
  process.exit(1)
}
console.log(
  `check-doc-examples (${line === "effect4" ? "Effect 4 line" : "Effect 3 line"}): ${count} @example blocks type-check`
)
