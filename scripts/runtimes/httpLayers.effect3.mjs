// The fetch HttpClient layer of the Effect 3 line, copied into the app as httpLayers.mjs by run.sh.
// Subpaths, not the barrels: @effect/platform's barrel loads msgpackr, which reads an environment
// variable at import time (so Deno would need --allow-env).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"

export const fetchLayer = FetchHttpClient.layer
