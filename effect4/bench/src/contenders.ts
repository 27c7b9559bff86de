/**
 * The Effect 4 line's contenders (issue 17), for the benchmark of `packages/bench`: its
 * `src/worker.ts` is bundled a second time with `./contenders.js` resolved to this file and
 * `@effect-polar/*` to `effect4/packages/*\/src` (see `packages/bench/src/build.ts`); `effect` and
 * `@effect/platform-node` load from `effect4/node_modules`. Each contender is loaded with a dynamic
 * import so that a worker process holds only its own contender's code; the request and the answer
 * are the Effect 3 line's rows' (`packages/bench/src/contender.ts`).
 */
import {
  ACCESS_TOKEN,
  CUSTOMER_ID,
  CUSTOMER_SESSIONS_ENDPOINT,
  MEMBER_ID,
  RETURN_URL
} from "../../../packages/bench/src/constants.js"
import { headers, todayPortal, todayRequestBody } from "../../../packages/bench/src/contender.js"
import type { Contender, MakeContender, RawCustomerSession } from "../../../packages/bench/src/contender.js"

/**
 * The floor: Effect 4's `HttpClient` over `NodeHttpClient.layerUndici` with no client code, the
 * tracer off (no span, no trace headers: `HttpClient.TracerDisabledWhen`, as Effect 3's
 * `Layer.setTracerEnabled(false)` did for the Effect 3 floor), `POST /v1/customer-sessions/` with
 * today's body, `response.text` + `JSON.parse`.
 */
const httpClientUndici = async (serverURL: string): Promise<Contender> => {
  const [HttpClient, HttpClientRequest, Effect, Layer, ManagedRuntime, References, NodeHttpClient] = await Promise
    .all([
      import("effect/http/HttpClient"),
      import("effect/http/HttpClientRequest"),
      import("effect/Effect"),
      import("effect/Layer"),
      import("effect/ManagedRuntime"),
      import("effect/References"),
      import("@effect/platform-node/NodeHttpClient")
    ])
  const tracerOff = Layer.mergeAll(
    Layer.succeed(References.TracerEnabled, false),
    Layer.succeed(HttpClient.TracerDisabledWhen, () => true)
  )
  const runtime = ManagedRuntime.make(Layer.merge(NodeHttpClient.layerUndici, tracerOff))
  const url = serverURL + CUSTOMER_SESSIONS_ENDPOINT
  const call = Effect.flatMap(HttpClient.HttpClient, (http) =>
    http.execute(
      HttpClientRequest.post(url).pipe(
        HttpClientRequest.setHeaders(headers),
        HttpClientRequest.bodyText(todayRequestBody(), "application/json")
      )
    ).pipe(
      Effect.flatMap((response) => response.text),
      Effect.map((text) => (JSON.parse(text) as RawCustomerSession).customer_portal_url)
    ))
  await runtime.context()
  return {
    call: () => runtime.runPromise(call),
    expected: todayPortal,
    close: () => runtime.dispose()
  }
}

/** What the raw undici 8 contender uses of undici (its types are not reachable from here). */
interface Undici {
  readonly Agent: new(options: {
    readonly connections: number
    readonly keepAliveTimeout: number
    readonly keepAliveMaxTimeout: number
  }) => { readonly close: () => Promise<void> }
  readonly request: (url: string, options: {
    readonly method: "POST"
    readonly headers: Record<string, string>
    readonly body: string
    readonly dispatcher: unknown
  }) => Promise<{ readonly statusCode: number; readonly body: { readonly text: () => Promise<string> } }>
}

/**
 * Raw `undici.request` of the undici that Effect 4's layerUndici uses (8.x, a dependency of
 * `@effect/platform-node`, not hoisted: loaded from platform-node's own directory), the same
 * request and `Agent` settings as the raw undici row (which uses this package's undici 7).
 */
const rawUndici8 = async (serverURL: string): Promise<Contender> => {
  const { createRequire } = await import("node:module")
  const { fileURLToPath } = await import("node:url")
  const require = createRequire(fileURLToPath(import.meta.resolve("@effect/platform-node/NodeHttpClient")))
  const { Agent, request }: Undici = require("undici")
  const dispatcher = new Agent({ connections: 128, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 })
  const url = serverURL + CUSTOMER_SESSIONS_ENDPOINT
  return {
    call: async () => {
      const response = await request(url, { method: "POST", headers, body: todayRequestBody(), dispatcher })
      const text = await response.body.text()
      if (response.statusCode !== 201) throw new Error(`status ${response.statusCode}`)
      return (JSON.parse(text) as RawCustomerSession).customer_portal_url
    },
    expected: todayPortal,
    close: () => dispatcher.close()
  }
}

/**
 * The Effect 4 client's `CustomerSessions.create`, built once in a `ManagedRuntime` over
 * `NodeHttpClient.layerUndici` (deep import) or `effect/http/FetchHttpClient`, with the client's
 * defaults: input validation, response decoding, its span, the 10 s timeout per attempt
 * (`Effect.timeoutOrElse`) and the retry policy. `bare`: retry off and the tracer off (no span, no
 * trace headers), for the decomposition.
 */
const customerSessions = async (
  serverURL: string,
  transport: "undici" | "fetch",
  bare = false
): Promise<Contender> => {
  const [{ CustomerSessions, PolarClient }, Layer, ManagedRuntime, Redacted, References, HttpClient, httpLayer] =
    await Promise.all([
      import("@effect-polar/client"),
      import("effect/Layer"),
      import("effect/ManagedRuntime"),
      import("effect/Redacted"),
      import("effect/References"),
      import("effect/http/HttpClient"),
      transport === "undici"
        ? import("@effect/platform-node/NodeHttpClient").then((module) => module.layerUndici)
        : import("effect/http/FetchHttpClient").then((module) => module.layer)
    ])
  const layer = PolarClient.layer({
    accessToken: Redacted.make(ACCESS_TOKEN),
    serverURL,
    ...(bare ? { retry: false as const } : {})
  }).pipe(Layer.provide(httpLayer))
  const tracerOff = Layer.mergeAll(
    Layer.succeed(References.TracerEnabled, false),
    Layer.succeed(HttpClient.TracerDisabledWhen, () => true)
  )
  const runtime = ManagedRuntime.make(bare ? Layer.merge(layer, tracerOff) : layer)
  await runtime.context()
  return {
    call: async () => {
      const session = await runtime.runPromise(
        CustomerSessions.create({ customerId: CUSTOMER_ID, memberId: MEMBER_ID, returnUrl: RETURN_URL })
      )
      return Redacted.value(session.customerPortalUrl)
    },
    expected: todayPortal,
    close: () => runtime.dispose()
  }
}

export const makeContender: MakeContender = (name, serverURL) => {
  switch (name) {
    case "effect4-httpclient-undici-today-untraced":
      return httpClientUndici(serverURL)
    case "effect4-customer-sessions-undici":
      return customerSessions(serverURL, "undici")
    case "effect4-customer-sessions-fetch":
      return customerSessions(serverURL, "fetch")
    case "effect4-undici8-today":
      return rawUndici8(serverURL)
    case "effect4-customer-sessions-undici-bare":
      return customerSessions(serverURL, "undici", true)
    default:
      return Promise.reject(new Error(`${name} is not a contender of the Effect 4 line's worker`))
  }
}
