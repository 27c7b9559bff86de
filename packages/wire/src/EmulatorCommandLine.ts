/**
 * The `polar-emulator` command of both lines' `@effect-polar/testing`: its options (for
 * `node:util`'s `parseArgs`, which the command calls: this package imports no Node built-in), the
 * server options they mean, and the lines it prints once listening.
 *
 *   polar-emulator --port 4010 [--host 127.0.0.1] [--legacy] [--token polar_pat_x ...]
 *                  [--rate-limit production|sandbox] [--seed 1]
 *
 * @since 0.2.0
 */
import * as Emulator from "./Emulator.js"

/**
 * The command's options, as `parseArgs({ options: parseOptions })` takes them.
 *
 * @since 0.2.0
 * @category Command line
 */
export const parseOptions = {
  port: { type: "string", default: "4010" },
  host: { type: "string", default: "127.0.0.1" },
  legacy: { type: "boolean", default: false },
  token: { type: "string", multiple: true },
  "rate-limit": { type: "string" },
  seed: { type: "string", default: "1" }
} as const

/**
 * The values `parseArgs` reads with `parseOptions`.
 *
 * @since 0.2.0
 * @category Command line
 */
export interface Values {
  readonly port: string
  readonly host: string
  readonly legacy: boolean
  readonly token?: ReadonlyArray<string> | undefined
  readonly "rate-limit"?: string | undefined
  readonly seed: string
}

/**
 * What the command serves: an emulator's options with the address to listen on.
 *
 * @since 0.2.0
 * @category Command line
 */
export interface ServerOptions extends Omit<Emulator.Options, "rateLimit"> {
  readonly generation: Emulator.GenerationName
  readonly port: number
  readonly host: string
  /** Polar's own rate limit, when `--rate-limit` names one. */
  readonly rateLimit?: "production" | "sandbox" | undefined
}

/**
 * The server options the values ask for: today's Polar unless `--legacy`; any bearer token unless
 * `--token` names the accepted ones, which then reach every demo organization.
 *
 * @since 0.2.0
 * @category Command line
 */
export const serverOptions = (values: Values): ServerOptions => {
  const generation: Emulator.GenerationName = values.legacy ? "legacy" : "current"
  const demo = generation === "legacy" ? Emulator.legacyDemoSeed : Emulator.demoSeed
  const organizations = (demo.organizations ?? []).map((organization) => organization.slug)
  const rateLimit = values["rate-limit"]
  return {
    generation,
    port: Number(values.port),
    host: values.host,
    seed: Number(values.seed),
    ...(values.token === undefined ? {} : { tokens: values.token.map((token) => ({ token, organizations })) }),
    ...(rateLimit === "production" || rateLimit === "sandbox" ? { rateLimit } : {})
  }
}

/**
 * What the command prints once listening at `url`: the base URL, the endpoint to call, the
 * versions served, the tokens accepted and one line per demo member
 * (`member <uuid> <email> customer <uuid>`).
 *
 * @since 0.2.0
 * @category Command line
 */
export const banner = (url: string, values: Values): ReadonlyArray<string> => {
  const { generation } = serverOptions(values)
  const demo = generation === "legacy" ? Emulator.legacyDemoSeed : Emulator.demoSeed
  const endpoint = generation === "legacy" ? "/v1/member-sessions/" : "/v1/customer-sessions/"
  return [
    `Polar emulator listening on ${url}`,
    `POST ${url}${endpoint}  (control: ${url}/_emulator/)`,
    generation === "legacy"
      ? "legacy server (January to March 2026): no Polar-Version"
      : `Polar today: Polar-Version ${Emulator.apiVersions.join(", ")} (default ${Emulator.defaultApiVersion})`,
    values.token === undefined ? "accepting any bearer token" : `accepting tokens: ${values.token.length}`,
    ...(demo.members ?? []).map((member) =>
      `member ${member.id} ${member.email} customer ${member.customerId ?? "(default)"}`
    )
  ]
}
