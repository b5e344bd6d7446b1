#!/usr/bin/env bash
# Installs the Debian 12 packages Mission Estate builds, runs and tests with. Returns at once
# when everything is present; runs `apt-get update` only when something must be installed.
# Needs root (or sudo) only in that case.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libpistache-dev libsoci-dev default-libmysqlclient-dev libsqlite3-dev
  libboost-date-time-dev libhowardhinnant-date-dev tzdata
  nlohmann-json3-dev libssl-dev libcli11-dev libspdlog-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev
  mariadb-server mariadb-client
  sqlite3 curl
  prometheus  # promtool, which checks /metrics in the tests
  clang libclang-rt-14-dev  # the libFuzzer target (infra/fuzz.sh)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "infra/setup.sh: installing ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
