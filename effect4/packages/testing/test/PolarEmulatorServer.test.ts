import { MemberSessions, PolarClient } from "@effect-polar/client"
import * as PolarEmulatorServer from "@effect-polar/testing/PolarEmulatorServer"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { spawn } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { at, textAt } from "./contract.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const JANE = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const SOLO = "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"
const NEW_CUSTOMER = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"

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
    const json: unknown = text === "" ? undefined : JSON.parse(text)
    return { status: response.status, json, headers: response.headers }
  })

const entries = (json: unknown): ReadonlyArray<unknown> => Array.isArray(json) ? json : assert.fail("not an array")

describe("PolarEmulatorServer control endpoints, from any HTTP client", () => {
  it.live("seed (every kind), script faults, read and clear the journal, reset", () =>
    Effect.gen(function*() {
      const { url } = yield* PolarEmulatorServer.PolarEmulatorServer
      const create = (customerId: string, organization?: string) =>
        Effect.promise(async () => {
          const response = await fetch(`${url}/v1/customer-sessions/`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: "Bearer polar_pat_seeded",
              ...(organization === undefined ? {} : { "polar-organization": organization })
            },
            body: JSON.stringify({ customer_id: customerId })
          })
          return { status: response.status, json: await response.json().catch(() => undefined) }
        })

      assert.strictEqual((yield* create(NEW_CUSTOMER)).status, 422)
      const seeded = yield* call(`${url}/_emulator/seed`, "POST", {
        organizations: [{ slug: "beta", id: "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", memberModelEnabled: false }],
        customers: [{ id: NEW_CUSTOMER, organization: "beta", type: "team", email: null, externalId: "team_1" }],
        members: [{ id: "6d5c4b3a-2918-4f7e-8d6c-5b4a39281707", email: "new@beta.example", customerId: NEW_CUSTOMER }],
        tokens: [{ token: "polar_pat_seeded", organizations: ["acme-inc", "solo-dev", "beta"] }]
      })
      assert.strictEqual(seeded.status, 204)
      const made = yield* create(NEW_CUSTOMER, "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e")
      assert.strictEqual(made.status, 201)
      assert.match(
        textAt(made.json, "customer_portal_url"),
        /\/beta\/portal\?customer_session_token=polar_cst_\w+&email=None$/
      )

      const scripted = yield* call(`${url}/_emulator/faults`, "POST", [{ status: 503, body: "{}" }, { status: 429 }])
      assert.strictEqual(scripted.status, 204)
      assert.strictEqual((yield* create(SOLO)).status, 503)
      assert.strictEqual((yield* create(SOLO)).status, 429)
      assert.strictEqual((yield* create(SOLO)).status, 201)

      const journal = entries((yield* call(`${url}/_emulator/journal`, "GET")).json)
      assert.deepStrictEqual(journal.map((e) => at(e, "outcome")), [422, 201, 503, 429, 201])
      assert.deepStrictEqual(journal.map((e) => at(e, "apiVersion")), Array.from({ length: 5 }, () => "2026-04"))
      assert.strictEqual(at(journal[1], "organization"), "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e")
      assert.strictEqual(at(journal[0], "headers", "authorization"), "Bearer polar_pat_<redacted>")

      assert.strictEqual((yield* call(`${url}/_emulator/journal`, "DELETE")).status, 204)
      assert.deepStrictEqual((yield* call(`${url}/_emulator/journal`, "GET")).json, [])

      assert.strictEqual((yield* call(`${url}/_emulator/reset`, "POST")).status, 204)
      assert.strictEqual((yield* create(NEW_CUSTOMER)).status, 422)

      const bad = yield* call(`${url}/_emulator/faults`, "POST", [{ status: "nope" }])
      assert.strictEqual(bad.status, 400)
      const badSeed = yield* call(`${url}/_emulator/seed`, "POST", { customers: [{ email: "no id" }] })
      assert.strictEqual(badSeed.status, 400)
      // the control endpoints do not look at Polar-Version
      const unknown = yield* call(`${url}/_emulator/nope`, "GET")
      assert.strictEqual(unknown.status, 404)
    }).pipe(Effect.provide(PolarEmulatorServer.layer())))

  it.live("the legacy generation over HTTP: POST /v1/member-sessions/, no Polar-Version", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* PolarEmulatorServer.PolarEmulatorServer
      assert.strictEqual(emulator.generation, "legacy")
      const created = yield* call(`${url}/v1/member-sessions/`, "POST", { member_id: JANE })
      assert.strictEqual(created.status, 201)
      assert.strictEqual(created.headers.get("polar-version"), null)
      assert.strictEqual(at(created.json, "member", "email"), "jane.doe@acme.example")
      const today = yield* call(`${url}/v1/customer-sessions/`, "POST", { customer_id: ACME, member_id: JANE })
      assert.strictEqual(today.status, 404)
    }).pipe(Effect.provide(PolarEmulatorServer.layer({ generation: "legacy" }))))

  it.live("the real client over undici, legacy generation: a scripted 502 is retried on a new request", () =>
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
    }).pipe(Effect.provide(PolarEmulatorServer.layer({ generation: "legacy" }))))
})

