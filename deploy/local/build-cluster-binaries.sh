#!/usr/bin/env bash
# Builds Temporal's real server (temporal-server) and its SQL schema tool (temporal-sql-tool) once,
# from the Go module proxy, into the same cache as the CLI and FerretDB. Only `npm run cluster` and
# the cluster fault test need them; `npm start` and `npm test` run on the CLI's dev server.
# The release is the one the CLI v1.5.1 embeds, so the dev server and the cluster run the same code.
set -euo pipefail

SERVER_VERSION=v1.29.1
# The Web UI server the CLI v1.5.1 embeds in its dev server (its go.mod), here on its own against the cluster.
UI_SERVER_VERSION=v2.42.1

log() { echo "[cluster-binaries] $*" >&2; }

# CACHE_DIR, BIN_DIR, with_progress
source "$(dirname "${BASH_SOURCE[0]}")/buildCommon.sh"

server_bin="$BIN_DIR/temporal-server-$SERVER_VERSION"
sql_tool_bin="$BIN_DIR/temporal-sql-tool-$SERVER_VERSION"
ui_bin="$BIN_DIR/temporal-ui-server-$UI_SERVER_VERSION"

# A throw-away module requiring the pinned server release: its two entry points are `package main`,
# so they cannot be imported; their (small) main.go files are copied from the module's own source,
# and `go mod tidy` resolves every dependency at the versions the release's go.mod names.
build_server_binaries() {
  local src_dir tmp
  src_dir=$(GOFLAGS=-mod=mod go mod download -json "go.temporal.io/server@$SERVER_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  tmp=$(mktemp -d)
  mkdir -p "$tmp/server" "$tmp/sqltool"
  cp "$src_dir/cmd/server/main.go" "$tmp/server/main.go"
  cp "$src_dir/cmd/tools/sql/main.go" "$tmp/sqltool/main.go"
  printf 'module followups.local/temporalcluster\n\ngo 1.25.0\n\nrequire go.temporal.io/server %s\n' \
    "$SERVER_VERSION" > "$tmp/go.mod"
  log "resolving go.temporal.io/server $SERVER_VERSION from the module proxy (go mod tidy)"
  (cd "$tmp" && with_progress env GOFLAGS=-mod=mod go mod tidy)
  log "compiling temporal-server and temporal-sql-tool (first time only: a few minutes)"
  (cd "$tmp" && with_progress env GOFLAGS=-buildvcs=false go build -o "$server_bin.partial" ./server)
  (cd "$tmp" && with_progress env GOFLAGS=-buildvcs=false go build -o "$sql_tool_bin.partial" ./sqltool)
  mv "$server_bin.partial" "$server_bin"
  mv "$sql_tool_bin.partial" "$sql_tool_bin"
  rm -rf "$tmp"
  log "built $server_bin and $sql_tool_bin"
}

# The CLI's dev server starts the UI in its own process; no CLI command serves it against a remote
# frontend, so a tiny main starts the same ui-server release (assets embedded) on a given frontend.
build_ui_server() {
  local tmp
  tmp=$(mktemp -d)
  cat > "$tmp/main.go" <<'GO'
// temporal-ui-server -port 8233 -frontend 127.0.0.1:7233: the Temporal Web UI against a cluster's frontend.
package main

import (
	"flag"

	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uiserveroptions "github.com/temporalio/ui-server/v2/server/server_options"
)

func main() {
	ip := flag.String("ip", "127.0.0.1", "address the UI listens on")
	port := flag.Int("port", 8233, "port the UI listens on")
	frontend := flag.String("frontend", "127.0.0.1:7233", "the Temporal frontend (gRPC) the UI talks to")
	flag.Parse()
	server := uiserver.NewServer(uiserveroptions.WithConfigProvider(&uiconfig.Config{
		Host:                *ip,
		Port:                *port,
		TemporalGRPCAddress: *frontend,
		EnableUI:            true,
		CORS:                uiconfig.CORS{CookieInsecure: true},
		HideLogs:            true,
	}))
	if err := server.Start(); err != nil {
		panic(err)
	}
}
GO
  printf 'module followups.local/temporalui\n\ngo 1.24.0\n\nrequire github.com/temporalio/ui-server/v2 %s\n' \
    "$UI_SERVER_VERSION" > "$tmp/go.mod"
  log "building the Temporal UI server $UI_SERVER_VERSION (first time only)"
  (cd "$tmp" && with_progress env GOFLAGS=-mod=mod go mod tidy)
  (cd "$tmp" && with_progress env GOFLAGS=-buildvcs=false go build -o "$ui_bin.partial" .)
  mv "$ui_bin.partial" "$ui_bin"
  rm -rf "$tmp"
  log "built $ui_bin"
}

# --if-built: report the binaries only when they are there (exit 1 otherwise), never build.
if [ "${1:-}" = "--if-built" ]; then
  [ -x "$server_bin" ] && [ -x "$sql_tool_bin" ] && [ -x "$ui_bin" ] || exit 1
elif [ ! -x "$server_bin" ] || [ ! -x "$sql_tool_bin" ]; then
  build_server_binaries
fi
[ -x "$ui_bin" ] || [ "${1:-}" = "--if-built" ] || build_ui_server

# The schema files ship in the server module; the tool applies them from the module cache.
schema_dir="$(go env GOMODCACHE)/go.temporal.io/server@$SERVER_VERSION/schema/postgresql/v12"
[ -d "$schema_dir" ] || GOFLAGS=-mod=mod go mod download "go.temporal.io/server@$SERVER_VERSION"

echo "TEMPORAL_SERVER_PATH=$server_bin"
echo "TEMPORAL_SQL_TOOL_PATH=$sql_tool_bin"
echo "TEMPORAL_SCHEMA_DIR=$schema_dir"
echo "TEMPORAL_UI_SERVER_PATH=$ui_bin"
