/**
 * Test layers and a Polar emulator for `@effect-polar/client`.
 *
 * @since 1.0.0
 */

/**
 * @since 1.0.0
 */
export * as PolarClientTest from "./PolarClientTest.js"

/**
 * @since 1.0.0
 */
export * as PolarEmulator from "./PolarEmulator.js"

// `PolarEmulatorServer` (Node only: it serves over node:http) is imported from
// "@effect-polar/testing/PolarEmulatorServer", so that this entry point needs no Node built-in.

/**
 * @since 1.0.0
 */
export * as TestRecorder from "./TestRecorder.js"
