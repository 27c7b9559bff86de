/** Cold start of this client over FetchHttpClient.layer: import, then build the runtime. */
import { PolarClient } from "@effect-polar/client"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { ACCESS_TOKEN, SERVER_URL } from "../constants.js"

export const ready = async (): Promise<unknown> => {
  const runtime = ManagedRuntime.make(
    PolarClient.layer({ accessToken: Redacted.make(ACCESS_TOKEN), serverURL: SERVER_URL }).pipe(
      Layer.provide(FetchHttpClient.layer)
    )
  )
  return runtime.runtime()
}
