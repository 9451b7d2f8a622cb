# Shared by the set-up scripts: find or install the pinned pnpm, and let node-gyp find Node's headers.
PNPM_VERSION=12.4.2

if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  # better-sqlite3 12 compiles from source on Node 20; pnpm does not pass ~/.npmrc's nodedir to node-gyp.
  export npm_config_nodedir=/usr
fi

pnpm_cmd() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    pnpm "$@"
  else
    npx -y "pnpm@$PNPM_VERSION" "$@"
  fi
}

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    return 0
  fi
  echo "setup: installing pnpm@$PNPM_VERSION" >&2
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || echo "setup: no global install; using npx pnpm@$PNPM_VERSION" >&2
}

# Installs the locked dependencies and builds the packages. Quiet when there is nothing to do.
setup() {
  ensure_pnpm
  pnpm_cmd install --frozen-lockfile --reporter=append-only >&2
  pnpm_cmd exec tsc -b tsconfig.build.json >&2
}
