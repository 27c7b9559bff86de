/**
 * A typical Effect program that already uses `HttpClient` and `Schema`: one JSON call whose body is
 * decoded with a schema. The baseline of bundle size (c).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

class Todo extends Schema.Class<Todo>("Todo")({
  id: Schema.Number,
  title: Schema.String,
  completed: Schema.Boolean,
  createdAt: Schema.DateFromString,
  tags: Schema.Array(Schema.String),
  owner: Schema.optional(Schema.NullOr(Schema.String))
}) {}

export const baselineProgram = Effect.gen(function*() {
  const client = (yield* HttpClient.HttpClient).pipe(HttpClient.filterStatusOk)
  const response = yield* client.execute(
    HttpClientRequest.post("https://example.com/todos").pipe(HttpClientRequest.bodyUnsafeJson({ title: "bench" }))
  )
  return yield* HttpClientResponse.schemaBodyJson(Todo)(response)
})
