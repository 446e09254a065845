#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL cluster: initdb in a temporary folder, the
# server on a Unix socket in that folder (no port to collide with), run as an unprivileged
# user when started as root (PostgreSQL refuses root), stopped and deleted when the command
# ends. The command sees BINHLUAN_TEST_PG_URL, a superuser URL of the cluster; the server's
# tests make a fresh database in it per test.
#
#   server/tests/pg.sh cargo test -p binhluan-server
#   BINHLUAN_TEST_PG=required server/tests/pg.sh cargo test --workspace
#
# Without PostgreSQL installed the command runs without the URL, and tests that need it fail
# when BINHLUAN_TEST_PG=required (CI) or are skipped with a note otherwise.
set -euo pipefail

bin=""
for dir in "${PG_BIN:-}" /usr/lib/postgresql/*/bin; do
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then bin="$dir"; fi
done
if [ -z "$bin" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
  bin="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bin" ]; then
  echo "pg.sh: no PostgreSQL (initdb, pg_ctl) found; running without it" >&2
  exec "$@"
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/binhluan-pg.XXXXXX")"
as_user=()
if [ "$(id -u)" = 0 ]; then
  user="${PG_USER:-nobody}"
  chown "$user" "$dir"
  as_user=(runuser -u "$user" --)
fi
chmod 700 "$dir"

stop() {
  "${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_user[@]}" "$bin/initdb" -D "$dir/data" -U binhluan --auth=trust --no-sync \
  -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# Loopback only through the socket; enough connections for parallel tests and the bench.
"${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300 \
      -c shared_buffers=128MB ${PG_OPTIONS:-}" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

# The socket folder as the URL's host, percent-encoded.
export BINHLUAN_TEST_PG_URL="postgres://binhluan@${dir//\//%2F}/postgres"
echo "pg.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $dir" >&2
"$@"
