/**
 * The layer's options resolved once, when the layer is built: the base URL and its checks, the
 * defaults filled in, the route of member sessions chosen.
 *
 * @internal
 */
import * as Messages from "@effect-polar/wire/Messages"
import * as Duration from "effect/Duration"
import * as Result from "effect/Result"
import type { MemberSessionsRoute, Options } from "../PolarClient.js"
import * as RetryPolicy from "../RetryPolicy.js"
import { VERSION } from "./version.js"

/** @internal */
export const servers = {
  production: "https://api.polar.sh",
  sandbox: "https://sandbox-api.polar.sh"
} as const

/** @internal */
export const defaultApiVersion = "2026-10"

/** @internal */
export const defaultTimeout: Duration.Duration = Duration.seconds(10)

/** @internal */
export const defaultMaxResponseBytes = 5 * 1024 * 1024

/** @internal */
export const userAgent = `effect-polar/${VERSION} (@effect-polar/client)`

/**
 * Everything a call needs from the options, computed once.
 *
 * @internal
 */
export interface Resolved {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string
  readonly base: URL
  /** The base URL's path (a proxy's prefix), without a trailing slash. */
  readonly basePath: string
  /** Plain http to a host other than this machine, not allowed: every call fails before sending. */
  readonly insecure: boolean
  readonly timeout: Duration.Duration
  readonly retry: false | RetryPolicy.RetrySchedule
  readonly maxResponseBytes: number
  readonly userAgent: string
  readonly apiVersion: string
  readonly organizationId: string | undefined
  /** How `MemberSessions.create` reaches this server when the layer is built; `"auto"` finds out. */
  readonly memberSessionsRoute: MemberSessionsRoute
  readonly httpClientSpans: boolean
}

/** Whether a URL's host is this machine (plain http to it never crosses a network). */
const isLoopback = (url: URL): boolean =>
  url.hostname === "localhost" || url.hostname.endsWith(".localhost") || url.hostname === "[::1]" ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname)

/** Polar's own API servers, which serve today's API (no `/v1/member-sessions/` since 2026-03-03). */
const isPolarServer = (url: URL): boolean =>
  url.protocol === "https:" && (url.host === "api.polar.sh" || url.host === "sandbox-api.polar.sh")

const parseUrl = (text: string): URL | undefined => {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/**
 * Resolves the options, or says why they are a programming error (a `serverURL` that is not an
 * absolute `http(s)` URL).
 *
 * @internal
 */
export const resolve = (options: Options): Result.Result<Resolved, string> => {
  const baseUrl = (options.serverURL ?? servers[options.server ?? "production"]).replace(/\/+$/, "")
  const base = parseUrl(baseUrl)
  if (base === undefined || (base.protocol !== "http:" && base.protocol !== "https:")) {
    return Result.fail(Messages.invalidServerUrl(baseUrl))
  }
  const route = options.memberSessionsRoute ?? "auto"
  return Result.succeed({
    baseUrl,
    base,
    basePath: base.pathname.replace(/\/+$/, ""),
    insecure: base.protocol === "http:" && !isLoopback(base) && options.allowInsecureHttp !== true,
    timeout: Duration.fromInputUnsafe(options.timeout ?? defaultTimeout),
    retry: options.retry ?? RetryPolicy.defaultSchedule,
    maxResponseBytes: options.maxResponseBytes ?? defaultMaxResponseBytes,
    userAgent: options.userAgent === undefined ? userAgent : `${options.userAgent} ${userAgent}`,
    apiVersion: options.apiVersion ?? defaultApiVersion,
    organizationId: options.organizationId,
    memberSessionsRoute: route === "auto" && isPolarServer(base) ? "customer-sessions" : route,
    httpClientSpans: options.httpClientSpans === true
  })
}
