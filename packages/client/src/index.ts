/**
 * An Effect-native client for Polar's create member session API (`POST /v1/member-sessions/`).
 *
 * `PolarClient` is exported as its tag class (it is both the service type and the value with
 * `layer`, `layerConfig` and `make`); every other module is exported as a namespace.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as MemberSessions from "./MemberSessions.js"

/**
 * @since 0.1.0
 */
export { PolarClient } from "./PolarClient.js"

/**
 * The `PolarClient` module's other exports (options, constants, constructors).
 *
 * @since 0.1.0
 */
export * as PolarClientModule from "./PolarClient.js"

/**
 * @since 0.1.0
 */
export * as RetryPolicy from "./RetryPolicy.js"
