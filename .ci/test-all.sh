#!/usr/bin/env bash
# Every check `make test` (and so CI, .ci/run) runs: ruff, the import contracts, the suite on SQLite and the suite
# again on PostgreSQL (side by side on two cores or more; PARALLEL=0 runs them one after the other).
#
# The two passes speak the desk's two languages: SQLite in English, PostgreSQL in Japanese (SUPPORTDESK_TEST_LANG,
# read by tests/conftest.py), so every test runs in both languages once at no extra cost. Snapshot tests take both
# languages in each pass whatever it speaks.
#
# PostgreSQL: the server at SUPPORTDESK_TEST_PG_URL when it is set (a team's test server, wiped by the tests; its
# password in PGPASSWORD or ~/.pgpass, since the tests keep the secret store empty). Otherwise a throw-away
# cluster on loopback (.ci/pg-cluster.sh), after installing the Debian server when it is missing and we are root.
# Without either, the PostgreSQL pass is skipped with a loud note (the exit status reflects the SQLite pass).
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

work=$(mktemp -d /tmp/supportdesk-ci.XXXXXX)

# The installed-wheel check (.ci/wheel-check.sh) mostly waits on pip unpacking files, so it runs in the background
# from the start and its result is collected at the end.
wheel_started=$SECONDS
(.ci/wheel-check.sh >"$work/wheel.log" 2>&1 && echo 0 >"$work/wheel.rc" || echo 1 >"$work/wheel.rc"
  echo $((SECONDS - wheel_started)) >"$work/wheel.s") &

run "ruff" "$BIN/ruff" check .
run "ruff format" "$BIN/ruff" format --check .
run "import contracts" "$BIN/lint-imports"
run "mypy" "$BIN/mypy"
run "declared dependencies" "$BIN/python" .ci/undeclared_imports.py .
cleanup() {
  local pid
  for pid in $(jobs -p); do  # a pass still running in the background (an interrupted run)
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "${PG_CLUSTER_DIR:-}" ]; then .ci/pg-cluster.sh stop "$PG_CLUSTER_DIR"; fi
  if [ -n "${MAIL_SERVERS_DIR:-}" ]; then .ci/mail-servers.sh stop "$MAIL_SERVERS_DIR"; fi
  rm -rf "$work"
}
trap cleanup EXIT

pg_url=${SUPPORTDESK_TEST_PG_URL:-}
# Real servers the tests talk to, from Debian when missing and we are root: the PostgreSQL server, and Chromium (a
# headless browser for `supportdesk serve`, tests/screens/test_in_a_browser.py). One apt-get run for both.
missing=()
if [ -z "$pg_url" ] && ! have_server; then missing+=(postgresql); fi
if ! command -v chromium >/dev/null; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  printf '\n==== installing %s (Debian packages)\n' "${missing[*]}"
  # One apt at a time: two suites started together (or CI beside a person's run) would race for apt's lock.
  flock /tmp/supportdesk-apt.lock sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@"' apt "${missing[@]}" \
    >/dev/null || loud "apt-get could not install ${missing[*]}"
fi
if ! command -v chromium >/dev/null; then
  loud "BROWSER NOT TESTED: no chromium here (as root: apt-get install -y --no-install-recommends chromium)."
fi
if [ -z "$pg_url" ] && have_server; then
  eval "$(.ci/pg-cluster.sh start)"
  pg_url=$SUPPORTDESK_TEST_PG_URL
fi

# The mail tests talk to a real Dovecot (IMAP) on loopback, shared by both passes (each test has its own folder);
# .ci/mail-servers.sh installs dovecot-imapd when it is missing and we are root. SMTP is aiosmtpd, run by the tests.
if [ -z "${SUPPORTDESK_TEST_IMAP:-}" ]; then
  if mail_env=$(.ci/mail-servers.sh start); then eval "$mail_env"; else loud "Dovecot could not be started: the IMAP tests will be skipped"; fi
fi

# Each pass mostly keeps one core busy, so with two cores they run side by side; the SQLite pass then writes to a
# log that is printed when it ends.
parallel=${PARALLEL:-$([ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] && [ -n "$pg_url" ] && echo 1 || echo 0)}
# shellcheck disable=SC2086  # PYTEST_ARGS is a list of words
sqlite_pass() {
  env -u SUPPORTDESK_TEST_PG_URL SUPPORTDESK_TEST_LANG=en "$BIN/python" -m pytest --basetemp="$work/sqlite" $PYTEST_ARGS
}
# search_index may not import the database layer (import contract), so its tests are the same on both passes.
# shellcheck disable=SC2086
pg_pass() {
  env SUPPORTDESK_TEST_PG_URL="$pg_url" SUPPORTDESK_TEST_LANG=ja "$BIN/python" -m pytest --basetemp="$work/pg" \
    -p no:cacheprovider --ignore=tests/search_index $PYTEST_ARGS
}

if [ "$parallel" = 1 ]; then
  started=$(date +%s)
  (
    sqlite_pass >"$work/sqlite.log" 2>&1 && echo 0 >"$work/sqlite.rc" || echo 1 >"$work/sqlite.rc"
    echo $(($(date +%s) - started)) >"$work/sqlite.s"
  ) &
  run "pytest on PostgreSQL (ja)" pg_pass
  wait
  printf '\n==== pytest on SQLite (en, ran alongside)\n'
  cat "$work/sqlite.log"
  if [ "$(cat "$work/sqlite.rc")" = 0 ]; then result=ok; else result=FAILED; status=1; fi
  timings+=("$(printf '%-34s %4ds  %s' "pytest on SQLite (en, alongside)" "$(cat "$work/sqlite.s")" "$result")")
else
  run "pytest on SQLite (en)" sqlite_pass
  if [ -n "$pg_url" ]; then run "pytest on PostgreSQL (ja)" pg_pass; fi
fi
if [ -z "$pg_url" ]; then
  loud "PostgreSQL NOT TESTED (nor the suite in Japanese): no server here and no SUPPORTDESK_TEST_PG_URL." \
    "Install it (as root: apt-get install -y --no-install-recommends postgresql) or point" \
    "SUPPORTDESK_TEST_PG_URL at a test database that may be wiped."
  timings+=("$(printf '%-34s %4s   SKIPPED' "pytest on PostgreSQL (ja)" -)")
fi

wait
printf '\n==== installed wheel (ran alongside)\n'
cat "$work/wheel.log"
if [ "$(cat "$work/wheel.rc")" = 0 ]; then result=ok; else result=FAILED; status=1; fi
timings+=("$(printf '%-34s %4ds  %s' "installed wheel (alongside)" "$(cat "$work/wheel.s")" "$result")")

printf '\n==== summary\n'
printf '%s\n' "${timings[@]}"
printf '%-34s %4ds\n' "total" "$SECONDS"
exit $status
