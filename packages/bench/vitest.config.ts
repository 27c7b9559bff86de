import { defineConfig } from "vitest/config"

// Lets `npx vitest run --root packages/bench` run this package's test on its own; the root
// vitest.workspace.ts runs it as the "bench" project.
export default defineConfig({
  test: {
    name: "bench",
    include: ["test/**/*.test.ts"],
    testTimeout: 330_000,
    hookTimeout: 30_000
  }
})
