// The program `scripts/runtimes/run.sh` runs on every runtime (Node, Bun, Deno, and workerd through
// worker.mjs): plain ES2022 JavaScript importing only the published packages, so that each runtime
// runs exactly what a user installs from the packed tarballs, without a TypeScript step.
//
// Against the emulator at `url`, over the `HttpClient` layer it is given:
//   1. creates a member session for the first demo member (MemberSessions.create: on today's Polar
//      the client finds the route by itself, then looks the member up and creates the session
//      through POST /v1/customer-sessions/) and a customer session for the demo's individual
//      customer of an organization without the member model (CustomerSessions.create);
//   2. creates one for "not-a-uuid" and catches the HTTPValidationError with Effect.catchTag (the
//      client refuses it before sending);
//   3. creates one for a well-formed but unknown member and catches the HTTPValidationError that
//      comes back over HTTP (so the error decoding runs on this runtime too);
//   4. checks that printing the session (String, JSON.stringify, and every inspector the caller
//      passes: util.inspect, Bun.inspect, Deno.inspect) shows neither the session token nor the
//      portal URL (which carries the token), and that printing the errors shows no access token.
//
// It answers a report; `secrets` holds the raw values that must not be printed, for the caller to
// search the runtime's whole output for them (the console.log check), never to print them.
import { CustomerSessions, MemberSessions, PolarClient } from "@effect-polar/client"
import { HTTPValidationError } from "@effect-polar/core/HTTPValidationError"
import { Effect, Layer, Redacted } from "effect"

export const knownMember = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
export const unknownMember = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"
/** The demo's individual customer, in an organization without the member model. */
export const individualCustomer = "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"

/** Whether this runtime lets code be generated from strings (workerd must not). */
export const codeFromStrings = () => {
  try {
    return new Function("return 1")() === 1 ? "allowed" : "allowed (unexpected result)"
  } catch (error) {
    return `blocked (${error?.name}: ${error?.message})`
  }
}

/**
 * @param {{
 *   url: string,
 *   httpClient: import("effect").Layer.Layer<import("@effect/platform").HttpClient.HttpClient>,
 *   inspectors?: Record<string, (value: unknown) => string>,
 *   log?: (value: unknown) => void
 * }} options
 */
export const run = async ({ url, httpClient, inspectors = {}, log = console.log }) => {
  const accessToken = `polar_oat_runtimes_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
  const PolarLive = PolarClient.layer({ accessToken: Redacted.make(accessToken), serverURL: url, retry: false }).pipe(
    Layer.provide(httpClient)
  )
  const caught = (request) =>
    MemberSessions.create(request).pipe(
      Effect.as(/** @type {const} */ ("succeeded")),
      Effect.catchTag("HTTPValidationError", (error) => Effect.succeed(error))
    )

  const program = Effect.gen(function*() {
    const session = yield* MemberSessions.create({ memberId: knownMember })
    const invalid = yield* caught({ memberId: "not-a-uuid" })
    const unknown = yield* caught({ memberId: unknownMember })
    const customerSession = yield* CustomerSessions.create({ customerId: individualCustomer })
    return { session, invalid, unknown, customerSession }
  }).pipe(Effect.provide(PolarLive))

  const { customerSession, invalid, session, unknown } = await Effect.runPromise(program)

  const failures = []
  const expect = (condition, what) => {
    if (!condition) failures.push(what)
  }
  const isRedacted = Redacted.isRedacted(session.token) && Redacted.isRedacted(session.memberPortalUrl)
  expect(isRedacted, "session.token and session.memberPortalUrl are Redacted")
  const token = isRedacted ? Redacted.value(session.token) : String(session.token)
  const portalUrl = isRedacted ? Redacted.value(session.memberPortalUrl) : String(session.memberPortalUrl)
  expect(session.memberId === knownMember, `session.memberId is ${knownMember} (got ${session.memberId})`)
  expect(typeof token === "string" && token.length >= 16, "the session has a token")
  expect(portalUrl.includes(token), "the portal URL carries the token (so it must be masked too)")
  const customerRedacted = Redacted.isRedacted(customerSession.token) &&
    Redacted.isRedacted(customerSession.customerPortalUrl)
  expect(customerRedacted, "customerSession.token and customerSession.customerPortalUrl are Redacted")
  const customerToken = customerRedacted ? Redacted.value(customerSession.token) : String(customerSession.token)
  const customerPortalUrl = customerRedacted
    ? Redacted.value(customerSession.customerPortalUrl)
    : String(customerSession.customerPortalUrl)
  expect(
    customerSession.customerId === individualCustomer && customerToken.startsWith("polar_cst_"),
    `a customer session (polar_cst_) for ${individualCustomer}`
  )

  expect(invalid instanceof HTTPValidationError, `"not-a-uuid" fails with HTTPValidationError (got ${invalid})`)
  if (invalid instanceof HTTPValidationError) {
    expect(
      invalid.statusCode === undefined,
      `"not-a-uuid" is refused before sending (statusCode ${invalid.statusCode})`
    )
    expect(
      invalid.detail[0]?.type === "uuid_parsing",
      `"not-a-uuid": detail[0].type is uuid_parsing (got ${invalid.detail[0]?.type})`
    )
  }
  expect(unknown instanceof HTTPValidationError, `an unknown member fails with HTTPValidationError (got ${unknown})`)
  if (unknown instanceof HTTPValidationError) {
    expect(
      unknown.detail[0]?.msg === "Member does not exist.",
      `an unknown member: "Member does not exist." (got ${unknown.detail[0]?.msg})`
    )
  }

  // what printing shows
  const forms = {
    "String(session)": () => `${String(session)}\n${String(customerSession)}`,
    "JSON.stringify(session)": () => `${JSON.stringify(session)}\n${JSON.stringify(customerSession)}`,
    "String(error)": () => `${String(invalid)}\n${String(unknown)}`,
    "JSON.stringify(error)": () => `${JSON.stringify(invalid)}\n${JSON.stringify(unknown)}`
  }
  for (const [name, inspect] of Object.entries(inspectors)) {
    forms[`${name}(session)`] = () => `${inspect(session)}\n${inspect(customerSession)}`
    forms[`${name}(error)`] = () => `${inspect(invalid)}\n${inspect(unknown)}`
  }
  const printed = []
  for (const [name, print] of Object.entries(forms)) {
    let text
    try {
      text = print()
    } catch (error) {
      failures.push(`${name} throws: ${error}`)
      continue
    }
    printed.push(name)
    if (text.includes(token)) failures.push(`${name} shows the session token`)
    if (text.includes(portalUrl)) failures.push(`${name} shows the portal URL`)
    if (text.includes(customerToken)) failures.push(`${name} shows the customer session token`)
    if (text.includes(customerPortalUrl)) failures.push(`${name} shows the customer portal URL`)
    if (text.includes(accessToken)) failures.push(`${name} shows the access token`)
    if (name.endsWith("(session)")) expect(text.includes("redacted"), `${name} says the token is redacted`)
  }
  // the runtime's own console, searched for the secrets by the caller
  log(session)
  log(customerSession)
  log(invalid)
  log(unknown)

  return {
    ok: failures.length === 0,
    failures,
    sessionId: session.id,
    customerSessionId: customerSession.id,
    invalid: invalid instanceof HTTPValidationError ? invalid.message : String(invalid),
    unknown: unknown instanceof HTTPValidationError ? `${unknown.statusCode} ${unknown.error}` : String(unknown),
    printed,
    codeFromStrings: codeFromStrings(),
    secrets: [token, portalUrl, customerToken, customerPortalUrl, accessToken]
  }
}
