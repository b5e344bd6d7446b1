#!/usr/bin/env bash
# `make bench`: the service's performance goals, measured side by side with bare Pistache in
# the same run, on SQLite and on a throwaway MariaDB.
#   tests/perf/bench.sh [BACKENDS] [SECONDS] [CONNECTIONS] [REPEATS] [SCALE]
#   defaults:            "sqlite mysql" 5     32            5         1
# Builds Release, seeds the synthetic portfolio (120 missions, 5,000 properties and 500
# acquisitions, times SCALE; 200 projects and 100,000 expenditures) into each backend, then on
# 127.0.0.1 only:
#   - wrk -t1 -cCONNECTIONS: bare Pistache (/hello, and /big with a body the size of the list
#     page), GET /api/v1/properties/{id} (random ids), GET /api/v1/properties?limit=50, both
#     also with the answer cache off;
#   - mixed load: random ids, and ?mission_id=<random>&limit=50 lists, each while a writer
#     creates a mission every 0.5 s (slow_writer.lua on one more connection);
#   - every report (and its CSV, XLSX and SVG forms) REPEATS times one after another, median;
#   - the server's peak resident memory (VmHWM) after all of it.
# Prints one table per backend with the ratios to bare Pistache and whether each goal of the
# "Operations and performance" issue holds. Everything it starts stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
backends=${1:-sqlite mysql}
duration=${2:-5}
connections=${3:-32}
repeats=${4:-5}
scale=${5:-1}

command -v wrk >/dev/null || {
  echo "installing wrk" >&2
  apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}
cmake -S . -B build/perf -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_WERROR=OFF \
  -DESTATE_BUILD_TESTS=ON >/dev/null
cmake --build build/perf --target estate-server bare_pistache >/dev/null
server=build/perf/api/estate-server
bare=build/perf/tests/perf/bare_pistache

work=$(mktemp -d)
pids=()
mariadb_dir=build/perf/mariadb
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  infra/mariadb.sh stop "$mariadb_dir" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts "$@" in the background; sets $port to the port it reports and $pid to its process.
start() {
  local out="$work/$RANDOM.out"
  "$@" >"$out" 2>"$out.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 200); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$out")
    [ -n "$port" ] && return
    sleep 0.1
  done
  echo "did not start: $*" >&2
  cat "$out.err" >&2
  exit 1
}

# wrk against URL after an unmeasured 2-second warm-up (the same for every endpoint, bare
# Pistache included: connections open, caches fill); sets $rps and $p99 (ms).
measure() {
  local out
  wrk -t1 -c"$connections" -d2s "$@" >/dev/null
  out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency "$@")
  rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; printf "%.1f", v}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  [ -z "$errors" ] || { echo "non-2xx answers during: $*" >&2; exit 1; }
}

verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "yes" : "NO" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d %%", 100 * a / b }'; }

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
  "purchase-plan?as_of=2026-06-30"
  "purchase-plan?as_of=2026-06-30&budget=11500000000"
  "purchase-plan?as_of=2026-06-30&budget=5000000000&format=svg"
  "rent-forecast?as_of=2026-06-30&from_fy=116&to_fy=125"
  "rent-forecast?as_of=2026-06-30&from_fy=116&to_fy=125&renewals=assume&group_by=mission&format=xlsx"
  "data-quality?as_of=2026-06-30"
)

