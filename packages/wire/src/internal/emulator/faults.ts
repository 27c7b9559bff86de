/**
 * Scripted faults: each request takes the next fault of the queue on arrival, and the fault
 * replaces or alters the server's own answer.
 *
 * @internal
 */
import type { Fault, Outcome } from "../../Emulator.js"
import type { Answer } from "./http.js"

const toOutcome = (answer: Answer): Outcome => ({ _tag: "Response", ...answer })

/**
 * The outcome of a request under `fault`. `behave` runs the server's own behaviour; it is not run
 * when the fault answers a status of its own or drops the connection first (the request never
 * reaches the application).
 */
export const apply = (fault: Fault, behave: () => Answer): Outcome => {
  if (fault.reset === "before-response") return { _tag: "Reset" }
  const base: Answer = fault.status === undefined ? behave() : {
    status: fault.status,
    headers: fault.body === undefined ? { ...fault.headers } : { "content-type": "application/json", ...fault.headers },
    body: fault.body ?? ""
  }
  if (fault.reset === "mid-body" || fault.stall === true) {
    return {
      _tag: "Partial",
      status: base.status,
      headers: base.headers,
      body: base.body,
      sent: Math.floor(base.body.length / 2),
      then: fault.reset === "mid-body" ? "reset" : "stall"
    }
  }
  if (fault.truncate === true) return toOutcome({ ...base, body: base.body.slice(0, Math.floor(base.body.length / 2)) })
  if (fault.notJson === true) return toOutcome({ ...base, body: `<html><body>${base.status}</body></html>` })
  return toOutcome(base)
}

/** The outcome of a request without a fault. */
export const none = (behave: () => Answer): Outcome => toOutcome(behave())

/** A queue of faults, taken one per request. */
export interface Script {
  readonly push: (faults: ReadonlyArray<Fault>) => void
  readonly next: () => Fault | undefined
  readonly clear: () => void
}

/** Makes an empty queue. */
export const make = (): Script => {
  let queue: Array<Fault> = []
  return {
    push: (faults) => {
      queue.push(...faults)
    },
    next: () => queue.shift(),
    clear: () => {
      queue = []
    }
  }
}
