/**
 * The other examples of the Effect 4 line: error handling by tag, a service tested by swapping
 * layers, the portal redirect served over real HTTP on 127.0.0.1, and the API version and
 * organization options. Each example also runs as a process, as a user runs it.
 */
import type { PolarClient } from "@effect-polar/client"
import { SDKError } from "@effect-polar/core/SDKError"
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpServer from "effect/http/HttpServer"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { execFile } from "node:child_process"
import * as http from "node:http"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { portalUrlFor } from "../api-version-and-organization.js"
import { ServerLive } from "../customer-portal-redirect.js"
import {
  onSDKError,
  PolarUnreachable,
  portalAnswer,
  portalAnswerStepByStep,
  portalUrlOrNone
} from "../error-handling.js"
import { Jane, makePortalTest, Portal, PortalTest } from "../testing-with-layers.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const JANE = PolarEmulator.demoMembers[0]!
const UNKNOWN = "00000000-0000-4000-8000-000000000000"
const PORTAL_URL = /^https:\/\/polar\.sh\/acme-inc\/portal\?customer_session_token=polar_mst_[A-Za-z0-9_-]{20,}&/

/** Runs an example file as a user would (tsx), answering its exit code and output. */
const run = (file: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const { POLAR_ACCESS_TOKEN: _, ...rest } = process.env
    execFile(
      process.execPath,
      ["--import", "tsx", "--conditions=@effect-polar/source", path.join(here, "..", file)],
      { cwd: path.join(here, ".."), env: rest, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })

describe("error-handling.ts", () => {
  const both = [portalAnswer, portalAnswerStepByStep] as const

  it.effect("catchTags: a valid member gets a Redirect to the portal", () =>
    Effect.gen(function*() {
      for (const answer of both) {
        const result = yield* answer(JANE.id).pipe(Effect.provide(PolarClientTest.layer()))
        assert.strictEqual(result._tag, "Redirect")
        if (result._tag === "Redirect") assert.match(result.url, PORTAL_URL)
      }
    }))

  it.effect("catchTags: an invalid id is an InvalidRequest that was not sent, read from detail", () =>
    Effect.gen(function*() {
      for (const answer of both) {
        const result = yield* answer("not-a-uuid").pipe(Effect.provide(PolarClientTest.layer()))
        assert.strictEqual(result._tag, "InvalidRequest")
        if (result._tag === "InvalidRequest") {
          assert.isFalse(result.sent)
          assert.strictEqual(result.problems.length, 1)
          assert.match(result.problems[0]!, /^body\.member_id: uuid_parsing \(Input should be a valid UUID/)
        }
      }
    }))

  it.effect("catchTags: an unknown member is an UnknownMember, from Polar's 422", () =>
    Effect.gen(function*() {
      for (const answer of both) {
        const result = yield* answer(UNKNOWN).pipe(Effect.provide(PolarClientTest.layer()))
        assert.strictEqual(result._tag, "UnknownMember")
        if (result._tag === "UnknownMember") {
          assert.strictEqual(result.memberId, UNKNOWN)
          assert.deepStrictEqual(result.problems, ["body.member_id: value_error (Member does not exist.)"])
        }
      }
    }))

  it.effect("catchTags: an unreachable Polar is TryLater with the SDKError's reason and message", () =>
    Effect.gen(function*() {
      for (const answer of both) {
        const result = yield* answer(JANE.id).pipe(Effect.provide(PolarUnreachable))
        assert.strictEqual(result._tag, "TryLater")
        if (result._tag === "TryLater") {
          assert.strictEqual(result.reason, "Transport")
          assert.isUndefined(result.statusCode)
          assert.include(result.message, "ECONNREFUSED")
        }
      }
    }))

  it("onSDKError: a 401 is Failed with a hint about the token", () => {
    const answer = onSDKError(
      new SDKError({
        reason: "StatusCode",
        statusCode: 401,
        message: "POST /v1/member-sessions/ answered 401 Unauthorized",
        method: "POST",
        url: "https://api.polar.sh/v1/member-sessions/"
      })
    )
    assert.deepStrictEqual(
      answer._tag === "Failed" ? [answer.statusCode, answer.hint] : [],
      [401, "check POLAR_ACCESS_TOKEN"]
    )
    const later = onSDKError(
      new SDKError({ reason: "StatusCode", statusCode: 503, message: "503", method: "POST", url: "http://x/" })
    )
    assert.strictEqual(later._tag, "TryLater")
  })

  it.effect("catchTag: HTTPValidationError becomes None, SDKError stays in the error channel", () =>
    Effect.gen(function*() {
      const some = yield* portalUrlOrNone(JANE.id).pipe(Effect.provide(PolarClientTest.layer()))
      assert.isTrue(Option.isSome(some) && PORTAL_URL.test(some.value))
      const unknown = yield* portalUrlOrNone(UNKNOWN).pipe(Effect.provide(PolarClientTest.layer()))
      assert.isTrue(Option.isNone(unknown))
      const invalid = yield* portalUrlOrNone("not-a-uuid").pipe(Effect.provide(PolarClientTest.layer()))
      assert.isTrue(Option.isNone(invalid))
      const error = yield* portalUrlOrNone(JANE.id).pipe(Effect.provide(PolarUnreachable), Effect.flip)
      assert.strictEqual(error._tag, "SDKError")
      assert.strictEqual(error.reason, "Transport")
      assert.isTrue(error.isRetryable)
    }))

  it("as a process: prints each case and exits 0", async () => {
    const { code, stderr, stdout } = await run("error-handling.ts")
    assert.strictEqual(code, 0, stderr)
    assert.include(stdout, "an invalid id (not-a-uuid): invalid request (not sent): body.member_id: uuid_parsing")
    assert.include(stdout, `an unknown member (${UNKNOWN}): unknown member`)
    assert.include(stdout, "Member does not exist.")
    assert.include(stdout, `a valid member (${JANE.id}): redirect to https://polar.sh/acme-inc/portal?`)
    assert.include(stdout, "Polar unreachable: try again later (Transport)")
    assert.notMatch(stdout, /polar_mst_/)
  })
})

describe("testing-with-layers.ts", () => {
  // `layer` from @effect/vitest builds PortalTest once for the tests of this block
  layer(PortalTest)("Portal on PolarClientTest", (it) => {
    it.effect("linkFor: a seeded member gets the portal URL", () =>
      Effect.gen(function*() {
        const portal = yield* Portal
        const url = yield* portal.linkFor(Jane.id)
        assert.match(url, PORTAL_URL)
        assert.include(url, `email=${encodeURIComponent(Jane.email)}`)
      }))

    it.effect("linkFor: an unknown member is the domain error MemberNotFound", () =>
      Effect.gen(function*() {
        const portal = yield* Portal
        const error = yield* Effect.flip(portal.linkFor(UNKNOWN))
        assert.strictEqual(error._tag, "PortalError")
        assert.strictEqual(error.reason, "MemberNotFound")
        assert.strictEqual(error.memberId, UNKNOWN)
        assert.isFalse(error.retryable)
        assert.include(error.detail, "Member does not exist.")
      }))

    it.effect("linkFor: an invalid id is MemberNotFound too, and nothing reaches the emulator", () =>
      Effect.gen(function*() {
        const portal = yield* Portal
        const emulator = yield* PolarClientTest.Emulator
        const before = emulator.sessions().length
        const error = yield* Effect.flip(portal.linkFor("not-a-uuid"))
        assert.strictEqual(error.reason, "MemberNotFound")
        assert.include(error.detail, "uuid_parsing")
        assert.strictEqual(emulator.sessions().length, before)
      }))
  })

  it.effect("the emulator only knows the members the test seeds", () =>
    Effect.gen(function*() {
      const portal = yield* Portal
      // Jane is one of the emulator's default members, but not seeded here
      const error = yield* Effect.flip(portal.linkFor(Jane.id))
      assert.strictEqual(error.reason, "MemberNotFound")
      const url = yield* portal.linkFor(PolarEmulator.demoMembers[1]!.id)
      assert.include(url, `email=${encodeURIComponent("sam+test@example.com")}`)
      const emulator = yield* PolarClientTest.Emulator
      assert.deepStrictEqual(emulator.sessions().map((s) => s.return_url), ["https://app.example/account"])
    }).pipe(Effect.provide(makePortalTest([PolarEmulator.demoMembers[1]!]))))

  it.effect("Portal on an unreachable Polar: PortalUnavailable, retryable", () =>
    Effect.gen(function*() {
      const portal = yield* Portal
      const error = yield* Effect.flip(portal.linkFor(Jane.id))
      assert.strictEqual(error.reason, "PortalUnavailable")
      assert.isTrue(error.retryable)
    }).pipe(Effect.provide(Portal.layer.pipe(Layer.provide(PolarUnreachable)))))

  it("as a process: prints the masked link and the domain error", async () => {
    const { code, stderr, stdout } = await run("testing-with-layers.ts")
    assert.strictEqual(code, 0, stderr)
    assert.include(stdout, `Portal link for ${Jane.email}: https://polar.sh/acme-inc/portal?customer_session_token=`)
    assert.include(stdout, "PortalError MemberNotFound")
    assert.notMatch(stdout, /polar_mst_[A-Za-z0-9]{20,}/)
  })
})

describe("customer-portal-redirect.ts", () => {
  const APP_URL = "https://app.example/"

  /**
   * A real HTTP server on 127.0.0.1, on a port the OS picks, and an HttpClient pointed at it. The
   * client is undici's, which does not follow redirects: the test sees the 303 itself and never
   * goes to polar.sh.
   */
  const TestServer = HttpServer.layerTestClient.pipe(
    Layer.provide(NodeHttpClient.layerUndici),
    Layer.provideMerge(NodeHttpServer.layer(() => http.createServer(), { port: 0, host: "127.0.0.1" }))
  )

  /** The app on `polar`, plus `polar`'s outputs (the same instance: layers are shared by reference). */
  const served = <E>(polar: Layer.Layer<PolarClient.PolarClient | PolarClientTest.Emulator, E>) =>
    Layer.merge(ServerLive(polar, APP_URL), polar).pipe(Layer.provideMerge(TestServer))

  const JANE_HEADERS = { "x-organization-id": "org_42", "x-user-id": "usr_1337" }

  it.effect("GET /portal for a signed-in user: 303 to the portal, return URL set to the app", () =>
    Effect.gen(function*() {
      const server = yield* HttpServer.HttpServer
      assert.match(HttpServer.formatAddress(server.address), /^http:\/\/127\.0\.0\.1:\d+$/)
      const response = yield* HttpClient.get("/portal", { headers: JANE_HEADERS })
      assert.strictEqual(response.status, 303)
      assert.match(response.headers.location ?? "", PORTAL_URL)
      assert.strictEqual(response.headers["cache-control"], "no-store")
      const emulator = yield* PolarClientTest.Emulator
      const sessions = emulator.sessions()
      assert.strictEqual(sessions.length, 1)
      assert.strictEqual(sessions[0]!.return_url, APP_URL)
      assert.strictEqual(
        response.headers.location,
        "customer_portal_url" in sessions[0]! ? sessions[0].customer_portal_url : undefined
      )
      // the call Polar documents today, by the application's own ids
      assert.deepStrictEqual(emulator.journal().map((e) => [e.method, e.path, e.body]), [
        ["POST", "/v1/customer-sessions/", {
          external_customer_id: "org_42",
          external_member_id: "usr_1337",
          return_url: APP_URL
        }]
      ])
    }).pipe(Effect.provide(served(PolarClientTest.layer()))))

  it.effect("GET /portal for an unknown organization or user: 404 JSON; not signed in: 401", () =>
    Effect.gen(function*() {
      const unknownUser = yield* HttpClient.get("/portal", { headers: { ...JANE_HEADERS, "x-user-id": "nobody" } })
      assert.strictEqual(unknownUser.status, 404)
      assert.deepStrictEqual(yield* unknownUser.json, { error: "not_a_polar_customer" })
      const unknownOrg = yield* HttpClient.get("/portal", {
        headers: { ...JANE_HEADERS, "x-organization-id": "org_0" }
      })
      assert.strictEqual(unknownOrg.status, 404)
      const anonymous = yield* HttpClient.get("/portal")
      assert.strictEqual(anonymous.status, 401)
      assert.deepStrictEqual(yield* anonymous.json, { error: "not_signed_in" })
      const emulator = yield* PolarClientTest.Emulator
      assert.strictEqual(emulator.sessions().length, 0)
    }).pipe(Effect.provide(served(PolarClientTest.layer()))))

  it.effect("GET /portal when Polar is unreachable: 502 JSON", () =>
    Effect.gen(function*() {
      const response = yield* HttpClient.get("/portal", { headers: JANE_HEADERS })
      assert.strictEqual(response.status, 502)
      assert.deepStrictEqual(yield* response.json, { error: "portal_unavailable", retryable: true })
    }).pipe(Effect.provide(served(PolarUnreachable))))

  it.effect("other routes: 404", () =>
    Effect.gen(function*() {
      const response = yield* HttpClient.get("/nope")
      assert.strictEqual(response.status, 404)
    }).pipe(Effect.provide(served(PolarClientTest.layer()))))
})

describe("api-version-and-organization.ts", () => {
  const PAT = "polar_pat_reaches_two_organizations"
  const ACME_ORGANIZATION = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
  /** A personal token reaching both demo organizations, each with a customer of external id org_42. */
  const polar = (client: Partial<PolarClient.Options>) =>
    PolarClientTest.layer({
      customers: [{
        id: "e8d4b5a6-7f80-4a91-b2c3-d4e5f6a7b8c9",
        organization: "solo-dev",
        type: "team",
        email: null,
        name: "Acme EU",
        externalId: "org_42"
      }],
      tokens: [{ token: PAT, organizations: ["acme-inc", "solo-dev"] }],
      client: { accessToken: Redacted.make(PAT), ...client }
    })

  it.effect("an external id two organizations share: a 409 whose message names organizationId", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(portalUrlFor("org_42", "usr_1337"))
      assert.strictEqual(error._tag, "SDKError")
      if (error._tag === "SDKError") {
        assert.strictEqual(error.statusCode, 409)
        assert.include(error.message, "organizationId")
      }
    }).pipe(Effect.provide(polar({}))))

  it.effect("organizationId picks one: sent as Polar-Organization, with Polar-Version 2026-10", () =>
    Effect.gen(function*() {
      const url = yield* portalUrlFor("org_42", "usr_1337")
      assert.match(url, PORTAL_URL)
      const emulator = yield* PolarClientTest.Emulator
      const [entry] = emulator.journal()
      assert.strictEqual(entry!.headers["polar-organization"], ACME_ORGANIZATION)
      assert.strictEqual(entry!.headers["polar-version"], "2026-10")
      assert.strictEqual(entry!.apiVersion, "2026-10")
    }).pipe(Effect.provide(polar({ organizationId: ACME_ORGANIZATION, apiVersion: "2026-10" }))))

  it.effect("an API version Polar does not serve: the 404's message says so", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(portalUrlFor("org_42", "usr_1337"))
      assert.include(error.message, "Polar-Version: 2031-01")
    }).pipe(Effect.provide(polar({ organizationId: ACME_ORGANIZATION, apiVersion: "2031-01" }))))
})