summary=()
for backend in $backends; do
  if [ "$backend" = mysql ]; then
    db=$(infra/mariadb.sh start "$mariadb_dir")
    mariadb --no-defaults -S "$mariadb_dir/mysqld.sock" -u root \
      -e 'DROP DATABASE IF EXISTS estate; CREATE DATABASE estate CHARACTER SET utf8mb4 COLLATE utf8mb4_bin'
    report_goal=150
  else
    db="sqlite:$work/estate.db"
    report_goal=100
  fi
  export ESTATE_DB=$db
  "$server" migrate >/dev/null
  seed_start=$(date +%s.%N)
  "$server" seed-synthetic --missions $((120 * scale)) --properties $((5000 * scale)) \
    --acquisitions $((500 * scale)) --projects 200 --expenditures 100000 --seed 115 >/dev/null
  seed_s=$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  TOKEN=$("$server" token create --user bench --role auditor)
  WRITER_TOKEN=$("$server" token create --user bench-writer --role facilities)
  export TOKEN WRITER_TOKEN PROPERTIES=$((5000 * scale)) MISSIONS=$((120 * scale))

  start "$server" serve --listen 127.0.0.1:0 --threads 2 --workers 4
  api_port=$port api_pid=$pid
  list_url="http://127.0.0.1:$api_port/api/v1/properties?limit=50"
  list_bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $TOKEN" "$list_url")
  start "$bare" 0 2 "$list_bytes"
  bare_port=$port

  measure "http://127.0.0.1:$bare_port/hello"; bare_rps=$rps bare_p99=$p99
  measure "http://127.0.0.1:$bare_port/big"; big_rps=$rps big_p99=$p99
  measure -s tests/perf/random_property.lua "http://127.0.0.1:$api_port"; id_rps=$rps id_p99=$p99
  measure -s tests/perf/bearer.lua "$list_url"; list_rps=$rps list_p99=$p99

  # The same two without the answer cache: every request computes its answer.
  start "$server" serve --listen 127.0.0.1:0 --threads 2 --workers 4 --answer-cache-mb 0
  cold_port=$port cold_pid=$pid
  measure -s tests/perf/random_property.lua "http://127.0.0.1:$cold_port"; cold_id_rps=$rps cold_id_p99=$p99
  measure -s tests/perf/bearer.lua "http://127.0.0.1:$cold_port/api/v1/properties?limit=50"
  cold_list_rps=$rps cold_list_p99=$p99
  kill "$cold_pid"

  # Mixed load: reads while someone saves a record every half second (a new mission each).
  wrk -t1 -c1 -d$((2 * duration + 6))s -s tests/perf/slow_writer.lua \
    "http://127.0.0.1:$api_port/api/v1/missions" >"$work/writer.out" &
  writer_pid=$!
  measure -s tests/perf/random_property.lua "http://127.0.0.1:$api_port"
  mixed_id_rps=$rps mixed_id_p99=$p99
  measure -s tests/perf/random_mission_list.lua "http://127.0.0.1:$api_port"
  mixed_list_rps=$rps mixed_list_p99=$p99
  wait "$writer_pid"
  writes=$(awk '/requests in/ {print $1}' "$work/writer.out")
  ! grep -q "Non-2xx" "$work/writer.out" || { echo "the writer's POSTs failed" >&2; exit 1; }

  if [ "$backend" = mysql ]; then
    id_goal=50 list_goal=40 cold_id_goal=35 cold_list_goal=25 mixed_id_goal=35 mixed_list_goal=25
  else
    id_goal=70 list_goal=60 cold_id_goal=50 cold_list_goal=35 mixed_id_goal=50 mixed_list_goal=40
  fi
  echo
  echo "== $backend: $((120 * scale)) missions, $((5000 * scale)) properties, $((500 * scale))" \
    "acquisitions, 200 projects, 100,000 expenditures (seeded in ${seed_s} s);" \
    "$(nproc) cores; wrk -t1 -c$connections -d${duration}s"
  printf '%-58s %9s %9s %10s %6s\n' "" "req/s" "p99 ms" "of bare" "goal"
  printf '%-58s %9s %9s\n' "bare Pistache /hello" "$bare_rps" "$bare_p99"
  printf '%-58s %9s %9s\n' "bare Pistache, $list_bytes-byte body" "$big_rps" "$big_p99"
  id_pct=$((100 * id_rps / bare_rps)) list_pct=$((100 * list_rps / big_rps))
  printf '%-58s %9s %9s %10s %6s\n' "GET /api/v1/properties/{id}" "$id_rps" "$id_p99" \
    "$id_pct %" "$([ $id_pct -ge $id_goal ] && echo yes || echo NO)"
  printf '%-58s %9s %9s %10s %6s\n' "GET /api/v1/properties?limit=50" "$list_rps" "$list_p99" \
    "$list_pct %" "$([ $list_pct -ge $list_goal ] && echo yes || echo NO)"
  printf '%-58s %9s %9s %10s %6s\n' "p99 of by-id ≤ 10 ms" "" "$id_p99" "" "$(verdict "$id_p99" 10)"
  # "NAME" RPS P99 BARE_RPS GOAL: one line with its ratio to bare and whether it meets GOAL %.
  row() {
    local pct=$((100 * $2 / $4))
    printf '%-58s %9s %9s %10s %6s\n' "$1" "$2" "$3" "$pct %" "$([ $pct -ge "$5" ] && echo yes || echo NO)"
  }
  row "  by id, answer cache off" "$cold_id_rps" "$cold_id_p99" "$bare_rps" "$cold_id_goal"
  row "  list of 50, answer cache off" "$cold_list_rps" "$cold_list_p99" "$big_rps" "$cold_list_goal"
  row "  by id, mixed load ($writes missions created meanwhile)" "$mixed_id_rps" "$mixed_id_p99" \
    "$bare_rps" "$mixed_id_goal"
  row "  ?mission_id=…&limit=50, mixed load" "$mixed_list_rps" "$mixed_list_p99" "$big_rps" \
    "$mixed_list_goal"
  summary+=("$backend by id $id_pct % of bare (goal $id_goal %), list $list_pct % (goal $list_goal %), p99 $id_p99 ms")
  summary+=("$backend cache off: by id $((100 * cold_id_rps / bare_rps)) % (goal $cold_id_goal %), list $((100 * cold_list_rps / big_rps)) % (goal $cold_list_goal %); mixed: by id $((100 * mixed_id_rps / bare_rps)) % (goal $mixed_id_goal %), list $((100 * mixed_list_rps / big_rps)) % (goal $mixed_list_goal %)")

  echo
  printf '%-70s %9s %9s %9s %6s\n' "GET /api/v1/reports/… ($repeats requests each)" "median ms" "max ms" "bytes" "goal"
  for report in "${reports[@]}"; do
    url="http://127.0.0.1:$api_port/api/v1/reports/$report"
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
    [ "$status" = 200 ] || { echo "$report answered $status" >&2; exit 1; }
    line=$(for _ in $(seq "$repeats"); do
      curl -s -o /dev/null -w '%{time_total} %{size_download}\n' -H "Authorization: Bearer $TOKEN" "$url"
    done | sort -n | awk '{ t[NR] = $1 * 1000; size = $2 } END { printf "%.1f %.1f %d", t[int((NR + 1) / 2)], t[NR], size }')
    read -r median slowest bytes <<<"$line"
    printf '%-70s %9s %9s %9s %6s\n' "$report" "$median" "$slowest" "$bytes" "$(verdict "$median" "$report_goal")"
  done
  peak_kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$api_pid/status")
  peak_mib=$((peak_kib / 1024))
  if [ "$backend" = sqlite ]; then rss_goal="$([ $peak_mib -le 64 ] && echo yes || echo NO)"; else rss_goal="-"; fi
  printf '%-70s %9s %9s %9s %6s\n' "peak RSS of estate-server after all of the above (MiB)" "$peak_mib" "" "" "$rss_goal"
  summary+=("$backend peak RSS $peak_mib MiB")

  kill "$api_pid"
  wait "$api_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  pids=()
  [ "$backend" = mysql ] && infra/mariadb.sh stop "$mariadb_dir"
done
echo
printf '%s\n' "${summary[@]}"
