#!/usr/bin/env bash
# Load test on this machine only: gunicorn with 4 workers on PostgreSQL, the demo park, and scripts/load.py
# with 50 users for 60 seconds mixing the expert's and the applicant's pages. Prints load.py's JSON report.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/park_load scripts/loadtest.sh
#
# Environment: DATABASE_URL (PostgreSQL, required; the demo data is seeded into it), PORT (8106), USERS (50),
# SECONDS_RUN (60), WORKERS (4), THINK (0: no pause between a user's requests; N: N seconds on average, see
# scripts/load.py). gunicorn listens on 127.0.0.1 only and is stopped by its own pid.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database for the demo park}"
case "$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must be PostgreSQL" >&2; exit 2 ;; esac
PORT="${PORT:-8106}"
USERS="${USERS:-50}"
SECONDS_RUN="${SECONDS_RUN:-60}"
WORKERS="${WORKERS:-4}"
THINK="${THINK:-0}"
export DATABASE_URL DEBUG=0 ALLOWED_HOSTS="127.0.0.1,localhost"
# A key of this run only: with DEBUG off the portal refuses to start without one.
export SECRET_KEY="${SECRET_KEY:-$($PY -c "import secrets; print(secrets.token_urlsafe(50))")}"

$PY manage.py migrate --noinput >/dev/null
$PY manage.py seed_demo >/dev/null
$PY manage.py collectstatic --noinput >/dev/null

.venv/bin/gunicorn incubator.wsgi:application --workers "$WORKERS" --bind "127.0.0.1:${PORT}" \
  --access-logfile /dev/null --error-logfile - --log-level warning &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:${PORT}/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

$PY scripts/load.py --base "http://127.0.0.1:${PORT}" --users "$USERS" --seconds "$SECONDS_RUN" --think "$THINK" \
  --mix "expert:park-demo-2014:/workspace/,/venture/review/,/orgs/expert/,/notifications/" \
  --mix "applicant:park-demo-2014:/workspace/,/venture/my/,/orgs/my/,/venture/"
