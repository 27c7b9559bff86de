#!/usr/bin/env bash
# `pnpm consumer-test`: installs the packed packages the way a user would and uses them.
#
# 1. `pnpm pack` wire, core, client and testing (needs `pnpm build` first);
# 2. in a fresh npm project in a temporary directory outside the workspace, runs the README's
#    quick-start install line exactly (its @effect-polar packages replaced by the tarballs, with the
#    wire tarball they depend on), adds the testing tarball and what the type checks need
#    (typescript ~5.9, @types/node, @types/ws, as the README says), and checks that the
#    @effect-polar packages came from the tarballs (not from the registry, not duplicated);
# 3. runs scripts/consumer-test/esm.mjs (import) and cjs.cjs (require): each starts the emulator
#    over HTTP, creates a member session with the real client over undici, and checks that an
#    unknown member fails with HTTPValidationError caught by Effect.catchTag;
# 4. starts the `polar-emulator` bin and waits for its "listening" line;
# 5. type-checks check.ts (ESM) and check.cts (CommonJS) with tsc (NodeNext, strict, and
#    --skipLibCheck false so that the @effect-polar .d.ts files are checked too);
# 6. the README's quick start, as written: type-checked with --skipLibCheck false and no error at
#    all, then run against the emulator bin: it prints a portal URL and exits 0; with a token the
#    emulator refuses, it exits 1.
#
# CONSUMER_LINE=effect4 (`pnpm consumer-test:effect4`) does all of this for the Effect 4 line
# instead: core, client and testing packed from effect4/ (wire from packages/wire), the README's
# Effect 4 quick start (its install line takes the latest effect and @effect/platform-node, and npm
# must print no peer warning at all), the programs of scripts/consumer-test/effect4/, run on Node 22
# (what @effect/platform-node 4 needs; scripts/effect4/run.sh node).
#
# Fails on the first problem; always removes the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

line=${CONSUMER_LINE:-effect3}
TYPESCRIPT_VERSION="~5.9"
case "$line" in
  effect3)
    line_root=$root
    fixtures=$root/scripts/consumer-test
    quickstart_heading="### The Effect 3 line"
    TYPES_NODE_VERSION="^20"
    NODE=$(command -v node)
    ;;
  effect4)
    line_root=$root/effect4
    fixtures=$root/scripts/consumer-test/effect4
    quickstart_heading="### The Effect 4 line"
    TYPES_NODE_VERSION="^22"
    NODE=$(bash scripts/effect4/run.sh node)
    # npm and every script here on that Node too, as a user of this line runs them
    PATH="$(dirname "$NODE"):$PATH"
    ;;
  *)
    echo "consumer-test: CONSUMER_LINE must be effect3 or effect4, not $line" >&2
    exit 2
    ;;
esac

# The README's quick start for this line: its install line and its program, tested as written.
install_line=$(awk -v h="$quickstart_heading" 'index($0, h) == 1 {q=1; next} q && /^##/ {exit} q && /^npm install @effect-polar\//{print; exit}' README.md)
[[ -n "$install_line" ]] || { echo "consumer-test: no npm install line under \"$quickstart_heading\" in the README" >&2; exit 1; }
quickstart=$(awk -v h="$quickstart_heading" 'index($0, h) == 1 {q=1; next} q && /^##/ {exit} q && /^```ts$/{c=1; next} q && c && /^```$/{exit} q && c' README.md)
[[ -n "$quickstart" ]] || { echo "consumer-test: no TypeScript block under \"$quickstart_heading\" in the README" >&2; exit 1; }

read -r -a PNPM <<<"npx -y $(node -p 'require("./package.json").packageManager')"
packages=(wire core client testing)
# where each package is built and packed from
package_dir() { if [[ "$1" == wire ]]; then echo "$root/packages/wire"; else echo "$line_root/packages/$1"; fi; }

tmp=$(mktemp -d)
bin_pid=""
cleanup() {
  if [[ -n "$bin_pid" ]]; then kill "$bin_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

step() { echo "── consumer-test [${SECONDS}s]: $*"; }
die() {
  echo "consumer-test: FAILED: $*" >&2
  exit 1
}

# npm must not see pnpm's npm_config_* settings when this runs under `pnpm run`
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_config_[A-Za-z0-9_]*\)=.*/\1/p')

