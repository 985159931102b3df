"""HTML mail bodies -> readable plain text, with the stdlib html.parser.

Python 3.11's HTMLParser goes quadratic on unclosed constructs (a few hundred kB of
"<!--" takes minutes), so the input is first cut to a size cap and passed through a
linear pre-pass that leaves only closed tags and plain text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MAX_HTML_CHARS = 600_000  # newsletters are far below; anything past this is padding

_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9:_-]{0,40})")
_WS = re.compile(r"[ \t\r\n\f\v\xa0\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters newsletters use as preheader padding.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u200b-\u200d\u2060\ufeff]")
_BLANK_RUNS = re.compile(r"\n{3,}")

# Whose content is never shown to a reader.
_HIDDEN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
# Raw-text elements: their content may hold '<' and must be cut out before parsing.
_RAW_TEXT = (b"script", b"style")
_PARAGRAPH = frozenset(
    "p h1 h2 h3 h4 h5 h6 table ul ol dl pre blockquote hr address figure center".split()
)
_LINE = frozenset(
    "br div tr li dt dd section article header footer main nav aside form fieldset"
    " figcaption caption tbody thead tfoot".split()
)


def _balance_quotes(tag: str) -> str:
    # An odd quote would make the parser's attribute regex run past the tag's end.
    if tag.count('"') % 2:
        tag = tag.replace('"', "")
    if tag.count("'") % 2:
        tag = tag.replace("'", "")
    return tag


def sanitize(html: str) -> str:
    """Linear pre-pass: drop comments, declarations, script/style; escape stray '<'.

    Afterwards every '<' starts a tag closed by a '>' with no '<' in between, which keeps
    HTMLParser linear.
    """
    out: list[str] = []
    n = len(html)
    lowered: bytes | None = None
    next_lt = -2  # cached html.find("<", ...) result; -2 = not computed
    next_gt = -2
    i = 0
    while i < n:
        lt = html.find("<", i)
        if lt < 0:
            out.append(html[i:])
            break
        out.append(html[i:lt])
        if html.startswith("<!--", lt):
            end = html.find("-->", lt + 4)
            if end < 0:
                break  # an unclosed comment hides the rest of the document
            i = end + 3
            continue
        if next_gt != -1 and next_gt <= lt:
            next_gt = html.find(">", lt + 1)
        if next_gt < 0:
            out.append(html[lt:].replace("<", "&lt;"))
            break
        if next_lt != -1 and next_lt <= lt:
            next_lt = html.find("<", lt + 1)
        if 0 <= next_lt < next_gt:
            out.append("&lt;")  # this '<' never closes before the next one opens
            i = lt + 1
            continue
        gt = next_gt
        if html.startswith("<!", lt) or html.startswith("<?", lt):
            i = gt + 1  # doctype, CDATA, conditional comments, processing instructions
            continue
        m = _TAG_NAME.match(html, lt, gt)
        if not m:
            out.append("&lt;")  # "a < b > c" is text
            i = lt + 1
            continue
        name = m.group(1).lower().encode("ascii", "replace")
        if name in _RAW_TEXT and html[lt + 1] != "/":
            if lowered is None:  # same length as html: non-ASCII becomes '?'
                lowered = html.encode("ascii", "replace").lower()
            close = lowered.find(b"</" + name, gt + 1)
            end = html.find(">", close) if close >= 0 else -1
            if end < 0:
                break
            i = end + 1
            continue
        out.append(_balance_quotes(html[lt : gt + 1]))
        i = gt + 1
    return "".join(out)


class _TextWriter(HTMLParser):
    """Collects visible text; block elements become line breaks, blockquotes get '> '."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: dict[str, int] = {}
        self.quote_depth = 0
        self.pre_depth = 0
        self.pending_breaks = 0  # newlines owed before the next text
        self.at_line_start = True

    def _break(self, count: int) -> None:
        self.pending_breaks = max(self.pending_breaks, count)

    def _write(self, text: str) -> None:
        if self.pending_breaks and self.parts:
            self.parts.append("\n" * self.pending_breaks)
            self.at_line_start = True
        self.pending_breaks = 0
        if self.at_line_start:
            text = text.lstrip(" ")
            if not text:
                return
            if self.quote_depth:
                self.parts.append("> " * self.quote_depth)
        self.parts.append(text)
        self.at_line_start = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
            return
        if tag == "body":
            self.hidden.pop("head", None)  # a missing </head> must not hide the body
        if tag in _PARAGRAPH:
            self._break(2)
        elif tag in _LINE:
            self._break(1)
        elif tag in ("td", "th") and not self.at_line_start:
            self.parts.append("  ")
        if tag == "blockquote":
            self.quote_depth += 1
        elif tag == "pre":
            self.pre_depth += 1
        elif tag == "li":
            self._write("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            if self.hidden.get(tag):
                self.hidden[tag] -= 1
            return
        if tag in _PARAGRAPH:
            self._break(2)
        elif tag in _LINE:
            self._break(1)
        if tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1

    def handle_data(self, data: str) -> None:
        if any(self.hidden.values()):
            return
        data = _INVISIBLE.sub("", data)
        if self.pre_depth:
            lines = data.replace("\r", "").split("\n")
            for k, line in enumerate(lines):
                if k:
                    self._break(1)
                if line.strip():
                    self._write(line.replace("\xa0", " "))
            return
        text = _WS.sub(" ", data)
        if text.strip():
            self._write(text)
        elif (
            text
            and not self.at_line_start
            and not self.pending_breaks
            and not self.parts[-1].endswith(" ")
        ):
            self.parts.append(" ")


def html_to_text(html: str) -> tuple[str, bool]:
    """Readable text from an HTML body. Second value: the input was cut to the size cap."""
    cut = len(html) > MAX_HTML_CHARS
    if cut:
        html = html[:MAX_HTML_CHARS]
    writer = _TextWriter()
    try:
        writer.feed(sanitize(html))
        writer.close()
    except Exception:
        pass  # keep whatever text was collected before the parser gave up
    text = "".join(writer.parts)
    lines = [line.rstrip() for line in text.split("\n")]
    text = _BLANK_RUNS.sub("\n\n", "\n".join(lines))
    return text.strip("\n"), cut
