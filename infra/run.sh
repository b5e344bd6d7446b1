#!/usr/bin/env bash
# `make run`: migrate and (on an empty database) seed the embedded SQLite register, issue one
# demo token per role, print them with the URL, and serve until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${ESTATE_BIN:-build/release/api/estate-server}
export ESTATE_DB=${ESTATE_DB:-sqlite:var/estate.db}
listen=${ESTATE_LISTEN:-127.0.0.1:8080}

"$bin" migrate
"$bin" seed-demo
echo
echo "Demo tokens (new ones each start; use as 'Authorization: Bearer TOKEN'):"
for role in facilities finance auditor admin; do
  "$bin" token revoke --user "demo-$role" 2>/dev/null
  printf '  %-10s %s\n' "$role" "$("$bin" token create --user "demo-$role" --role "$role")"
done
echo
echo "Mission Estate at http://$listen  (try: curl http://$listen/readyz)"
exec "$bin" serve --listen "$listen"
