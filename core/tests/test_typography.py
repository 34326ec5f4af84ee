"""French typography filters (core/typography.py, `{% load fr %}`)."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core import typography as ty

NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


def render(source: str, **context) -> str:
    return Template("{% load fr %}" + source).render(Context(context))


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_group_thousands_with_narrow_spaces(n):
    with translation.override("fr"):
        text = ty.number(n)
    assert text.replace(NNBSP, "").replace(MINUS, "-") == str(n)
    digits = text.lstrip(MINUS)
    groups = digits.split(NNBSP)
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])
    assert "-" not in text  # a real minus sign, never a hyphen


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4),
    st.integers(min_value=0, max_value=3),
)
def test_decimals_use_a_comma_and_round_half_up(value, places):
    with translation.override("fr"):
        text = ty.number(value, places)
    back = Decimal(text.replace(NNBSP, "").replace(MINUS, "-").replace(",", "."))
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert back == expected
    assert "." not in text
    if places:
        assert len(text.rpartition(",")[2]) == places


def test_the_examples_of_the_issue():
    assert ty.seconds(187740) == f"187{NNBSP}740{NBSP}s"
    assert ty.seconds(30, 1) == f"30,0{NBSP}s"
    assert ty.lufs(-23) == f"{MINUS}23,0{NBSP}LUFS"
    assert ty.frame_rate("25/1") == f"25{NBSP}i/s"
    assert ty.frame_rate(25.0) == f"25{NBSP}i/s"
    assert ty.frame_rate("30000/1001") == f"29,97{NBSP}i/s"
    assert ty.file_size(1024**3) == f"1{NBSP}Go"
    assert ty.file_size(20 * 1000 * 1000) == f"20{NBSP}Mo"
    assert ty.file_size(1_500_000) == f"1,5{NBSP}Mo"
    assert ty.file_size(512) == f"512{NBSP}o"
    assert ty.file_size(1_200_000_000) == f"1,2{NBSP}Go"  # a multiple of 1 024, not a round one
    assert ty.file_size(500 * 1024**2) == f"500{NBSP}Mo"
    assert ty.date(dt.date(2026, 12, 1)) == "1er décembre 2026"
    assert ty.date(dt.date(2026, 12, 2)) == "2 décembre 2026"
    assert ty.date(dt.date(2026, 12, 1), "l j F") == "mardi 1er décembre"


def test_minus_zero_has_no_sign():
    assert ty.number(-0.04, 1) == "0,0"


def test_english_keeps_english_conventions():
    with translation.override("en"):
        assert ty.number(187740) == "187,740"
        assert ty.seconds(30, 1) == f"30.0{NBSP}s"
        assert ty.frame_rate("25/1") == f"25{NBSP}fps"
        assert ty.file_size(1024**3) == f"1{NBSP}GB"
        assert ty.date(dt.date(2026, 12, 1)) == "1 December 2026"
        assert ty.punctuation("Note : ok") == "Note : ok"


def test_punctuation_gets_no_break_spaces_but_urls_and_times_stay():
    text = "Attention : à 10:30 ; vraiment ! Pourquoi ? « Oui » http://x.bf/?a=1"
    out = ty.punctuation(text)
    assert out == (
        f"Attention{NBSP}: à 10:30{NNBSP}; vraiment{NNBSP}! Pourquoi{NNBSP}? "
        f"«{NBSP}Oui{NBSP}» http://x.bf/?a=1"
    )


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_punctuation_only_changes_spaces(text):
    with translation.override("fr"):
        out = ty.punctuation(text)
    squash = str.maketrans({NBSP: " ", NNBSP: " "})
    assert out.translate(squash).replace(" ", "") == text.translate(squash).replace(" ", "")


def test_not_a_number_is_shown_as_is():
    assert ty.number("n/a") == "n/a"
    assert ty.number(None) == ""
    assert ty.file_size(None) == ""
    assert ty.frame_rate("abc") == "abc"


def test_template_filters():
    out = render(
        "{{ s|fr_seconds }}|{{ d|fr_seconds:1 }}|{{ l|fr_lufs }}|{{ f|fr_fps }}|"
        "{{ b|fr_filesize }}|{{ day|fr_date }}|{{ t|fr_punct }}|{{ n|fr_number:1 }}",
        s=187740,
        d=30,
        l=-23,
        f="25/1",
        b=1024**3,
        day=dt.date(2026, 12, 1),
        t="Note : <b>",
        n=1234.56,
    )
    assert out == (
        f"187{NNBSP}740{NBSP}s|30,0{NBSP}s|{MINUS}23,0{NBSP}LUFS|25{NBSP}i/s|1{NBSP}Go|"
        f"1er décembre 2026|Note{NBSP}: &lt;b&gt;|1{NNBSP}234,6"
    )


def test_no_message_hedges_its_gender():
    """No "un(e)", "prévenu(e)", "actif(ve)": each message is written for its noun."""
    import re
    from pathlib import Path

    from django.conf import settings

    hedge = re.compile(r"\w\((e|ve|le|ne|se)\)")
    root = Path(settings.BASE_DIR)
    catalogue = (root / "locale/fr/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$|^"(.*)"$', catalogue, re.M)
    found = [a or b for a, b in msgstrs if hedge.search(a or b)]
    templates = [
        str(path.relative_to(root))
        for path in (root / "templates").rglob("*.html")
        if hedge.search(path.read_text(encoding="utf-8"))
    ]
    assert found == [] and templates == []


@given(st.integers(min_value=-(10**60), max_value=10**60))
def test_any_integer_is_written_without_error(value):
    assert ty.number(value)
    assert ty.file_size(abs(value))
