/**
 * The emulator's model without any Effect: time is what the caller passes, delays are the caller's
 * to wait, and the control endpoints answer from plain decoders. (The contract rows, run by both
 * lines' `@effect-polar/testing` against this model, cover Polar's behaviour itself.)
 */
import { Emulator } from "@effect-polar/wire"
import { assert, describe, it } from "vitest"

const JANE = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
const ACME = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
const SOLO = "d6b2f3e4-5c6d-4e7f-9081-92a3b4c5d6e7"
const NEW_CUSTOMER = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"

const post = (body: unknown, token = "polar_oat_anything"): Emulator.Request => ({
  method: "POST",
  path: "/v1/customer-sessions/",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify(body)
})

/** Receives and answers at once, at `now`. */
const send = (emulator: Emulator.Emulator, request: Emulator.Request, now: number): Emulator.Outcome => {
  const arrival = emulator.receive(request, now)
  assert.isUndefined(arrival.delay)
  return arrival.respond(now)
}

const jsonOf = (outcome: Emulator.Outcome): Record<string, unknown> => {
  if (outcome._tag !== "Response") return assert.fail(`not a response: ${outcome._tag}`)
  return JSON.parse(outcome.body)
}

describe("Emulator", () => {
  it("times are the caller's; ids and tokens come from the seed; reset starts over", () => {
    const run = (seed: number) => {
      const emulator = Emulator.make({ seed })
      send(emulator, post({ customer_id: ACME, member_id: JANE }), Date.parse("2026-11-21T10:00:00Z"))
      send(emulator, post({ customer_id: SOLO }), Date.parse("2026-11-21T10:00:01.5Z"))
      return emulator
    }
    const first = run(7)
    const [member, customer] = first.sessions()
    assert.strictEqual(member?.created_at, "2026-11-21T10:00:00Z")
    assert.strictEqual(member?.expires_at, "2026-11-21T11:00:00Z")
    assert.strictEqual(customer?.created_at, "2026-11-21T10:00:01.500000Z")
    assert.match(member?.token ?? "", /^polar_mst_/)
    assert.match(customer?.token ?? "", /^polar_cst_/)
    assert.deepStrictEqual(first.journal().map((entry) => [entry.at, entry.outcome, entry.apiVersion]), [
      [Date.parse("2026-11-21T10:00:00Z"), 201, "2026-04"],
      [Date.parse("2026-11-21T10:00:01.5Z"), 201, "2026-04"]
    ])
    assert.deepStrictEqual(run(7).sessions().map((s) => s.token), first.sessions().map((s) => s.token))
    assert.notStrictEqual(run(8).sessions()[0]?.token, member?.token)

    first.reset()
    assert.deepStrictEqual([first.sessions(), first.journal()], [[], []])
    send(first, post({ customer_id: ACME, member_id: JANE }), 0)
    assert.strictEqual(first.sessions()[0]?.token, member?.token)
  })

  it("a delayed fault: the caller waits; the answer is from the state at the answer time; pending till then", () => {
    const emulator = Emulator.make()
    emulator.script({ delay: 2_000 }, { status: 503, body: "{}" })
    const arrival = emulator.receive(post({ customer_id: SOLO }), 1_000)
    assert.strictEqual(arrival.delay, 2_000)
    // the next request takes the next fault, even while the first one waits
    const unavailable = send(emulator, post({ customer_id: SOLO }), 1_500)
    assert.deepStrictEqual(unavailable, {
      _tag: "Response",
      status: 503,
      headers: { "content-type": "application/json" },
      body: "{}"
    })
    assert.deepStrictEqual(emulator.journal().map((entry) => entry.outcome), ["pending", 503])
    const created = jsonOf(arrival.respond(3_000))
    assert.strictEqual(created["created_at"], "1970-01-01T00:00:03Z")
    assert.deepStrictEqual(emulator.journal().map((entry) => [entry.at, entry.outcome]), [[1_000, 201], [1_500, 503]])
  })

  it("a session token is a portal subject until it expires, by the time the caller gives", () => {
    const emulator = Emulator.make({ tokens: [{ token: "polar_oat_acme" }] })
    const token = String(
      jsonOf(send(emulator, post({ customer_id: ACME, member_id: JANE }, "polar_oat_acme"), 0))["token"]
    )
    assert.strictEqual(jsonOf(send(emulator, post({ customer_id: ACME }, token), 3_599_999))["error"], "Unauthorized")
    assert.strictEqual(jsonOf(send(emulator, post({ customer_id: ACME }, token), 3_600_000))["error"], "invalid_token")
  })

  it("a rate limit in milliseconds, Polar's own numbers, Retry-After in seconds", () => {
    assert.deepStrictEqual(Emulator.polarRateLimits.production, { requests: 500, windowMillis: 60_000 })
    const emulator = Emulator.make({ rateLimit: { requests: 1, windowMillis: 10_000 } })
    assert.strictEqual(jsonOf(send(emulator, post({ customer_id: SOLO }), 0))["customer_id"], SOLO)
    assert.deepStrictEqual(send(emulator, post({ customer_id: SOLO }), 2_500), {
      _tag: "Response",
      status: 429,
      headers: { "retry-after": "8", "polar-version": "2026-04" },
      body: ""
    })
    assert.strictEqual(jsonOf(send(emulator, post({ customer_id: SOLO }), 10_000))["customer_id"], SOLO)
  })

  it("validation errors are RequestBodies', as Polar's 422", () => {
    const emulator = Emulator.make({ generation: "legacy" })
    const outcome = send(emulator, { ...post({ member_id: "not-a-uuid" }), path: "/v1/member-sessions/" }, 0)
    assert.deepStrictEqual(jsonOf(outcome), {
      error: "RequestValidationError",
      detail: [{
        type: "uuid_parsing",
        loc: ["body", "member_id"],
        msg: "Input should be a valid UUID, invalid character: found `n` at 1",
        input: "not-a-uuid",
        ctx: { error: "invalid character: found `n` at 1" }
      }]
    })
  })

  it("the control endpoints, over plain decoders", () => {
    const emulator = Emulator.make()
    const decoders: Emulator.ControlDecoders<Emulator.Fault> = {
      seed: (body) => {
        const value: unknown = JSON.parse(body)
        return typeof value === "object" && value !== null && !Array.isArray(value)
          ? { ok: true, value: { customers: [{ id: NEW_CUSTOMER, organization: "solo-dev", type: "individual" }] } }
          : { ok: false, error: "not a seed" }
      },
      faults: () => ({ ok: true, value: [{ status: 502 }] })
    }
    const control = (method: string, path: string, body = "") =>
      Emulator.control(emulator, { method, path, headers: {}, body }, decoders)
    assert.isUndefined(control("POST", "/v1/customer-sessions/"))
    assert.deepStrictEqual(control("POST", "/_emulator/faults", "[]"), {
      _tag: "Response",
      status: 204,
      headers: {},
      body: ""
    })
    const scripted = send(emulator, post({ customer_id: SOLO }), 0)
    assert.strictEqual(scripted._tag === "Response" ? scripted.status : 0, 502)
    const journal = control("GET", "/_emulator/journal")
    assert.strictEqual(journal?._tag === "Response" ? JSON.parse(journal.body)[0].outcome : undefined, 502)
    assert.strictEqual(journal?._tag === "Response" ? journal.headers["content-type"] : undefined, "application/json")
    assert.deepStrictEqual(control("POST", "/_emulator/seed", "[]"), {
      _tag: "Response",
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error: "BadRequest", detail: "not a seed" })
    })
    const unknown = send(emulator, post({ customer_id: NEW_CUSTOMER }), 0)
    assert.strictEqual(unknown._tag === "Response" ? unknown.status : 0, 422)
    control("POST", "/_emulator/seed", "{}")
    assert.strictEqual(jsonOf(send(emulator, post({ customer_id: NEW_CUSTOMER }), 0))["customer_id"], NEW_CUSTOMER)
    control("DELETE", "/_emulator/journal")
    assert.deepStrictEqual(emulator.journal(), [])
    control("POST", "/_emulator/reset")
    const forgotten = send(emulator, post({ customer_id: NEW_CUSTOMER }), 0)
    assert.strictEqual(forgotten._tag === "Response" ? forgotten.status : 0, 422)
    assert.deepStrictEqual(control("GET", "/_emulator/nope"), {
      _tag: "Response",
      status: 404,
      headers: { "content-type": "application/json" },
      body: "{\"detail\":\"Not Found\"}"
    })
  })

  it("refuses a default API version it does not serve", () => {
    assert.throws(() => Emulator.make({ apiVersions: ["2026-10"] }), /Default API version 2026-04 is not supported/)
    assert.deepStrictEqual(Emulator.apiVersions, ["2026-04", "2026-10", "2027-01"])
    assert.strictEqual(Emulator.defaultApiVersion, "2026-04")
    assert.deepStrictEqual(Emulator.demoMembers.map((member) => member.email), [
      "jane.doe@acme.example",
      "sam+test@example.com"
    ])
  })
})
