/** Bundle size (c), baseline: the Effect program with HttpClient (FetchHttpClient) and Schema alone. */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import { baselineProgram } from "./baseline-program.js"

export const todo = await baselineProgram.pipe(Effect.provide(FetchHttpClient.layer), Effect.runPromise)
