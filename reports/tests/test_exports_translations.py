"""Every message of the report exports has its French: in the project's
catalogue already, or in locale/exports_msgids_fr.tsv (or the reports'
locale/reports_msgids_fr.tsv, whose wording the exports reuse), both merged
into it, with the same placeholders."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

BASE = Path(settings.BASE_DIR)
TSV = BASE / "locale" / "exports_msgids_fr.tsv"
REPORTS_TSV = BASE / "locale" / "reports_msgids_fr.tsv"
SOURCES = [
    "reports/exports/__init__.py",
    "reports/exports/base.py",
    "reports/exports/csv.py",
    "reports/exports/datasets.py",
    "reports/exports/pdf.py",
    "reports/exports/xlsx.py",
    "reports/views/exports.py",
    "reports/services.py",
    "reports/models.py",
]
TEMPLATES = sorted((BASE / "templates" / "reports" / "exports").rglob("*.html"))
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop"}
PLACEHOLDER = re.compile(r"%\(\w+\)s")
PLURAL = " ||PLURAL|| "
# Spelt the same in both languages.
SAME_IN_FRENCH = {"XLSX", "PDF", "CSV", "BF1", "Total", "Export", "format"}


def french_rows(path: Path = TSV) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
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
        constant = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if name in GETTEXT_NAMES and constant:
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
        forms = re.split(r"{%\s*plural\s*%}", block.group("body"))
        if "trimmed" in block.group("options"):
            forms = [
                " ".join(line.strip() for line in form.strip().splitlines() if line.strip())
                for form in forms
            ]
        forms = [re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", form) for form in forms]
        found.append(PLURAL.join(forms))
    return found


def all_msgids() -> list[str]:
    msgids = []
    for source in SOURCES:
        msgids += python_msgids(BASE / source)
    for template in TEMPLATES:
        msgids += template_msgids(template)
    return sorted(set(msgids))


def test_the_sources_have_messages():
    msgids = all_msgids()
    assert len(msgids) > 50
    assert "The %(format)s export needs the %(package)s package, missing on the server." in msgids


def test_every_message_has_its_french():
    rows = {**french_rows(REPORTS_TSV), **french_rows()}
    with translation.override("fr"):
        missing = [
            msgid
            for msgid in all_msgids()
            if msgid not in rows and gettext(msgid) == msgid and msgid not in SAME_IN_FRENCH
        ]
    assert not missing, "Give their French in locale/exports_msgids_fr.tsv:\n" + "\n".join(missing)


def test_the_french_keeps_the_placeholders():
    wrong = [
        msgid
        for msgid, french in french_rows().items()
        if not french.strip()
        or sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(french))
        or (PLURAL in msgid) != (PLURAL in french)
    ]
    assert not wrong, wrong


def test_the_missing_package_message_in_french():
    french = french_rows()[
        "The %(format)s export needs the %(package)s package, missing on the server."
    ]
    assert french % {"format": "XLSX", "package": "openpyxl"} == (
        "L'export XLSX nécessite le paquet openpyxl, absent du serveur."
    )
