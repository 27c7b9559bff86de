#!/usr/bin/env bash
# `pnpm check-packages`: packs each published package exactly as `pnpm publish` would (pnpm pack:
# `workspace:^` rewritten, `files` applied) and checks the tarball with
#
# - publint (--strict: warnings are errors; a suggestion fails this script too), and
# - @arethetypeswrong/cli (attw, the strict profile: node10, node16 from CJS and from ESM,
#   bundler) on "." and on every public subpath. attw does not expand the "./*" pattern of the
#   exports map, so the subpaths are listed from the tarball: every top-level dist/esm/*.js
#   module but index and bin.
#
# Needs a build (`pnpm build`) first. Exits non-zero on any problem.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# the repository's own pnpm (package.json "packageManager"), whether or not pnpm is on PATH
read -r -a PNPM <<<"npx -y $(node -p 'require("./package.json").packageManager')"
PUBLINT="$root/node_modules/.bin/publint"
ATTW="$root/node_modules/.bin/attw"

# CHECK_LINE=effect4: the Effect 4 line's core, client and testing (effect4/packages), with wire
line=${CHECK_LINE:-effect3}
case "$line" in
  effect3) line_root=$root ;;
  effect4) line_root=$root/effect4 ;;
  *) echo "check-packages: CHECK_LINE must be effect3 or effect4" >&2; exit 2 ;;
esac
package_dir() { if [[ "$1" == wire ]]; then echo "$root/packages/wire"; else echo "$line_root/packages/$1"; fi; }

packages=(wire core client testing)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for name in "${packages[@]}"; do
  dir=$(package_dir "$name")
  if [[ ! -f "$dir/dist/esm/index.js" || ! -f "$dir/dist/cjs/index.js" ]]; then
    echo "check-packages: ${dir#"$root"/} is not built (run pnpm build first)" >&2
    exit 1
  fi
  # pnpm pack in the package's own workspace, which rewrites its workspace: ranges
  if ! (cd "$dir" && "${PNPM[@]}" pack --pack-destination "$tmp") >>"$tmp/pack.log" 2>&1; then
    cat "$tmp/pack.log" >&2
    echo "check-packages: pnpm pack of ${dir#"$root"/} failed" >&2
    exit 1
  fi
done

# attw prints colours and a table; plain text when not on a terminal
attw_format=(--format table-flipped)
[[ -t 1 ]] || attw_format+=(--no-color --no-emoji)

failed=0
for name in "${packages[@]}"; do
  tarball=$(ls "$tmp"/effect-polar-"$name"-*.tgz)

  echo "── $name: publint"
  if ! out=$("$PUBLINT" run "$tarball" --strict 2>&1); then
    echo "$out"
    echo "check-packages: publint failed for $name" >&2
    failed=1
  else
    echo "$out"
    if grep -qE '^(Suggestions|Warnings|Errors):' <<<"$out"; then
      echo "check-packages: publint reported something for $name" >&2
      failed=1
    fi
  fi

  entrypoints=()
  while IFS= read -r file; do
    module=$(basename "$file" .js)
    [[ "$module" == "index" || "$module" == "bin" ]] && continue
    entrypoints+=("./$module")
  done < <(tar tzf "$tarball" | grep -E '^package/dist/esm/[^/]+\.js$' | sort)

  echo "── $name: attw (subpaths: ${entrypoints[*]:-none})"
  if ! "$ATTW" "$tarball" --profile strict "${attw_format[@]}" --include-entrypoints "${entrypoints[@]}"; then
    echo "check-packages: attw found problems in $name" >&2
    failed=1
  fi
done

if [[ $failed -ne 0 ]]; then
  echo "check-packages: FAILED" >&2
  exit 1
fi
echo "check-packages ($line): publint and attw found no problem in ${packages[*]}"
