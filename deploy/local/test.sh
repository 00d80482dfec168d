#!/usr/bin/env bash
# `npm test`: installs what is missing, builds the two servers once (cached), type-checks, lints,
# then runs every jest test in band; the integration project starts its own Temporal and FerretDB.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/install.sh
bash deploy/local/build-binaries.sh >/dev/null
echo "[test] type-check" >&2
node_modules/.bin/tsc -p tsconfig.json
node_modules/.bin/tsc -p test/tsconfig.json
echo "[test] format (prettier --check; npm run format fixes it)" >&2
node_modules/.bin/prettier --check --log-level warn "**/*.{ts,js,mjs,json}"
echo "[test] lint" >&2
node_modules/.bin/eslint . --max-warnings 0
echo "[test] jest" >&2
results=$(mktemp)
status=0
node_modules/.bin/jest --runInBand --json --outputFile="$results" "$@" || status=$?
# One plain closing line that any CI reader understands.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$results" 2>/dev/null || true
rm -f "$results"
exit $status
