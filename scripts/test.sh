#!/usr/bin/env bash
# `pnpm test`: every test of both lines.
#
# 1. the Effect 3 line (packages/*, examples, the bench's smoke test): vitest 3 on the `node` on
#    PATH; extra arguments go to this vitest (`pnpm test --project core`);
# 2. the Effect 4 line (effect4/): vitest 5 on Node >= 22.19 (scripts/effect4/run.sh test, which
#    installs that workspace and, on an older `node`, the pinned Node 22 from the npm registry).
#    Skipped with EFFECT_POLAR_LINES=effect3; EFFECT_POLAR_LINES=effect4 runs it alone.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${EFFECT_POLAR_LINES:-effect3 effect4}
status=0
if [[ " $lines " == *" effect3 "* ]]; then
  # the bench's smoke test (an Effect 3 project) also runs the Effect 4 line's contenders
  bash scripts/effect4/run.sh ensure
  node node_modules/vitest/vitest.mjs run "$@" || status=$?
fi
if [[ " $lines " == *" effect4 "* ]]; then
  bash scripts/effect4/run.sh test || status=$?
fi
exit "$status"
