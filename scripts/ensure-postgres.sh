#!/usr/bin/env bash
# Makes sure PostgreSQL accepts connections at 127.0.0.1:5432 as user postgres with trust authentication, as the
# PostgreSQL test suite expects: starts the newest installed cluster if it is down, installs Debian's package if
# there is none, and adds trust rules for 127.0.0.1/::1 to pg_hba.conf if needed.
# Fails loudly (exit 1) otherwise: the tests must never silently skip PostgreSQL.
set -euo pipefail

host=127.0.0.1
port=5432

say() { echo "ensure-postgres: $*" >&2; }
fail() {
    say "ERROR: $*"
    exit 1
}

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        fail "need root to run '$*' (no sudo); run this script as root or start PostgreSQL at $host:$port yourself"
    fi
}

accepting() { pg_isready -q -h "$host" -p "$port" >/dev/null 2>&1; }

newest_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

start_cluster() {
    local version
    version=$(newest_version)
    [[ -n $version ]] || fail "PostgreSQL is installed but /etc/postgresql has no cluster configuration"
    if [[ ! -d /etc/postgresql/$version/main ]]; then
        say "creating cluster $version/main"
        as_root pg_createcluster "$version" main
    fi
    say "starting PostgreSQL $version/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start \
        || say "pg_ctlcluster start returned an error (it may already be starting); waiting for it"
}

wait_until_accepting() {
    local waited=0
    until accepting; do
        if ((waited >= 30)); then
            fail "PostgreSQL does not accept connections at $host:$port after 30 s; see /var/log/postgresql/"
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

trust_works() { psql -h "$host" -p "$port" -U postgres -d postgres -w -tAc 'select 1' >/dev/null 2>&1; }

allow_trust() {
    local version hba
    version=$(newest_version)
    hba=/etc/postgresql/$version/main/pg_hba.conf
    [[ -f $hba ]] || fail "cannot connect as postgres without a password, and there is no $hba to fix"
    say "adding trust rules for 127.0.0.1/32 and ::1/128 to $hba"
    # pg_hba.conf is read top-down and the first matching rule wins, so the trust rules go first.
    as_root cp "$hba" "$hba.before-countersign"
    {
        echo "# Added by Countersign's scripts/ensure-postgres.sh for the test suite (local connections only)"
        echo "host    all    all    127.0.0.1/32    trust"
        echo "host    all    all    ::1/128         trust"
        cat "$hba.before-countersign"
    } | as_root tee "$hba" >/dev/null
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    sleep 1
}

# pg_isready lives in postgresql-client-common; fall back to the newest server's own bin directory
if ! command -v pg_isready >/dev/null 2>&1 && compgen -G '/usr/lib/postgresql/*/bin' >/dev/null; then
    PATH="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1):$PATH"
fi

if ! accepting; then
    if [[ -d /etc/postgresql ]] && [[ -n $(newest_version) ]]; then
        start_cluster
    else
        say "PostgreSQL is not installed; installing Debian's package"
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
        # the package usually creates and starts a cluster; make sure of it without systemd
        accepting || start_cluster
    fi
    wait_until_accepting
fi

if ! trust_works; then
    allow_trust
    trust_works || fail "cannot connect with 'psql -h $host -p $port -U postgres' even after adding trust rules"
fi
say "PostgreSQL accepts connections at $host:$port as postgres"
