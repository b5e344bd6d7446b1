#!/usr/bin/env bash
# Installs the Debian 12 packages Mission Estate builds, runs and tests with. Returns at once
# when everything is present; runs `apt-get update` only when something must be installed.
# Needs root (or sudo) only in that case.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libpistache-dev libsoci-dev default-libmysqlclient-dev libsqlite3-dev
  libboost-date-time-dev libhowardhinnant-date-dev tzdata
  nlohmann-json3-dev libssl-dev libcli11-dev libspdlog-dev libxlsxwriter-dev libsodium-dev
  libgtest-dev libgmock-dev
  mariadb-server mariadb-client
  sqlite3 curl
  time  # GNU time: the import benchmark's peak memory
  prometheus  # promtool, which checks /metrics in the tests
  clang libclang-rt-14-dev  # the libFuzzer target (infra/fuzz.sh)
  chromium  # the browser the web client's journeys run in (tests/ui)
  fonts-noto-cjk  # Chinese glyphs, so the journeys' screenshots and printed PDFs show 中文
  python3-openpyxl poppler-utils  # the journeys read downloaded XLSX and printed PDF back
  python3-icalendar  # the calendar feed is read back with a real RFC 5545 parser
  libical-dev  # and checked by libical, the reference C implementation (unit tests)
  libminizip-dev  # which Office format a zipped document is (XLSX or DOCX); reading imports
  libexpat1-dev  # the XML inside imported workbooks, streamed, with DTDs refused
  libicu-dev  # user names normalised (NFKC, case folding); file names stripped of bidi controls
  python3-zxcvbn  # its list of common passwords (MIT) is built into the password rules
  galera-4 haproxy rsync socat  # make test-cluster: Galera nodes (rsync state transfer), HAProxy
  libcurl4-openssl-dev  # e-mail alerts: SMTP to the relay (--smtp-url)
  python3-aiosmtpd  # the tests' SMTP sink on loopback, which receives the alerts
)

# Node.js (Debian's, unless one is already on the PATH) and the JavaScript tools the tests
# use, exactly as package-lock.json pins them; npm ci runs again when the lock file changes.
npm_packages() {
  if ! command -v npm >/dev/null; then
    echo "infra/setup.sh: installing nodejs npm" >&2
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null ||
      { "${sudo[@]}" apt-get update -qq &&
        "${sudo[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
  fi
  cd "$(dirname "$0")/.."
  local stamp=node_modules/.estate-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    echo "infra/setup.sh: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    echo "$want" >"$stamp"
  fi
}

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  npm_packages
  exit 0
fi

echo "infra/setup.sh: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
npm_packages
