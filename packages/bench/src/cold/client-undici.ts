/** Cold start of this client over NodeHttpClient.layerUndici: import, then build the runtime. */
import { PolarClient } from "@effect-polar/client"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { ACCESS_TOKEN, SERVER_URL } from "../constants.js"

export const ready = async (): Promise<unknown> => {
  const runtime = ManagedRuntime.make(
    PolarClient.layer({ accessToken: Redacted.make(ACCESS_TOKEN), serverURL: SERVER_URL }).pipe(
      Layer.provide(NodeHttpClient.layerUndici)
    )
  )
  return runtime.runtime()
}
