"""A saved web page as a small element tree (stdlib ``html.parser``), without the parts that
are never the call's words: scripts, styles, the head, navigation, footers, buttons, forms.

Tolerant of what browsers save: unclosed ``<p>``/``<li>``/``<td>``, stray end tags, entities
(decoded by the parser). Only the tree is built here; ``html_file`` reads text out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Subtrees dropped whole: code, page furniture, controls.
SKIPPED = frozenset(
    {
        "script", "style", "head", "nav", "footer", "button", "noscript", "template", "svg",
        "iframe", "object", "form", "select", "option", "textarea", "canvas", "map", "audio",
        "video", "dialog", "menu",
    }
)  # fmt: skip
# Elements that start a new line of text; everything else is inline.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
# An open element of these kinds is closed by the next of the same kind (``<p>a<p>b``).
_SELF_CLOSING_SIBLINGS = {"p": {"p"}, "li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"},
                          "tr": {"tr"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}  # fmt: skip
MAX_DEPTH = 400  # deeper pages are machine output, not a transcript: flattened below this


@dataclass
class Element:
    tag: str
    classes: tuple[str, ...] = ()
    children: list[Element | str] = field(default_factory=list)

    @property
    def signature(self) -> tuple[str, tuple[str, ...]]:
        """What repeats across a page's turns: the tag and its classes."""
        return self.tag, self.classes

    def text(self) -> str:
        """All the text below, on one line."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).split())


@dataclass
class Page:
    body: Element
    title: str | None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document")
        self.stack: list[Element] = [self.root]
        self.skipping: list[str] = []  # the open skipped elements; their text is dropped
        self.title_parts: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self.skipping in ([], ["head"]):
            self.in_title = True  # the page's title, not an SVG's
        if self.skipping or tag in SKIPPED:
            if tag in SKIPPED and tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag == "br":
            self.stack[-1].children.append("\n")
            return
        closes = _SELF_CLOSING_SIBLINGS.get(tag, set())
        if self.stack[-1].tag in closes:
            self.stack.pop()
        classes = tuple((dict(attrs).get("class") or "").split())
        element = Element(tag, classes)
        self.stack[-1].children.append(element)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return  # an end tag with no open element is ignored, as browsers do

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skipping:
            self.stack[-1].children.append(data)


def parse_page(markup: str) -> Page:
    """The page's body tree (skipped parts left out) and its ``<title>``."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    title = " ".join(" ".join(builder.title_parts).split()) or None
    return Page(body=builder.root, title=title)
