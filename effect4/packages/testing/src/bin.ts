#!/usr/bin/env node
/**
 * `polar-emulator` (`pnpm emulator` in this repository): serves the Polar emulator over HTTP.
 *
 *   pnpm emulator --port 4010 [--host 127.0.0.1] [--legacy] [--token polar_pat_x ...]
 *                 [--rate-limit production|sandbox] [--seed 1]
 *
 * Prints its base URL, the endpoint to call and one line per demo member
 * (`member <uuid> <email> customer <uuid>`), then serves until interrupted. It emulates Polar as it
 * runs today unless given `--legacy` (the server of early 2026, with `POST /v1/member-sessions/`).
 * Any bearer token is accepted unless `--token` names the accepted ones: those reach every demo
 * organization (a `polar_oat_` token, an organization's own, reaches the first only).
 *
 * @since 1.0.0
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
    legacy: { type: "boolean", default: false },
    token: { type: "string", multiple: true },
    "rate-limit": { type: "string" },
    seed: { type: "string", default: "1" }
  }
})

const generation: PolarEmulator.GenerationName = values.legacy ? "legacy" : "current"
const demo = generation === "legacy" ? PolarEmulator.legacyDemoSeed : PolarEmulator.demoSeed
const demoOrganizations = (demo.organizations ?? []).map((org) => org.slug)
const rateLimit = values["rate-limit"]
const options: PolarEmulatorServer.Options = {
  generation,
  port: Number(values.port),
  host: values.host,
  seed: Number(values.seed),
  ...(values.token === undefined
    ? {}
    : { tokens: values.token.map((token) => ({ token, organizations: demoOrganizations })) }),
  ...(rateLimit === "production" || rateLimit === "sandbox" ? { rateLimit } : {})
}

const announce = Effect.gen(function*() {
  const server = yield* PolarEmulatorServer.PolarEmulatorServer
  const endpoint = generation === "legacy" ? "/v1/member-sessions/" : "/v1/customer-sessions/"
  yield* Console.log(`Polar emulator listening on ${server.url}`)
  yield* Console.log(`POST ${server.url}${endpoint}  (control: ${server.url}/_emulator/)`)
  yield* Console.log(
    generation === "legacy"
      ? "legacy server (January to March 2026): no Polar-Version"
      : `Polar today: Polar-Version ${
        PolarEmulator.apiVersions.join(", ")
      } (default ${PolarEmulator.defaultApiVersion})`
  )
  yield* Console.log(
    values.token === undefined ? "accepting any bearer token" : `accepting tokens: ${values.token.length}`
  )
  for (const member of demo.members ?? []) {
    yield* Console.log(`member ${member.id} ${member.email} customer ${member.customerId ?? "(default)"}`)
  }
})

Layer.effectDiscard(announce).pipe(
  Layer.provideMerge(PolarEmulatorServer.layer(options)),
  Layer.launch,
  NodeRuntime.runMain
)
