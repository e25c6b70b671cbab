#!/usr/bin/env bash
# Benchmarks Countersign on this machine against a fresh PostgreSQL database, as docs/benchmarks.md describes:
# builds the jar if needed, creates a database, starts the server on it, runs `countersign bench`, stops the server,
# drops the database, and prints everything. The REST API scenarios (creates, release, waiters) and the Slack one
# (clicks) each get a server and a database of their own: for clicks the server is started with its Slack settings
# pointing at the Slack emulator that `countersign bench` starts on BENCH_EMULATOR_PORT; for the others without
# Slack, as an API-only install runs.
#
#   scripts/bench.sh                                 everything: creates, release, waiters, then clicks (~8 minutes)
#   scripts/bench.sh --scenario clicks               the clicks scenario alone (~3 minutes)
#   scripts/bench.sh --scenario creates --rate 1500  any `countersign bench` options (see --help)
#
# Environment: BENCH_PORT (default 18080), BENCH_EMULATOR_PORT (default 18090), BENCH_SERVER_HEAP (default 2g: each
# parked long-poll holds about 90 KiB of Tomcat buffers, so 10,000 waiters need about 0.9 GiB of heap on their own),
# BENCH_CLIENT_HEAP (default 1g; 3g for clicks, whose emulated Slack keeps every message, revision and call),
# BENCH_POOL_SIZE (the server's database pool, countersign.db.pool-size; default: the server's own),
# BENCH_SERVER_OPTS (more JVM options for the server, e.g. -Xlog:gc:file=gc.log or a JFR recording, to profile),
# PGHOST/PGPORT/PGUSER for PostgreSQL (default 127.0.0.1:5432, postgres, trust authentication).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/java-home.sh
source "$root/scripts/java-home.sh"

port=${BENCH_PORT:-18080}
emulator_port=${BENCH_EMULATOR_PORT:-18090}
pg_host=${PGHOST:-127.0.0.1}
pg_port=${PGPORT:-5432}
pg_user=${PGUSER:-postgres}
server_heap=${BENCH_SERVER_HEAP:-2g}
# The load generator is the measuring instrument, and for clicks it is Slack too: it runs at the priority of the
# server's answering threads (see AnsweringThreads), so that it sends each click on time instead of queueing behind
# the server's background work. Raising a priority needs root; elsewhere nice refuses and it stays at 0.
client_nice=${BENCH_CLIENT_NICE:-$([[ $(id -u) -eq 0 ]] && echo -5 || echo 0)}
jar="$root/countersign-server/target/countersign.jar"
bench_jar="$root/countersign-bench/target/countersign-bench-exec.jar"

say() { echo "bench: $*" >&2; }
fail() {
    say "ERROR: $*"
    exit 1
}
sql() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "${2:-postgres}" -w -v ON_ERROR_STOP=1 -qtAc "$1"; }
random_hex() { openssl rand -hex "$1" 2>/dev/null || head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
port_in_use() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Which scenarios go to which server: --scenario is taken out of the arguments, everything else goes to every run.
api_scenarios=()
clicks=no
scenario_given=no
bench_args=()
while (($# > 0)); do
    case $1 in
        --scenario | --scenario=*)
            if [[ $1 == --scenario ]]; then
                (($# >= 2)) || fail "--scenario needs a value"
                list=$2
                shift
            else
                list=${1#--scenario=}
            fi
            scenario_given=yes
            IFS=',' read -ra named <<<"$list"
            for name in "${named[@]}"; do
                case ${name,,} in
                    clicks) clicks=yes ;;
                    creates | release | waiters) api_scenarios+=("${name,,}") ;;
                    *) fail "'$name' is not a scenario; use creates, release, waiters, clicks" ;;
                esac
            done
            ;;
        *) bench_args+=("$1") ;;
    esac
    shift
done
if [[ $scenario_given == no ]]; then
    api_scenarios=(creates release waiters)
    clicks=yes
fi

command -v psql >/dev/null 2>&1 || fail "psql is needed (sudo apt-get install postgresql-client)"
command -v curl >/dev/null 2>&1 || fail "curl is needed (sudo apt-get install curl)"
sql 'select 1' >/dev/null || fail "PostgreSQL does not accept user $pg_user at $pg_host:$pg_port without a password; \
scripts/ensure-postgres.sh sets that up"
port_in_use "$port" && fail "port $port is already in use; set BENCH_PORT to a free one"
if [[ $clicks == yes ]] && port_in_use "$emulator_port"; then
    fail "port $emulator_port (the Slack emulator's) is already in use; set BENCH_EMULATOR_PORT to a free one"
fi

# Every parked waiter is a socket in the client and one in the server: allow as many descriptors as we may.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# The launcher builds the server and load generator jars when they are missing or older than the sources.
"$root/countersign" --version >/dev/null

work=$(mktemp -d)
token=$(random_hex 24)
database=""
server_pid=""

stop_server() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        say "stopping the server (pid $server_pid)"
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}

drop_database() {
    if [[ -n $database ]]; then
        sql "drop database if exists $database with (force)" >/dev/null 2>&1 \
            && say "dropped database $database" || say "could not drop database $database; drop it by hand"
    fi
    database=""
}

