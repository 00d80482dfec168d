# Sourced by the build scripts: the cache the binaries are built into (outside the repository, so
# every clone and CI reuse them) and a progress line every 10 s while a cold build runs.
# The sourcing script defines log().
CACHE_DIR="${FOLLOWUPS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/follow-ups}"
BIN_DIR="$CACHE_DIR/bin"
mkdir -p "$BIN_DIR"

with_progress() {
  "$@" &
  local pid=$! start=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    sleep 10
    kill -0 "$pid" 2>/dev/null && log "  ... still building ($((SECONDS - start)) s)"
  done
  wait "$pid"
}
