#!/usr/bin/env bash
# The due-work sweep benchmark (docs/benchmarks.md, "Due-work sweep"): 100,000 pending requests in a fresh
# PostgreSQL database (PGHOST/PGPORT/PGUSER as for the tests: 127.0.0.1:5432, postgres, trust), 2,000 past their
# expiry and 2,000 with a reminder due; times the sweep and compares API latency while it runs and while it does not.
# Takes about two minutes; prints the figures and leaves them in countersign-server/target/sweep-bench.txt.
# Extra arguments go to Maven, e.g. -Dcountersign.bench.sweep-threads=2 to try another number of sweep threads.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/java-home.sh
source "$root/scripts/java-home.sh"
cd "$root"
# The server runs in the test JVM: give it the thread priorities ./countersign gives a server.
mvn -B -q verify -pl countersign-server -am -DskipITs -Dtest=SweepBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.bench=sweep \
    -DargLine=-XX:ThreadPriorityPolicy=1 "$@"
cat countersign-server/target/sweep-bench.txt
