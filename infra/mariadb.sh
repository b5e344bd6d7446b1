#!/usr/bin/env bash
# A throwaway MariaDB for development and tests: its own data directory, loopback only, no
# systemd. Usage:
#   infra/mariadb.sh start [DIR]   start (initialising DIR on first use); prints the URL
#   infra/mariadb.sh stop  [DIR]   stop it and remove DIR
#   infra/mariadb.sh url   [DIR]   print the URL of a running one
# DIR defaults to build/mariadb. The port is ESTATE_MARIADB_PORT, or the first free port from
# 23306 up (below the ephemeral range 32768–60999: under load an outgoing connection can hold
# a port there, and mariadbd cannot bind it). The URL names a user `estate` that may create and
# drop the test databases.
set -euo pipefail

cmd=${1:-}
dir=$(realpath -m "${2:-build/mariadb}")
data="$dir/data" sock="$dir/mysqld.sock" pidfile="$dir/mysqld.pid" portfile="$dir/port"
log="$dir/mysqld.log"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

url() { echo "mysql://estate:estate@127.0.0.1:$(cat "$portfile")/estate"; }

start() {
  mkdir -p "$dir"
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    url
    return
  fi
  # Its own temporary folder: two servers bootstrapping at once must not share /tmp's names.
  mkdir -p "$dir/tmp"
  if [[ ! -d "$data/mysql" ]]; then
    mkdir -p "$data"
    mariadb-install-db --no-defaults --datadir="$data" --auth-root-authentication-method=normal \
      --skip-test-db --user="$(id -un)" --tmpdir="$dir/tmp" >"$dir/install.log" 2>&1 ||
      { cat "$dir/install.log" >&2; exit 1; }
  fi
  local port=${ESTATE_MARIADB_PORT:-}
  if [[ -z "$port" ]]; then
    port=23306
    while port_in_use "$port"; do port=$((port + 1)); done
  fi
  echo "$port" >"$portfile"
  mariadbd --no-defaults --datadir="$data" --socket="$sock" --pid-file="$pidfile" \
    --port="$port" --bind-address=127.0.0.1 --user="$(id -un)" --skip-name-resolve \
    --tmpdir="$dir/tmp" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 \
    --log-error="$log" >/dev/null 2>&1 &
  for _ in $(seq 1 120); do
    if mariadb --no-defaults -S "$sock" -u root -e 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 0.25
  done
  mariadb --no-defaults -S "$sock" -u root -e 'SELECT 1' >/dev/null 2>&1 ||
    { echo "mariadb did not start; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  mariadb --no-defaults -S "$sock" -u root <<'SQL'
CREATE DATABASE IF NOT EXISTS estate CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'estate'@'127.0.0.1' IDENTIFIED BY 'estate';
GRANT ALL PRIVILEGES ON *.* TO 'estate'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
  url
}

stop() {
  if [[ -f "$pidfile" ]]; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url [DIR]" >&2; exit 2 ;;
esac