cleanup() {
    local status=$?
    stop_server
    drop_database
    if ((status != 0)) && [[ -f $work/server.log ]]; then
        say "the server's last log lines:"
        tail -n 30 "$work/server.log" >&2
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== machine =="
echo "  CPUs          $(nproc)"
echo "  memory        $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
echo "  open files    $(ulimit -n) per process"
echo "  Java          $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "  PostgreSQL    $(sql 'show server_version')"
echo "  server        -Xmx$server_heap ${BENCH_SERVER_OPTS:-}, database pool ${BENCH_POOL_SIZE:-default}, port $port"

# run_bench SLACK(yes|no) SCENARIOS: a fresh database and server, one `countersign bench` run, then both gone.
run_bench() {
    local slack=$1 scenarios=$2 client_heap status=0
    database="countersign_bench_$(date +%s)_$$"
    sql "create database $database" >/dev/null
    say "created database $database"

    local server_env=(
        COUNTERSIGN_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$database"
        COUNTERSIGN_DB_USER="$pg_user"
        COUNTERSIGN_API_TOKEN="$token"
        COUNTERSIGN_DATA_DIR="$work/data-$database"
        COUNTERSIGN_BASE_URL="http://127.0.0.1:$port"
        SERVER_PORT="$port"
        # Metrics are exposed for this run only, so that bench can report the server's threads and connections.
        MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,info,metrics
        SERVER_TOMCAT_MBEANREGISTRY_ENABLED=true
    )
    local bench_env=(COUNTERSIGN_API_TOKEN="$token")
    local server_options=()
    [[ -n ${BENCH_POOL_SIZE:-} ]] && server_options+=("--countersign.db.pool-size=$BENCH_POOL_SIZE")
    if [[ $slack == yes ]]; then
        # The server calls the emulator that bench starts; it makes no Slack call before the first request, so it
        # may start first. Both sides get the same fresh credentials.
        local slack_env=(
            SLACK_BOT_TOKEN="xoxb-bench-$(random_hex 12)"
            SLACK_SIGNING_SECRET="$(random_hex 16)"
        )
        server_env+=("${slack_env[@]}" COUNTERSIGN_SLACK_API_URL="http://127.0.0.1:$emulator_port/api/")
        bench_env+=("${slack_env[@]}")
        client_heap=${BENCH_CLIENT_HEAP:-3g}
        echo "  slack         emulated by bench on port $emulator_port (server: COUNTERSIGN_SLACK_API_URL)"
    else
        client_heap=${BENCH_CLIENT_HEAP:-1g}
        echo "  slack         not configured (API-only)"
    fi
    echo "  client        -Xmx$client_heap"

    say "starting the server"
    env "${server_env[@]}" "$JAVA_HOME/bin/java" "-Xmx$server_heap" -XX:ThreadPriorityPolicy=1 ${BENCH_SERVER_OPTS:-} -jar "$jar" serve \
        "${server_options[@]}" >"$work/server.log" 2>&1 &
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

    local extra=()
    [[ $slack == yes ]] && extra+=(--emulator-port "$emulator_port")
    env "${bench_env[@]}" nice -n "$client_nice" "$JAVA_HOME/bin/java" "-Xmx$client_heap" -jar "$bench_jar" bench \
        --url "http://127.0.0.1:$port" --scenario "$scenarios" "${extra[@]}" "${bench_args[@]}" || status=$?

    echo
    echo "== database after the run =="
    sql "select '  requests      ' || count(*) from approval_request" "$database"
    sql "select '  audit events  ' || count(*) from audit_event" "$database"
    if [[ $slack == yes ]]; then
        sql "select '  outbox        ' || count(*) || ' deliveries, ' || count(*) filter (where done_at is null)
                 || ' unfinished, ' || count(*) filter (where attempts > 1) || ' retried'
             from delivery_outbox where channel = 'slack'" "$database"
        sql "select '                ' || kind || ': ' || count(*) || ', median wait '
                 || round((percentile_cont(0.5) within group (order by extract(epoch from done_at - created_at)))
                          ::numeric * 1000) || ' ms, max '
                 || round(max(extract(epoch from done_at - created_at))::numeric * 1000) || ' ms'
             from delivery_outbox where channel = 'slack' and done_at is not null group by kind order by kind" \
            "$database"
        sql "select '  slack calls   ' || name || ': ' || count(*) || ', ' || count(*) filter (where outcome <> 'ok')
                 || ' not ok, ms p50 ' || percentile_disc(0.5) within group (order by duration_ms)
                 || ' p99 ' || percentile_disc(0.99) within group (order by duration_ms)
             from slack_exchange where direction = 'out' group by name order by name" "$database"
    fi
    stop_server
    drop_database
    return "$status"
}

status=0
if ((${#api_scenarios[@]} > 0)); then
    run_bench no "$(IFS=,; echo "${api_scenarios[*]}")" || status=$?
fi
if [[ $clicks == yes ]]; then
    ((${#api_scenarios[@]} == 0)) || echo
    run_bench yes clicks || status=$?
fi
exit "$status"
