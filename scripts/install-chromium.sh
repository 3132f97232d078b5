#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser tests (tests/web/test_browser.py).
# Playwright's own browser download is not used: the tests launch /usr/bin/chromium through
# Playwright's `executable_path`. Installs with apt-get when missing and we are root (a failed
# install fails `make test`, as PostgreSQL's does); without root it prints a note and the
# browser tests skip. Messages go to stderr.
set -euo pipefail
log() { echo "install-chromium: $*" >&2; }
BIN=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$BIN" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing chromium (apt-get)"
  out=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$out" 2>&1; then
    cat "$out" >&2
    log "apt-get could not install chromium: the browser tests cannot run (failing, not skipping)"
    exit 1
  fi
  log "$("$BIN" --version 2>/dev/null | tail -n 1)"
else
  log "chromium is not installed and cannot be installed here; browser tests will be skipped"
fi
