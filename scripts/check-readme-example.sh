#!/usr/bin/env bash
# Packs @kemitraan/eventsourcing, installs the tarball into a fresh TypeScript project outside the
# monorepo, and compiles and runs the documentation's kernel examples there: the block after
# "<!-- readme-example -->" in README.md and the one after "<!-- read-model-example -->" in
# docs/read-models.md. Each document says what its example prints ("It prints `...`"); the example
# must print exactly that.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pnpm_cmd --filter @kemitraan/eventsourcing pack --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/kemitraan-eventsourcing-*.tgz)

mkdir -p "$work/app/src"
cd "$work/app"
cat >package.json <<JSON
{ "name": "docs-examples", "private": true, "type": "module" }
JSON
cat >tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "noUncheckedIndexedAccess": true,
    "skipLibCheck": false,
    "types": [],
    "lib": ["ES2022", "DOM"],
    "outDir": "dist"
  },
  "include": ["src"]
}
JSON
# effect is a peer dependency of the kernel: a project brings its own, here the pinned line.
npm install --silent --no-audit --no-fund --prefer-offline "$tarball" typescript@5.9.3 effect@3.22.4 >/dev/null

# check <document> <marker> <name>: compiles and runs the block after the marker, compares its output.
check() {
  local document="$root/$1" marker="$2" name="$3"
  awk -v marker="<!-- $marker -->" '$0 == marker {found=1; next} found && /^```ts/{inside=1; next} inside && /^```/{exit} inside{print}' \
    "$document" >"src/$name.ts"
  [ -s "src/$name.ts" ] || { echo "$1: no example after <!-- $marker -->" >&2; exit 1; }
  npx tsc -p tsconfig.json
  node "dist/$name.js" >"$work/$name.out"
  echo "$1 example: compiled and ran against the packed package"
  sed 's/^/  | /' "$work/$name.out"
  local expected actual
  # Compared with runs of white space as one space: Node breaks long values over several lines.
  expected=$(awk -v marker="<!-- $marker -->" '$0 == marker {found=1} found' "$document" | tr '\n' ' ' |
    sed -n 's/[^`]*```ts.*```[^`]*It prints `\([^`]*\)`.*/\1/p' | tr -s ' ')
  actual=$(tr '\n' ' ' <"$work/$name.out" | tr -s ' ' | sed 's/ *$//')
  if [ "$expected" != "$actual" ]; then
    echo "$1 says its example prints: $expected" >&2
    echo "it printed:                 $actual" >&2
    exit 1
  fi
}

check README.md readme-example readme
check docs/read-models.md read-model-example read-models
