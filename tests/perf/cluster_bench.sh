#!/usr/bin/env bash
# `make bench-cluster`: what scaling out costs and gives, measured in one run on 127.0.0.1.
#   - reads (GET /api/v1/missions/{id}) and writes (POST /api/v1/missions) through HAProxy
#     with two replicas, then with one (the other drained from HAProxy);
#   - the same write straight to one replica on the Galera cluster, and to one estate-server
#     on a single throwaway MariaDB: the price of synchronous replication per write.
# wrk -t1 -c16 for SECONDS (default 10) each. Release build; stops everything it starts. On
# one 2-core machine every process shares the same two cores, so the figures show the shape,
# not what three hosts would do (the README says what to expect there).
#   tests/perf/cluster_bench.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}

command -v wrk >/dev/null || {
  apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}
cmake -S . -B build/perf -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_WERROR=OFF \
  -DESTATE_BUILD_TESTS=ON >/dev/null
cmake --build build/perf --target estate-server >/dev/null
export ESTATE_SERVER
ESTATE_SERVER=$(realpath build/perf/api/estate-server)
export ESTATE_CLUSTER_DIR=build/perf/cluster
single_dir=build/perf/mariadb-single
single_pid=
cleanup() {
  [[ -n "$single_pid" ]] && kill "$single_pid" 2>/dev/null || true
  infra/cluster.sh down || true
  infra/mariadb.sh stop "$single_dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT

infra/cluster.sh down
url=$(infra/cluster.sh up | tail -1)
token=$("$ESTATE_SERVER" --db "$(infra/cluster.sh db-url 1)" token create --user bench --role facilities)
export TOKEN=$token
# Something to read.
for i in $(seq 1 20); do
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    -d "{\"code\":\"R$i\",\"name_en\":\"Read $i\",\"name_zh\":\"讀\",\"country\":\"AU\",\"city\":\"Sydney\",\"region\":\"east_asia_pacific\",\"type\":\"office\",\"currency\":\"AUD\",\"time_zone\":\"Australia/Sydney\"}" \
    "$url/api/v1/missions"
done

measure() {  # label url script [prefix]
  local out
  out=$(PREFIX=${4:-B} wrk -t1 -c16 -d"${seconds}s" --latency -s "tests/perf/$3" "$2" 2>&1)
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-58s %10s %9s %9s %8s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

printf '%-58s %10s %9s %9s %8s\n' "" "req/s" "p50" "p99" "non-2xx"
measure "read through HAProxy, 2 replicas" "$url/api/v1/missions/1" bearer.lua
measure "write through HAProxy, 2 replicas" "$url/api/v1/missions" post_mission.lua W2
echo "disable server replicas/replica2" | socat stdio "unix-connect:$ESTATE_CLUSTER_DIR/haproxy.sock" >/dev/null
measure "read through HAProxy, 1 replica" "$url/api/v1/missions/1" bearer.lua
measure "write through HAProxy, 1 replica" "$url/api/v1/missions" post_mission.lua W1
echo "enable server replicas/replica2" | socat stdio "unix-connect:$ESTATE_CLUSTER_DIR/haproxy.sock" >/dev/null
measure "write to one replica on Galera (no HAProxy in front)" "$(infra/cluster.sh replica-url 1)/api/v1/missions" post_mission.lua G
infra/cluster.sh down

single=$(infra/mariadb.sh start "$single_dir")
mariadb --no-defaults -S "$single_dir/mysqld.sock" -u root -e "DROP DATABASE IF EXISTS estate; CREATE DATABASE estate CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" 
"$ESTATE_SERVER" --db "$single" migrate >/dev/null
TOKEN=$("$ESTATE_SERVER" --db "$single" token create --user bench --role facilities)
export TOKEN
"$ESTATE_SERVER" --db "$single" serve --listen 127.0.0.1:34199 >/dev/null 2>&1 &
single_pid=$!
for _ in $(seq 1 40); do curl -fs http://127.0.0.1:34199/readyz >/dev/null 2>&1 && break; sleep 0.25; done
measure "write to one estate-server on a single MariaDB" "http://127.0.0.1:34199/api/v1/missions" post_mission.lua S
