#!/usr/bin/env bash
# Packs @kemitraan/eventsourcing, installs the tarball into a fresh TypeScript project outside the
# monorepo, and compiles and runs the README's usage example there (the block after
# "<!-- readme-example -->").
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pnpm_cmd --filter @kemitraan/eventsourcing pack --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/kemitraan-eventsourcing-*.tgz)

mkdir -p "$work/app/src"
awk '/<!-- readme-example -->/{found=1; next} found && /^```ts/{inside=1; next} inside && /^```/{exit} inside{print}' \
  README.md >"$work/app/src/main.ts"
[ -s "$work/app/src/main.ts" ] || { echo "README.md: no example after <!-- readme-example -->" >&2; exit 1; }

cd "$work/app"
cat >package.json <<JSON
{ "name": "readme-example", "private": true, "type": "module" }
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
npm install --silent --no-audit --no-fund --prefer-offline "$tarball" typescript@5.9.3 >/dev/null
npx tsc -p tsconfig.json
node dist/main.js >"$work/out.txt"
echo "README example: compiled and ran against the packed package"
sed 's/^/  | /' "$work/out.txt"
# The README says what the example prints ("It prints `...`"): it must print exactly that.
expected=$(cd "$root" && awk '/<!-- readme-example -->/{found=1} found' README.md | tr '\n' ' ' | sed -n 's/.*It prints `\([^`]*\)`.*/\1/p')
actual=$(tr '\n' ' ' <"$work/out.txt" | sed 's/ *$//')
if [ "$expected" != "$actual" ]; then
  echo "README.md says the example prints: $expected" >&2
  echo "it printed:                        $actual" >&2
  exit 1
fi
