/**
 * The benchmark's HTTP server, run in its own process: `POST /v1/member-sessions/` answers 201
 * with the fixture body (application/json) on keep-alive connections; anything else is a 404.
 * It reports `{ port }` to its parent once listening and stops when the parent disconnects.
 */
import * as fs from "node:fs"
import * as http from "node:http"
import { ENDPOINT, fixturePath, report } from "./shared.js"

const body = fs.readFileSync(fixturePath)
const created = {
  "content-type": "application/json",
  "content-length": String(body.length)
}
const notFound = Buffer.from(JSON.stringify({ error: "NotFound", detail: "Not found" }))

const server = http.createServer({ keepAlive: true }, (request, response) => {
  const ok = request.method === "POST" && request.url === ENDPOINT
  request.on("data", () => {})
  request.on("end", () => {
    if (ok) {
      response.writeHead(201, created)
      response.end(body)
    } else {
      response.writeHead(404, { "content-type": "application/json", "content-length": String(notFound.length) })
      response.end(notFound)
    }
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
