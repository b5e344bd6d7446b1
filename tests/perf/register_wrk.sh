#!/usr/bin/env bash
# wrk figures for the register API next to a bare Pistache handler, same machine, same run.
#   tests/perf/register_wrk.sh [DURATION_SECONDS] [CONNECTIONS]
# Builds Release, loads a synthetic register of 120 missions and 5,000 properties into a
# throwaway SQLite database, and measures on 127.0.0.1 only:
#   1. GET /api/v1/properties/{id} (random id of 5,000, with a bearer token)
#   2. GET /api/v1/properties?limit=50
#   3. the bare Pistache handler (bare_pistache.cpp): the ceiling
# Prints requests/s and p99 latency for each. Everything stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-32}

command -v wrk >/dev/null || {
  echo "installing wrk"
  apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}
cmake -S . -B build/perf -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_WERROR=OFF >/dev/null
cmake --build build/perf --target estate-server bare_pistache >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

server=build/perf/api/estate-server
export ESTATE_DB="sqlite:$work/estate.db"
"$server" migrate >/dev/null
"$server" seed-synthetic --missions 120 --properties 5000 --seed 115
TOKEN=$("$server" token create --user bench --role auditor)
export TOKEN PROPERTIES=5000

# Starts "$@" in the background and echoes the port it reports on stdout.
start() {
  local out="$work/$RANDOM.out"
  "$@" >"$out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$out")
    [ -n "$port" ] && { echo "$port"; return; }
    sleep 0.1
  done
  echo "did not start: $*" >&2
  exit 1
}

api_port=$(start "$server" serve --listen 127.0.0.1:0 --threads 2 --workers 4)
bare_port=$(start build/perf/tests/perf/bare_pistache 0 2)

# Runs wrk and prints "name  req/s  p99".
measure() {
  local name=$1
  shift
  local out
  out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency "$@")
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  printf '%-40s %12s req/s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p99" "${errors:-0}"
}

echo
echo "wrk -t1 -c$connections -d${duration}s on $(nproc) cores, SQLite, 5,000 properties"
measure "GET /api/v1/properties/{id}" -s tests/perf/random_property.lua "http://127.0.0.1:$api_port"
measure "GET /api/v1/properties?limit=50" -s tests/perf/bearer.lua \
  "http://127.0.0.1:$api_port/api/v1/properties?limit=50"
measure "bare Pistache handler" "http://127.0.0.1:$bare_port/"
