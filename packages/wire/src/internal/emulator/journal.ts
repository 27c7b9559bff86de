/**
 * The journal of the requests an emulator received: bounded, the bearer token redacted, the body
 * decoded when it is JSON, completed with what was answered.
 *
 * @internal
 */
import type { JournalEntry, Outcome, Request } from "../../Emulator.js"

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

/** `Bearer polar_oat_<redacted>`: the scheme and the token's prefix are kept, the secret is not. */
export const redactAuthorization = (value: string): string => {
  const match = /^(Bearer\s+)(.*)$/i.exec(value)
  if (match === null) return "<redacted>"
  const prefix = /^polar_(?:at_[uo]|[a-z]+)_/.exec(match[2] ?? "")?.[0] ?? ""
  return `${match[1]}${prefix}<redacted>`
}

/** What the journal learns of a request on arrival. */
export interface Arrival {
  readonly request: Request
  readonly at: number
  readonly apiVersion: string | null
  readonly organization: string | null
}

/** A bounded journal. */
export interface Journal {
  /** Journals a request on arrival; the function returned fills in what was answered. */
  readonly record: (arrival: Arrival) => (outcome: Outcome) => void
  readonly entries: () => ReadonlyArray<JournalEntry>
  readonly clear: () => void
}

/** Makes a journal keeping the latest `size` requests. */
export const make = (size: number): Journal => {
  let entries: Array<Mutable<JournalEntry>> = []
  return {
    record: ({ apiVersion, at, organization, request }) => {
      if (size === 0) return () => {}
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined) continue
        const lower = name.toLowerCase()
        headers[lower] = lower === "authorization" ? redactAuthorization(value) : value
      }
      let body: unknown = request.body
      try {
        body = request.body === "" ? undefined : JSON.parse(request.body)
      } catch {
        // not JSON: the raw text is kept
      }
      const entry: Mutable<JournalEntry> = {
        method: request.method,
        path: request.path,
        headers,
        body,
        apiVersion,
        organization,
        outcome: "pending",
        at
      }
      entries.push(entry)
      if (entries.length > size) entries = entries.slice(entries.length - size)
      return (outcome) => {
        entry.outcome = outcome._tag === "Reset" ? "reset" : outcome.status
      }
    },
    entries: () => entries.map((entry) => ({ ...entry })),
    clear: () => {
      entries = []
    }
  }
}
