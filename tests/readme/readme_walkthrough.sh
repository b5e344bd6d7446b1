#!/usr/bin/env bash
# Runs the shell blocks of README.md's API walkthrough — the sections "Using the API",
# "Acquisitions, FX rates and reports", "Budget, projects and their reports" and "Decisions
# ahead", taken from README.md itself — against a fresh demo register, as a newcomer after `make run` would, and
# fails if any request is answered 4xx or 5xx. So the README cannot drift from the service.
#   tests/readme/readme_walkthrough.sh ESTATE_SERVER README.md
# Uses SQLite in a temporary folder and a free loopback port; stops everything it started.
set -euo pipefail
server=$(realpath "$1")
readme=$(realpath "$2")
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

export ESTATE_DB="sqlite:$work/estate.db"
"$server" migrate >/dev/null
"$server" seed-demo >/dev/null
FAC=$("$server" token create --user readme-facilities --role facilities)
AUD=$("$server" token create --user readme-auditor --role auditor)
"$server" serve --listen 127.0.0.1:0 >"$work/out" 2>"$work/log" &
pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/out")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "estate-server did not start" >&2; cat "$work/log" >&2; exit 1; }

# The sh blocks of the three sections, in order, with the README's address made this server's.
awk '
  /^## / { keep = ($0 == "## Using the API" || $0 == "## Acquisitions, FX rates and reports" ||
                   $0 == "## Budget, projects and their reports" || $0 == "## Decisions ahead") }
  keep && /^```sh$/ { inside = 1; next }
  inside && /^```$/ { inside = 0; next }
  keep && inside { print }
' "$readme" | sed "s|http://127.0.0.1:8080|http://127.0.0.1:$port|g" >"$work/walkthrough.sh"
[ "$(grep -c curl "$work/walkthrough.sh")" -ge 10 ] ||
  { echo "README.md's walkthrough was not found" >&2; exit 1; }

# Each curl of the README, made to fail on an HTTP error and to say which one.
cat >"$work/run.sh" <<'EOF'
set -euo pipefail
curl() {
  if ! command curl --fail-with-body --show-error "$@" >"$WORK/answer" 2>"$WORK/error"; then
    echo "README request failed: curl $*" >&2
    cat "$WORK/error" "$WORK/answer" >&2
    exit 1
  fi
  cat "$WORK/answer"
}
EOF
cat "$work/walkthrough.sh" >>"$work/run.sh"
WORK=$work FAC=$FAC AUD=$AUD bash "$work/run.sh" >"$work/transcript"

# What the walkthrough promises: the new property's change, its history and a sound journal.
grep -q '"floor_area_m2":"845.50"' "$work/transcript" ||
  { echo "the PATCH of the walkthrough did not take" >&2; exit 1; }
grep -q '"ok":true' "$work/transcript" || { echo "the journal did not verify" >&2; exit 1; }
[ -s "$work/zhiyuan.svg" ] || { echo "the S-curve was not saved" >&2; exit 1; }
echo "README walkthrough: $(grep -c '^curl' "$work/walkthrough.sh") requests, all answered"