/** Starts `polar-emulator` with `args` and waits for its demo members' lines. */
const start = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            "--conditions=@effect-polar/source",
            path.join(here, "../src/bin.ts"),
            "--port",
            "0",
            ...args
          ],
          { cwd: path.join(here, ".."), stdio: ["ignore", "pipe", "pipe"] }
        )
      ),
      (child) => Effect.sync(() => child.kill("SIGTERM"))
    )
    const output = yield* Effect.callback<string, Error>((resume) => {
      let text = ""
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8")
        if ((text.match(/^member /gm) ?? []).length >= 2) resume(Effect.succeed(text))
      })
      child.on("exit", (code) => resume(Effect.fail(new Error(`exited ${code}: ${text}`))))
    }).pipe(Effect.timeoutOrElse({ duration: "30 seconds", orElse: () => Effect.fail(new Error("no output in 30 s")) }))
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
    return { output, url: url ?? assert.fail(`no URL in ${output}`) }
  })

describe("pnpm emulator (polar-emulator)", () => {
  it.live("prints its base URL and the demo members with their customers, then answers Polar today", () =>
    Effect.gen(function*() {
      const { output, url } = yield* start([])
      assert.include(output, `POST ${url}/v1/customer-sessions/`)
      assert.include(output, "accepting any bearer token")
      assert.include(output, `member ${JANE} jane.doe@acme.example customer ${ACME}`)
      assert.include(output, `member 9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5 sam+test@example.com customer ${SOLO}`)
      const member = yield* call(`${url}/v1/customer-sessions/`, "POST", { customer_id: ACME, member_id: JANE }, "any")
      assert.strictEqual(member.status, 201)
      assert.match(textAt(member.json, "token"), /^polar_mst_/)
      const customer = yield* call(`${url}/v1/customer-sessions/`, "POST", { customer_id: SOLO }, "any-token-at-all")
      assert.strictEqual(customer.status, 201)
      assert.match(textAt(customer.json, "token"), /^polar_cst_/)
    }).pipe(Effect.scoped))

  it.live("--legacy serves the old generation; --token restricts the tokens to those named", () =>
    Effect.gen(function*() {
      const { output, url } = yield* start(["--legacy", "--token", "polar_pat_demo"])
      assert.include(output, `POST ${url}/v1/member-sessions/`)
      assert.include(output, "accepting tokens: 1")
      assert.strictEqual((yield* call(`${url}/v1/member-sessions/`, "POST", { member_id: JANE }, "other")).status, 401)
      const created = yield* call(`${url}/v1/member-sessions/`, "POST", { member_id: JANE }, "polar_pat_demo")
      assert.strictEqual(created.status, 201)
      const today = yield* start(["--token", "polar_pat_demo"])
      const refused = yield* call(`${today.url}/v1/customer-sessions/`, "POST", { customer_id: SOLO }, "other")
      assert.strictEqual(refused.status, 401)
      assert.strictEqual(at(refused.json, "error"), "invalid_token")
      // the named token reaches every demo organization
      const sam = yield* call(`${today.url}/v1/customer-sessions/`, "POST", { customer_id: SOLO }, "polar_pat_demo")
      assert.strictEqual(sam.status, 201)
    }).pipe(Effect.scoped))
})
