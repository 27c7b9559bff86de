/**
 * An Effect-native client for sending a customer, or a member of it, into Polar's customer portal:
 * `CustomerSessions.create` (`POST /v1/customer-sessions/`, Polar today) and
 * `MemberSessions.create` (on today's Polar and on the legacy `POST /v1/member-sessions/`).
 *
 * Every module is exported as a namespace, as the Effect packages do: `PolarClient.layer(...)`,
 * `PolarClient.PolarClient` (the service tag), `MemberSessions.create(...)`.
 *
 * @since 0.1.0
 */

/**
 * @since 0.2.0
 */
export * as CustomerSessions from "./CustomerSessions.js"

/**
 * @since 0.1.0
 */
export * as MemberSessions from "./MemberSessions.js"

/**
 * @since 0.1.0
 */
export * as PolarClient from "./PolarClient.js"

/**
 * @since 0.1.0
 */
export * as RetryPolicy from "./RetryPolicy.js"
