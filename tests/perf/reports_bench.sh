#!/usr/bin/env bash
# Times every report on a synthetic portfolio, at 1× and at 10× the data.
#   tests/perf/reports_bench.sh [SCALES] [REPEATS]      e.g. tests/perf/reports_bench.sh "1 10" 15
# Scale 1 is `seed-synthetic --missions 120 --properties 5000 --acquisitions 500`; scale k
# multiplies all three. Every scale also has the budget data of issue 5, not multiplied:
# 200 projects and 100,000 expenditures. Builds Release, loads each scale into a throwaway SQLite database,
# starts estate-server on 127.0.0.1 and asks each report REPEATS times one after another
# (after one warm-up request), printing the median and the slowest wall time that curl saw
# and the size of the answer. Goal (issue 4): every median ≤ 100 ms at scale 1 and ≤ 10× its
# scale-1 figure at scale 10; budget reports ≤ 100 ms with 200 projects and 100,000
# expenditures. Everything stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
scales=${1:-1 10}
repeats=${2:-15}

cmake -S . -B build/perf -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_WERROR=OFF >/dev/null
cmake --build build/perf --target estate-server >/dev/null
server=build/perf/api/estate-server

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The reports, and parameters that make them do their full work. The as_of is fixed so
# runs on different days compare.
reports=(
  "ownership?as_of=2026-06-30"
  "ownership?as_of=2026-06-30&group_by=mission"
  "ownership?as_of=2026-06-30&group_by=region&trend_from=100&trend_to=115"
  "ownership?as_of=2026-06-30&trend_from=100&trend_to=115&format=svg"
  "rent-savings?as_of=2026-06-30"
  "rent-savings?as_of=2026-06-30&format=csv"
  "rent-savings?as_of=2026-06-30&format=xlsx"
  "lease-vs-buy?as_of=2026-06-30&acquisition_id=1"
  "lease-events?as_of=2026-06-30&within_days=365"
  "co-location?as_of=2026-06-30"
  "budget-execution?as_of=2026-06-30&fiscal_year=115"
  "budget-execution?as_of=2026-06-30&fiscal_year=110&format=xlsx"
  "earned-value?as_of=2026-06-30&project_id=1"
  "earned-value?as_of=2026-06-30&project_id=2&format=svg"
)

for scale in $scales; do
  missions=$((120 * scale))
  properties=$((5000 * scale))
  acquisitions=$((500 * scale))
  export ESTATE_DB="sqlite:$work/estate-$scale.db"
  "$server" migrate >/dev/null
  "$server" seed-synthetic --missions "$missions" --properties "$properties" \
    --acquisitions "$acquisitions" --projects 200 --expenditures 100000 --seed 115
  token=$("$server" token create --user bench --role auditor)
  out="$work/server-$scale.out"
  "$server" serve --listen 127.0.0.1:0 --threads 2 --workers 2 >"$out" 2>/dev/null &
  pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "estate-server did not start" >&2; exit 1; }

  echo
  echo "scale $scale: $missions missions, $properties properties, $acquisitions acquisitions," \
    "200 projects, 100,000 expenditures;" \
    "SQLite, $(nproc) cores, $repeats requests each"
  printf '%-72s %10s %10s %10s\n' "GET /api/v1/reports/…" "median ms" "max ms" "bytes"
  for report in "${reports[@]}"; do
    url="http://127.0.0.1:$port/api/v1/reports/$report"
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url")
    [ "$status" = 200 ] || { echo "$report answered $status" >&2; exit 1; }
    times=()
    for _ in $(seq "$repeats"); do
      times+=("$(curl -s -o /dev/null -w '%{time_total} %{size_download}' \
        -H "Authorization: Bearer $token" "$url")")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v name="$report" '
      { t[NR] = $1 * 1000; size = $2 }
      END { printf "%-72s %10.1f %10.1f %10d\n", name, t[int((NR + 1) / 2)], t[NR], size }'
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
done
