#!/usr/bin/env bash
# The OpenAPI document through the two linters people run on it: Redocly CLI (its recommended
# rules, tests/openapi/redocly.yaml) and Spectral (spectral:oas, tests/openapi/spectral.yaml),
# both from node_modules (package-lock.json). Exit 0 only when each finds no error and no
# warning; otherwise every finding is printed.
#   bash tests/openapi/lint.sh build/test/api/openapi.json
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/../../node_modules/.bin
document=$1
# Neither tool may reach out: no usage reports, no update check.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

failed=0
# Redocly exits non-zero on errors only; its JSON totals count the warnings too.
totals=$("$bin/redocly" lint --config "$here/redocly.yaml" --format json "$document" 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const t=JSON.parse(s).totals;
    console.log(`${t.errors} ${t.warnings}`)})')
if [ "$totals" != "0 0" ]; then
  echo "redocly lint: errors and warnings: ${totals:-none counted (did it run?)}"
  "$bin/redocly" lint --config "$here/redocly.yaml" --max-problems 1000 "$document"
  failed=1
else
  echo "redocly lint: 0 errors, 0 warnings"
fi
if "$bin/spectral" lint --ruleset "$here/spectral.yaml" --fail-severity warn --format text \
  --display-only-failures "$document"; then
  echo "spectral lint: 0 errors, 0 warnings"
else
  echo "spectral lint: findings above"
  failed=1
fi
exit $failed
