/**
 * Handling the two errors of `MemberSessions.create` by tag (Effect 4 line).
 *
 * - `HTTPValidationError`: the request was refused as invalid, either before sending (an invalid
 *   `memberId` or `returnUrl`; `fromServer` is `false`) or by Polar (`fromServer` is `true`; for a
 *   member that does not exist, `type` is `value_error` on `body.member_id`, on today's Polar and
 *   on the legacy server alike). Match on `loc` and `type`, which are stable; show `msg` to humans,
 *   its wording may change.
 * - `SDKError`: every other failure. `reason` says which (`StatusCode`, `Transport`, `Timeout`,
 *   `Decode`), `statusCode` is set when Polar answered, `isRetryable` says whether trying again
 *   later may help, and `message` is safe to log (no access token, no session token).
 *
 * Runs against the built-in emulator (no account, no network):
 *
 *   cd effect4 && pnpm --filter @effect-polar/examples-effect4 exec \
 *     tsx --conditions=@effect-polar/source error-handling.ts
 */
import { MemberSessions } from "@effect-polar/client"
import type { PolarClient } from "@effect-polar/client"
import type { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import type { SDKError, SDKErrorReason } from "@effect-polar/core/SDKError"
import { PolarClientTest, PolarEmulator } from "@effect-polar/testing"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/** One line per validation problem: `body.member_id: uuid_parsing (Input should be a valid UUID, ...)`. */
export const describeDetail = (error: HTTPValidationError): Array<string> =>
  error.detail.map((d) => `${d.loc.join(".")}: ${d.type} (${d.msg})`)

/** Whether Polar said the member does not exist (`value_error` on `body.member_id`, from the server). */
export const isUnknownMember = (error: HTTPValidationError): boolean =>
  error.fromServer && error.detail.some((d) => d.type === "value_error" && d.loc.at(-1) === "member_id")

/**
 * What the application makes of one attempt to send a member to the portal.
 */
export type PortalAnswer = Data.TaggedEnum<{
  /** A session was created: redirect the member there. */
  Redirect: { readonly url: string }
  /** Polar has no such member (for this access token's organization). */
  UnknownMember: { readonly memberId: string; readonly problems: ReadonlyArray<string> }
  /** The input was refused, by the client before sending or by Polar. */
  InvalidRequest: { readonly sent: boolean; readonly problems: ReadonlyArray<string> }
  /** A failure that may go away: 429, 5XX, transport failure, timeout. */
  TryLater: { readonly reason: SDKErrorReason; readonly statusCode: number | undefined; readonly message: string }
  /** A failure that will not go away by itself: 401/403 (check the token and its scopes), 404, a bad response. */
  Failed: {
    readonly reason: SDKErrorReason
    readonly statusCode: number | undefined
    readonly message: string
    readonly hint: string
  }
}>

/** Constructors and matchers of `PortalAnswer`. */
export const PortalAnswer = Data.taggedEnum<PortalAnswer>()

/** The handler of `HTTPValidationError`: reads `statusCode` and `detail` (`loc`, `type`, `msg`). */
export const onValidationError = (memberId: string) => (error: HTTPValidationError): PortalAnswer =>
  isUnknownMember(error)
    ? PortalAnswer.UnknownMember({ memberId, problems: describeDetail(error) })
    : PortalAnswer.InvalidRequest({ sent: error.fromServer, problems: describeDetail(error) })

/** The handler of `SDKError`: reads `reason`, `statusCode` and `message`. */
export const onSDKError = (error: SDKError): PortalAnswer => {
  if (error.isRetryable) {
    return PortalAnswer.TryLater({ reason: error.reason, statusCode: error.statusCode, message: error.message })
  }
  const hint = error.statusCode === 401
    ? "check POLAR_ACCESS_TOKEN"
    : error.statusCode === 403
    ? "the access token lacks a scope: the message names it"
    : error.reason === "Decode"
    ? "Polar answered something this client cannot read; report it"
    : "see the message"
  return PortalAnswer.Failed({ reason: error.reason, statusCode: error.statusCode, message: error.message, hint })
}

/**
 * `Effect.catchTags`: both errors handled in one place. The error channel is `never` afterwards.
 */
export const portalAnswer = (memberId: string): Effect.Effect<PortalAnswer, never, PolarClient.PolarClient> =>
  MemberSessions.create({ memberId, returnUrl: "https://app.example/account" }).pipe(
    Effect.map((session) => PortalAnswer.Redirect({ url: Redacted.value(session.memberPortalUrl) })),
    Effect.catchTags({
      HTTPValidationError: (error) => Effect.succeed(onValidationError(memberId)(error)),
      SDKError: (error) => Effect.succeed(onSDKError(error))
    })
  )

/**
 * `Effect.catchTag`: one error handled, the other left in the type. Here a refused member is
 * "no portal link" (`Option.none()`), while an `SDKError` is still the caller's to handle.
 */
export const portalUrlOrNone = (
  memberId: string
): Effect.Effect<Option.Option<string>, SDKError, PolarClient.PolarClient> =>
  MemberSessions.create({ memberId }).pipe(
    Effect.map((session) => Option.some(Redacted.value(session.memberPortalUrl))),
    Effect.catchTag("HTTPValidationError", (error) =>
      Effect.as(
        Effect.logWarning(`No portal link for ${memberId}`).pipe(
          Effect.annotateLogs({ "polar.problems": describeDetail(error) })
        ),
        Option.none()
      ))
  )

/**
 * The same as `portalAnswer`, with two `Effect.catchTag`s: after the first, the error channel
 * holds only `SDKError`; after the second, nothing.
 */
export const portalAnswerStepByStep = (memberId: string): Effect.Effect<PortalAnswer, never, PolarClient.PolarClient> =>
  MemberSessions.create({ memberId, returnUrl: "https://app.example/account" }).pipe(
    Effect.map((session): PortalAnswer => PortalAnswer.Redirect({ url: Redacted.value(session.memberPortalUrl) })),
    Effect.catchTag("HTTPValidationError", (error) => Effect.succeed(onValidationError(memberId)(error))),
    Effect.catchTag("SDKError", (error) => Effect.succeed(onSDKError(error)))
  )

/**
 * A `PolarClient` whose every request fails before a response arrives (as when Polar cannot be
 * reached), with retries off: the way to see the `SDKError` branch without a network. In Effect 4
 * an `HttpClientError` carries its kind as `reason` (here a `TransportError`).
 */
export const PolarUnreachable = PolarClientTest.layer({
  client: {
    retry: false,
    transformClient: HttpClient.transform((_, request) =>
      Effect.fail(
        new HttpClientError.HttpClientError({
          reason: new HttpClientError.TransportError({ request, cause: new Error("connect ECONNREFUSED") })
        })
      )
    )
  }
})

/** One line for what happened, without the session token. */
export const describeAnswer = (answer: PortalAnswer): string =>
  PortalAnswer.$match(answer, {
    Redirect: ({ url }) => `redirect to ${url.replace(/((?:member|customer)_session_token=)polar_mst_[^&]*/, "$1…")}`,
    UnknownMember: ({ memberId, problems }) => `unknown member ${memberId}: ${problems.join("; ")}`,
    InvalidRequest: ({ problems, sent }) =>
      `invalid request (${sent ? "refused by Polar" : "not sent"}): ${problems.join("; ")}`,
    TryLater: ({ message, reason, statusCode }) =>
      `try again later (${reason}${statusCode === undefined ? "" : ` ${statusCode}`}): ${message}`,
    Failed: ({ hint, message, reason, statusCode }) =>
      `failed (${reason}${statusCode === undefined ? "" : ` ${statusCode}`}, ${hint}): ${message}`
  })

/** Creates a session for each case against the emulator and prints what the handlers made of it. */
export const main = Effect.gen(function*() {
  const cases: ReadonlyArray<[string, string]> = [
    ["an invalid id", "not-a-uuid"],
    ["an unknown member", "00000000-0000-4000-8000-000000000000"],
    ["a valid member", PolarEmulator.demoMembers[0]!.id]
  ]
  for (const [label, memberId] of cases) {
    const answer = yield* portalAnswer(memberId)
    yield* Console.log(`${label} (${memberId}): ${describeAnswer(answer)}`)
  }
  const unreachable = yield* portalAnswer(PolarEmulator.demoMembers[0]!.id).pipe(Effect.provide(PolarUnreachable))
  yield* Console.log(`Polar unreachable: ${describeAnswer(unreachable)}`)
})

if (import.meta.url === `file://${process.argv[1]}`) {
  main.pipe(Effect.provide(PolarClientTest.layer()), NodeRuntime.runMain)
}
