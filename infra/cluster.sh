#!/usr/bin/env bash
# Mission Estate scaled out on one machine, all on 127.0.0.1, no systemd: a three-node MariaDB
# Galera cluster (synchronous multi-primary replication), two stateless estate-server replicas,
# and HAProxy in front of both tiers — an HTTP frontend over the replicas (health: /readyz)
# and a TCP frontend over the nodes that the replicas' database URL names (one node writes,
# the others stand by with every write), so a replica survives the loss of any one node. The same layout, on three hosts, is the deployment the
# README describes.
#
#   infra/cluster.sh up              start everything (initialising on first use); waits for three
#                                    synced nodes and two ready replicas; prints the service URL
#                                    (HAProxy) alone on its last line
#   infra/cluster.sh down            stop everything it started (also after a failure) and remove
#                                    the directory
#   infra/cluster.sh status          each part: running or not, a node's wsrep state
#   infra/cluster.sh db-url N        a mysql:// URL of node N (1-3), e.g. for token create --db
#   infra/cluster.sh replica-url N   the URL of replica N (1-2) itself, not through HAProxy
#   infra/cluster.sh kill-node N     SIGKILL database node N
#   infra/cluster.sh start-node N    restart node N from its recovered position (rejoins by IST);
#                                    prints the seconds it took to be synced again
#   infra/cluster.sh kill-replica N  SIGKILL estate-server replica N (1-2)
#   infra/cluster.sh start-replica N restart replica N; waits until it is ready
#
# Settings (environment): ESTATE_CLUSTER_DIR (build/cluster, or /tmp/estate-cluster when user
# mysql cannot reach build/), ESTATE_SERVER (the estate-server
# binary; default build/release/api/estate-server, else build/dev/...), ESTATE_CLUSTER_PORT
# (the first of the ports it uses, default 24000: below the kernel's ephemeral range
# 32768–60999, where under load an outgoing connection can hold a port a node then cannot
# bind; each node takes 4, each replica 1, HAProxy 3; the first free block of 100 from there
# is chosen at `up` and remembered).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$(realpath -m "${ESTATE_CLUSTER_DIR:-build/cluster}")
# As root the nodes run as `mysql`, which must reach their folders: a clone under a private
# home folder cannot host them, so the default moves to /tmp there.
if [[ -z "${ESTATE_CLUSTER_DIR:-}" && $(id -u) == 0 ]]; then
  mkdir -p "$(dirname "$dir")"
  runuser -u mysql -- test -x "$(dirname "$dir")" 2>/dev/null || dir=/tmp/estate-cluster
fi
cmd=${1:-}
arg=${2:-}

server=${ESTATE_SERVER:-}
if [[ -z "$server" ]]; then
  for candidate in build/release/api/estate-server build/dev/api/estate-server; do
    [[ -x "$candidate" ]] && { server=$(realpath "$candidate"); break; }
  done
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }

# ---- ports: one block, remembered in $dir/ports ----

choose_ports() {
  local base=${ESTATE_CLUSTER_PORT:-24000}
  for _ in $(seq 1 20); do
    local busy=0
    for offset in 0 1 2 3 10 11 12 13 20 21 22 23 41 42 50 51 52; do
      if port_in_use $((base + offset)); then busy=1; break; fi
    done
    [[ $busy == 0 ]] && { echo "$base" >"$dir/ports"; return; }
    base=$((base + 100))
  done
  die "no free block of ports from ${ESTATE_CLUSTER_PORT:-24000}"
}
base() { cat "$dir/ports"; }
sql_port() { echo $(($(base) + ($1 - 1) * 10)); }
gcomm_port() { echo $(($(base) + ($1 - 1) * 10 + 1)); }
ist_port() { echo $(($(base) + ($1 - 1) * 10 + 2)); }
sst_port() { echo $(($(base) + ($1 - 1) * 10 + 3)); }
replica_port() { echo $(($(base) + 40 + $1)); }
http_port() { echo $(($(base) + 50)); }
proxy_sql_port() { echo $(($(base) + 51)); }
stats_port() { echo $(($(base) + 52)); }

