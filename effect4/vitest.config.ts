import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const root = path.dirname(fileURLToPath(import.meta.url))

/**
 * The Effect 4 line's tests: one project per package, and one for `examples` (the runnable
 * examples and the demo). Workspace packages resolve to their TypeScript sources (wire through the
 * `packages/wire` link), so tests never run against a stale build.
 */
const project = (name: string, dir: string = path.join("packages", name)) => ({
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
    name: `effect4-${name}`,
    root: path.join(root, dir),
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})

export default defineConfig({
  test: {
    projects: [project("core"), project("client"), project("testing"), project("examples", "examples")]
  }
})
