/**
 * A "Manage billing" link: `GET /portal` creates a member session for the signed-in member and
 * answers `303 See Other` to their customer portal.
 *
 * - signed in, known to Polar      → `303`, `Location: https://polar.sh/<org>/portal?member_session_token=...`
 * - not signed in                  → `401` JSON
 * - member unknown to Polar or id invalid → `404` JSON
 * - Polar unreachable or failing   → `502` JSON (the `SDKError` is logged, never shown)
 *
 * Everything is composed with layers: `ServerLive(polar, appUrl)` serves `router` with the
 * `PolarClient` layer it is given (`PolarLive` in production, `PolarClientTest.layer()` here and
 * in tests) and needs only an `HttpServer`. Run it against the emulator:
 *
 *   pnpm --filter @effect-polar/examples exec tsx --conditions=@effect-polar/source customer-portal-redirect.ts
 */
import { MemberSessions, PolarClient } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import { HttpRouter, HttpServer, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { NodeHttpClient, NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { Console, Context, Effect, Layer, Redacted, Schema } from "effect"
import * as http from "node:http"

/** No member is signed in. */
export class NotSignedIn extends Schema.TaggedError<NotSignedIn>()("NotSignedIn", {}) {}

/**
 * Who is signed in. This example trusts an `x-member-id` header (`CurrentMember.fromHeader`);
 * an application would read its own session cookie instead, and swap in its own layer.
 */
export class CurrentMember extends Context.Tag("CurrentMember")<CurrentMember, {
  /** The Polar member id of the member signed in on this request. */
  readonly memberId: Effect.Effect<string, NotSignedIn, HttpServerRequest.HttpServerRequest>
}>() {
  /** For the example only: anyone can send this header. */
  static readonly fromHeader: Layer.Layer<CurrentMember> = Layer.succeed(CurrentMember, {
    memberId: Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
      const id = request.headers["x-member-id"]?.trim() ?? ""
      return id === "" ? Effect.fail(new NotSignedIn()) : Effect.succeed(id)
    })
  })
}

/** The application's own public URL, where the portal's "back" link returns. */
export class AppUrl extends Context.Tag("AppUrl")<AppUrl, string>() {}

/** Whether every problem is about the member id (unknown to Polar, or not a valid id). */
const isAboutTheMember = (error: HTTPValidationError): boolean =>
  error.detail.length > 0 && error.detail.every((d) => d.loc.at(-1) === "member_id")

/** The `GET /portal` handler. */
export const portal = Effect.gen(function*() {
  const current = yield* CurrentMember
  const memberId = yield* current.memberId
  const returnUrl = yield* AppUrl
  const session = yield* MemberSessions.create({ memberId, returnUrl })
  return HttpServerResponse.redirect(Redacted.value(session.memberPortalUrl), {
    status: 303,
    // the URL carries a session token: keep it out of caches and of the portal's Referer
    headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" }
  })
}).pipe(
  Effect.catchTags({
    NotSignedIn: () => Effect.succeed(HttpServerResponse.unsafeJson({ error: "not_signed_in" }, { status: 401 })),
    HTTPValidationError: (error) =>
      isAboutTheMember(error)
        ? Effect.succeed(HttpServerResponse.unsafeJson({ error: "member_not_found" }, { status: 404 }))
        // anything else (an invalid return URL) is this application's bug
        : Effect.as(
          Effect.logError("Polar refused the portal request", error.message),
          HttpServerResponse.unsafeJson({ error: "internal_error" }, { status: 500 })
        ),
    SDKError: (error) =>
      Effect.as(
        Effect.logError("Polar call failed", error.message).pipe(
          Effect.annotateLogs({ "polar.reason": error.reason, "polar.status": error.statusCode ?? "none" })
        ),
        HttpServerResponse.unsafeJson({ error: "portal_unavailable", retryable: error.isRetryable }, { status: 502 })
      )
  })
)

/** The routes. Any other path answers `404`. */
export const router = HttpRouter.empty.pipe(HttpRouter.get("/portal", portal))

/**
 * The server: `router` with everything it needs but the `HttpServer` itself, which the caller
 * provides (`NodeHttpServer.layer` to listen on a port, a test server in tests).
 */
export const ServerLive = <E>(
  polar: Layer.Layer<PolarClient.PolarClient, E>,
  appUrl: string
): Layer.Layer<never, E, HttpServer.HttpServer> =>
  HttpServer.serve(router).pipe(
    Layer.provide(polar),
    Layer.provide(CurrentMember.fromHeader),
    Layer.provide(Layer.succeed(AppUrl, appUrl))
  )

/** Production: the client configured from `POLAR_ACCESS_TOKEN` / `POLAR_SERVER`, over undici. */
export const PolarLive = PolarClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))

if (import.meta.url === `file://${process.argv[1]}`) {
  const host = "127.0.0.1"
  const port = 3000
  const appUrl = `http://${host}:${port}/`
  const howToTry = Layer.effectDiscard(HttpServer.addressFormattedWith((address) =>
    Console.log(
      [
        `Listening on ${address} (Polar emulator, no network). Try:`,
        `  curl -i -H "x-member-id: ${PolarEmulator.demoMembers[0]!.id}" ${appUrl}portal   # 303 to the portal`,
        `  curl -i -H "x-member-id: 00000000-0000-4000-8000-000000000000" ${appUrl}portal   # 404`,
        `  curl -i ${appUrl}portal   # 401`
      ].join("\n")
    )
  ))
  Layer.mergeAll(ServerLive(PolarClientTest.layer(), appUrl), howToTry).pipe(
    Layer.provide(NodeHttpServer.layer(() => http.createServer(), { port, host })),
    Layer.launch,
    NodeRuntime.runMain
  )
}
