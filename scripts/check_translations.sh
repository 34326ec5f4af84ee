#!/usr/bin/env bash
# Fails when a user-facing string of the code has no French translation:
# extracts the messages into a scratch copy of the catalogue and counts what
# is untranslated or fuzzy. Needs gettext (apt-get install gettext).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
PO=locale/fr/LC_MESSAGES/django.po
BACKUP="$(mktemp)"
cp "$PO" "$BACKUP"
trap 'cp "$BACKUP" "$PO"; rm -f "$BACKUP"' EXIT
"$PY" manage.py makemessages -l fr --no-obsolete -v 0 \
    --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media
STATS="$(msgfmt --statistics -o /dev/null "$PO" 2>&1)"
echo "French catalogue: $STATS"
if grep -Eq "untranslated|fuzzy" <<<"$STATS"; then
    echo "Some strings have no French translation:" >&2
    msgattrib --untranslated --only-fuzzy "$PO" 2>/dev/null | grep '^msgid' >&2 || true
    msgattrib --untranslated "$PO" | grep '^msgid' | grep -v '^msgid ""$' >&2 || true
    exit 1
fi
