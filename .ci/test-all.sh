#!/usr/bin/env bash
# Every check `make test` (and so CI, .ci/run) runs: ruff, the import contracts, the suite on SQLite, then the
# suite again on PostgreSQL.
#
# PostgreSQL: the server at SUPPORTDESK_TEST_PG_URL when it is set (a team's server; its password through
# SUPPORTDESK_SECRET_DB_PASSWORD). Otherwise a throw-away cluster on loopback (.ci/pg-cluster.sh), after
# installing the Debian server when it is missing and we are root. Without either, the PostgreSQL pass is skipped
# with a loud note (the exit status still reflects the SQLite pass).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PYTEST_ARGS=${PYTEST_ARGS:-}
status=0
timings=()

run() {  # run NAME COMMAND...: print a header, time it, remember a failure without stopping
  local name=$1 started=$SECONDS
  shift
  printf '\n==== %s\n' "$name"
  if "$@"; then timings+=("$(printf '%-34s %4ds  ok' "$name" $((SECONDS - started)))")
  else timings+=("$(printf '%-34s %4ds  FAILED' "$name" $((SECONDS - started)))"); status=1
  fi
}

loud() {
  printf '\n%s\n' "**********************************************************************************" >&2
  printf '** %s\n' "$@" >&2
  printf '%s\n\n' "**********************************************************************************" >&2
}

have_server() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }

run "ruff" "$BIN/ruff" check .
run "ruff format" "$BIN/ruff" format --check .
run "import contracts" "$BIN/lint-imports"
# shellcheck disable=SC2086  # PYTEST_ARGS is a list of words
run "pytest on SQLite" env -u SUPPORTDESK_TEST_PG_URL "$BIN/python" -m pytest $PYTEST_ARGS

pg_url=${SUPPORTDESK_TEST_PG_URL:-}
if [ -z "$pg_url" ] && ! have_server && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  printf '\n==== installing the PostgreSQL server (Debian package)\n'
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql \
    >/dev/null || loud "apt-get could not install postgresql"
fi
if [ -z "$pg_url" ] && have_server; then
  eval "$(.ci/pg-cluster.sh start)"
  trap '.ci/pg-cluster.sh stop "$PG_CLUSTER_DIR"' EXIT
  pg_url=$SUPPORTDESK_TEST_PG_URL
fi
if [ -n "$pg_url" ]; then
  # search_index may not import the database layer (import contract), so its tests are the same on both passes.
  # shellcheck disable=SC2086
  run "pytest on PostgreSQL" env SUPPORTDESK_TEST_PG_URL="$pg_url" "$BIN/python" -m pytest \
    --ignore=tests/search_index $PYTEST_ARGS
else
  loud "PostgreSQL NOT TESTED: no server here and no SUPPORTDESK_TEST_PG_URL." \
    "Install it (as root: apt-get install -y --no-install-recommends postgresql) or point" \
    "SUPPORTDESK_TEST_PG_URL at a test database that may be wiped."
  timings+=("$(printf '%-34s %4s   SKIPPED' "pytest on PostgreSQL" -)")
fi

printf '\n==== summary\n'
printf '%s\n' "${timings[@]}"
printf '%-34s %4ds\n' "total" "$SECONDS"
exit $status
