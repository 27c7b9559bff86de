// Run by scripts/consumer-test.sh (CONSUMER_LINE=effect4, on Node 22) like esm.mjs: the CommonJS
// entry points of the Effect 4 line (require), over real HTTP (the emulator server and undici).
const { MemberSessions, PolarClient } = require("@effect-polar/client")
const { HTTPValidationError } = require("@effect-polar/core/HTTPValidationError")
const { PolarClientTest } = require("@effect-polar/testing")
const PolarEmulatorServer = require("@effect-polar/testing/PolarEmulatorServer")
const NodeHttpClient = require("@effect/platform-node/NodeHttpClient")
const Effect = require("effect/Effect")
const Layer = require("effect/Layer")
const Redacted = require("effect/Redacted")
const assert = require("node:assert/strict")

const knownMember = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const unknownMember = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"

// the CommonJS build is the one loaded, and internal modules are not reachable
for (const name of ["core", "client", "testing"]) {
  assert.match(
    require.resolve(`@effect-polar/${name}`),
    new RegExp(`node_modules/@effect-polar/${name}/dist/cjs/index\\.js$`)
  )
}
for (const specifier of ["@effect-polar/core/internal/schema", "@effect-polar/testing/bin"]) {
  assert.throws(() => require(specifier), { code: "ERR_PACKAGE_PATH_NOT_EXPORTED" }, specifier)
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

const main = async () => {
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

  console.log(`cjs: ok (emulator at ${url}, session ${session.id}, refused with ${refused._tag})`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
