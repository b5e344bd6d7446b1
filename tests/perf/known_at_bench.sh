#!/usr/bin/env bash
# What known_at costs: the bench portfolio of bench.sh (120 missions, 5,000 properties, 500
# acquisitions, 200 projects, 100,000 expenditures; SQLite), its journal moved 40 days into the
# past (the seeder writes it in one transaction, so every entry has one instant; the chain no
# longer verifies, which this measurement does not need), then each report asked plainly and
# with known_at 30 days back, about the same as_of, REPEATS times one at a time. Prints the
# median of each and their ratio (the goal for the heaviest report: within 4x). Runs on
# 127.0.0.1 only; stops everything it starts.
#   tests/perf/known_at_bench.sh [ESTATE_SERVER] [REPEATS]
set -euo pipefail
server=${1:+$(realpath "$1")}
cd "$(dirname "$0")/../.."
repeats=${2:-5}
if [ -z "$server" ]; then
  cmake -S . -B build/perf -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_WERROR=OFF \
    -DESTATE_BUILD_TESTS=ON >/dev/null
  cmake --build build/perf --target estate-server >/dev/null
  server=build/perf/api/estate-server
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite:$work/estate.db"
"$server" --db "$db" migrate >/dev/null
"$server" --db "$db" seed-synthetic --missions 120 --properties 5000 --acquisitions 500 \
  --projects 200 --expenditures 100000 --seed 115 >/dev/null
then=$(date -u -d "-40 days" +%Y-%m-%dT%H:%M:%S.000000Z)
sqlite3 "$work/estate.db" "UPDATE journal SET at = '$then'"
token=$("$server" --db "$db" token create --user bench --role finance)
"$server" --db "$db" serve --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 100); do
  port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/out")
  [ -n "$port" ] && break
  sleep 0.1
done
base="http://127.0.0.1:$port/api/v1/reports"
as_of=$(date -u +%F)
known_at=$(date -u -d "-30 days" +%Y-%m-%dT%H:%M:%SZ)

# Median milliseconds of $repeats requests to URL $1 (after one warm-up), and its status.
median() {
  curl -s -o /dev/null -H "Authorization: Bearer $token" "$1"
  for _ in $(seq "$repeats"); do
    curl -s -o /dev/null -w '%{time_total} %{http_code}\n' -H "Authorization: Bearer $token" "$1"
  done | sort -n | awk '{v[NR] = $1; c = $2} END {printf "%.1f %s", v[int((NR + 1) / 2)] * 1000, c}'
}

printf "%-44s %12s %12s %7s\n" "report (as_of $as_of)" "plain ms" "known_at ms" "ratio"
for report in "rent-savings" "ownership?group_by=region" "lease-events?within_days=365" \
              "co-location" "acquisition-pipeline" "budget-execution?fiscal_year=115"; do
  sep='?'; case "$report" in *\?*) sep='&';; esac
  read -r plain plain_status <<<"$(median "$base/$report${sep}as_of=$as_of")"
  read -r known known_status <<<"$(median "$base/$report${sep}as_of=$as_of&known_at=$known_at")"
  ratio=$(awk -v a="$known" -v b="$plain" 'BEGIN {printf "%.2f", a / b}')
  printf "%-44s %9s %3s %8s %3s %6sx\n" "$report" "$plain" "$plain_status" "$known" "$known_status" "$ratio"
done
