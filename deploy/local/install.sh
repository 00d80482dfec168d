#!/usr/bin/env bash
# Installs the npm workspace when node_modules is missing or older than the lockfile.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm ci (first run, or the lockfile changed)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
bash deploy/local/install-browser.sh
