/**
 * An Effect-native client for sending a customer, or a member of it, into Polar's customer portal:
 * `CustomerSessions.create` (`POST /v1/customer-sessions/`, Polar today) and
 * `MemberSessions.create` (on today's Polar and on the legacy `POST /v1/member-sessions/`). The
 * Effect 4 line (`effect` ^4.1).
 *
 * Every module is exported as a namespace, as the Effect packages do: `PolarClient.layer(...)`,
 * `PolarClient.PolarClient` (the service), `MemberSessions.create(...)`.
 *
 * @since 1.0.0
 */

/**
 * @since 1.0.0
 */
export * as CustomerSessions from "./CustomerSessions.js"

/**
 * @since 1.0.0
 */
export * as MemberSessions from "./MemberSessions.js"

/**
 * @since 1.0.0
 */
export * as PolarClient from "./PolarClient.js"

/**
 * @since 1.0.0
 */
export * as RetryPolicy from "./RetryPolicy.js"
