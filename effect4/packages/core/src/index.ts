/**
 * Effect Schemas, tagged errors and Polar's own validation for Polar's customer-portal sessions:
 * `POST /v1/customer-sessions/` (Polar today) and the legacy `POST /v1/member-sessions/`. The
 * Effect 4 line (1.x, `effect ^4.1`).
 *
 * Every module is exported as a namespace, as the Effect packages do
 * (`MemberSessionCreate.validateInput`, `HTTPValidationError.HTTPValidationError`).
 *
 * @since 1.0.0
 */

/**
 * @since 1.0.0
 */
export * as Customer from "./Customer.js"

/**
 * @since 1.0.0
 */
export * as CustomerSession from "./CustomerSession.js"

/**
 * @since 1.0.0
 */
export * as CustomerSessionCreate from "./CustomerSessionCreate.js"

/**
 * @since 1.0.0
 */
export * as HTTPValidationError from "./HTTPValidationError.js"

/**
 * @since 1.0.0
 */
export * as Member from "./Member.js"

/**
 * @since 1.0.0
 */
export * as MemberSession from "./MemberSession.js"

/**
 * @since 1.0.0
 */
export * as MemberSessionCreate from "./MemberSessionCreate.js"

/**
 * @since 1.0.0
 */
export * as SDKError from "./SDKError.js"
