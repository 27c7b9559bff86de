/**
 * The benchmark's HTTP server, run in its own process, on keep-alive connections:
 *
 * - `POST /v1/member-sessions/` (the legacy endpoint): 201, `fixtures/member-session.201.json`;
 * - `POST /v1/customer-sessions/` (today's): 201, `fixtures/customer-session.201.member.json`;
 * - `GET /v1/members/<the fixtures' member id>` (today's member lookup): 200, `fixtures/member.200.json`;
 *
 * all `application/json`; anything else is a 404. It reports `{ port }` to its parent once
 * listening and stops when the parent disconnects.
 */
import * as fs from "node:fs"
import * as http from "node:http"
import {
  CUSTOMER_SESSIONS_ENDPOINT,
  customerSessionFixturePath,
  ENDPOINT,
  fixturePath,
  MEMBER_ID,
  memberFixturePath,
  MEMBERS_ENDPOINT,
  report
} from "./shared.js"

interface Answer {
  readonly status: number
  readonly headers: http.OutgoingHttpHeaders
  readonly body: Buffer
}

const answer = (status: number, body: Buffer): Answer => ({
  status,
  headers: { "content-type": "application/json", "content-length": String(body.length) },
  body
})

const routes = new Map<string, Answer>([
  [`POST ${ENDPOINT}`, answer(201, fs.readFileSync(fixturePath))],
  [`POST ${CUSTOMER_SESSIONS_ENDPOINT}`, answer(201, fs.readFileSync(customerSessionFixturePath))],
  [`GET ${MEMBERS_ENDPOINT}${MEMBER_ID}`, answer(200, fs.readFileSync(memberFixturePath))]
])
const notFound = answer(404, Buffer.from(JSON.stringify({ error: "NotFound", detail: "Not found" })))

const server = http.createServer({ keepAlive: true }, (request, response) => {
  const route = routes.get(`${request.method} ${request.url}`) ?? notFound
  request.on("data", () => {})
  request.on("end", () => {
    response.writeHead(route.status, route.headers)
    response.end(route.body)
  })
})
server.keepAliveTimeout = 120_000
server.headersTimeout = 130_000
server.requestTimeout = 0
server.maxRequestsPerSocket = 0

const port = Number(process.argv[2] ?? 0)
server.listen(port, "127.0.0.1", () => {
  const address = server.address()
  if (address === null || typeof address === "string") throw new Error("no TCP address")
  void report({ port: address.port })
})

const stop = () => {
  server.close()
  server.closeAllConnections()
  process.exit(0)
}
process.on("message", (message: { readonly cpu?: number }) => {
  if (message.cpu !== undefined) process.send?.({ cpu: message.cpu, usage: process.cpuUsage(), now: performance.now() })
})
process.on("disconnect", stop)
process.on("SIGTERM", stop)
