#!/usr/bin/env bash
# `npm start`: installs what is missing, builds/starts Temporal (+ Web UI) and FerretDB, the SendGrid
# sink, ingest and worker, seeds a demo organization, prints the URLs. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/install.sh
exec node --import tsx deploy/local/stack.ts
