/**
 * The ways of making the call. Each is loaded with a dynamic import so that a worker process
 * holds only its own contender's code.
 */
import { ACCESS_TOKEN, CUSTOMER_ID, CUSTOMER_SESSIONS_ENDPOINT, ENDPOINT, MEMBER_ID, RETURN_URL } from "./constants.js"
import { headers, legacyPortal, requestBody, todayPortal, todayRequestBody } from "./contender.js"
import type { Contender, RawCustomerSession } from "./contender.js"
import type { AnyContenderName } from "./shared.js"

export type { Contender } from "./contender.js"

interface RawSession {
  readonly member_portal_url: string
}

/** Raw `undici.request`, on the legacy endpoint unless `today` (then the request of `CustomerSessions.create`). */
const rawUndici = async (serverURL: string, today = false): Promise<Contender> => {
  const { Agent, request } = await import("undici")
  const dispatcher = new Agent({ connections: 128, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 })
  const dispatcherClose = () => dispatcher.close()
  if (today) {
    const url = serverURL + CUSTOMER_SESSIONS_ENDPOINT
    return {
      call: async () => {
        const response = await request(url, { method: "POST", headers, body: todayRequestBody(), dispatcher })
        const text = await response.body.text()
        if (response.statusCode !== 201) throw new Error(`status ${response.statusCode}`)
        return (JSON.parse(text) as RawCustomerSession).customer_portal_url
      },
      expected: todayPortal,
      close: dispatcherClose
    }
  }
  const url = serverURL + ENDPOINT
  return {
    call: async () => {
      const response = await request(url, { method: "POST", headers, body: requestBody(), dispatcher })
      const text = await response.body.text()
      if (response.statusCode !== 201) throw new Error(`status ${response.statusCode}`)
      return (JSON.parse(text) as RawSession).member_portal_url
    },
    expected: legacyPortal,
    close: dispatcherClose
  }
}

const rawFetch = async (serverURL: string): Promise<Contender> => {
  const url = serverURL + ENDPOINT
  return {
    call: async () => {
      const response = await fetch(url, { method: "POST", headers, body: requestBody() })
      const json = await response.json() as RawSession
      if (response.status !== 201) throw new Error(`status ${response.status}`)
      return json.member_portal_url
    },
    expected: legacyPortal,
    close: async () => {}
  }
}

const sdk = async (serverURL: string): Promise<Contender> => {
  const { Polar } = await import("@polar-sh/sdk")
  const polar = new Polar({ accessToken: ACCESS_TOKEN, serverURL })
  return {
    call: async () => {
      const session = await polar.memberSessions.create({ memberId: MEMBER_ID, returnUrl: RETURN_URL })
      return session.memberPortalUrl
    },
    expected: legacyPortal,
    close: async () => {}
  }
}

/** The official SDK 1.0.1 with its defaults (a 5 s timeout per request, no retries, no validation). */
const sdk1 = async (serverURL: string): Promise<Contender> => {
  const { createPolar } = await import("@polar-sh/sdk-1/2026-10")
  const polar = createPolar({ accessToken: ACCESS_TOKEN, baseUrl: serverURL })
  return {
    call: async () => {
      const session = await polar.customerSessions.create({
        customer_id: CUSTOMER_ID,
        member_id: MEMBER_ID,
        return_url: RETURN_URL
      })
      return session.customer_portal_url
    },
    expected: todayPortal,
    close: async () => {}
  }
}

type Transport = "undici" | "fetch"
type Operation = "legacy" | "customer-sessions" | "member-sessions-today"

/**
 * This client, built once in a `ManagedRuntime`, with its defaults (retry policy, 10 s timeout per
 * attempt, its span) unless `bare` (retry off, tracer off). `legacy` is `MemberSessions.create` on
 * the bench server with the default route (`"auto"`: the first call finds the legacy endpoint), as
 * since issue 5; `member-sessions-today` forces today's route.
 */
const client = async (
  serverURL: string,
  transport: Transport,
  operation: Operation,
  bare = false
): Promise<Contender> => {
  const [{ CustomerSessions, MemberSessions, PolarClient }, Layer, ManagedRuntime, Redacted, httpLayer] = await Promise
    .all([
      import("@effect-polar/client"),
      import("effect/Layer"),
      import("effect/ManagedRuntime"),
      import("effect/Redacted"),
      transport === "undici"
        ? import("@effect/platform-node/NodeHttpClient").then((module) => module.layerUndici)
        : import("@effect/platform/FetchHttpClient").then((module) => module.layer)
    ])
  const layer = PolarClient.layer({
    accessToken: Redacted.make(ACCESS_TOKEN),
    serverURL,
    ...(bare ? { retry: false as const } : {}),
    ...(operation === "member-sessions-today" ? { memberSessionsRoute: "customer-sessions" as const } : {})
  }).pipe(Layer.provide(httpLayer))
  const runtime = ManagedRuntime.make(bare ? Layer.merge(layer, Layer.setTracerEnabled(false)) : layer)
  await runtime.runtime()
  const close = () => runtime.dispose()
  switch (operation) {
    case "legacy":
    case "member-sessions-today":
      return {
        call: async () => {
          const session = await runtime.runPromise(
            MemberSessions.create({ memberId: MEMBER_ID, returnUrl: RETURN_URL })
          )
          return Redacted.value(session.memberPortalUrl)
        },
        expected: operation === "legacy" ? legacyPortal : todayPortal,
        close
      }
    case "customer-sessions":
      return {
        call: async () => {
          const session = await runtime.runPromise(
            CustomerSessions.create({ customerId: CUSTOMER_ID, memberId: MEMBER_ID, returnUrl: RETURN_URL })
          )
          return Redacted.value(session.customerPortalUrl)
        },
        expected: todayPortal,
        close
      }
  }
}

