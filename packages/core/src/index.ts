/**
 * Effect Schemas and tagged errors for Polar's create member session API
 * (`POST /v1/member-sessions/`).
 *
 * @since 0.1.0
 */

export * as CompiledSchema from "./CompiledSchema.js"
export * from "./Customer.js"
export * from "./HTTPValidationError.js"
export * from "./Member.js"
export * from "./MemberSession.js"
export * from "./MemberSessionCreate.js"
export * from "./SDKError.js"