service_url() { echo "http://127.0.0.1:$(http_port)"; }
node_url() { echo "mysql://estate:estate@127.0.0.1:$(sql_port "$1")/estate"; }
proxy_url() { echo "mysql://estate:estate@127.0.0.1:$(proxy_sql_port)/estate"; }

# ---- database nodes ----

# mariadbd as root cannot receive an rsync state transfer (the receiving rsync drops to
# nobody), so as root the nodes run as `mysql` and own their directories.
db_user() { [[ $(id -u) == 0 ]] && echo mysql || id -un; }

node_dir() { echo "$dir/node$1"; }
node_sock() { echo "$(node_dir "$1")/mysqld.sock"; }
# The process started last (mariadbd writes its own pid file only once it is up).
node_pid() { cat "$(node_dir "$1")/launched.pid" 2>/dev/null || true; }
node_running() { local p; p=$(node_pid "$1"); [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }
node_sql() { mariadb --no-defaults -S "$(node_sock "$1")" -u root -N -B -e "$2" 2>/dev/null; }
node_state() { node_sql "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" | cut -f2; }
node_size() { node_sql "$1" "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2; }

write_node_config() {
  local n=$1 d peers
  d=$(node_dir "$n")
  peers="127.0.0.1:$(gcomm_port 1),127.0.0.1:$(gcomm_port 2),127.0.0.1:$(gcomm_port 3)"
  mkdir -p "$d/data" "$d/tmp"
  cat >"$d/my.cnf" <<EOF
[mariadbd]
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/mysqld.log
tmpdir=$d/tmp
port=$(sql_port "$n")
bind-address=127.0.0.1
user=$(db_user)
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_bin
innodb-buffer-pool-size=64M
# Durability comes from replication: a commit is certified on every node before it returns.
innodb-flush-log-at-trx-commit=2
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=estate
wsrep_cluster_address=gcomm://$peers
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(gcomm_port "$n")
wsrep_provider_options="base_port=$(gcomm_port "$n");gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=128M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(sst_port "$n")
# A read waits until this node has applied every write certified before it, so a request
# sees what the previous request wrote, whichever node either went to.
wsrep_sync_wait=1
EOF
  [[ $(id -u) == 0 ]] && chown -R mysql:mysql "$d"
  if [[ ! -d "$d/data/mysql" ]]; then
    mariadb-install-db --no-defaults --datadir="$d/data" --auth-root-authentication-method=normal \
      --skip-test-db --user="$(db_user)" --tmpdir="$d/tmp" >"$d/install.log" 2>&1 ||
      { cat "$d/install.log" >&2; die "mariadb-install-db failed for node $n"; }
  fi
  [[ $(id -u) == 0 ]] && chown -R mysql:mysql "$d"
  return 0
}

wait_synced() {  # node, seconds
  local n=$1 limit=$2
  for _ in $(seq 1 $((limit * 4))); do
    if [[ "$(node_state "$n")" == Synced ]]; then return 0; fi
    node_running "$n" || { tail -30 "$(node_dir "$n")/mysqld.log" >&2; die "node $n stopped"; }
    sleep 0.25
  done
  tail -30 "$(node_dir "$n")/mysqld.log" >&2
  die "node $n not synced after $limit s"
}

start_node() {  # node [extra mariadbd options...]
  local n=$1
  shift
  mariadbd --defaults-file="$(node_dir "$n")/my.cnf" "$@" >/dev/null 2>&1 &
  echo $! >"$(node_dir "$n")/launched.pid"
}

# After SIGKILL the node's grastate.dat has no position; recover it from InnoDB, so the node
# asks for the writes it missed (IST) instead of a full copy (SST).
recovered_position() {
  local n=$1 d
  d=$(node_dir "$n")
  : >"$d/recover.log"
  [[ $(id -u) == 0 ]] && chown mysql:mysql "$d/recover.log"
  mariadbd --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/recover.log" >/dev/null 2>&1 || true
  grep -o 'Recovered position: [^ ]*' "$d/recover.log" | tail -1 | awk '{print $3}'
}

# ---- replicas ----

replica_dir() { echo "$dir/replica$1"; }
replica_pid() { cat "$(replica_dir "$1")/pid" 2>/dev/null || true; }
replica_running() { local p; p=$(replica_pid "$1"); [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }

start_replica() {
  local n=$1 d
  d=$(replica_dir "$n")
  mkdir -p "$d"
  # Several writers certify against each other: an aborted transaction is run again, so
  # give it more attempts than a single database needs.
  "$server" --db "$(proxy_url)" --db-write-attempts 8 serve --listen "127.0.0.1:$(replica_port "$n")" \
    >>"$d/server.log" 2>&1 &
  echo $! >"$d/pid"
}

wait_ready() {  # replica, seconds
  local n=$1 limit=$2
  for _ in $(seq 1 $((limit * 4))); do
    if curl -fs "http://127.0.0.1:$(replica_port "$n")/readyz" >/dev/null 2>&1; then return 0; fi
    replica_running "$n" || { tail -20 "$(replica_dir "$n")/server.log" >&2; die "replica $n stopped"; }
    sleep 0.25
  done
  die "replica $n not ready after $limit s"
}

# ---- HAProxy ----

write_haproxy_config() {
  # What a client sees while no replica can answer (or one died mid-request): the service's
  # own 503, a problem document with Retry-After, never a bare 502.
  printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"no replica could answer; try again"}\n' \
    >"$dir/503.http"
  cat >"$dir/haproxy.cfg" <<EOF
global
  maxconn 4096
  stats socket $dir/haproxy.sock mode 600 level admin

defaults
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 1s
  retries 2

# The service: two stateless replicas; a replica whose /readyz fails leaves the rotation
# within a second, and a request that could not reach one goes to the other.
frontend estate_http
  bind 127.0.0.1:$(http_port)
  mode http
  option forwardfor
  default_backend replicas

backend replicas
  mode http
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  option redispatch
  retry-on conn-failure empty-response response-timeout
  default-server inter 500ms fall 2 rise 2
  errorfile 502 $dir/503.http
  errorfile 503 $dir/503.http
  errorfile 504 $dir/503.http
  server replica1 127.0.0.1:$(replica_port 1) check
  server replica2 127.0.0.1:$(replica_port 2) check

# The database: one node takes the connections while it is up, the next when it is not. Every
# write goes through the journal's one head row, so writers on two nodes would lose
# certification to each other and run again (correct, but slower); on one node they queue on
# the row's lock instead. Any node can take over at once: all three hold every write.
listen galera
  bind 127.0.0.1:$(proxy_sql_port)
  mode tcp
  balance first
  option tcp-check
  default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
  server node1 127.0.0.1:$(sql_port 1) check
  server node2 127.0.0.1:$(sql_port 2) check
  server node3 127.0.0.1:$(sql_port 3) check

listen stats
  bind 127.0.0.1:$(stats_port)
  mode http
  stats enable
  stats uri /
EOF
}

haproxy_running() { [[ -f "$dir/haproxy.pid" ]] && kill -0 "$(cat "$dir/haproxy.pid")" 2>/dev/null; }

# ---- commands ----

up() {
  command -v haproxy >/dev/null || die "haproxy is not installed (infra/setup.sh installs it)"
  [[ -f /usr/lib/galera/libgalera_smm.so ]] || die "galera-4 is not installed (infra/setup.sh)"
  [[ -x "$server" ]] || die "no estate-server binary: build one or set ESTATE_SERVER"
  mkdir -p "$dir"
  [[ -f "$dir/ports" ]] || choose_ports
  # mariadbd runs as mysql: it must be able to reach its directory.
  if [[ $(id -u) == 0 ]]; then
    chmod o+x "$dir"
    runuser -u mysql -- test -x "$dir" ||
      die "user mysql cannot reach $dir (a parent folder is private): set ESTATE_CLUSTER_DIR under /tmp"
  fi
  local started
  started=$(date +%s)
  for n in 1 2 3; do write_node_config "$n"; done
  if ! node_running 1; then
    log "bootstrapping node 1"
    start_node 1 --wsrep-new-cluster
  fi
  wait_synced 1 60
  node_sql 1 "CREATE DATABASE IF NOT EXISTS estate CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
    CREATE USER IF NOT EXISTS 'estate'@'127.0.0.1' IDENTIFIED BY 'estate';
    GRANT ALL PRIVILEGES ON *.* TO 'estate'@'127.0.0.1';" ||
    die "could not create the estate database and user"
  for n in 2 3; do
    if ! node_running "$n"; then
      log "node $n joins (state transfer)"
      start_node "$n"
    fi
    wait_synced "$n" 120
  done
  [[ "$(node_size 1)" == 3 ]] || die "the cluster has $(node_size 1) nodes, not 3"
  "$server" --db "$(node_url 1)" migrate >/dev/null
  write_haproxy_config
  haproxy_running || haproxy -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid" ||
    die "haproxy did not start"
  for n in 1 2; do replica_running "$n" || start_replica "$n"; done
  for n in 1 2; do wait_ready "$n" 60; done
  # HAProxy has seen both replicas healthy.
  for _ in $(seq 1 40); do
    curl -fs "$(service_url)/readyz" >/dev/null 2>&1 && break
    sleep 0.25
  done
  log "up in $(($(date +%s) - started)) s: 3 synced nodes, 2 ready replicas"
  service_url
}

down() {
  [[ -d "$dir" ]] || return 0
  for n in 1 2; do
    replica_running "$n" && kill "$(replica_pid "$n")" 2>/dev/null || true
  done
  haproxy_running && kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
  for n in 3 2 1; do
    if node_running "$n"; then kill "$(node_pid "$n")" 2>/dev/null || true; fi
  done
  for _ in $(seq 1 120); do
    local alive=0
    for n in 1 2 3; do node_running "$n" && alive=1; done
    for n in 1 2; do replica_running "$n" && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.25
  done
  for n in 1 2 3; do node_running "$n" && kill -9 "$(node_pid "$n")" 2>/dev/null || true; done
  for n in 1 2; do replica_running "$n" && kill -9 "$(replica_pid "$n")" 2>/dev/null || true; done
  rm -rf "$dir"
}

status() {
  [[ -f "$dir/ports" ]] || { echo "not set up ($dir)"; return 0; }
  for n in 1 2 3; do
    if node_running "$n"; then
      echo "node $n      running  127.0.0.1:$(sql_port "$n")  $(node_state "$n"), cluster size $(node_size "$n")"
    else
      echo "node $n      stopped"
    fi
  done
  for n in 1 2; do
    if replica_running "$n"; then
      local ready=not-ready
      curl -fs "http://127.0.0.1:$(replica_port "$n")/readyz" >/dev/null 2>&1 && ready=ready
      echo "replica $n   running  127.0.0.1:$(replica_port "$n")  $ready"
    else
      echo "replica $n   stopped"
    fi
  done
  if haproxy_running; then
    echo "haproxy     running  $(service_url) (HTTP), 127.0.0.1:$(proxy_sql_port) (SQL), stats on :$(stats_port)"
  else
    echo "haproxy     stopped"
  fi
}

check_number() { [[ "$1" =~ ^[1-$2]$ ]] || die "expected a number from 1 to $2, got '$1'"; }

case "$cmd" in
  up) up ;;
  down) down ;;
  status) status ;;
  db-url) check_number "$arg" 3; node_url "$arg" ;;
  replica-url) check_number "$arg" 2; echo "http://127.0.0.1:$(replica_port "$arg")" ;;
  kill-node)
    check_number "$arg" 3
    if node_running "$arg"; then kill -9 "$(node_pid "$arg")"; fi
    while node_running "$arg"; do sleep 0.05; done
    ;;
  start-node)
    check_number "$arg" 3
    node_running "$arg" && { echo 0; exit 0; }
    began=$(date +%s.%N)
    position=$(recovered_position "$arg")
    if [[ -n "$position" ]]; then start_node "$arg" --wsrep-start-position="$position"; else start_node "$arg"; fi
    wait_synced "$arg" 120
    awk -v a="$began" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f\n", b - a }'
    ;;
  kill-replica)
    check_number "$arg" 2
    if replica_running "$arg"; then kill -9 "$(replica_pid "$arg")"; fi
    while replica_running "$arg"; do sleep 0.05; done
    ;;
  start-replica)
    check_number "$arg" 2
    replica_running "$arg" || start_replica "$arg"
    wait_ready "$arg" 60
    ;;
  *) sed -n '2,27p' "$0" >&2; exit 2 ;;
esac