step "pack ($line)"
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
  # `workspace:^` must have been rewritten to a real range
  if tar xzOf "$tarball" package/package.json | grep -q '"workspace:'; then
    die "$tarball still has a workspace: dependency"
  fi
  tarballs+=("$tarball")
done

step "npm install into $tmp/app"
cp "$fixtures/esm.mjs" "$fixtures/cjs.cjs" "$fixtures/check.ts" "$fixtures/check.cts" "$fixtures/tsconfig.json" "$tmp/app/"
cd "$tmp/app"
cat >package.json <<'JSON'
{
  "name": "effect-polar-consumer-test",
  "version": "0.0.0",
  "private": true,
  "type": "module"
}
JSON
# the README's line, word for word, but for the @effect-polar packages, which come from the tarballs
read -r -a words <<<"$install_line"
readme_install=()
for word in "${words[@]:2}"; do
  case "$word" in
    @effect-polar/*)
      # the package's name, without a version or range (`@effect-polar/client@^0`)
      name=${word#@effect-polar/}
      name=${name%%@*}
      readme_install+=("$(printf '%s\n' "${tarballs[@]}" | grep "effect-polar-$name-")")
      ;;
    *) readme_install+=("$word") ;;
  esac
done
# the packages on the line depend on @effect-polar/wire: its tarball too, so that npm does not take it
# from the registry
readme_install+=("$(printf '%s\n' "${tarballs[@]}" | grep "effect-polar-wire-")")
echo "README: $install_line"
npm install --no-audit --no-fund --loglevel=warn "${readme_install[@]}" 2>&1 | tee "$tmp/install.log"
[[ "${PIPESTATUS[0]}" == 0 ]] || die "npm install of the README's line failed"
if [[ "$line" == effect4 ]] && grep -iE "peer|ERESOLVE|EBADENGINE" "$tmp/install.log"; then
  die "npm warned while installing the Effect 4 line with the latest effect (above)"
fi
testing_tarball=$(printf '%s\n' "${tarballs[@]}" | grep "effect-polar-testing-")
npm install --no-audit --no-fund --loglevel=error "$testing_tarball" \
  "typescript@$TYPESCRIPT_VERSION" "@types/node@$TYPES_NODE_VERSION" @types/ws

# every @effect-polar package installed once, from a tarball
node -e '
const lock = require("./package-lock.json")
const entries = Object.entries(lock.packages).filter(([path]) => /(^|\/)node_modules\/@effect-polar\//.test(path))
const problems = []
for (const name of ["wire", "core", "client", "testing"]) {
  const found = entries.filter(([path]) => path.endsWith(`node_modules/@effect-polar/${name}`))
  if (found.length !== 1) problems.push(`@effect-polar/${name} installed ${found.length} times: ${found.map(([p]) => p).join(", ")}`)
  for (const [path, entry] of found) {
    if (!String(entry.resolved).startsWith("file:")) problems.push(`${path} resolved to ${entry.resolved}, not a tarball`)
  }
}
if (problems.length > 0) { console.error(problems.join("\n")); process.exit(1) }
const v = (name) => { try { return require(`${name}/package.json`).version } catch { return "none" } }
console.log(`installed: effect ${v("effect")}, @effect/platform ${v("@effect/platform")}, @effect/platform-node ${v("@effect/platform-node")}, typescript ${v("typescript")}`)
' || die "the installed @effect-polar packages are not the packed tarballs"

step "ESM (import)"
timeout 60 "$NODE" esm.mjs || die "esm.mjs"

step "CommonJS (require)"
timeout 60 "$NODE" cjs.cjs || die "cjs.cjs"

step "polar-emulator bin"
PATH="$(dirname "$NODE"):$PATH" node_modules/.bin/polar-emulator --port 0 --token polar_oat_consumer_test >"$tmp/bin.log" 2>&1 &
bin_pid=$!
for _ in $(seq 1 100); do
  grep -q "^Polar emulator listening on http://127.0.0.1:[0-9]*$" "$tmp/bin.log" 2>/dev/null && break
  kill -0 "$bin_pid" 2>/dev/null || break
  sleep 0.1
done
grep -q "^Polar emulator listening on http://127.0.0.1:[0-9]*$" "$tmp/bin.log" ||
  { cat "$tmp/bin.log" >&2; die "polar-emulator did not start"; }
url=$(sed -n 's/^Polar emulator listening on //p' "$tmp/bin.log")
node -e '
fetch(process.argv[1] + "/_emulator/journal").then(async (response) => {
  if (response.status !== 200) throw new Error(`GET /_emulator/journal: ${response.status}`)
  await response.json()
}).catch((error) => { console.error(error); process.exit(1) })
' "$url" || die "polar-emulator does not answer on $url"
echo "polar-emulator: ok ($url)"

step "the README's quick start: tsc (strict, --skipLibCheck false, no error at all), then run"
printf '%s\n' "$quickstart" >quickstart.ts
cat >tsconfig.quickstart.json <<'JSON'
{
  "compilerOptions": {
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "target": "ES2022",
    "types": ["node"],
    "strict": true,
    "skipLibCheck": false,
    "outDir": "quickstart-build"
  },
  "files": ["quickstart.ts"]
}
JSON
node_modules/.bin/tsc -p tsconfig.quickstart.json || die "tsc of the README's quick start"
POLAR_ACCESS_TOKEN=polar_oat_consumer_test POLAR_SERVER_URL="$url" timeout 60 "$NODE" quickstart-build/quickstart.js \
  >"$tmp/quickstart.out" 2>&1 || { cat "$tmp/quickstart.out" >&2; die "the quick start failed against the emulator"; }
grep -q "^https://polar.sh/acme-inc/portal?customer_session_token=polar_mst_" "$tmp/quickstart.out" ||
  { cat "$tmp/quickstart.out" >&2; die "the quick start did not print the portal URL"; }
if POLAR_ACCESS_TOKEN=polar_oat_not_accepted POLAR_SERVER_URL="$url" timeout 60 "$NODE" quickstart-build/quickstart.js \
  >"$tmp/quickstart-refused.out" 2>&1; then
  die "the quick start exited 0 when Polar refused the token"
fi
grep -q "401" "$tmp/quickstart-refused.out" || { cat "$tmp/quickstart-refused.out" >&2; die "no 401 message"; }
echo "quick start: ok (prints the portal URL and exits 0; a refused token prints the 401 and exits 1)"

kill "$bin_pid"
wait "$bin_pid" 2>/dev/null || true
bin_pid=""

# One run with --skipLibCheck false: check.ts / check.cts must have no error (what a consumer
# sees, with or without skipLibCheck), and neither may our own .d.ts files (dist/esm and
# dist/cjs). Errors in other packages' declarations (effect's platform packages want the DOM lib
# and @types/ws, which a Node-only tsconfig lacks) are counted, not fatal.
step "tsc (NodeNext, strict, --skipLibCheck false): check.ts (ESM), check.cts (CommonJS)"
node_modules/.bin/tsc -p tsconfig.json --skipLibCheck false --listFiles >"$tmp/tsc.log" 2>&1 || true
if grep -E '^(node_modules/@effect-polar/|check\.c?ts).*error TS' "$tmp/tsc.log"; then
  die "tsc: errors in check.ts / check.cts or in the @effect-polar declarations"
fi
if grep -E 'error TS' "$tmp/tsc.log" | grep -vE '^node_modules/'; then
  die "tsc: unexpected errors"
fi
checked=$(grep -cE '/node_modules/@effect-polar/[a-z]+/dist/(esm|cjs)/.*\.d\.ts$' "$tmp/tsc.log" || true)
grep -qE '/check\.cts$' "$tmp/tsc.log" || die "tsc did not check check.cts"
[[ "$checked" -gt 0 ]] || die "tsc did not load any @effect-polar declaration"
others=$(grep -c 'error TS' "$tmp/tsc.log" || true)
echo "tsc: ok ($checked @effect-polar declaration files checked; $others error(s) in third-party declarations ignored)"

cd "$root"
echo "consumer-test ($line): all checks passed in ${SECONDS}s"
