/**
 * Effect Schemas, tagged errors and Polar's own validation for Polar's customer-portal sessions:
 * `POST /v1/customer-sessions/` (Polar today) and the legacy `POST /v1/member-sessions/`.
 *
 * Every module is exported as a namespace, as the Effect packages do
 * (`MemberSessionCreate.validateInput`, `HTTPValidationError.HTTPValidationError`).
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Customer from "./Customer.js"

/**
 * @since 0.2.0
 */
export * as CustomerSession from "./CustomerSession.js"

/**
 * @since 0.2.0
 */
export * as CustomerSessionCreate from "./CustomerSessionCreate.js"

/**
 * @since 0.1.0
 */
export * as HTTPValidationError from "./HTTPValidationError.js"

/**
 * @since 0.1.0
 */
export * as Member from "./Member.js"

/**
 * @since 0.1.0
 */
export * as MemberSession from "./MemberSession.js"

/**
 * @since 0.1.0
 */
export * as MemberSessionCreate from "./MemberSessionCreate.js"

/**
 * @since 0.1.0
 */
export * as SDKError from "./SDKError.js"
