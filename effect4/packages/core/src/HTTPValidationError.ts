/**
 * The error for a request Polar refuses as invalid (`422`), also raised before sending when the
 * input would be refused.
 *
 * @since 1.0.0
 */
import * as Schema from "effect/Schema"

/**
 * One pydantic validation error, as FastAPI reports it: where (`loc`), what kind (`type`,
 * stable), a human message (`msg`, wording may change between pydantic versions), the offending
 * `input` and the constraint's context (`ctx`). The wire keys are the field names.
 *
 * @since 1.0.0
 * @category Schemas
 */
export class ValidationError extends Schema.Class<ValidationError>("ValidationError")({
  type: Schema.String,
  loc: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  msg: Schema.String,
  input: Schema.optional(Schema.Unknown),
  ctx: Schema.optional(Schema.Record(Schema.String, Schema.Unknown))
}) {}

/**
 * Polar refused the request as invalid: a `422 Unprocessable Entity` whose body did not validate
 * (`error: "RequestValidationError"`) or named something that does not exist (`error:
 * "PolarRequestValidationError"`, `type: "value_error"`: `Customer does not exist.`, `Member does
 * not exist.`, `Member does not exist for this customer.`, `member_id is required for team
 * customers.`). An unknown member is reported the same way on both server generations: at
 * `["body", "member_id"]`, `Member does not exist.` (today's Polar answers the member lookup
 * with `404 ResourceNotFound`, kept in `statusCode` and `error`).
 *
 * `MemberSessions.create` and `CustomerSessions.create` (`@effect-polar/client`) raise the same
 * error **before sending anything** when the input would be refused by the server (`statusCode`
 * and `error` are then absent), with the `loc`, `type`, `msg`, `input` and `ctx` Polar's pydantic
 * would give.
 *
 * @example
 * ```ts
 * import { HTTPValidationError, MemberSessionCreate } from "@effect-polar/core"
 * import * as Effect from "effect/Effect"
 * import * as Result from "effect/Result"
 *
 * const program = Effect.gen(function*() {
 *   const body = MemberSessionCreate.validateInput({ memberId: "not-a-uuid" })
 *   if (Result.isFailure(body)) {
 *     return yield* new HTTPValidationError.HTTPValidationError({ detail: body.failure })
 *   }
 *   return body.success
 * }).pipe(
 *   Effect.catchTag("HTTPValidationError", (error) =>
 *     Effect.logWarning(error.detail.map((d) => `${d.loc.join(".")}: ${d.type}`)))
 * )
 * ```
 *
 * @since 1.0.0
 * @category Errors
 */
export class HTTPValidationError extends Schema.TaggedError<HTTPValidationError>()("HTTPValidationError", {
  detail: Schema.Array(ValidationError),
  /** Polar's error code (`RequestValidationError`, `PolarRequestValidationError`); absent when raised before sending. */
  error: Schema.optional(Schema.String),
  /**
   * The status Polar answered: `422`, or `404` when today's Polar did not find the member
   * `MemberSessions.create` looked up; absent when the input was refused before sending.
   */
  statusCode: Schema.optional(Schema.Literals([404, 422]))
}) {
  /**
   * Whether the error came from Polar (`true`) or from validating the input before sending.
   *
   * @since 1.0.0
   */
  get fromServer(): boolean {
    return this.statusCode !== undefined
  }

  /**
   * One line per validation error: `body.member_id: <msg> (<type>)`.
   *
   * @since 1.0.0
   */
  override get message(): string {
    const head = this.fromServer
      ? `Polar refused the request (${this.statusCode}${this.error === undefined ? "" : ` ${this.error}`})`
      : "Invalid request, not sent"
    const lines = this.detail.map((d) => `${d.loc.join(".")}: ${d.msg} (${d.type})`)
    return `${head}: ${lines.length === 0 ? "no detail given" : lines.join("; ")}`
  }
}
