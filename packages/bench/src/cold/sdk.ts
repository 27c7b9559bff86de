/** Cold start of @polar-sh/sdk: `import("@polar-sh/sdk")` and `new Polar`. */
import { Polar } from "@polar-sh/sdk"
import { ACCESS_TOKEN, SERVER_URL } from "../constants.js"

export const ready = async (): Promise<unknown> => {
  const polar = new Polar({ accessToken: ACCESS_TOKEN, serverURL: SERVER_URL })
  return polar.memberSessions
}
