import * as path from "node:path"
import { fileURLToPath } from "node:url"
const root = path.dirname(fileURLToPath(import.meta.url))
/**
 * Settings every vitest project shares: workspace packages resolve to their TypeScript sources,
 * so tests never run against a stale build.
 */
export const shared = {
  resolve: {
    alias: [
      {
        find: /^@effect-polar\/(core|client|testing)$/,
        replacement: path.join(root, "packages/$1/src/index.ts")
      },
      {
        find: /^@effect-polar\/(core|client|testing)\/(.+)$/,
        replacement: path.join(root, "packages/$1/src/$2.ts")
      }
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    sequence: { concurrent: false }
  }
}
// # sourceMappingURL=vitest.shared.js.map
