#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL cluster on loopback for the test suite.
#   eval "$(.ci/pg-cluster.sh start)"   exports SUPPORTDESK_TEST_PG_URL and PG_CLUSTER_DIR
#   .ci/pg-cluster.sh stop "$PG_CLUSTER_DIR"
# Trust authentication on 127.0.0.1 only, fsync off: for tests, never for data anyone keeps.
# PG_FSYNC=on keeps fsync on (the benchmarks: bench/side_by_side.py).
set -euo pipefail
cmd=${1:-}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL server not installed: apt-get update && apt-get install -y --no-install-recommends postgresql" >&2
  exit 1
fi
# From / as postgres: a checkout under a 0700 directory (mktemp -d) is not its to enter, and runuser says so.
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
case "$cmd" in
  start)
    dir=$(mktemp -d /tmp/supportdesk-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=${PG_FSYNC:-off}" start >/dev/null
    as_pg "$bindir/createdb" -h "$dir" -p "$port" -U postgres supportdesk_test
    echo "export PG_CLUSTER_DIR=$dir"
    echo "export SUPPORTDESK_TEST_PG_URL=postgresql://postgres@127.0.0.1:$port/supportdesk_test"
    ;;
  stop)
    dir=${2:?cluster dir}
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
