"""Serve only the Font Awesome icons the portal uses (issue 13, "Accessibility and first paint").

The whole of Font Awesome Free (its CSS and web fonts) is copied by `npm run build` into
assets/vendor/fontawesome/, which is not served. This script scans the templates, the
Python code (menu icons, context processors…) and static/js/ for `fa-<name>` class names,
keeps the glyphs of those icons in the solid and regular fonts and writes a small CSS with
only their rules, into static/vendor/fontawesome/ (served and committed).

Rerun it after adding an icon: `make icons` (needs fonttools and brotli from
requirements-dev.txt). tests/test_icon_subset.py fails while an icon is missing.

Icon names must appear whole in the source ("fa-bullhorn"), never built from pieces
("fa-" + name, fa-{{ name }}): the scan cannot see those, and the test refuses them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "assets" / "vendor" / "fontawesome"
SERVED = ROOT / "static" / "vendor" / "fontawesome"
CSS_NAME = "icons.css"

# The styles the portal may use, with the upstream web font of each. Brands are not
# served (the WhatsApp link draws its own SVG).
STYLES = {"fa-solid": "fa-solid-900", "fa-regular": "fa-regular-400"}
FONT_WEIGHTS = {"fa-solid": 900, "fa-regular": 400}
# Base classes kept whatever the scan finds (a few bytes): the short aliases of the styles.
ALWAYS = {"fa", "fas", "far", "fa-classic"}

NAME = re.compile(r"(?<![\w-])fa-[a-z0-9]+(?:-[a-z0-9]+)*(?![\w-])")
# What the scan cannot follow: a name built from pieces.
DYNAMIC = re.compile(r"""(?<![\w-])fa-(?:\{|\$|["'`]\s*\+|["'`]\s*%)""")
SKIP_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "media",
    "assets",
    "tests",
    "scripts",
    "bench",
    "vendor",
    "__pycache__",
}


def is_source(path: Path, relative: Path) -> bool:
    if path.suffix == ".py":
        return not path.name.startswith("test_") and path.name != "conftest.py"
    if path.suffix == ".html":
        return "templates" in relative.parts
    return path.suffix == ".js" and relative.parts[:2] == ("static", "js")


def source_files(root: Path = ROOT) -> list[Path]:
    """The files whose `fa-<name>` strings reach a page."""
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part in SKIP_DIRS for part in relative.parts[:-1]) or not path.is_file():
            continue
        if is_source(path, relative):
            found.append(path)
    return sorted(found)


def used_names(root: Path = ROOT) -> dict[str, set[str]]:
    """Every `fa-<name>` written in the sources, with the files that write it."""
    names: dict[str, set[str]] = {}
    for path in source_files(root):
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            names.setdefault(name, set()).add(str(path.relative_to(root)))
    return names


def dynamic_uses(root: Path = ROOT) -> list[str]:
    """Places that build an icon name from pieces ("file:line")."""
    places = []
    for path in source_files(root):
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        ):
            if DYNAMIC.search(line):
                places.append(f"{path.relative_to(root)}:{number}")
    return places


# --- CSS -------------------------------------------------------------------------------


