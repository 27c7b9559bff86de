// The fetch HttpClient layer of the Effect 4 line, copied into the app as httpLayers.mjs by run.sh
// (RUNTIMES_LINE=effect4): Effect 4 has its fetch client in `effect` itself.
import * as FetchHttpClient from "effect/http/FetchHttpClient"

export const fetchLayer = FetchHttpClient.layer
