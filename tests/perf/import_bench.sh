#!/usr/bin/env bash
# Import benchmark: 5,000 properties with their tenure and leases (and the 50 missions they
# belong to) from one XLSX workbook, by `estate-server import` on an empty database — a dry
# run, the real run, and the same file again (everything unchanged) — on SQLite and, when
# MariaDB can be started, on a throwaway MariaDB. Prints wall time and peak memory (GNU time's
# maximum resident set size) of each. Release build; loopback only; stops what it starts.
#   tests/perf/import_bench.sh [PROPERTIES]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-5000}

cmake -S . -B build/perf -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_WERROR=OFF \
  -DESTATE_BUILD_TESTS=ON >/dev/null
cmake --build build/perf --target estate-server >/dev/null
server=build/perf/api/estate-server
work=$(mktemp -d)
mariadb_dir=build/perf/mariadb-import
cleanup() {
  infra/mariadb.sh stop "$mariadb_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The workbook, written with Debian's python3-openpyxl (write-only mode).
/usr/bin/python3 - "$work/register.xlsx" "$count" <<'PY'
import sys, datetime, openpyxl
path, count = sys.argv[1], int(sys.argv[2])
book = openpyxl.Workbook(write_only=True)
missions = book.create_sheet("missions")
missions.append(["code", "name_en", "name_zh", "country", "city", "region", "type", "currency", "time_zone"])
for m in range(50):
    missions.append([f"M{m:02d}", f"Mission {m}", f"駐外館處{m}", "AU", "Sydney", "east_asia_pacific",
                     "office", "AUD", "Australia/Sydney"])
properties = book.create_sheet("properties")
properties.append(["code", "mission_code", "name", "kind", "address", "floor_area_m2", "status", "agencies"])
tenure = book.create_sheet("tenure")
tenure.append(["property_code", "type", "from", "to"])
leases = book.create_sheet("leases")
leases.append(["property_code", "start", "end", "lessor", "rent", "currency", "period",
               "escalation_kind", "escalation_pct", "notice_days"])
for p in range(count):
    code = f"P{p:05d}"
    properties.append([code, f"M{p % 50:02d}", f"Property {p}", "office", f"{p} George Street",
                       100 + p % 900 + 0.25, "active", "MOFA, MOEA"])
    start = datetime.date(2015 + p % 8, 1 + p % 12, 1)
    tenure.append([code, "leased", start, None])
    leases.append([code, start, datetime.date(start.year + 10, start.month, 1) - datetime.timedelta(days=1),
                   f"Landlord {p}", 5000 + p, "AUD", "monthly", "fixed_pct", 3, 90])
book.save(path)
PY
echo "workbook: $(du -k "$work/register.xlsx" | cut -f1) KiB, $count properties with tenure and leases, 50 missions"

run() {  # label db args...
  local label=$1 db=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" "$server" --db "$db" import "$work/register.xlsx" --user bench "$@" \
    >"$work/report.json" || true
  read -r seconds kib <"$work/time"
  summary=$(/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
s = {x["sheet"]: x for x in r["sheets"]}
print("applied=%s errors=%d properties: create %d update %d unchanged %d" % (
    r["applied"], r["error_count"], s["properties"]["create"], s["properties"]["update"], s["properties"]["unchanged"]))' "$work/report.json")
  printf '%-8s %-22s %8s s %7s MiB  %s\n' "$backend" "$label" "$seconds" "$((kib / 1024))" "$summary"
}

for backend in sqlite mysql; do
  if [ "$backend" = sqlite ]; then
    db="sqlite:$work/estate.db"
  else
    db=$(infra/mariadb.sh start "$mariadb_dir" 2>/dev/null) || { echo "mysql: MariaDB did not start; skipped"; continue; }
  fi
  "$server" --db "$db" migrate >/dev/null
  "$server" --db "$db" token create --user bench --role facilities >/dev/null
  run "dry run" "$db" --dry-run
  run "import" "$db"
  run "same file again" "$db" --dry-run
  "$server" --db "$db" journal verify
  [ "$backend" = mysql ] && infra/mariadb.sh stop "$mariadb_dir" >/dev/null
done
