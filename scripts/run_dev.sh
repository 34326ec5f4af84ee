#!/usr/bin/env bash
# Starts the ASGI web server (daphne, HTTP + WebSocket) and the django-q2 worker
# together; Ctrl-C (or either one stopping) stops both, with every process they
# started (the autoreloader's server child, the worker's pool).
set -u
PY="$1"; HOST="$2"; PORT="$3"
# The settings build SITE_URL (links in e-mails) from these: bf1portal/settings/dev.py.
export HOST PORT
GRACE="${STOP_GRACE:-8}"

# Each one leads its own process group, so that one signal reaches all its processes.
setsid "$PY" manage.py qcluster &
WORKER_PID=$!
setsid "$PY" manage.py runserver "$HOST:$PORT" &
WEB_PID=$!

alive() { kill -0 -- "-$1" 2>/dev/null; }

cleanup() {
    trap - INT TERM EXIT
    kill -TERM -- "-$WEB_PID" "-$WORKER_PID" 2>/dev/null
    for _ in $(seq $((GRACE * 10))); do
        alive "$WEB_PID" || alive "$WORKER_PID" || break
        sleep 0.1
    done
    kill -KILL -- "-$WEB_PID" "-$WORKER_PID" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup INT TERM EXIT

wait -n "$WEB_PID" "$WORKER_PID"
