import { PolarEmulator } from "@effect-polar/testing"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Answer, Driver, Send } from "./contract.js"
import { requestOf, rows } from "./contract.js"

/** The model in process: requests go straight to `handle`. */
const inProcess: Driver = {
  name: "in process",
  with: (options, f) => {
    const emulator = PolarEmulator.make(options)
    const send = (request: Send): Effect.Effect<Answer> =>
      Effect.map(emulator.handle(requestOf(request, options.generation)), (outcome): Answer => {
        switch (outcome._tag) {
          case "Reset":
            return { _tag: "Reset" }
          case "Partial":
            return {
              _tag: "Response",
              status: outcome.status,
              headers: { ...outcome.headers },
              body: outcome.body.slice(0, outcome.sent)
            }
          case "Response":
            return { _tag: "Response", status: outcome.status, headers: { ...outcome.headers }, body: outcome.body }
        }
      })
    return f(send, emulator)
  }
}

const encoder = new TextEncoder()

/** The same model served over HTTP on 127.0.0.1, reached with fetch (redirects not followed). */
const overHttp: Driver = {
  name: "over HTTP",
  with: (options, f) =>
    Effect.gen(function*() {
      const server = yield* PolarEmulatorServer.PolarEmulatorServer
      const send = (request: Send): Effect.Effect<Answer> => {
        const { body, headers, method, path } = requestOf(request, options.generation)
        return Effect.promise(async (): Promise<Answer> => {
          try {
            const response = await fetch(server.url + path, {
              method,
              headers,
              // bytes: fetch adds no content type of its own
              ...(body === "" ? {} : { body: encoder.encode(body) }),
              redirect: "manual"
            })
            const text = await response.text()
            return {
              _tag: "Response",
              status: response.status,
              headers: Object.fromEntries(response.headers),
              body: text
            }
          } catch {
            return { _tag: "Reset" }
          }
        })
      }
      return yield* f(send, server.emulator)
    }).pipe(Effect.provide(PolarEmulatorServer.layer(options)))
}

for (const driver of [inProcess, overHttp]) {
  describe(`PolarEmulator contract, ${driver.name}`, () => {
    for (const row of rows) {
      it.live(row.name, () => row.run(driver))
    }
  })
}
