/**
 * What every operation shares: its span, and the JSON body validated as the server validates it
 * before anything is sent.
 *
 * @internal
 */
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { ValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError } from "@effect-polar/core/SDKError"
import * as Effect from "effect/Effect"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import type { CallOptions, Service } from "../PolarClient.js"
import { PolarClient } from "../PolarClient.js"

/**
 * Runs an operation in its one span (kind `client`), with the client at hand.
 *
 * @internal
 */
export const operation = <A, E>(
  name: string,
  body: (client: Service, span: Tracer.Span) => Effect.Effect<A, E>
): Effect.Effect<A, E, PolarClient> =>
  Effect.useSpan(
    name,
    { kind: "client" },
    (span) => Effect.flatMap(Effect.service(PolarClient), (client) => body(client, span))
  )

/**
 * The JSON text of a body, validated as the server would validate it: the text to send, or the
 * `HTTPValidationError` the server would answer (nothing is sent). `accepts`, when given, is the
 * same validation answering only whether the body is valid (wire's validator, without core's
 * decoding of the validated model into its class, which a call that sends the JSON as given does
 * not need): a body it accepts is sent at once, `validate` then gives a refused body's errors.
 *
 * @internal
 */
export const validated = (
  json: string,
  validate: (body: unknown) => Result.Result<unknown, ReadonlyArray<ValidationError>>,
  accepts?: (body: unknown) => boolean
): Result.Result<string, HTTPValidationError> => {
  const body: unknown = JSON.parse(json)
  if (accepts?.(body) === true) return Result.succeed(json)
  return Result.match(validate(body), {
    onFailure: (detail) => Result.fail(new HTTPValidationError({ detail })),
    onSuccess: () => Result.succeed(json)
  })
}

/**
 * A `POST` of a JSON body that has been validated.
 *
 * @internal
 */
export const post = <A>(
  client: Service,
  span: Tracer.Span,
  path: string,
  json: string,
  decode: (json: unknown) => Result.Result<A, Schema.SchemaError>,
  options: CallOptions | undefined,
  hints?: { readonly [status: number]: string }
): Effect.Effect<A, HTTPValidationError | SDKError> =>
  client.execute({
    request: HttpClientRequest.bodyText(HttpClientRequest.post(path), json, "application/json"),
    decode,
    options,
    span,
    hints
  })

/**
 * An operation that validates its input, then `POST`s it: what `CustomerSessions.create` is.
 *
 * @internal
 */
export const create = <I, A>(spec: {
  readonly name: string
  readonly path: string
  readonly toJson: (input: I) => string
  readonly validate: (body: unknown) => Result.Result<unknown, ReadonlyArray<ValidationError>>
  /** Whether `validate` accepts a body, answered without building its value. */
  readonly accepts?: ((body: unknown) => boolean) | undefined
  readonly decode: (json: unknown) => Result.Result<A, Schema.SchemaError>
}) =>
(input: I, options?: CallOptions): Effect.Effect<A, HTTPValidationError | SDKError, PolarClient> =>
  operation(spec.name, (client, span) =>
    Result.match(validated(spec.toJson(input), spec.validate, spec.accepts), {
      onFailure: Effect.fail,
      onSuccess: (json) => post(client, span, spec.path, json, spec.decode, options)
    }))
