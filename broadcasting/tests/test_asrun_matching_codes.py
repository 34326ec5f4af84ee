"""House codes and titles as the as-run matcher compares them."""

from __future__ import annotations

import pytest

from broadcasting.asrun.house_codes import code_prefix, is_house_code, normalise_code, title_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BF1-000123", "BF1-000123"),
        ("  bf1-123 ", "BF1-000123"),
        ("BF1 000123", "BF1-000123"),
        ("BF1_123", "BF1-000123"),
        ("BF1.000123", "BF1-000123"),
        ("BF1000123", "BF1-000123"),
        ("BF1-000123.mxf", "BF1-000123"),
        ("bf1-000123.MOV", "BF1-000123"),
        ("D:\\Clips\\BF1-000123.mxf", "BF1-000123"),
        ("/srv/playout/bf1 123.mp4", "BF1-000123"),
        ("BF1-000123 Coca-Cola 30s.mxf", "BF1-000123"),
        ("BF1-1234567", "BF1-1234567"),
        ("BF1-000123V2", "BF1-000123V2"),  # glued letters: not a house code
        ("XYZ 12", "XYZ-000012"),  # another prefix, separated: canonical too
        ("journal  de 20h", "JOURNAL DE 20H"),
        ("4711", "4711"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_normalise_code(text, expected):
    assert normalise_code(text, ("BF1",)) == expected


def test_the_default_prefix_comes_from_the_settings(settings):
    settings.ASRUN_HOUSE_CODE_PREFIX = "TV2"
    assert normalise_code("tv2000042") == "TV2-000042"
    assert normalise_code("BF1000042") == "BF1000042"  # glued: only the known prefix
    assert normalise_code("bf1-42") == "BF1-000042"


def test_house_code_shape():
    assert code_prefix("BF1-000123") == "BF1"
    assert code_prefix("BF1-123") == "" and code_prefix("JOURNAL") == ""
    assert is_house_code("BF1-000123", {"BF1"})
    assert not is_house_code("XYZ-000012", {"BF1"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bissap Été !", "bissap ete"),
        ("  BISSAP   ete", "bissap ete"),
        ("Sahel-Boissons_30s", "sahel boissons 30s"),
        ("Œuvre", "œuvre"),
        ("", ""),
        (None, ""),
    ],
)
def test_title_key(text, expected):
    assert title_key(text) == expected
