"""The pages load a Font Awesome subset (issue 13, "Accessibility and first paint"):
every icon the sources use is in it, and the served fonts are far smaller than upstream.
Rebuild the subset with `make icons` (scripts/subset_icons.py)."""

import importlib.util
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SERVED = ROOT / "static" / "vendor" / "fontawesome"
UPSTREAM = ROOT / "assets" / "vendor" / "fontawesome"
HINT = "run `make icons` (scripts/subset_icons.py)"


def load_script():
    spec = importlib.util.spec_from_file_location(
        "subset_icons", ROOT / "scripts" / "subset_icons.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


subset_icons = load_script()
SUBSET_CSS = (SERVED / "css" / subset_icons.CSS_NAME).read_text(encoding="utf-8")
UPSTREAM_CSS = (UPSTREAM / "css" / "all.min.css").read_text(encoding="utf-8")


def subset_icon_map() -> dict[str, tuple[str, int]]:
    return subset_icons.icon_map(SUBSET_CSS)


def test_the_scan_sees_the_icons_of_templates_python_menus_and_components():
    used = subset_icons.used_names()
    assert {"fa-house", "fa-bullhorn", "fa-file-invoice", "fa-bell", "fa-inbox"} <= set(used)
    assert any(path.endswith("context_processors.py") for path in used["fa-bullhorn"])
    assert "fa-brands" not in used  # the tests' own strings are not scanned


def test_every_used_class_is_defined_by_the_subset_css():
    defined = set(subset_icon_map()) | subset_icons.all_classes(SUBSET_CSS)
    missing = {
        name: sorted(files)
        for name, files in subset_icons.used_names().items()
        if name not in defined
    }
    assert not missing, f"icons used but not in the subset, {HINT}: {missing}"


def test_no_icon_name_is_built_from_pieces():
    assert not subset_icons.dynamic_uses(), "write icon names whole so the scan sees them"


def test_the_subset_css_keeps_only_the_icons_in_use():
    icons = subset_icon_map()
    assert set(icons) <= set(subset_icons.used_names())
    assert len(SUBSET_CSS) < len(UPSTREAM_CSS) / 10
    assert "Brands" not in SUBSET_CSS and "v4compatibility" not in SUBSET_CSS
    fonts = re.findall(r"url\(\.\./webfonts/([^)]+)\)", SUBSET_CSS)
    assert fonts and all((SERVED / "webfonts" / font).is_file() for font in fonts)


def test_the_subset_css_uses_the_upstream_codepoints():
    upstream = subset_icons.icon_map(UPSTREAM_CSS)
    for name, value in subset_icon_map().items():
        assert value == upstream[name], name


@pytest.mark.parametrize("style", sorted(subset_icons.STYLES))
def test_the_served_font_is_the_subset_and_has_every_glyph(style):
    if style not in subset_icons.used_names() and style != "fa-solid":
        pytest.skip(f"{style} is not used")
    name = subset_icons.STYLES[style]
    served = SERVED / "webfonts" / f"{name}.subset.woff2"
    original = UPSTREAM / "webfonts" / f"{name}.woff2"
    assert served.stat().st_size < original.stat().st_size / 2
    assert not (SERVED / "webfonts" / f"{name}.woff2").exists()
    mapped = set(TTFont(served).getBestCmap())
    available = set(TTFont(original).getBestCmap())
    expected = {code for _content, code in subset_icon_map().values() if code in available}
    assert expected - mapped == set(), HINT
    assert len(mapped) <= len(subset_icon_map()) + 5  # the subset, not the whole font


def test_the_solid_font_has_every_icon_in_use():
    mapped = set(TTFont(SERVED / "webfonts" / "fa-solid-900.subset.woff2").getBestCmap())
    missing = {name for name, (_content, code) in subset_icon_map().items() if code not in mapped}
    assert not missing, HINT


def test_only_the_subset_is_served():
    served = {path.name for path in SERVED.rglob("*") if path.is_file()}
    assert "all.min.css" not in served and "fa-brands-400.woff2" not in served


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/does-not-exist/"])
def test_the_pages_link_the_subset_stylesheet(client, path):
    html = client.get(path).content.decode()
    assert "vendor/fontawesome/css/icons" in html
    assert "all.min.css" not in html
