"""A safe, streaming XML walk shared by the BXF and Etere readers.

The file goes through `defusedxml`'s parser with DTDs forbidden: a document type
declaration, an entity (billion laughs) or an external reference refuses the
whole file before anything is expanded. The walk keeps only the path from the
root to the current element; each element a dialect `capture`s (an event, a
channel) is built as a small tree, handed to the dialect as soon as it ends with
the line where it starts and its ancestors, then dropped, so a month-long file never sits in
memory as one tree. Namespaces are ignored: names are compared by local name."""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable
from typing import Protocol
from xml.etree.ElementTree import Element, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

from ..rows import AsRunFileError

CHUNK = 1 << 20
EXPAT_ENCODINGS = {
    "utf-8",
    "utf8",
    "us-ascii",
    "ascii",
    "iso-8859-1",
    "latin-1",
    "latin1",
    "utf-16",
}
_DECLARATION = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']"
)

Ancestors = list[tuple[str, dict[str, str]]]


class Dialect(Protocol):
    capture: frozenset[str]

    def handle(self, element: Element, lines: dict[Element, int], ancestors: Ancestors) -> None: ...


@functools.lru_cache(maxsize=4096)
def local(tag: str) -> str:
    """ "{namespace}Name" -> "Name"."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@functools.lru_cache(maxsize=4096)
def lower_local(tag: str) -> str:
    """ "{namespace}Name" -> "name"."""
    return local(tag).lower()


def attribute(attrs: dict[str, str], *names: str) -> str:
    """The first of `names` found among `attrs` (local names, any case), stripped."""
    if not attrs:
        return ""
    for name in names:
        if name in attrs:
            return attrs[name].strip()
    by_lower = {lower_local(key): value for key, value in attrs.items()}
    for name in names:
        if name.lower() in by_lower:
            return by_lower[name.lower()].strip()
    return ""


def stream(data: bytes, choose: Callable[[str, dict[str, str]], Dialect]) -> Dialect:
    """Walk `data`; `choose(root_name, root_attrs)` returns the dialect for this
    root (or raises AsRunFileError). Returns that dialect once the file is read."""
    target = _Target(choose)
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    # defusedxml keeps its own guards on the expat parser (document type, entity
    # and external reference handlers); the element and text handlers go straight
    # to the target, skipping the pure-Python XMLParser layer (four times faster).
    target.expat = expat = parser.parser
    expat.StartElementHandler = target.start
    expat.EndElementHandler = target.end
    expat.CharacterDataHandler = target.data
    data = _as_expat_input(data)
    try:
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start : start + CHUNK])
        parser.close()
    except DefusedXmlException:
        raise AsRunFileError(
            _(
                "XML file refused: it declares entities or a document type (DTD), which an as-run "
                "never needs and which can hide an attack."
            )
        ) from None
    except SyntaxError as error:
        line, column = getattr(error, "position", None) or (0, 0)
        raise AsRunFileError(
            _("Unreadable XML file (truncated or malformed) near line %(line)s, column %(column)s.")
            % {"line": line, "column": column}
        ) from None
    if target.dialect is None:
        raise AsRunFileError(_("Unreadable XML file (truncated or malformed): no element found."))
    return target.dialect


def _as_expat_input(data: bytes) -> bytes:
    """Bytes expat can read: a file in an encoding expat does not know (declared
    windows-1252, or undeclared and not UTF-8) is transcoded to UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    match = _DECLARATION.match(data[:512])
    declared = match.group(1).decode("ascii").lower() if match else "utf-8"
    if declared in {"utf-8", "utf8"}:
        try:
            data.decode("utf-8")
            return data
        except UnicodeDecodeError:
            declared = "cp1252"
    elif declared in EXPAT_ENCODINGS:
        return data
    try:
        codecs.lookup(declared)
        text = data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("latin-1")
    if match:
        text = text.replace(match.group(1).decode("ascii"), "utf-8", 1)
    return text.encode("utf-8")


class _Target:
    """The parser's target: keeps the path of open elements and builds a small
    tree for each captured element."""

    def __init__(self, choose):
        self.choose = choose
        self.dialect: Dialect | None = None
        self.capture: frozenset[str] = frozenset()
        self.expat = None
        self.stack: Ancestors = []
        self.builder: TreeBuilder | None = None
        self.depth = 0
        self.lines: dict[Element, int] = {}
        self.around: Ancestors = []

    def start(self, tag, attributes):
        """expat's handler: `tag` is "namespace}Name" or "Name", `attributes` a
        flat [name, value, …] list."""
        attrs = dict(zip(attributes[::2], attributes[1::2], strict=True)) if attributes else {}
        name = local(tag)
        if self.builder is not None:
            element = self.builder.start(tag, attrs)
            if name in self.capture:
                self.lines[element] = self.expat.CurrentLineNumber
            self.depth += 1
            return
        if self.dialect is None:
            self.dialect = self.choose(name, attrs)
            self.capture = self.dialect.capture
        if self.stack and name in self.capture:
            self.builder = TreeBuilder()
            self.lines = {self.builder.start(tag, attrs): self.expat.CurrentLineNumber}
            self.depth = 1
            self.around = list(self.stack)
        else:
            self.stack.append((name, attrs))

    def end(self, tag):
        if self.builder is None:
            self.stack.pop()
            return
        self.builder.end(tag)
        self.depth -= 1
        if self.depth == 0:
            # Handled at once, so that the small tree dies young (a month's file
            # would otherwise age thousands of elements into the oldest
            # generation of the garbage collector, and pay for full collections).
            element, lines = self.builder.close(), self.lines
            self.builder, self.lines = None, {}
            self.dialect.handle(element, lines, self.around)

    def data(self, text):
        if self.builder is not None:
            self.builder.data(text)

    def close(self):
        return None


def by_name(element: Element) -> dict[str, list[Element]]:
    """Every element under `element` (itself included), by lowercased local name,
    in document order."""
    found: dict[str, list[Element]] = {}
    for node in element.iter():
        name = lower_local(node.tag)
        if name in found:
            found[name].append(node)
        else:
            found[name] = [node]
    return found


def find(element: Element | None, name: str) -> Element | None:
    """The first element named `name` (lowercased local name) under `element`."""
    if element is None:
        return None
    return next((node for node in element.iter() if lower_local(node.tag) == name), None)


def text(element: Element | None) -> str:
    """The stripped text of an element (its own and its children's)."""
    if element is None:
        return ""
    return "".join(element.itertext()).strip()
