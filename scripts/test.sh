#!/usr/bin/env bash
# The test command: installs and builds what is missing, runs every test project once, and ends with
# one plain line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
setup
mkdir -p build
status=0
pnpm_cmd exec vitest run --reporter=default --reporter=json --outputFile.json=build/vitest-report.json "$@" || status=$?
node scripts/test-summary.mjs build/vitest-report.json || status=1
exit "$status"
