/**
 * Test layers and a Polar emulator for `@effect-polar/client`.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as PolarClientTest from "./PolarClientTest.js"

/**
 * @since 0.1.0
 */
export * as PolarEmulator from "./PolarEmulator.js"
