#!/usr/bin/env bash
# `npm run faults`: the fault suite with full trial counts (FAULTS_FULL=0 for the bounded form that
# `npm test` runs), then the figures of every scenario in one table. FAULTS_ONLY=<regex> picks
# files (e.g. FAULTS_ONLY='replyRace|restarts'); FAULTS_SEED=<n> replays a run; other arguments go to jest.
set -uo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/build-binaries.sh >/dev/null
export FAULTS_FULL="${FAULTS_FULL:-1}"
FAULTS_FIGURES_DIR="$(mktemp -d)"
export FAULTS_FIGURES_DIR
status=0
node_modules/.bin/jest --runInBand --selectProjects integration --testPathPatterns "test/faults/.*(${FAULTS_ONLY:-})" "$@" || status=$?
node_modules/.bin/tsx test/faults/printFigures.ts "$FAULTS_FIGURES_DIR"
rm -rf "$FAULTS_FIGURES_DIR"
exit $status
