"""Every message of the coverage request pages has its French: in the project's
catalogue already, or in locale/coverage_msgids_fr.tsv (merged into it), with
the same placeholders."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

BASE = Path(settings.BASE_DIR)
TSV = BASE / "locale" / "coverage_msgids_fr.tsv"
SOURCES = [
    "editorial/attachment_checks.py",
    "editorial/exceptions.py",
    "editorial/forms.py",
    "editorial/media_access.py",
    "editorial/views/public.py",
    "editorial/selectors/requester.py",
    "editorial/services/intake.py",
    "editorial/services/intake_rules.py",
    "editorial/models/crew.py",
    "editorial/models/missions.py",
    "editorial/models/requests.py",
]
TEMPLATES = sorted((BASE / "templates" / "editorial" / "public").rglob("*.*"))
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop"}
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def french_rows() -> dict[str, str]:
    with TSV.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {row[0]: row[1] for row in rows if row and not row[0].startswith("#")}


def python_msgids(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        first = node.args[0]
        if (
            name in GETTEXT_NAMES
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            found.append(first.value)
    return found


def template_msgids(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = re.findall(r'{%\s*translate\s+"([^"]*)"', text)
    found += re.findall(r"{%\s*translate\s+'([^']*)'", text)
    blocks = re.finditer(
        r"{%\s*blocktranslate(?P<options>[^%]*)%}(?P<body>.*?){%\s*endblocktranslate\s*%}",
        text,
        re.S,
    )
    for block in blocks:
        body = block.group("body")
        if "trimmed" in block.group("options"):
            body = " ".join(line.strip() for line in body.strip().splitlines() if line.strip())
        found.append(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body))
    return found


def all_msgids() -> list[str]:
    msgids = []
    for source in SOURCES:
        msgids += python_msgids(BASE / source)
    for template in TEMPLATES:
        msgids += template_msgids(template)
    return sorted(set(msgids))


def test_the_sources_have_messages():
    assert len(all_msgids()) > 100
    assert "The event must be in the future: this date has passed." in all_msgids()


def test_every_message_has_its_french():
    rows = french_rows()
    with translation.override("fr"):
        missing = [
            msgid
            for msgid in all_msgids()
            if msgid not in rows and gettext(msgid) == msgid and msgid not in SAME_IN_FRENCH
        ]
    assert not missing, "Give their French in locale/coverage_msgids_fr.tsv:\n" + "\n".join(missing)


# Words spelt the same in both languages, already in the catalogue.
SAME_IN_FRENCH = {"Date", "Contacts", "E-mail", "Planning", "Administration", "e-mail"}
SAME_IN_FRENCH |= {"note", "description"}


def test_the_french_keeps_the_placeholders():
    wrong = [
        msgid
        for msgid, french in french_rows().items()
        if not french.strip()
        or sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(french))
    ]
    assert not wrong, wrong