/**
 * Effect's HttpClient over a platform layer with the same request and headers, the body
 * JSON.parse'd: no client. On the legacy endpoint unless `today`.
 */
const effectHttpClient = async (
  serverURL: string,
  transport: Transport,
  traced: boolean,
  today = false
): Promise<Contender> => {
  const [HttpClient, HttpClientRequest, Effect, Layer, ManagedRuntime, httpLayer] = await Promise.all([
    import("@effect/platform/HttpClient"),
    import("@effect/platform/HttpClientRequest"),
    import("effect/Effect"),
    import("effect/Layer"),
    import("effect/ManagedRuntime"),
    transport === "undici"
      ? import("@effect/platform-node/NodeHttpClient").then((module) => module.layerUndici)
      : import("@effect/platform/FetchHttpClient").then((module) => module.layer)
  ])
  const runtime = ManagedRuntime.make(traced ? httpLayer : Layer.merge(httpLayer, Layer.setTracerEnabled(false)))
  const url = serverURL + (today ? CUSTOMER_SESSIONS_ENDPOINT : ENDPOINT)
  const body = today ? todayRequestBody : requestBody
  const portal = today
    ? (text: string) => (JSON.parse(text) as RawCustomerSession).customer_portal_url
    : (text: string) => (JSON.parse(text) as RawSession).member_portal_url
  const call = Effect.flatMap(HttpClient.HttpClient, (http) =>
    http.execute(
      HttpClientRequest.post(url).pipe(
        HttpClientRequest.setHeaders(headers),
        HttpClientRequest.bodyText(body(), "application/json")
      )
    ).pipe(
      Effect.flatMap((response) => response.text),
      Effect.map(portal)
    ))
  await runtime.runtime()
  return {
    call: () => runtime.runPromise(call),
    expected: today ? todayPortal : legacyPortal,
    close: () => runtime.dispose()
  }
}

export const makeContender = (name: AnyContenderName, serverURL: string): Promise<Contender> => {
  switch (name) {
    case "undici":
      return rawUndici(serverURL)
    case "fetch":
      return rawFetch(serverURL)
    case "sdk":
      return sdk(serverURL)
    case "client-undici":
      return client(serverURL, "undici", "legacy")
    case "client-fetch":
      return client(serverURL, "fetch", "legacy")
    case "client-undici-bare":
      return client(serverURL, "undici", "legacy", true)
    case "effect-httpclient-undici":
      return effectHttpClient(serverURL, "undici", true)
    case "effect-httpclient-undici-untraced":
      return effectHttpClient(serverURL, "undici", false)
    case "sdk-1":
      return sdk1(serverURL)
    case "customer-sessions-undici":
      return client(serverURL, "undici", "customer-sessions")
    case "customer-sessions-fetch":
      return client(serverURL, "fetch", "customer-sessions")
    case "customer-sessions-undici-bare":
      return client(serverURL, "undici", "customer-sessions", true)
    case "customer-sessions-fetch-bare":
      return client(serverURL, "fetch", "customer-sessions", true)
    case "member-sessions-today-undici":
      return client(serverURL, "undici", "member-sessions-today")
    case "member-sessions-today-fetch":
      return client(serverURL, "fetch", "member-sessions-today")
    case "effect-httpclient-fetch-untraced":
      return effectHttpClient(serverURL, "fetch", false, true)
    case "effect-httpclient-undici-today-untraced":
    case "effect-httpclient-undici-today-untraced-node22":
      return effectHttpClient(serverURL, "undici", false, true)
    // the Node 22 rows: the same programs, the orchestrator starts them on Node 22
    case "undici-today-node22":
      return rawUndici(serverURL, true)
    case "customer-sessions-undici-node22":
      return client(serverURL, "undici", "customer-sessions")
    case "effect4-httpclient-undici-today-untraced":
    case "effect4-customer-sessions-undici":
    case "effect4-customer-sessions-fetch":
    case "effect4-undici8-today":
    case "effect4-customer-sessions-undici-bare":
      return Promise.reject(
        new Error(
          `${name} runs in the Effect 4 line's worker (effect4/bench, build/bench-cache there), not in this one`
        )
      )
  }
}
