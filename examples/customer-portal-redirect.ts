/**
 * A "Manage billing" link: `GET /portal` creates a customer session for the signed-in user's
 * organization and user, with the call Polar documents today (`POST /v1/customer-sessions/`), and
 * answers `303 See Other` to the customer portal.
 *
 * The application knows its users by its own ids: it registered them with Polar as external ids
 * (`external_id` of the customer and of the member), so it needs to store no Polar id at all:
 * `CustomerSessions.create({ externalCustomerId, externalMemberId, returnUrl })`.
 *
 * - signed in, known to Polar      → `303`, `Location: https://polar.sh/<org>/portal?customer_session_token=...`
 * - not signed in                  → `401` JSON
 * - organization or user unknown to Polar → `404` JSON
 * - Polar unreachable or failing   → `502` JSON (the `SDKError` is logged, never shown)
 *
 * Everything is composed with layers: `ServerLive(polar, appUrl)` serves `router` with the
 * `PolarClient` layer it is given (`PolarLive` in production, `PolarClientTest.layer()` here and
 * in tests) and needs only an `HttpServer`. Run it against the emulator:
 *
 *   pnpm --filter @effect-polar/examples exec tsx --conditions=@effect-polar/source customer-portal-redirect.ts
 */
import { CustomerSessions, PolarClient } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { PolarClientTest } from "@effect-polar/testing"
import { HttpRouter, HttpServer, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { NodeHttpClient, NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { Console, Context, Effect, Layer, Redacted, Schema } from "effect"
import * as http from "node:http"

/** No user is signed in. */
export class NotSignedIn extends Schema.TaggedError<NotSignedIn>()("NotSignedIn", {}) {}

/** The signed-in user, by the application's own ids (Polar's external ids). */
export interface User {
  /** The user's organization (a team customer in Polar, `external_id` of the customer). */
  readonly organizationId: string
  /** The user (a member of that customer, `external_id` of the member). */
  readonly userId: string
}

/**
 * Who is signed in. This example trusts `x-organization-id` and `x-user-id` headers
 * (`CurrentUser.fromHeaders`); an application would read its own session cookie instead, and swap
 * in its own layer.
 */
export class CurrentUser extends Context.Tag("CurrentUser")<CurrentUser, {
  readonly user: Effect.Effect<User, NotSignedIn, HttpServerRequest.HttpServerRequest>
}>() {
  /** For the example only: anyone can send these headers. */
  static readonly fromHeaders: Layer.Layer<CurrentUser> = Layer.succeed(CurrentUser, {
    user: Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
      const organizationId = request.headers["x-organization-id"]?.trim() ?? ""
      const userId = request.headers["x-user-id"]?.trim() ?? ""
      return organizationId === "" || userId === ""
        ? Effect.fail(new NotSignedIn())
        : Effect.succeed({ organizationId, userId })
    })
  })
}

/** The application's own public URL, where the portal's "back" link returns. */
export class AppUrl extends Context.Tag("AppUrl")<AppUrl, string>() {}

/** Whether Polar does not know the organization or the user (`Customer/Member does not exist...`). */
const isUnknownToPolar = (error: HTTPValidationError): boolean =>
  error.fromServer && error.detail.some((d) => d.type === "value_error")

/** The `GET /portal` handler. */
export const portal = Effect.gen(function*() {
  const current = yield* CurrentUser
  const user = yield* current.user
  const returnUrl = yield* AppUrl
  const session = yield* CustomerSessions.create({
    externalCustomerId: user.organizationId,
    externalMemberId: user.userId,
    returnUrl
  })
  return HttpServerResponse.redirect(Redacted.value(session.customerPortalUrl), {
    status: 303,
    // the URL carries a session token: keep it out of caches and of the portal's Referer
    headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" }
  })
}).pipe(
  Effect.catchTags({
    NotSignedIn: () => Effect.succeed(HttpServerResponse.unsafeJson({ error: "not_signed_in" }, { status: 401 })),
    HTTPValidationError: (error) =>
      isUnknownToPolar(error)
        ? Effect.succeed(HttpServerResponse.unsafeJson({ error: "not_a_polar_customer" }, { status: 404 }))
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
    Layer.provide(CurrentUser.fromHeaders),
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
        `  curl -i -H "x-organization-id: org_42" -H "x-user-id: usr_1337" ${appUrl}portal   # 303 to the portal`,
        `  curl -i -H "x-organization-id: org_42" -H "x-user-id: nobody" ${appUrl}portal     # 404`,
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
