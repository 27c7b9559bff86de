import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { defineWorkspace } from "vitest/config"

const root = path.dirname(fileURLToPath(import.meta.url))

/**
 * One vitest project per package and one for the examples. Workspace packages resolve to their
 * TypeScript sources, so tests never run against a stale build. The "bench" project only checks
 * that `pnpm bench --quick` runs (a benchmark is not a test: no timing is asserted).
 */
const project = (name: string, dir: string) => ({
  resolve: {
    alias: [
      {
        find: /^@effect-polar\/(wire|core|client|testing)$/,
        replacement: path.join(root, "packages/$1/src/index.ts")
      },
      {
        find: /^@effect-polar\/(wire|core|client|testing)\/(.+)$/,
        replacement: path.join(root, "packages/$1/src/$2.ts")
      }
    ]
  },
  test: {
    name,
    root: path.join(root, dir),
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})

export default defineWorkspace([
  project("wire", "packages/wire"),
  project("core", "packages/core"),
  project("client", "packages/client"),
  project("testing", "packages/testing"),
  project("consumer-test", "packages/consumer-test"),
  project("examples", "examples"),
  project("bench", "packages/bench")
])
