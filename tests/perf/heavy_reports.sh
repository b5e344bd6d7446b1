#!/usr/bin/env bash
# /healthz and a register read while 50 of the heaviest report requests the server allows
# run at once: rent savings as of the last day of the as_of window (30 years ahead), on the
# synthetic portfolio of bench.sh (500 acquisitions), SQLite. The security probe saw
# /healthz take 15.7 s and the server grow from 141 to 624 MB under 50 such requests (as of
# 9999-12-31, now refused). Prints latency percentiles of /healthz and of GET
# /api/v1/properties/1 with and without the load, the reports' statuses, and the server's
# peak memory. Runs on 127.0.0.1 only, for a bounded time; stops everything it starts.
#   tests/perf/heavy_reports.sh [CONCURRENT] [REQUESTS_EACH]
set -euo pipefail
cd "$(dirname "$0")/../.."
concurrent=${1:-50}
each=${2:-2}

cmake -S . -B build/perf -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_WERROR=OFF \
  -DESTATE_BUILD_TESTS=ON >/dev/null
cmake --build build/perf --target estate-server >/dev/null
server=build/perf/api/estate-server

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  for job in $(jobs -p); do kill "$job" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite:$work/estate.db"
"$server" --db "$db" migrate >/dev/null
"$server" --db "$db" seed-synthetic --missions 120 --properties 5000 --acquisitions 500 \
  --projects 200 --expenditures 100000 --seed 115 >/dev/null
token=$("$server" --db "$db" token create --user bench --role finance)
"$server" --db "$db" serve --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 100); do
  port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/out")
  [ -n "$port" ] && break
  sleep 0.1
done
base="http://127.0.0.1:$port"
latest=$(date -u -d "+30 years" +%F)
heavy="$base/api/v1/reports/rent-savings?as_of=$latest"

# Milliseconds of $1 requests to URL $2 (one at a time), sorted.
sample() {
  for _ in $(seq "$1"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$2"
    sleep 0.05
  done | awk '{printf "%.1f\n", $1 * 1000}' | sort -n
}
# p50 p99 max of a sorted column.
summary() {
  awk '{v[NR] = $1} END {p50 = v[int((NR + 1) / 2)]; p99 = v[int(NR * 0.99 + 0.999)];
       printf "p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms   (%d requests)\n", p50, p99, v[NR], NR}'
}

size=$(curl -s -H "Authorization: Bearer $token" "$heavy" | wc -c)
echo "heaviest allowed report: rent-savings as of $latest, $((size / 1024)) KiB"
echo "idle:"
printf '  /healthz                '; sample 40 "$base/healthz" | summary
printf '  /api/v1/properties/1    '; sample 40 "$base/api/v1/properties/1" | summary

for i in $(seq "$concurrent"); do
  (for _ in $(seq "$each"); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 -H "Authorization: Bearer $token" \
      "$heavy"
  done >"$work/statuses.$i") &
done
sleep 0.5
echo "while $concurrent clients each ask for it $each times:"
printf '  /healthz                '; sample 40 "$base/healthz" | summary
printf '  /api/v1/properties/1    '; sample 40 "$base/api/v1/properties/1" | summary
for job in $(jobs -p); do [ "$job" != "$server_pid" ] && wait "$job" 2>/dev/null || true; done
echo "  report statuses: $(cat "$work"/statuses.* | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
echo "  server peak memory: $(awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' /proc/$server_pid/status)"
