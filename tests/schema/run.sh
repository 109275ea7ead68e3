#!/usr/bin/env bash
# Schema-driven API test: schemathesis (PyPI) generates requests from the
# collector's own OpenAPI document, valid and invalid, and checks that no
# answer is a 5xx and every answer matches the documented status codes and
# schemas. Bounded in time. Installs schemathesis and openapi-spec-validator
# with pip when missing, and validates the document itself first.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${NPS_COLLECTOR_BIN:-target/debug/nps-collector}
budget=${SCHEMATHESIS_SECONDS:-60}

if ! command -v schemathesis >/dev/null; then
  echo "==> pip install schemathesis"
  python3 -m pip install --quiet --disable-pip-version-check schemathesis
fi
if ! python3 -c 'import openapi_spec_validator' 2>/dev/null; then
  echo "==> pip install openapi-spec-validator"
  python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator
fi

work=$(mktemp -d)
cleanup() {
  if [ -n "${SERVE_PID:-}" ]; then
    kill "$SERVE_PID" 2>/dev/null || true
    wait "$SERVE_PID" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The shared launcher (tests/support/collector.mjs) on a temp SQLite
# database; its first line is the address, once the collector is bound.
coproc SERVE { exec node tests/support/serve.mjs --bin "$bin" --admin-token schema-admin-token --no-rate-limits; }
read -r -u "${SERVE[0]}" line || { echo "the collector did not start" >&2; exit 1; }
base=${line#listening on }

# A standard validator first: a generated client must be able to use the
# document (every parameter where it really goes, every $ref resolvable).
curl -fsS "$base/api/v1/openapi.json" -o "$work/openapi.json"
python3 -m openapi_spec_validator "$work/openapi.json"

# The admin token is sent everywhere, so admin routes are explored beyond
# their 401. Checks: no 5xx, statuses and bodies as documented.
schemathesis run "$base/api/v1/openapi.json" \
  --url "$base" \
  --header "Authorization: Bearer schema-admin-token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-time "$budget" \
  --workers 2 \
  --suppress-health-check all \
  --no-color 2>&1 | tee "$work/report" | tail -n 120
