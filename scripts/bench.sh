#!/usr/bin/env bash
# Benchmarks Countersign on this machine against a fresh PostgreSQL database, as docs/benchmarks.md describes:
# builds the jar if needed, creates a database, starts the server on it, runs `countersign bench` (all three
# scenarios unless arguments say otherwise), stops the server, drops the database, and prints everything.
#
#   scripts/bench.sh                               the full run (about 2 minutes)
#   scripts/bench.sh --scenario creates --rate 1500 any `countersign bench` options (see --help)
#
# Environment: BENCH_PORT (default 18080), BENCH_SERVER_HEAP (default 2g: each parked long-poll holds about 90 KiB of
# Tomcat buffers, so 10,000 waiters need about 0.9 GiB of heap on their own), BENCH_CLIENT_HEAP (default 1g),
# BENCH_POOL_SIZE (the server's database pool, countersign.db.pool-size; default: the server's own),
# BENCH_SERVER_OPTS (more JVM options for the server, e.g. -Xlog:gc:file=gc.log or a JFR recording, to profile),
# PGHOST/PGPORT/PGUSER for PostgreSQL (default 127.0.0.1:5432, postgres, trust authentication).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/java-home.sh
source "$root/scripts/java-home.sh"

port=${BENCH_PORT:-18080}
pg_host=${PGHOST:-127.0.0.1}
pg_port=${PGPORT:-5432}
pg_user=${PGUSER:-postgres}
server_heap=${BENCH_SERVER_HEAP:-2g}
client_heap=${BENCH_CLIENT_HEAP:-1g}
jar="$root/target/countersign.jar"

say() { echo "bench: $*" >&2; }
fail() {
    say "ERROR: $*"
    exit 1
}
sql() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "${2:-postgres}" -w -v ON_ERROR_STOP=1 -qtAc "$1"; }

command -v psql >/dev/null 2>&1 || fail "psql is needed (sudo apt-get install postgresql-client)"
command -v curl >/dev/null 2>&1 || fail "curl is needed (sudo apt-get install curl)"
sql 'select 1' >/dev/null || fail "PostgreSQL does not accept user $pg_user at $pg_host:$pg_port without a password; \
scripts/ensure-postgres.sh sets that up"
if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is already in use; set BENCH_PORT to a free one"
fi

# Every parked waiter is a socket in the client and one in the server: allow as many descriptors as we may.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# The launcher builds target/countersign.jar when it is missing or older than the sources.
"$root/countersign" --version >/dev/null

database="countersign_bench_$(date +%s)_$$"
work=$(mktemp -d)
token=$(openssl rand -hex 24 2>/dev/null || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
server_pid=""

cleanup() {
    local status=$?
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        say "stopping the server (pid $server_pid)"
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    sql "drop database if exists $database with (force)" >/dev/null 2>&1 \
        && say "dropped database $database" || say "could not drop database $database; drop it by hand"
    if ((status != 0)) && [[ -f $work/server.log ]]; then
        say "the server's last log lines:"
        tail -n 30 "$work/server.log" >&2
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sql "create database $database" >/dev/null
say "created database $database"

echo "== machine =="
echo "  CPUs          $(nproc)"
echo "  memory        $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
echo "  open files    $(ulimit -n) per process"
echo "  Java          $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "  PostgreSQL    $(sql 'show server_version')"
echo "  server        -Xmx$server_heap ${BENCH_SERVER_OPTS:-}, database pool ${BENCH_POOL_SIZE:-default}, port $port"
echo "  client        -Xmx$client_heap"

server_options=()
[[ -n ${BENCH_POOL_SIZE:-} ]] && server_options+=("--countersign.db.pool-size=$BENCH_POOL_SIZE")
say "starting the server"
# Metrics are exposed for this run only, so that bench can report the server's threads and connections.
COUNTERSIGN_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$database" \
    COUNTERSIGN_DB_USER="$pg_user" \
    COUNTERSIGN_API_TOKEN="$token" \
    COUNTERSIGN_DATA_DIR="$work/data" \
    SERVER_PORT="$port" \
    MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,info,metrics \
    SERVER_TOMCAT_MBEANREGISTRY_ENABLED=true \
    "$JAVA_HOME/bin/java" "-Xmx$server_heap" ${BENCH_SERVER_OPTS:-} -jar "$jar" serve "${server_options[@]}" \
    >"$work/server.log" 2>&1 &
server_pid=$!

for waited in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || fail "the server stopped while starting"
    ((waited < 120)) || fail "the server did not become healthy within 60 s"
    sleep 0.5
done
say "server is up; running the benchmark"

status=0
COUNTERSIGN_API_TOKEN="$token" "$JAVA_HOME/bin/java" "-Xmx$client_heap" -jar "$jar" bench \
    --url "http://127.0.0.1:$port" "$@" || status=$?

echo
echo "== database after the run =="
sql "select '  requests      ' || count(*) from approval_request" "$database"
sql "select '  audit events  ' || count(*) from audit_event" "$database"
exit "$status"
