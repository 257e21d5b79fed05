#!/usr/bin/env bash
# Set up the demo park on the embedded defaults (SQLite, filesystem broker) and run the web server, a Celery
# worker and Celery beat together. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DEBUG="${DEBUG:-1}"
# The demo's accounts are shared and their password is printed: a second factor would lock the first phone to
# scan it in. Off here (REQUIRE_TWO_FACTOR=1 make demo turns it on, as in production); said again at start-up.
export REQUIRE_TWO_FACTOR="${REQUIRE_TWO_FACTOR:-0}"
PORT="${PORT:-8000}"
VAR="${PARK_VAR_DIR:-var}"
# Mail the portal sends (notifications, reminders) is kept as files rather than printed among the logs.
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}"
# runserver is the demo's web server by design: no need to say it is not for production at every start.
export DJANGO_RUNSERVER_HIDE_WARNING=true

$PY manage.py migrate --noinput --verbosity 0
$PY manage.py compilemessages -i .venv -i var >/dev/null 2>&1 || true
$PY manage.py seed_demo

pids=()
stop() { trap - INT TERM EXIT; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; }
trap stop INT TERM EXIT

# The demo's worker may run as root (a container, a fresh VM): Celery's warning about it says nothing new there.
PYTHONWARNINGS="ignore:You're running the worker with superuser privileges" \
  .venv/bin/celery -A incubator --quiet worker --loglevel=WARNING --concurrency=2 & pids+=($!)
.venv/bin/celery -A incubator --quiet beat --loglevel=WARNING & pids+=($!)
$PY manage.py runserver "127.0.0.1:${PORT}" & pids+=($!)

sleep 2
echo
echo "The park portal is running at http://127.0.0.1:${PORT}/  (administration: http://127.0.0.1:${PORT}/admin/)"
echo "Demo logins are listed above (password for all: park-demo-2014). Mail it sends is kept in ${VAR}/emails/."
if [ "$REQUIRE_TWO_FACTOR" = 0 ]; then
  echo "Two-step sign-in is NOT required in this demo (production requires it of staff and superusers);"
  echo "any account may still turn it on under My workspace. REQUIRE_TWO_FACTOR=1 make demo requires it."
fi
echo "Press Ctrl-C to stop."
wait -n
