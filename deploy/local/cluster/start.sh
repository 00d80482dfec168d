#!/usr/bin/env bash
# `npm run cluster`: the product on Temporal's real server, two nodes, on this machine (docs/cluster.md).
# Builds what is missing (the CLI and FerretDB as `npm start` does, then temporal-server, its SQL
# tool and the UI server), starts everything, prints the URLs. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../../.."
bash deploy/local/install.sh
bash deploy/local/build-binaries.sh >/dev/null
bash deploy/local/build-cluster-binaries.sh >/dev/null
exec node --import tsx deploy/local/cluster/main.ts
