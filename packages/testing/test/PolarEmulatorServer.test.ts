import { MemberSessions, PolarClient } from "@effect-polar/client"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Redacted, Schedule } from "effect"
import { spawn } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
const JANE = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const NEW_MEMBER = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"

const call = (url: string, method: string, body?: unknown, token: string | null = "polar_oat_x") =>
  Effect.promise(async () => {
    const response = await fetch(url, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token === null ? {} : { authorization: `Bearer ${token}` })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, json: text === "" ? undefined : JSON.parse(text) }
  })

describe("PolarEmulatorServer control endpoints, from any HTTP client", () => {
  it.live("seed, script faults, read and clear the journal, reset", () =>
    Effect.gen(function*() {
      const { url } = yield* PolarEmulatorServer.PolarEmulatorServer
      const create = (memberId: string) => call(`${url}/v1/member-sessions/`, "POST", { member_id: memberId })

      assert.strictEqual((yield* create(NEW_MEMBER)).status, 422)
      const seeded = yield* call(`${url}/_emulator/seed`, "POST", {
        members: [{ id: NEW_MEMBER, email: "new@acme.example" }]
      })
      assert.strictEqual(seeded.status, 204)
      assert.strictEqual((yield* create(NEW_MEMBER)).status, 201)

      const scripted = yield* call(`${url}/_emulator/faults`, "POST", [{ status: 503, body: "{}" }, { status: 429 }])
      assert.strictEqual(scripted.status, 204)
      assert.strictEqual((yield* create(JANE)).status, 503)
      assert.strictEqual((yield* create(JANE)).status, 429)
      assert.strictEqual((yield* create(JANE)).status, 201)

      const journal = yield* call(`${url}/_emulator/journal`, "GET")
      assert.deepStrictEqual(journal.json.map((e: { outcome: unknown }) => e.outcome), [422, 201, 503, 429, 201])
      assert.strictEqual(journal.json[0].headers.authorization, "Bearer polar_oat_<redacted>")

      assert.strictEqual((yield* call(`${url}/_emulator/journal`, "DELETE")).status, 204)
      assert.deepStrictEqual((yield* call(`${url}/_emulator/journal`, "GET")).json, [])

      assert.strictEqual((yield* call(`${url}/_emulator/reset`, "POST")).status, 204)
      assert.strictEqual((yield* create(NEW_MEMBER)).status, 422)

      const bad = yield* call(`${url}/_emulator/faults`, "POST", [{ status: "nope" }])
      assert.strictEqual(bad.status, 400)
    }).pipe(Effect.provide(PolarEmulatorServer.layer())))

  it.scoped("the real client over undici: a scripted 502 is retried on a new request", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* PolarEmulatorServer.PolarEmulatorServer
      emulator.script({ status: 502, body: "<html>Bad Gateway</html>", headers: { "content-type": "text/html" } })
      const session = yield* MemberSessions.create({ memberId: JANE }, { retry: Schedule.recurs(1) }).pipe(
        Effect.provide(
          PolarClient.layer({ accessToken: Redacted.make("polar_oat_x"), serverURL: url }).pipe(
            Layer.provide(NodeHttpClient.layerUndici)
          )
        )
      )
      assert.strictEqual(session.memberId, JANE)
      assert.deepStrictEqual(emulator.journal().map((e) => e.outcome), [502, 201])
    }).pipe(Effect.provide(PolarEmulatorServer.layer())))
})

describe("pnpm emulator (polar-emulator)", () => {
  it.live("prints its base URL and the demo members, then answers over HTTP", () =>
    Effect.gen(function*() {
      const child = yield* Effect.acquireRelease(
        Effect.sync(() =>
          spawn(
            process.execPath,
            ["--import", "tsx", "--conditions=@effect-polar/source", path.join(here, "../src/bin.ts"), "--port", "0"],
            { cwd: path.join(here, ".."), stdio: ["ignore", "pipe", "pipe"] }
          )
        ),
        (child) => Effect.sync(() => child.kill("SIGTERM"))
      )
      const output = yield* Effect.async<string, Error>((resume) => {
        let text = ""
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8")
          if ((text.match(/^member /gm) ?? []).length >= 2) resume(Effect.succeed(text))
        })
        child.on("exit", (code) => resume(Effect.fail(new Error(`exited ${code}: ${text}`))))
      }).pipe(Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => new Error("no output in 30 s") }))
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      assert.isDefined(url)
      assert.include(output, `member ${JANE} jane.doe@acme.example`)
      const answer = yield* call(`${url}/v1/member-sessions/`, "POST", { member_id: JANE }, "any-token-at-all")
      assert.strictEqual(answer.status, 201)
    }).pipe(Effect.scoped))
})
