#!/usr/bin/env bash
# The published packages take `effect` and `@effect/*` as peer dependencies, as the Effect ecosystem
# does, so that a project has one Effect and is told when it is the wrong one. Packs the five
# packages and installs them, as a stranger would, into two fresh npm projects:
#   - next to effect@3.22.4 (the supported line): installs, with no peer complaint;
#   - next to effect 4: npm refuses with ERESOLVE, naming the peer range (with --force or
#     --legacy-peer-deps it would install; --force prints the conflict as a warning), both the
#     kernel alone (the refusal is its own peer's) and all five.
# Install scripts are skipped: better-sqlite3's native build is not what is checked here.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for package in eventsourcing core sql sqlite postgres; do
  pnpm_cmd --filter "@kemitraan/$package" pack --pack-destination "$work" >/dev/null
done
tarballs=("$work"/kemitraan-*.tgz)

# install <dir> <effect version> <tarball>...: npm's output and exit code, in <dir>/out and <dir>/rc.
install() {
  local dir=$1 effect=$2
  shift 2
  mkdir -p "$work/$dir"
  echo '{ "name": "stranger", "private": true, "type": "module" }' >"$work/$dir/package.json"
  if (cd "$work/$dir" && npm install --no-audit --no-fund --ignore-scripts --prefer-offline "effect@$effect" "$@") \
    >"$work/$dir/out" 2>&1; then
    echo 0 >"$work/$dir/rc"
  else
    echo 1 >"$work/$dir/rc"
  fi
}

install effect3 3.22.4 "${tarballs[@]}"
if [ "$(cat "$work/effect3/rc")" != 0 ] || grep -qi "peer" "$work/effect3/out"; then
  echo "on effect@3.22.4 the packed packages should install without a peer complaint; npm printed:" >&2
  cat "$work/effect3/out" >&2
  exit 1
fi
echo "effect@3.22.4: the packed packages install without a peer complaint"

# refused <dir> <package pattern> <what>: npm failed with ERESOLVE on effect 4, naming the peer range
# of a package matching the pattern.
refused() {
  local out="$work/$1/out"
  if [ "$(cat "$work/$1/rc")" = 0 ] || ! grep -q 'ERESOLVE' "$out" || ! grep -q "peer effect@\"^3.* from $2@" "$out"; then
    echo "on effect 4 npm should refuse $3 with ERESOLVE on an effect peer; it printed:" >&2
    cat "$out" >&2
    exit 1
  fi
  echo "effect 4: npm refuses $3, naming the peer range:"
  grep -E 'Found: effect@|peer effect@' "$out" | sed 's/^/  | /'
}

# The kernel alone, whose only Effect peer is effect itself: the refusal is ours, not a dependency's.
install effect4-kernel 4 "$work"/kemitraan-eventsourcing-*.tgz
refused effect4-kernel @kemitraan/eventsourcing "the kernel"
# All five: refused too (npm names the first peer it meets, here @effect/platform's).
install effect4 4 "${tarballs[@]}"
refused effect4 "@[a-z/-]*" "the five packages"
