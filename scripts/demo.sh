#!/usr/bin/env bash
# Set up the demo park on the embedded defaults (SQLite, filesystem broker) and run the web server, a Celery
# worker and Celery beat together. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DEBUG="${DEBUG:-1}"
PORT="${PORT:-8000}"

$PY manage.py migrate --noinput
$PY manage.py compilemessages -i .venv -i var >/dev/null 2>&1 || true
$PY manage.py seed_demo

pids=()
stop() { trap - INT TERM EXIT; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; }
trap stop INT TERM EXIT

.venv/bin/celery -A incubator worker --loglevel=WARNING --concurrency=2 & pids+=($!)
.venv/bin/celery -A incubator beat --loglevel=WARNING & pids+=($!)
$PY manage.py runserver "127.0.0.1:${PORT}" & pids+=($!)

sleep 2
echo
echo "The park portal is running at http://127.0.0.1:${PORT}/  (administration: http://127.0.0.1:${PORT}/admin/)"
echo "Demo logins are listed above (password for all: park-demo-2014). Press Ctrl-C to stop."
wait -n
