/**
 * The five ways of making the call. Each is loaded with a dynamic import so that a worker process
 * holds only its own contender's code.
 */
import { ACCESS_TOKEN, ENDPOINT, MEMBER_ID, RETURN_URL } from "./constants.js"
import type { AnyContenderName } from "./shared.js"

export interface Contender {
  /** One create call; answers the member portal URL, read from the decoded response. */
  readonly call: () => Promise<string>
  readonly close: () => Promise<void>
}

const headers = {
  "authorization": `Bearer ${ACCESS_TOKEN}`,
  "content-type": "application/json",
  "accept": "application/json"
}

const requestBody = () => JSON.stringify({ member_id: MEMBER_ID, return_url: RETURN_URL })

interface RawSession {
  readonly member_portal_url: string
}

const rawUndici = async (serverURL: string): Promise<Contender> => {
  const { Agent, request } = await import("undici")
  const dispatcher = new Agent({ connections: 128, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 })
  const url = serverURL + ENDPOINT
  return {
    call: async () => {
      const response = await request(url, { method: "POST", headers, body: requestBody(), dispatcher })
      const text = await response.body.text()
      if (response.statusCode !== 201) throw new Error(`status ${response.statusCode}`)
      return (JSON.parse(text) as RawSession).member_portal_url
    },
    close: () => dispatcher.close()
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
    close: async () => {}
  }
}

const client = async (serverURL: string, transport: "undici" | "fetch", bare = false): Promise<Contender> => {
  const [{ MemberSessions, PolarClient }, Layer, ManagedRuntime, Redacted, httpLayer] = await Promise.all([
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
    ...(bare ? { retry: false as const } : {})
  }).pipe(Layer.provide(httpLayer))
  const runtime = ManagedRuntime.make(bare ? Layer.merge(layer, Layer.setTracerEnabled(false)) : layer)
  await runtime.runtime()
  return {
    call: async () => {
      const session = await runtime.runPromise(MemberSessions.create({ memberId: MEMBER_ID, returnUrl: RETURN_URL }))
      return Redacted.value(session.memberPortalUrl)
    },
    close: () => runtime.dispose()
  }
}

/** Effect's HttpClient over layerUndici with the same request and headers, the body JSON.parse'd: no client. */
const effectHttpClient = async (serverURL: string, traced: boolean): Promise<Contender> => {
  const [HttpClient, HttpClientRequest, NodeHttpClient, Effect, Layer, ManagedRuntime] = await Promise.all([
    import("@effect/platform/HttpClient"),
    import("@effect/platform/HttpClientRequest"),
    import("@effect/platform-node/NodeHttpClient"),
    import("effect/Effect"),
    import("effect/Layer"),
    import("effect/ManagedRuntime")
  ])
  const runtime = ManagedRuntime.make(
    traced ? NodeHttpClient.layerUndici : Layer.merge(NodeHttpClient.layerUndici, Layer.setTracerEnabled(false))
  )
  const url = serverURL + ENDPOINT
  const call = Effect.flatMap(HttpClient.HttpClient, (http) =>
    http.execute(
      HttpClientRequest.post(url).pipe(
        HttpClientRequest.setHeaders(headers),
        HttpClientRequest.bodyText(requestBody(), "application/json")
      )
    ).pipe(
      Effect.flatMap((response) => response.text),
      Effect.map((text) => (JSON.parse(text) as RawSession).member_portal_url)
    ))
  await runtime.runtime()
  return {
    call: () => runtime.runPromise(call),
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
      return client(serverURL, "undici")
    case "client-fetch":
      return client(serverURL, "fetch")
    case "client-undici-bare":
      return client(serverURL, "undici", true)
    case "effect-httpclient-undici":
      return effectHttpClient(serverURL, true)
    case "effect-httpclient-undici-untraced":
      return effectHttpClient(serverURL, false)
  }
}
