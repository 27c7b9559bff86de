#!/usr/bin/env node
/**
 * `polar-emulator` (`pnpm emulator` in this repository): serves the Polar emulator over HTTP.
 *
 *   pnpm emulator --port 4010 [--host 127.0.0.1] [--token polar_oat_x ...] [--rate-limit production|sandbox] [--seed 1]
 *
 * Prints its base URL and one line per seeded member (`member <uuid> <email>`), then serves until
 * interrupted. Any bearer token is accepted unless `--token` names the accepted ones.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { parseArgs } from "node:util"
import * as PolarEmulator from "./PolarEmulator.js"
import * as PolarEmulatorServer from "./PolarEmulatorServer.js"

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    token: { type: "string", multiple: true },
    "rate-limit": { type: "string" },
    seed: { type: "string", default: "1" }
  }
})

const rateLimit = values["rate-limit"]
const options: PolarEmulatorServer.Options = {
  port: Number(values.port),
  host: values.host,
  seed: Number(values.seed),
  ...(values.token === undefined ? {} : { tokens: values.token.map((token) => ({ token })) }),
  ...(rateLimit === "production" || rateLimit === "sandbox" ? { rateLimit } : {})
}

const announce = Effect.gen(function*() {
  const server = yield* PolarEmulatorServer.PolarEmulatorServer
  yield* Console.log(`Polar emulator listening on ${server.url}`)
  yield* Console.log(`POST ${server.url}/v1/member-sessions/  (control: ${server.url}/_emulator/)`)
  yield* Console.log(
    values.token === undefined ? "accepting any bearer token" : `accepting tokens: ${values.token.length}`
  )
  for (const member of PolarEmulator.demoMembers) yield* Console.log(`member ${member.id} ${member.email}`)
})

Layer.effectDiscard(announce).pipe(
  Layer.provideMerge(PolarEmulatorServer.layer(options)),
  Layer.launch,
  NodeRuntime.runMain
)
