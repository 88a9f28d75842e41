#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the intake's tests and benchmark, and exports DATABASE_URL.
#
#   source .ci/postgres.sh     # in CI (.ci/run): installs PostgreSQL from Debian if missing, starts it, exports
#                              # DATABASE_URL (and TEST_DATABASE_URL, which the intake tests prefer)
#   bash .ci/postgres.sh       # prints DATABASE_URL=… (the intake test setup does this outside CI)
#   bash .ci/postgres.sh stop  # stops the cluster this script started
#
# The cluster lives in $KOTAE_PG_DIR (default /tmp/kotae-pg), listens on 127.0.0.1:$KOTAE_PG_PORT (default
# 54329) only, trusts local connections (it holds test data only) and runs as the `postgres` user when started
# by root, since PostgreSQL refuses to run as root. A cluster already running there is reused. The server must
# not inherit the lock's descriptor (9), or it would hold the lock for as long as it runs.

kotae_pg() (
  set -euo pipefail
  local dir="${KOTAE_PG_DIR:-/tmp/kotae-pg}" port="${KOTAE_PG_PORT:-54329}" db="${KOTAE_PG_DB:-kotae}"
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "postgres.sh: PostgreSQL is not installed; run as root or: apt-get install -y postgresql" >&2
      return 1
    fi
    echo "postgres.sh: installing PostgreSQL from Debian…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi

  local as=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    as=(runuser -u postgres --)
  fi

  exec 9>"/tmp/kotae-pg.lock"
  flock 9
  if [ "${1:-start}" = stop ]; then
    if [ -f "$dir/data/postmaster.pid" ]; then "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 9>&-; fi
    return 0
  fi

  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; return 1; }
    fi
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on -c synchronous_commit=on" start \
      </dev/null >&2 9>&- ||
      { tail -n 30 "$dir/server.log" >&2; return 1; }
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $db" >&2
  fi
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/$db"
)

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: export the URL into the caller's shell without changing its options.
  if kotae_pg_line="$(kotae_pg start)"; then
    export "${kotae_pg_line?}"
    export TEST_DATABASE_URL="$DATABASE_URL"
    echo "postgres.sh: ${kotae_pg_line}" >&2
  else
    echo "postgres.sh: could not start PostgreSQL" >&2
    return 1
  fi
  unset kotae_pg_line
else
  kotae_pg "${1:-start}"
fi
