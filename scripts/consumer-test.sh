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
# Fails on the first problem; always removes the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

TYPESCRIPT_VERSION="~5.9"
TYPES_NODE_VERSION="^20"

# The README's quick start: its install line and its program, tested as written.
install_line=$(awk '/^## Quick start/{q=1} q && /^npm install @effect-polar\//{print; exit}' README.md)
[[ -n "$install_line" ]] || { echo "consumer-test: no npm install line in the README's quick start" >&2; exit 1; }
quickstart=$(awk '/^## Quick start/{q=1} q && /^```ts$/{c=1; next} q && c && /^```$/{exit} q && c' README.md)
[[ -n "$quickstart" ]] || { echo "consumer-test: no TypeScript block in the README's quick start" >&2; exit 1; }

read -r -a PNPM <<<"npx -y $(node -p 'require("./package.json").packageManager')"
packages=(wire core client testing)

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

step "pack"
mkdir -p "$tmp/tarballs" "$tmp/app"
filters=()
for name in "${packages[@]}"; do
  [[ -f "packages/$name/dist/esm/index.js" && -f "packages/$name/dist/cjs/index.js" ]] ||
    die "packages/$name is not built (run pnpm build first)"
  filters+=(--filter "@effect-polar/$name")
done
"${PNPM[@]}" -r "${filters[@]}" pack --pack-destination "$tmp/tarballs" >"$tmp/pack.log" 2>&1 ||
  { cat "$tmp/pack.log" >&2; die "pnpm pack failed"; }
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
cp scripts/consumer-test/esm.mjs scripts/consumer-test/cjs.cjs scripts/consumer-test/check.ts \
  scripts/consumer-test/check.cts scripts/consumer-test/tsconfig.json "$tmp/app/"
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
    @effect-polar/*) readme_install+=("$(printf '%s\n' "${tarballs[@]}" | grep "effect-polar-${word#@effect-polar/}-")") ;;
    *) readme_install+=("$word") ;;
  esac
done
# the packages on the line depend on @effect-polar/wire: its tarball too, so that npm does not take it
# from the registry
readme_install+=("$(printf '%s\n' "${tarballs[@]}" | grep "effect-polar-wire-")")
echo "README: $install_line"
npm install --no-audit --no-fund --loglevel=error "${readme_install[@]}"
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
const v = (name) => require(`${name}/package.json`).version
console.log(`installed: effect ${v("effect")}, @effect/platform ${v("@effect/platform")}, @effect/platform-node ${v("@effect/platform-node")}, typescript ${v("typescript")}`)
' || die "the installed @effect-polar packages are not the packed tarballs"

step "ESM (import)"
timeout 60 node esm.mjs || die "esm.mjs"

step "CommonJS (require)"
timeout 60 node cjs.cjs || die "cjs.cjs"

step "polar-emulator bin"
node_modules/.bin/polar-emulator --port 0 --token polar_oat_consumer_test >"$tmp/bin.log" 2>&1 &
bin_pid=$!
for _ in $(seq 1 100); do
  grep -q "^Polar emulator listening on http://127.0.0.1:[0-9]*$" "$tmp/bin.log" && break
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
POLAR_ACCESS_TOKEN=polar_oat_consumer_test POLAR_SERVER_URL="$url" timeout 60 node quickstart-build/quickstart.js \
  >"$tmp/quickstart.out" 2>&1 || { cat "$tmp/quickstart.out" >&2; die "the quick start failed against the emulator"; }
grep -q "^https://polar.sh/acme-inc/portal?customer_session_token=polar_mst_" "$tmp/quickstart.out" ||
  { cat "$tmp/quickstart.out" >&2; die "the quick start did not print the portal URL"; }
if POLAR_ACCESS_TOKEN=polar_oat_not_accepted POLAR_SERVER_URL="$url" timeout 60 node quickstart-build/quickstart.js \
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
echo "consumer-test: all checks passed in ${SECONDS}s"
