#!/bin/sh
# Registers the custom search attributes every follow-up sequence carries (the list mirrors
# workflows/src/searchAttributes.ts; deploy/production/check.sh verifies they match).
# Idempotent: attributes that already exist are left alone. Runs in temporalio/admin-tools.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
SEARCH_ATTRIBUTES="OrganizationId:Keyword ConversationId:Keyword RuleId:Keyword SenderAddress:Keyword RecipientAddress:Keyword SequenceStatus:Keyword NextFollowUpAt:Datetime FollowUpsSent:Int"

attempt=0
until temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "namespace $NAMESPACE not reachable at $ADDRESS after 120 s" >&2
    exit 1
  fi
  sleep 2
done

existing=$(temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE")
for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%:*}"
  type="${pair#*:}"
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name already registered"
  else
    temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" --name "$name" --type "$type"
    echo "registered search attribute $name ($type)"
  fi
done
