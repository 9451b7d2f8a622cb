#!/usr/bin/env bash
# The main job: installs and builds what is missing, then replays the forum of 24 November 2022 into
# SQLite and prints the reconciliation. Arguments go to the replay (e.g. --db other.sqlite); a relative
# path is taken from the directory `npm start` was run in.
set -euo pipefail
caller="${INIT_CWD:-$PWD}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib.sh
setup
cd "$caller"
# pnpm keeps INIT_CWD as the directory it is started from: start it from the caller's directory.
pnpm_cmd -C "$root" --silent --filter @kemitraan/example-forum-2022 start -- "$@"
