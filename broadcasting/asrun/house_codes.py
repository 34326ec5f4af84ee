"""House codes as the as-run matcher reads them, on both sides: the code printed
on the running order (`campaigns.house_codes`) and whatever the playout wrote
for its clip id ("bf1-123", "BF1 000123", "D:\\clips\\BF1-000123.mxf").

Pure functions: no database. The settings' prefix is read only when the caller
gives no prefix."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from campaigns.house_codes import CODE_RE, DIGITS, house_code_prefix

# A file's extension, clipped from a clip id that is a file name.
EXTENSION_RE = re.compile(r"\.[A-Z][A-Z0-9]{1,4}$")
# Any prefix, a separator, then digits: "ABC-12", "BF1 000123", "BF1_123".
SEPARATED_RE = re.compile(r"([A-Z][A-Z0-9]{0,5})[\s_.:-]+0*(\d{1,12})")
SPACES_RE = re.compile(r"\s+")
WORDS_RE = re.compile(r"[\W_]+")


def _known_code_re(prefixes: Collection[str]) -> re.Pattern | None:
    names = sorted({p.upper() for p in prefixes if p}, key=lambda p: (-len(p), p))
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    # A known prefix, then digits (a separator optional), then the end or a
    # separator: "BF1000123", "BF1-000123 Coca-Cola", "BF1-000123_v1".
    return re.compile(rf"({alternatives})[\s_.:-]*0*(\d{{1,12}})(?=$|[^A-Z0-9])")


def normalise_code(text: str | None, prefixes: Collection[str] | None = None) -> str:
    """The canonical form of a clip id: a house code of a known prefix (the
    settings' one unless `prefixes` are given) or of any prefix separated from
    its digits ("XYZ 12" → "XYZ-000012") as `PREFIX-000123`; any other text
    stripped, uppercased, its blanks collapsed; '' for nothing."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text)).strip()
    value = re.split(r"[\\/]", value)[-1].strip().upper()  # a path: its file name
    if not value:
        return ""
    value = EXTENSION_RE.sub("", value).strip() or value
    if prefixes is None:
        prefixes = (house_code_prefix(),)
    known = _compiled(tuple(sorted(prefixes)))
    match = known.match(value) if known is not None else None
    if match is None:
        match = SEPARATED_RE.fullmatch(value)
    if match is not None:
        return f"{match.group(1)}-{int(match.group(2)):0{DIGITS}d}"
    return SPACES_RE.sub(" ", value)


_PATTERNS: dict[tuple[str, ...], re.Pattern | None] = {}


def _compiled(prefixes: tuple[str, ...]) -> re.Pattern | None:
    pattern = _PATTERNS.get(prefixes, False)
    if pattern is False:
        if len(_PATTERNS) > 64:
            _PATTERNS.clear()
        pattern = _PATTERNS[prefixes] = _known_code_re(prefixes)
    return pattern


def code_prefix(code: str) -> str:
    """The prefix of a canonical code ('BF1' of 'BF1-000123'), '' for other text."""
    match = CODE_RE.fullmatch(code or "")
    return match.group(1) if match else ""


def is_house_code(code: str, prefixes: Collection[str]) -> bool:
    """Whether the canonical `code` is a house code of one of `prefixes`."""
    prefix = code_prefix(code)
    return bool(prefix) and prefix in prefixes


def title_key(text: str | None) -> str:
    """A title compared without case, accents or punctuation ("Bissap Été !" →
    "bissap ete")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return WORDS_RE.sub(" ", plain.casefold()).strip()
