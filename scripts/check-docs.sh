#!/usr/bin/env bash
# Docs that must stay true: generated references are fresh, and the README's example compiles and
# runs against the packed packages in a project outside the monorepo.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
if [ -f packages/core/scripts/generate-event-docs.ts ]; then
  pnpm_cmd exec tsx packages/core/scripts/generate-event-docs.ts --check
fi
if [ -f packages/core/scripts/generate-command-docs.ts ]; then
  pnpm_cmd exec tsx packages/core/scripts/generate-command-docs.ts --check
fi
if [ -f examples/forum-2022/scripts/generate-dataset.ts ]; then
  pnpm_cmd exec tsx examples/forum-2022/scripts/generate-dataset.ts --check
fi
bash scripts/check-readme-example.sh
