import type { ViteUserConfig } from "vitest/config"
/**
 * Settings every vitest project shares: workspace packages resolve to their TypeScript sources,
 * so tests never run against a stale build.
 */
export declare const shared: ViteUserConfig
// # sourceMappingURL=vitest.shared.d.ts.map
