#!/usr/bin/env bash
# Starts the ASGI web server (daphne, HTTP + WebSocket) and the django-q2 worker
# together; Ctrl-C (or either one stopping) stops both.
set -u
PY="$1"; HOST="$2"; PORT="$3"

cleanup() {
    trap - INT TERM EXIT
    kill "$WEB_PID" "$WORKER_PID" 2>/dev/null
    wait "$WEB_PID" "$WORKER_PID" 2>/dev/null
}
trap cleanup INT TERM EXIT

"$PY" manage.py qcluster &
WORKER_PID=$!
"$PY" manage.py runserver "$HOST:$PORT" &
WEB_PID=$!

wait -n "$WEB_PID" "$WORKER_PID"
