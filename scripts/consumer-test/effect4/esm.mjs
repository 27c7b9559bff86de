// Run by scripts/consumer-test.sh (CONSUMER_LINE=effect4, on Node 22) from a fresh npm project that
// installed the Effect 4 line's packed tarballs with the latest effect: the ES module entry points,
// over real HTTP (the emulator server and undici).
import { MemberSessions, PolarClient } from "@effect-polar/client"
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { PolarClientTest } from "@effect-polar/testing"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as assert from "node:assert/strict"
import { fileURLToPath } from "node:url"

const knownMember = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const unknownMember = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"

// the ESM build is the one loaded, and internal modules are not reachable
for (const name of ["core", "client", "testing"]) {
  const resolved = fileURLToPath(import.meta.resolve(`@effect-polar/${name}`))
  assert.match(resolved, new RegExp(`node_modules/@effect-polar/${name}/dist/esm/index\\.js$`))
}
for (const specifier of ["@effect-polar/core/internal/schema", "@effect-polar/client/internal/errors"]) {
  await assert.rejects(import(specifier), { code: "ERR_PACKAGE_PATH_NOT_EXPORTED" }, specifier)
}

const program = Effect.gen(function*() {
  const server = yield* PolarEmulatorServer.PolarEmulatorServer
  const PolarLive = PolarClient.layer({ accessToken: Redacted.make("x"), serverURL: server.url }).pipe(
    Layer.provide(NodeHttpClient.layerUndici)
  )
  const session = yield* MemberSessions.create({ memberId: knownMember }).pipe(Effect.provide(PolarLive))
  const refused = yield* MemberSessions.create({ memberId: unknownMember }).pipe(
    Effect.as("succeeded"),
    Effect.catchTag("HTTPValidationError", (error) => Effect.succeed(error)),
    Effect.provide(PolarLive)
  )
  return { url: server.url, session, refused }
}).pipe(Effect.provide(PolarEmulatorServer.layer()))

const { refused, session, url } = await Effect.runPromise(program)
assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
assert.equal(session.memberId, knownMember)
assert.ok(Redacted.isRedacted(session.token), "the session token is Redacted")
assert.notEqual(refused, "succeeded")
assert.equal(refused._tag, "HTTPValidationError")
assert.ok(refused instanceof HTTPValidationError)

// the in-process test layer from the package root
const inProcess = await Effect.runPromise(
  MemberSessions.create({ memberId: knownMember }).pipe(Effect.provide(PolarClientTest.layer()))
)
assert.equal(inProcess.memberId, knownMember)

console.log(`esm: ok (emulator at ${url}, session ${session.id}, refused with ${refused._tag})`)
