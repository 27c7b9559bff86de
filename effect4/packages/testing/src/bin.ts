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
import * as EmulatorCommandLine from "@effect-polar/wire/EmulatorCommandLine"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { parseArgs } from "node:util"
import * as PolarEmulatorServer from "./PolarEmulatorServer.js"

// the options, what they mean and what is printed are wire's, the same for both lines
const { values } = parseArgs({ options: EmulatorCommandLine.parseOptions })

const announce = Effect.gen(function*() {
  const server = yield* PolarEmulatorServer.PolarEmulatorServer
  for (const line of EmulatorCommandLine.banner(server.url, values)) yield* Console.log(line)
})

Layer.effectDiscard(announce).pipe(
  Layer.provideMerge(PolarEmulatorServer.layer(EmulatorCommandLine.serverOptions(values))),
  Layer.launch,
  NodeRuntime.runMain
)
