#!/usr/bin/env bash
# The main job: installs and builds what is missing, then replays the forum of 24 November 2022 into
# SQLite and prints the reconciliation. Arguments go to the replay (e.g. --db other.sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
setup
exec pnpm_cmd --silent --filter @kemitraan/example-forum-2022 start -- "$@"
