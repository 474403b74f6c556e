"""HTML that text from a data file cannot break out of: every string is escaped on the way in.

Markup is built only with `element`, which escapes every plain `str` it is given (content
and attribute values alike) and trusts only `Html`, the markup this package made. Control
characters and bidirectional overrides are shown as visible escapes (`\\x1b`, `\\u202e`)
rather than passed on, and a source becomes a link only for the http(s) URLs in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from shtracker.render.safe_text import UNSAFE_CHARACTERS, printable

#: An http(s) URL, or a host name with a path ("cnipa.gov.cn/tjxx/..."), as sources cite
#: them. It stops at spaces, quotes, brackets, full-width punctuation and hidden characters.
_URL = re.compile(
    r"(?:https?://|(?<![\w.@/:-])(?=(?:[a-z0-9-]+\.)+[a-z]{2,}/))"
    rf"[^\s\"'<>()\[\]{{}}\x20{UNSAFE_CHARACTERS}，。；：（）「」“”‘’、]+",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?*"


class Html(str):
    """Markup made by this package: trusted as is, never escaped again."""

    __slots__ = ()


def visible(text: str) -> str:
    """Return text with every control, bidi override and lone surrogate as a visible escape."""
    return printable(text)


def escape(text: str) -> Html:
    """Return text as HTML: hidden characters made visible, then `& < > " '` escaped."""
    if isinstance(text, Html):
        return text
    if not text.isprintable():  # rare: only then look for what to make visible
        text = visible(text)
    # What html.escape(text, quote=True) does; importing html would load html.entities,
    # a table of 2,231 names, for nothing.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Html(text.replace('"', "&quot;").replace("'", "&#x27;"))


Child = str | None
Attributes = Mapping[str, str | int | float | bool | None]


def join(children: Iterable[Child]) -> Html:
    """Return children side by side: Html as is, text escaped, None left out."""
    return Html("".join([c if type(c) is Html else escape(c) for c in children if c is not None]))


def element(tag: str, attributes: Attributes | None = None, *children: Child) -> Html:
    """Return `<tag attributes>children</tag>`: every value and text child escaped.

    A value of None or False leaves the attribute out; True writes it bare. A void HTML
    element has no end tag; an empty SVG shape closes itself.
    """
    opening = tag
    if attributes:
        opening += "".join(
            [
                f" {name}" if value is True else f' {name}="{_value(value)}"'
                for name, value in attributes.items()
                if value is not None and value is not False
            ]
        )
    if tag in _HTML_VOID:
        return Html(f"<{opening}>")
    if tag in _SVG_EMPTY and not children:
        return Html(f"<{opening}/>")  # inside <svg> an element without an end tag stays open
    # The type test inline: a page calls this half a million times.
    inner = "".join([c if type(c) is Html else escape(c) for c in children if c is not None])
    return Html(f"<{opening}>{inner}</{tag}>")


def _value(value: str | float) -> str:
    """Return an attribute value escaped; a number has nothing to escape."""
    if type(value) is Html:
        return value
    return escape(value) if isinstance(value, str) else str(value)


_HTML_VOID = frozenset({"meta", "br", "wbr"})
_SVG_EMPTY = frozenset({"circle", "rect", "path", "line", "polyline", "polygon", "use"})


def url_of(found: str) -> str:
    """Return the address a URL found in text points to: https:// when it has no scheme."""
    return found if found.lower().startswith(("http://", "https://")) else f"https://{found}"


def linked(text: str) -> Html:
    """Return a source as HTML text with its http(s) URLs as links, everything else as text."""
    out: list[Child] = []
    end = 0
    for match in _URL.finditer(text):
        found = match.group().rstrip(_TRAILING)
        out.append(text[end : match.start()])
        out.append(element("a", {"href": url_of(found), "rel": "noreferrer"}, found))
        end = match.start() + len(found)
    out.append(text[end:])
    return join(out)