def split_rules(css: str) -> list[str]:
    """Top-level rules of a stylesheet (nested blocks stay inside their rule)."""
    rules, depth, start, quote = [], 0, 0, ""
    for index, char in enumerate(css):
        if quote:
            if char == quote and css[index - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append(css[start : index + 1].strip())
                start = index + 1
    return [rule for rule in rules if rule]


def split_selectors(prelude: str) -> list[str]:
    """A selector list split on its top-level commas (not those inside :is(...))."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


ICON_RULE = re.compile(r'^([^{]+)\{--fa:"((?:\\.|[^"\\])+)"\}$')
CLASS = re.compile(r"\.(fa[a-z0-9-]*)")


def codepoint(value: str) -> int:
    """The first character of a CSS string's content (`\\f133`, `\\!`, `0`)."""
    escape = re.match(r"\\([0-9a-fA-F]{1,6})", value)
    if escape:
        return int(escape.group(1), 16)
    return ord(value[1] if value.startswith("\\") else value[0])


def icon_map(css: str) -> dict[str, tuple[str, int]]:
    """Icon class -> (its CSS content value, its codepoint), from the upstream CSS."""
    icons = {}
    for rule in split_rules(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        match = ICON_RULE.match(rule)
        if match:
            for selector in split_selectors(match.group(1)):
                icons[selector.lstrip(".")] = (match.group(2), codepoint(match.group(2)))
    return icons


def keep_selector(selector: str, allowed: set[str]) -> bool:
    if selector.startswith(":is("):  # the shared :before rule of every style
        return True
    return all(name in allowed for name in CLASS.findall(selector))


def filter_rules(css: str, allowed: set[str], fonts: dict[str, str]) -> list[str]:
    """The upstream rules reduced to the allowed classes, @font-face to the subset fonts."""
    kept = []
    for rule in split_rules(css):
        prelude, body = rule.split("{", 1)
        prelude = prelude.strip()
        if prelude.startswith("@font-face"):
            kept += font_face(body, fonts)
        elif prelude.startswith("@keyframes"):
            kept.append(rule)  # pruned at the end, once the animations in use are known
        elif prelude.startswith(("@media", "@supports")):
            inner = filter_rules(body[:-1], allowed, fonts)
            if inner:
                kept.append(prelude + "{" + "".join(inner) + "}")
        elif "brands" in body.lower():
            continue
        else:
            selectors = [s for s in split_selectors(prelude) if keep_selector(s, allowed)]
            if selectors:
                kept.append(",".join(selectors) + "{" + body)
    return kept


def font_face(body: str, fonts: dict[str, str]) -> list[str]:
    """Only the Font Awesome 7 Free faces, pointing at the subset fonts."""
    if '"Font Awesome 7 Free"' not in body:
        return []
    for style, weight in FONT_WEIGHTS.items():
        if f"font-weight:{weight}" in body and style in fonts:
            body = re.sub(r"url\([^)]*\)", f"url(../webfonts/{fonts[style]})", body)
            return ["@font-face{" + body]
    return []


def prune_keyframes(rules: list[str]) -> list[str]:
    text = "".join(rule for rule in rules if not rule.startswith("@keyframes"))
    animations = set(re.findall(r"animation-name:([\w-]+)", text))
    return [
        rule
        for rule in rules
        if not rule.startswith("@keyframes") or rule.split("{", 1)[0].split()[1] in animations
    ]


def build_css(upstream_css: str, used: set[str], fonts: dict[str, str]) -> str:
    header = re.match(r"\s*/\*!.*?\*/", upstream_css, flags=re.S)
    body = re.sub(r"/\*.*?\*/", "", upstream_css, flags=re.S)
    icons = icon_map(body)
    allowed = ALWAYS | (used & (set(icons) | all_classes(body)))
    rules = prune_keyframes(filter_rules(body, allowed, fonts))
    notice = (
        "/* Subset written by scripts/subset_icons.py (do not edit): only the icons in use. */\n"
    )
    return (header.group(0).strip() + "\n" if header else "") + notice + "".join(rules) + "\n"


def all_classes(css: str) -> set[str]:
    return set(CLASS.findall(css))


# --- Fonts -----------------------------------------------------------------------------


def subset_font(source: Path, target: Path, codepoints: set[int]) -> None:
    from fontTools import subset  # noqa: PLC0415 (a developer tool, only this step needs it)

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # the copyright and licence stay with the font
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def fail(message: str) -> None:
    print(f"subset_icons: {message}", file=sys.stderr)


def main() -> int:
    upstream_css = (UPSTREAM / "css" / "all.min.css").read_text(encoding="utf-8")
    icons = icon_map(upstream_css)
    names = used_names()
    unknown = sorted(
        name for name in names if name not in icons and name not in all_classes(upstream_css)
    )
    if unknown:
        print(
            f"subset_icons: not Font Awesome Free classes (typo?): {', '.join(unknown)}",
            file=sys.stderr,
        )
        return 1
    if "fa-brands" in names:
        print(
            f"subset_icons: brand icons are not served ({sorted(names['fa-brands'])})",
            file=sys.stderr,
        )
        return 1
    for place in dynamic_uses():
        print(
            f"subset_icons: an icon name built from pieces, write it whole: {place}",
            file=sys.stderr,
        )
    codepoints = {icons[name][1] for name in names if name in icons}
    styles = {style for style in STYLES if style in names} | {"fa-solid"}
    fonts = {style: f"{STYLES[style]}.subset.woff2" for style in sorted(styles)}

    webfonts = SERVED / "webfonts"
    for old in webfonts.glob("*.woff2"):
        old.unlink()
    for style, target in fonts.items():
        subset_font(UPSTREAM / "webfonts" / f"{STYLES[style]}.woff2", webfonts / target, codepoints)
    (SERVED / "css").mkdir(parents=True, exist_ok=True)
    css = build_css(upstream_css, set(names), fonts)
    (SERVED / "css" / CSS_NAME).write_text(css, encoding="utf-8")
    (SERVED / "LICENSE.txt").write_bytes((UPSTREAM / "LICENSE.txt").read_bytes())

    sizes = [f"{path.name} {path.stat().st_size} B" for path in sorted(SERVED.rglob("*.*"))]
    print(f"subset_icons: {len(codepoints)} icons; " + ", ".join(sizes))
    return 1 if dynamic_uses() else 0


if __name__ == "__main__":
    sys.exit(main())
