"""The compiled French catalogue (django.mo, what the site reads) holds every
entry of django.po, so no translation is lost by forgetting to compile."""

import gettext
import re
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES"
ENTRY = re.compile(r'^(#, fuzzy\n)?(?:#.*\n)*msgid ((?:".*"\n)+)', re.MULTILINE)


def _unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(parts).encode().decode("unicode_escape").encode("latin-1").decode()


def po_msgids() -> set[str]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return {_unquote(match.group(2)) for match in ENTRY.finditer(text)} - {""}


def test_the_po_file_has_no_fuzzy_entry():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in text


def test_every_po_entry_is_compiled_and_translated():
    with (LOCALE / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    compiled = {key if isinstance(key, str) else key[0] for key in catalogue}
    missing = sorted(po_msgids() - compiled)
    assert not missing, f"run `make messages` (compilemessages): {missing[:10]}"
    empty = sorted(
        key if isinstance(key, str) else key[0]
        for key, value in catalogue.items()
        if key and not value
    )
    assert not empty, f"untranslated entries: {empty[:10]}"
