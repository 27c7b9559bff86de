#!/usr/bin/env bash
# `pnpm conformance`: holds the committed conformance tables and the client's validation (the
# validators of @effect-polar/wire, and core's validateWire / validateInput over them) to real
# pydantic (python3 with pydantic 2.13.4 / pydantic-core 2.46.4, as on Polar's server).
#
# 1. Regenerates the tables with the committed seed and fails if they differ from the committed
#    ones (pydantic or the generator drifted: regenerate with
#    `python3 packages/wire/conformance/generate.py` and review the diff).
# 2. Generates tables from a fresh random seed (or CONFORMANCE_SEED) and runs the conformance tests
#    of wire and core on them: any disagreement between pydantic and the client fails. The seed is printed, so a
#    failure can be replayed with `CONFORMANCE_SEED=<seed> pnpm conformance`.
set -euo pipefail
cd "$(dirname "$0")/.."

generator=packages/wire/conformance/generate.py
committed=packages/wire/conformance/tables
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 -c 'import pydantic, pydantic_core; print(f"pydantic {pydantic.VERSION}, pydantic-core {pydantic_core.__version__}")'

echo "── conformance: regenerate with the committed seed"
python3 "$generator" --out "$tmp/committed"
for table in "$committed"/*.json; do
  name=$(basename "$table")
  if ! cmp -s "$table" "$tmp/committed/$name"; then
    python3 - "$table" "$tmp/committed/$name" <<'PY'
import json, sys
old, new = (json.load(open(path, encoding="ascii"))["rows"] for path in sys.argv[1:])
changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
print(f"{sys.argv[1]}: {len(old)} rows committed, {len(new)} regenerated, {len(changed)} differ", file=sys.stderr)
for i in changed[:5]:
    print(f"  row {i}: {json.dumps(old[i])[:300]}\n     now: {json.dumps(new[i])[:300]}", file=sys.stderr)
PY
    echo "conformance: FAILED: $name differs from what the generator makes with the committed seed" >&2
    exit 1
  fi
done
echo "the committed tables are what pydantic answers today"

seed=${CONFORMANCE_SEED:-$(python3 -c 'import secrets; print(secrets.randbelow(2**31))')}
echo "── conformance: fresh seed $seed (replay with CONFORMANCE_SEED=$seed pnpm conformance)"
python3 "$generator" --seed "$seed" --out "$tmp/fresh"
EFFECT_POLAR_CONFORMANCE_TABLES="$tmp/fresh" npx vitest run --project wire --project core test/Conformance.test.ts ||
  { echo "conformance: FAILED: the client disagrees with pydantic on seed $seed" >&2; exit 1; }
echo "conformance: seed $seed, no disagreement"
