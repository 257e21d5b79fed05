#!/usr/bin/env bash
# Fault drill on this machine's loopback: PostgreSQL restarted while the portal is serving.
# With CONN_HEALTH_CHECKS on, the first request after the restart must already succeed.
# Uses a scratch database and stops what it started by its process id.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8290}"
DB="park_faults_$$"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}" CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/14}"
export ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=600
# A key of this drill only: with DEBUG off the portal refuses to start without one.
export SECRET_KEY="${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${DB}"
gunicorn_pid=""
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" || true
}
trap cleanup EXIT

.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py seed_demo >/dev/null
.venv/bin/gunicorn incubator.wsgi -w 2 -b "127.0.0.1:${PORT}" --log-level warning &
gunicorn_pid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:${PORT}/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

status() { curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:${PORT}$1"; }
# Warm every worker's persistent connection.
for _ in 1 2 3 4 5 6; do status /orgs/calls/ >/dev/null; done

pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main restart
for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done

failures=0
for path in /orgs/calls/ /venture/ /orgs/calls/ /venture/ /healthz /; do
  code=$(status "$path")
  echo "after the PostgreSQL restart: GET $path -> $code"
  [ "$code" = 200 ] || failures=$((failures + 1))
done
if [ "$failures" -ne 0 ]; then
  echo "FAILED: $failures requests failed after the restart"
  exit 1
fi
echo "PostgreSQL restart: every request after it succeeded"
