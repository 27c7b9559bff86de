/**
 * The wording of the errors and hints, function by function. The client's tests assert the same
 * sentences on whole calls; these pin each piece where it is written.
 */
import { Messages } from "@effect-polar/wire"
import { assert, describe, it } from "vitest"

const call: Messages.Call = {
  method: "POST",
  path: "/v1/customer-sessions/",
  server: "https://api.polar.sh",
  apiVersion: "2026-10"
}

describe("Messages", () => {
  describe("scrubber", () => {
    const scrub = Messages.scrubber("polar_oat_secret123")

    it("masks the access token, session tokens and session token parameters", () => {
      assert.strictEqual(
        scrub("token polar_oat_secret123, polar_mst_abc.DEF-1~2%3 and polar_cst_xyz"),
        "token <redacted>, polar_mst_<redacted> and polar_cst_<redacted>"
      )
      assert.strictEqual(
        scrub("https://polar.sh/acme/portal?customer_session_token=abc&x=1 member_session_token=def\""),
        "https://polar.sh/acme/portal?customer_session_token=<redacted>&x=1 member_session_token=<redacted>\""
      )
    })

    it("leaves a short access token alone, so that ordinary text is not mangled", () => {
      assert.strictEqual(Messages.scrubber("abc")("abc def"), "abc def")
      assert.strictEqual(Messages.scrubber("abcdef")("abcdef def"), "<redacted> def")
    })
  })

  describe("transport, timeout, size, insecure http", () => {
    it("says what failed before or after a response", () => {
      const cause = new Error("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") })
      assert.strictEqual(Messages.describeCause(cause), "fetch failed: connect ECONNREFUSED 127.0.0.1:1")
      assert.strictEqual(Messages.describeCause("reset"), "reset")
      assert.strictEqual(
        Messages.transport(call, "socket hang up"),
        "POST /v1/customer-sessions/ failed before a response arrived: socket hang up"
      )
      assert.strictEqual(
        Messages.transport(call, "terminated", 201),
        "POST /v1/customer-sessions/ answered 201 but its body could not be read: terminated"
      )
    })

    it("names the limit, the host and the timeout", () => {
      assert.strictEqual(
        Messages.tooLarge(call, 200, 1024),
        "POST /v1/customer-sessions/ answered 200 with a body larger than 1024 bytes (maxResponseBytes); it was not read"
      )
      assert.strictEqual(
        Messages.insecureHttp(call, "polar.internal:8080"),
        "POST /v1/customer-sessions/ was not sent: the access token would travel in clear text over http:// to " +
          "polar.internal:8080. Use an https:// serverURL, or build the layer with allowInsecureHttp: true"
      )
      assert.strictEqual(
        Messages.timeout(call, "10s"),
        "POST /v1/customer-sessions/ timed out after 10s; the request was aborted"
      )
      assert.strictEqual(
        Messages.invalidServerUrl("ftp://x"),
        "PolarClient: serverURL must be an absolute http(s) URL such as \"https://api.polar.sh\", got \"ftp://x\""
      )
    })
  })

  describe("decoding", () => {
    it("lists one problem per line", () => {
      assert.strictEqual(
        Messages.decode(call, 201, [Messages.problem([], "empty"), Messages.problem(["customer", "email", 0], "bad")]),
        "POST /v1/customer-sessions/ answered 201 with a body that is not a valid response:\n" +
          "  body: empty\n  customer.email.0: bad"
      )
      assert.strictEqual(Messages.EMPTY_BODY, "body: empty")
      assert.strictEqual(Messages.notJsonContentType(""), "body: expected content-type application/json, got none")
      assert.strictEqual(
        Messages.notJsonContentType("text/html"),
        "body: expected content-type application/json, got text/html"
      )
      assert.strictEqual(Messages.invalidJson("Unexpected token"), "body: not valid JSON (Unexpected token)")
    })

    it("knows a JSON content type", () => {
      assert.isTrue(Messages.isJsonContentType("application/json; charset=utf-8"))
      assert.isTrue(Messages.isJsonContentType("application/problem+json"))
      assert.isFalse(Messages.isJsonContentType("text/html"))
      assert.isFalse(Messages.isJsonContentType(""))
    })
  })

  describe("Retry-After", () => {
    const now = Date.parse("2026-12-01T10:00:00Z")

    it("reads seconds and HTTP dates, as milliseconds", () => {
      assert.strictEqual(Messages.parseRetryAfter(" 7 ", now), 7000)
      assert.strictEqual(Messages.parseRetryAfter("Tue, 01 Dec 2026 10:00:03 GMT", now), 3000)
      assert.strictEqual(Messages.parseRetryAfter("Tue, 01 Dec 2026 09:00:00 GMT", now), 0)
      assert.isUndefined(Messages.parseRetryAfter("soon", now))
      assert.isUndefined(Messages.parseRetryAfter(undefined, now))
    })
  })

  describe("status", () => {
    it("quotes Polar's error and detail, once when they are the same", () => {
      assert.strictEqual(
        Messages.polarExplanation({ error: "NotPermitted", detail: "Not permitted" }),
        "NotPermitted: Not permitted"
      )
      assert.strictEqual(Messages.polarExplanation({ error: "x", detail: "x" }), "x")
      assert.strictEqual(
        Messages.polarExplanation({ error: "invalid_token", error_description: "expired" }),
        "invalid_token: expired"
      )
      assert.strictEqual(Messages.polarExplanation({ detail: [{ msg: "a" }] }), "[{\"msg\":\"a\"}]")
      assert.isUndefined(Messages.polarExplanation({ error: "", detail: null }))
      assert.isUndefined(Messages.polarExplanation(undefined))
    })

    it("says the status, Polar's words, the hint and the delay asked for", () => {
      assert.strictEqual(
        Messages.status(call, {
          statusCode: 429,
          headers: {},
          body: "{\"detail\":\"slow down\"}",
          errorBody: { detail: "slow down" },
          retryAfter: "2s"
        }),
        "POST /v1/customer-sessions/ failed with status 429 Too Many Requests: slow down (Retry-After: 2s)"
      )
      assert.strictEqual(
        Messages.status(call, { statusCode: 418, headers: {}, body: "teapot", errorBody: undefined }),
        "POST /v1/customer-sessions/ failed with status 418"
      )
    })

    it("hints at the server a refused token belongs to", () => {
      assert.strictEqual(
        Messages.hint(call, 401, {}, "", "invalid_token"),
        ". The access token was not accepted by https://api.polar.sh: check that it is valid and not revoked, and " +
          "that it belongs to this server (sandbox tokens work only with server: \"sandbox\", production tokens only " +
          "with production)"
      )
    })

    it("names the missing scope from WWW-Authenticate", () => {
      assert.strictEqual(
        Messages.hint(
          call,
          403,
          { "www-authenticate": "Bearer error=\"insufficient_scope\", scope=\"customer_sessions:write web_write\"" },
          "",
          "insufficient_scope"
        ),
        ". The access token lacks the scope this call needs: customer_sessions:write or web_write"
      )
      assert.strictEqual(
        Messages.hint(call, 403, {}, "", "insufficient_scope"),
        ". The access token lacks a scope this call needs"
      )
      assert.strictEqual(Messages.hint(call, 403, {}, "", "NotPermitted"), "")
    })

    it("explains a 404 for a path the server does not serve", () => {
      const notFound = "{\"detail\": \"Not Found\"}"
      assert.isTrue(Messages.isRouteNotFoundBody(notFound))
      assert.isFalse(Messages.isRouteNotFoundBody("{\"error\":\"ResourceNotFound\",\"detail\":\"Not found\"}"))
      assert.strictEqual(
        Messages.hint({ ...call, path: "/v1/member-sessions/" }, 404, {}, notFound, undefined),
        ". Polar removed POST /v1/member-sessions/ on 2026-03-03: today a member session is created with " +
          "POST /v1/customer-sessions/ and member_id. Use CustomerSessions.create({ customerId, memberId }), or let " +
          "MemberSessions.create find the route (memberSessionsRoute: \"auto\", the default)"
      )
      assert.strictEqual(
        Messages.hint(call, 404, {}, notFound, undefined),
        ". Polar answers 404 for every path when the Polar-Version header names a version it does not serve: " +
          "this client sent Polar-Version: 2026-10 (the apiVersion option of PolarClient.layer); check it, and that " +
          "serverURL is Polar's API"
      )
      assert.strictEqual(Messages.hint(call, 404, {}, "{\"error\":\"ResourceNotFound\"}", "ResourceNotFound"), "")
    })

    it("says how to identify a customer whose external id is ambiguous", () => {
      assert.strictEqual(
        Messages.hint(call, 409, {}, "", "AmbiguousExternalCustomerID"),
        ". Identify the customer without ambiguity: pass customerId (Polar's id) instead of externalCustomerId, " +
          "use an organization access token, or set the organizationId option of PolarClient.layer (sent as " +
          "Polar-Organization)"
      )
    })

    it("adds the operation's own hint", () => {
      assert.strictEqual(
        Messages.hint({ ...call, hints: { 403: Messages.MEMBER_LOOKUP_SCOPE_HINT } }, 403, {}, "", "NotPermitted"),
        ". MemberSessions.create looks the member up on today's Polar: give the access token the members:read " +
          "scope, or call CustomerSessions.create({ customerId, memberId }), which needs only customer_sessions:write"
      )
    })
  })

  it("memberDoesNotExist is the legacy endpoint's error", () => {
    assert.deepStrictEqual(Messages.memberDoesNotExist("3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"), {
      statusCode: 404,
      error: "ResourceNotFound",
      detail: [{
        type: "value_error",
        loc: ["body", "member_id"],
        msg: "Member does not exist.",
        input: "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
      }]
    })
  })
})
