/**
 * A "Manage billing" link (Effect 4 line): `GET /portal` creates a customer session for the
 * signed-in user's organization and user, with the call Polar documents today
 * (`POST /v1/customer-sessions/`), and answers `303 See Other` to the customer portal.
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
 * Everything is composed with layers. Effect 4's router is itself a layer: `routes` adds
 * `GET /portal` to the `HttpRouter`, and `ServerLive(polar, appUrl)` serves it
 * (`HttpRouter.serve`) with the `PolarClient` layer it is given (`PolarLive` in production,
 * `PolarClientTest.layer()` here and in tests), needing only an `HttpServer`. The services a route
 * needs are provided outside `serve`, so they are the same instances as a sibling layer's. Run it
 * against the emulator:
 *
 *   cd effect4 && pnpm --filter @effect-polar/examples-effect4 exec \
 *     tsx --conditions=@effect-polar/source customer-portal-redirect.ts
 */
import { CustomerSessions, PolarClient } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { PolarClientTest } from "@effect-polar/testing"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServer from "effect/http/HttpServer"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
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
export class CurrentUser extends Context.Service<CurrentUser, {
  readonly user: Effect.Effect<User, NotSignedIn, HttpServerRequest.HttpServerRequest>
}>()("CurrentUser") {
  /** For the example only: anyone can send these headers. */
  static readonly fromHeaders: Layer.Layer<CurrentUser> = Layer.succeed(CurrentUser, {
    user: Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const organizationId = request.headers["x-organization-id"]?.trim() ?? ""
      const userId = request.headers["x-user-id"]?.trim() ?? ""
      if (organizationId === "" || userId === "") return yield* new NotSignedIn()
      return { organizationId, userId }
    })
  })
}

/** The application's own public URL, where the portal's "back" link returns. */
export class AppUrl extends Context.Service<AppUrl, string>()("AppUrl") {}

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
    NotSignedIn: () => Effect.succeed(HttpServerResponse.jsonUnsafe({ error: "not_signed_in" }, { status: 401 })),
    HTTPValidationError: (error) =>
      isUnknownToPolar(error)
        ? Effect.succeed(HttpServerResponse.jsonUnsafe({ error: "not_a_polar_customer" }, { status: 404 }))
        // anything else (an invalid return URL) is this application's bug
        : Effect.as(
          Effect.logError("Polar refused the portal request", error.message),
          HttpServerResponse.jsonUnsafe({ error: "internal_error" }, { status: 500 })
        ),
    SDKError: (error) =>
      Effect.as(
        Effect.logError("Polar call failed", error.message).pipe(
          Effect.annotateLogs({ "polar.reason": error.reason, "polar.status": error.statusCode ?? "none" })
        ),
        HttpServerResponse.jsonUnsafe({ error: "portal_unavailable", retryable: error.isRetryable }, { status: 502 })
      )
  })
)

/** The routes, a layer adding them to the `HttpRouter`. Any other path answers `404`. */
export const routes = HttpRouter.add("GET", "/portal", portal)

/**
 * The server: `routes` with everything they need but the `HttpServer` itself, which the caller
 * provides (`NodeHttpServer.layer` to listen on a port, a test server in tests).
 */
export const ServerLive = <E>(
  polar: Layer.Layer<PolarClient.PolarClient, E>,
  appUrl: string
): Layer.Layer<never, E, HttpServer.HttpServer> =>
  HttpRouter.serve(routes, { disableListenLog: true, disableLogger: true }).pipe(
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
