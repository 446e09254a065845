#!/usr/bin/env bash
# Bounded load measurement of binhluan-server on loopback: valid POSTs, then GETs of the
# first page of the same article, each for a fixed short time, with wrk (Debian: apt-get
# install -y wrk). Prints requests per second and p99 latency; stops the server itself.
#   server/bench.sh                      # 10 s each, 2 threads, 16 connections
#   DURATION=5s CONNECTIONS=32 server/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

cargo build --quiet --profile server -p binhluan-server
tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

mkfifo "$tmp/out"
target/server/binhluan-server --addr 127.0.0.1:0 --db "$tmp/bench.sqlite3" \
  --rate-limit 0 --auto-publish >"$tmp/out" &
server_pid=$!
exec 3<"$tmp/out"
read -r line <&3
base=${line#binhluan-server listening on }
echo "server: $base (SQLite WAL, synchronous=FULL; $(nproc) cores shared with the load tool)"

run() { # name, wrk args...
  local name=$1; shift
  local out
  out=$(wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "$DURATION" \
    --timeout 5s --latency "$@")
  local rps p99 bad
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  printf '%-5s %10s req/s   p99 %8s   non-2xx %s   (%s, %s threads, %s connections)\n' \
    "$name" "$rps" "$p99" "${bad:-0}" "$DURATION" "$THREADS" "$CONNECTIONS"
}
run POST -s server/bench/post.lua "${base}api/comments"
stored=$(target/server/binhluan-server comments list --db "$tmp/bench.sqlite3" --limit 1 | tail -n 1 | cut -f1)
echo "      stored comments: $stored"
run GET "${base}api/comments?article=bench&page=1"
