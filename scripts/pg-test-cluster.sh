#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL tests (README.md "Several instances on
# PostgreSQL"), used by CI (.ci/run) and by developers alike:
#   scripts/pg-test-cluster.sh run COMMAND...   start a cluster in a temp dir, run COMMAND with
#                                               SOTTO_TEST_DATABASE_URL set, stop and delete it
# The cluster listens on a Unix socket in its temp dir only (no TCP), as an unprivileged user
# (`postgres` when run as root: initdb refuses root), and logs nothing about clients or
# statements, as README.md asks of a production cluster.
set -euo pipefail

if [ "${1:-}" != run ] || [ $# -lt 2 ]; then
  echo "usage: $0 run COMMAND..." >&2
  exit 2
fi
shift

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bin="$candidate"
done
if [ -z "$bin" ]; then
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    bin="$(dirname "$(command -v pg_ctl)")"
  else
    echo "pg-test-cluster: PostgreSQL not installed (Debian: apt-get install postgresql)" >&2
    exit 1
  fi
fi

dir="$(mktemp -d /tmp/sotto-pg-XXXXXX)"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
chmod 700 "$dir"
user="$("${as_owner[@]}" id -un)"

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --no-instructions >/dev/null
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 200
# Nothing about clients or statements in the server log (README.md "Several instances on PostgreSQL").
log_statement = none
log_connections = off
log_disconnections = off
log_hostname = off
log_duration = off
log_min_duration_statement = -1
log_min_error_statement = panic
log_min_messages = fatal
log_autovacuum_min_duration = -1
log_checkpoints = off
track_commit_timestamp = off
synchronous_commit = on
autovacuum_naptime = 10
CONF
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null

export SOTTO_TEST_DATABASE_URL="postgres://$user@localhost/postgres?host=$dir"
export SOTTO_TEST_POSTGRES_DIR="$dir"
"$@"
