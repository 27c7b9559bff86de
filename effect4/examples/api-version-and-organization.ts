/**
 * Choosing the API version and the organization (Effect 4 line).
 *
 * Polar versions its API by the `Polar-Version` header: this client sends `2026-10` (the official
 * SDK's current version) unless told otherwise, and Polar answers `404` for every path when it does
 * not serve the version asked for (the error's message says so). A personal access token
 * (`polar_pat_…`) or an OAuth token may reach several organizations: `organizationId`, sent as
 * `Polar-Organization`, restricts its calls to one, so that an external customer id several of
 * them share is not ambiguous (Polar's `409 AmbiguousExternalCustomerID`). An organization access
 * token (`polar_oat_…`) belongs to one organization and needs neither.
 *
 * From the environment: `POLAR_API_VERSION` and `POLAR_ORGANIZATION_ID` are read by
 * `PolarClient.layerConfig()` next to `POLAR_ACCESS_TOKEN`.
 *
 *   cd effect4 && POLAR_ACCESS_TOKEN=polar_pat_... POLAR_ORGANIZATION_ID=<uuid> POLAR_API_VERSION=2026-10 \
 *     pnpm --filter @effect-polar/examples-effect4 exec \
 *       tsx --conditions=@effect-polar/source api-version-and-organization.ts
 */
import { CustomerSessions, PolarClient } from "@effect-polar/client"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/** The options written out: a personal token restricted to one organization, the version pinned. */
export const PolarForOneOrganization = (accessToken: Redacted.Redacted<string>, organizationId: string) =>
  PolarClient.layer({ accessToken, apiVersion: "2026-10", organizationId }).pipe(
    Layer.provide(NodeHttpClient.layerUndici)
  )

/** The same from the environment (`POLAR_ACCESS_TOKEN`, `POLAR_ORGANIZATION_ID`, `POLAR_API_VERSION`). */
export const PolarFromEnvironment = PolarClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))

/**
 * A session for a customer known by the application's own id; a 409 means the id is shared by
 * customers of several organizations the token reaches, and the message says how to choose one.
 */
export const portalUrlFor = (externalCustomerId: string, externalMemberId: string) =>
  CustomerSessions.create({ externalCustomerId, externalMemberId }).pipe(
    Effect.map((session) => Redacted.value(session.customerPortalUrl)),
    Effect.tapErrorTag("SDKError", (error) =>
      error.statusCode === 409
        ? Console.error(`Ambiguous customer: set POLAR_ORGANIZATION_ID. ${error.message}`)
        : Console.error(error.message))
  )

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.gen(function*() {
    const customer = yield* Config.String("POLAR_EXTERNAL_CUSTOMER_ID")
    const member = yield* Config.String("POLAR_EXTERNAL_MEMBER_ID")
    const url = yield* portalUrlFor(customer, member)
    yield* Console.log(`Portal: ${url.replace(/(session_token=polar_[mc]st_)[^&]*/, "$1…")}`)
  }).pipe(Effect.provide(PolarFromEnvironment), NodeRuntime.runMain)
}
