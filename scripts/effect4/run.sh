#!/usr/bin/env bash
# The Effect 4 line (`effect4/`, its own pnpm workspace): install, build, type-check, test, demo.
#
#   bash scripts/effect4/run.sh install     # pnpm install in effect4/ (frozen lock file under CI)
#   bash scripts/effect4/run.sh ensure      # the same, only when effect4/node_modules is missing or stale
#   bash scripts/effect4/run.sh build       # ESM + CommonJS + .d.ts of effect4/packages/{core,client,testing}
#   bash scripts/effect4/run.sh typecheck   # tsc -b effect4/tsconfig.json, effect4/bench, and the TSDoc @examples
#   bash scripts/effect4/run.sh docs        # TypeDoc API reference of the line into build/docs/api-effect4
#   bash scripts/effect4/run.sh test [...]  # vitest 5 (effect4/vitest.config.ts), extra arguments to vitest
#   bash scripts/effect4/run.sh demo [...]  # effect4/examples/demo.ts, on the emulator unless POLAR_ACCESS_TOKEN
#   bash scripts/effect4/run.sh node        # prints the Node binary the line runs on
#
# Every command installs the workspace first when its node_modules is missing or older than its
# lock file. The tests run on Node >= 22.19 (vitest 5 and @effect/platform-node 4 require it): the
# `node` on PATH when it is recent enough, else the Node 22 that `pnpm runtimes` pins and installs
# from the npm registry (scripts/runtimes/versions.json). The test command writes a JSON report to
# build/test-results-effect4.json and prints "Effect 4 line: N passed, N failed". The demo runs
# on the same Node, through tsx from the examples' sources.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
read -r -a PNPM <<<"npx -y $(node -p 'require("./package.json").packageManager')"

node_binary() {
  if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)'; then
    command -v node
    return
  fi
  local found
  found=$(RUNTIMES_INSTALL_ONLY=1 RUNTIMES_ONLY=node22 bash scripts/runtimes/run.sh | sed -n 's/^NODE22=//p')
  [[ -x "$found" ]] || { echo "effect4: no Node >= 22.19 (pnpm runtimes did not install one)" >&2; exit 1; }
  echo "$found"
}

# pnpm install in effect4/, run on the line's Node (so that pnpm checks the packages' engines
# against the Node they run on)
install() {
  local node22
  node22=$(node_binary)
  if [[ "${CI:-}" == true ]]; then
    (cd effect4 && PATH="$(dirname "$node22"):$PATH" "${PNPM[@]}" install --frozen-lockfile)
  else
    (cd effect4 && PATH="$(dirname "$node22"):$PATH" "${PNPM[@]}" install)
  fi
}

ensure_installed() {
  if [[ ! -d effect4/node_modules/.pnpm || effect4/pnpm-lock.yaml -nt effect4/node_modules/.modules.yaml ]]; then
    install
  fi
}

command=${1:-}
shift || true
case "$command" in
  install)
    install
    ;;
  ensure)
    ensure_installed
    ;;
  node)
    node_binary
    ;;
  build)
    ensure_installed
    (cd effect4 && node node_modules/typescript/bin/tsc -b tsconfig.build.json \
      && node ../scripts/build-cjs.mjs packages/core packages/client packages/testing)
    ;;
  typecheck)
    ensure_installed
    (cd effect4 && node node_modules/typescript/bin/tsc -b tsconfig.json && node node_modules/typescript/bin/tsc -p bench/tsconfig.json)
    node scripts/check-doc-examples.mjs --line effect4
    ;;
  docs)
    # TypeDoc of the line's packages into build/docs/api-effect4 (warnings are errors, every export
    # documented), with the root's TypeDoc: the line's own node_modules resolve effect 4's types
    ensure_installed
    (cd effect4 && node "$root/node_modules/typedoc/bin/typedoc" --options typedoc.json)
    ;;
  test)
    ensure_installed
    node22=$(node_binary)
    mkdir -p build
    report=$root/build/test-results-effect4.json
    rm -f "$report"
    status=0
    (cd effect4 && PATH="$(dirname "$node22"):$PATH" "$node22" node_modules/vitest/vitest.mjs run \
      --reporter=default --reporter=json --outputFile.json="$report" "$@") || status=$?
    [[ -f "$report" ]] || { echo "effect4: vitest wrote no report" >&2; exit 1; }
    node -e '
const r = require(process.argv[1])
console.log(`Effect 4 line (Node ${process.argv[2]}): ${r.numPassedTests} passed, ${r.numFailedTests} failed`)
if (r.numTotalTests === 0 || r.numFailedTests > 0 || r.numPendingTests > 0) process.exit(1)
' "$report" "$("$node22" -p process.versions.node)" || exit 1
    exit "$status"
    ;;
  demo)
    # the Effect 4 line's `pnpm demo`: effect4/examples/demo.ts on the line's Node, from its sources
    # (the `@effect-polar/source` condition), with the demo's own arguments (--show-token)
    ensure_installed
    node22=$(node_binary)
    cd effect4/examples
    PATH="$(dirname "$node22"):$PATH" exec "$node22" --import tsx --conditions=@effect-polar/source demo.ts "$@"
    ;;
  *)
    echo "usage: bash scripts/effect4/run.sh install|ensure|build|typecheck|docs|test [vitest args]|demo [--show-token]|node" >&2
    exit 2
    ;;
esac
