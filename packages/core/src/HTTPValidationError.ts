/**
 * The error for a request Polar refuses as invalid (`422`), also raised before sending when the
 * input would be refused.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One pydantic validation error, as FastAPI reports it: where (`loc`), what kind (`type`,
 * stable), a human message (`msg`, wording may change between pydantic versions), the offending
 * `input` and the constraint's context (`ctx`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class ValidationError extends Schema.Class<ValidationError>("ValidationError")({
  type: Schema.String,
  loc: Schema.Array(Schema.Union(Schema.String, Schema.Number)),
  msg: Schema.String,
  input: Schema.optional(Schema.Unknown),
  ctx: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}) {}

/**
 * A `422 Unprocessable Entity` from Polar: the body did not validate (`error:
 * "RequestValidationError"`) or the member does not exist for this token (`error:
 * "PolarRequestValidationError"`, `type: "value_error"`, `msg: "Member does not exist."`).
 *
 * `MemberSessions.create` raises the same error **before sending anything** when the input
 * would be refused by the server (`statusCode` and `error` are then absent), with the `loc`,
 * `type` and `msg` Polar's pydantic would give.
 *
 * @example
 * ```ts
 * import { MemberSessions } from "@effect-polar/client"
 * import { Effect } from "effect"
 *
 * const program = MemberSessions.create({ memberId: "not-a-uuid" }).pipe(
 *   Effect.catchTag("HTTPValidationError", (error) =>
 *     Effect.logWarning(error.detail.map((d) => `${d.loc.join(".")}: ${d.type}`)))
 * )
 * ```
 *
 * @since 0.1.0
 * @category Errors
 */
export class HTTPValidationError extends Schema.TaggedError<HTTPValidationError>()("HTTPValidationError", {
  detail: Schema.Array(ValidationError),
  /** Polar's error code (`RequestValidationError`, `PolarRequestValidationError`); absent when raised before sending. */
  error: Schema.optional(Schema.String),
  /** `422` when Polar answered; absent when the input was refused before sending. */
  statusCode: Schema.optional(Schema.Literal(422))
}) {
  /**
   * Whether the error came from Polar (`true`) or from validating the input before sending.
   *
   * @since 0.1.0
   */
  get fromServer(): boolean {
    return this.statusCode !== undefined
  }

  /**
   * One line per validation error: `body.member_id: <msg> (<type>)`.
   *
   * @since 0.1.0
   */
  override get message(): string {
    const head = this.fromServer
      ? `Polar refused the request (422${this.error === undefined ? "" : ` ${this.error}`})`
      : "Invalid request, not sent"
    const lines = this.detail.map((d) => `${d.loc.join(".")}: ${d.msg} (${d.type})`)
    return `${head}: ${lines.length === 0 ? "no detail given" : lines.join("; ")}`
  }
}
