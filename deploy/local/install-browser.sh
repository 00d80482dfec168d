#!/usr/bin/env bash
# The report page's browser test drives Debian's Chromium (playwright-core never downloads a
# browser here). Installs it once when missing and this user may (root, apt-get); otherwise that
# one test is skipped with a message saying how to install it.
set -uo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "[install] /usr/bin/chromium is absent: the report page's browser test will be skipped (apt-get install chromium)" >&2
  exit 0
fi
echo "[install] apt-get install chromium (first run only, about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends chromium >/dev/null ||
  { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; } ||
  echo "[install] could not install chromium: the report page's browser test will be skipped" >&2
exit 0
