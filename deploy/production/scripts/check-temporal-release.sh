#!/usr/bin/env bash
# Checks that the production files run the Temporal server release the cluster test proved
# (SERVER_VERSION in deploy/local/build-cluster-binaries.sh, docs/cluster.md):
#  - every temporalio/server, temporalio/auto-setup and temporalio/admin-tools image in compose.yaml
#    and k8s/ carries that release;
#  - the history shard count is set explicitly (NUM_HISTORY_SHARDS / numHistoryShards): it can never
#    change once a cluster has started, and auto-setup's default (4) caps a cluster at 4 history hosts;
#  - the Temporal UI image is the release the CLI embeds (UI_SERVER_VERSION), else a warning.
# Usage: bash deploy/production/scripts/check-temporal-release.sh   (exit 1 on any error)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
pinned() { sed -n "s/^$1=v\{0,1\}\([0-9.]*\)$/\1/p" "$root/deploy/local/build-cluster-binaries.sh"; }
server_version=$(pinned SERVER_VERSION)
ui_version=$(pinned UI_SERVER_VERSION)
[ -n "$server_version" ] && [ -n "$ui_version" ] || { echo "error: versions not found in build-cluster-binaries.sh" >&2; exit 2; }
files=("$here/compose.yaml")
while IFS= read -r f; do files+=("$f"); done < <(find "$here/k8s" -name '*.y*ml' 2>/dev/null | sort)
errors=0

while IFS= read -r hit; do
  file="${hit%%:*}"
  image=$(echo "$hit" | grep -o 'temporalio/\(server\|auto-setup\|admin-tools\):[^"[:space:]]*')
  tag="${image#*:}"
  if [ "${tag%%-*}" = "$server_version" ]; then
    echo "ok   ${file#"$root"/}: $image is Temporal $server_version"
  else
    echo "error ${file#"$root"/}: $image, but the cluster test proved Temporal $server_version" >&2
    errors=$((errors + 1))
  fi
done < <(grep -Ho 'temporalio/\(server\|auto-setup\|admin-tools\):[^"[:space:]]*' "${files[@]}" || true)

if grep -q 'temporalio/\(server\|auto-setup\):' "${files[@]}"; then
  if grep -Eq '(NUM_HISTORY_SHARDS|numHistoryShards)["]?[:=][[:space:]]*"?[0-9]+' "${files[@]}"; then
    echo "ok   the history shard count is set explicitly"
  else
    echo "error: a Temporal server runs with the default history shard count (auto-setup: 4); set NUM_HISTORY_SHARDS (docs/cluster.md)" >&2
    errors=$((errors + 1))
  fi
else
  echo "note no Temporal server image in the production files: pin $server_version where it runs (Helm: server.image.tag)"
fi

while IFS= read -r image; do
  [ "${image#*:}" = "$ui_version" ] || echo "warn $image: the UI the cluster ran is temporalio/ui:$ui_version" >&2
done < <(grep -ho 'temporalio/ui:[^"[:space:]]*' "${files[@]}" || true)

[ "$errors" -eq 0 ] || { echo "$errors error(s)" >&2; exit 1; }
