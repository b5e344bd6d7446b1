#!/usr/bin/env bash
# `make run`: migrate and (on an empty database) seed the embedded SQLite register, issue one
# demo token and one demo user per role (new passwords each start), print them with the URL,
# and serve until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${ESTATE_BIN:-build/release/api/estate-server}
export ESTATE_DB=${ESTATE_DB:-sqlite:var/estate.db}
listen=${ESTATE_LISTEN:-127.0.0.1:8080}

"$bin" migrate
"$bin" seed-demo
echo
echo "Demo tokens (new ones each start; use as 'Authorization: Bearer TOKEN'):"
finance_token=
for role in facilities finance auditor admin; do
  "$bin" token revoke --user "demo-$role" 2>/dev/null
  token=$("$bin" token create --user "demo-$role" --role "$role")
  [ "$role" = finance ] && finance_token=$token
  printf '  %-10s %s\n' "$role" "$token"
done
echo
echo "Demo users (sign in at http://$listen/ ; new passwords each start):"
for role in facilities finance auditor admin; do
  password=$("$bin" user create --user "demo-$role" --role "$role" --generate 2>/dev/null ||
    "$bin" user reset-password --user "demo-$role" --generate 2>/dev/null)
  printf '  %-10s user %-16s password %s\n' "$role" "demo-$role" "$password"
done
echo
echo "Mission Estate at http://$listen  (try: curl http://$listen/readyz)"
echo "Reports from the demo data, for example:"
for report in "budget-execution?fiscal_year=115" "earned-value?project_id=1" \
  "earned-value?project_id=1&format=svg" "rent-savings" "ownership?group_by=region" \
  "lease-events?within_days=365"; do
  echo "  curl -H 'Authorization: Bearer $finance_token' 'http://$listen/api/v1/reports/$report'"
done
exec "$bin" serve --listen "$listen"
