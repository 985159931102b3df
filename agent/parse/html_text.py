"""HTML mail bodies -> readable plain text, with the stdlib html.parser.

Python 3.11's HTMLParser goes quadratic on unclosed constructs (a few hundred kB of
"<!--" takes minutes), so the input is first cut to a size cap and passed through a
linear pre-pass after which every tag is closed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MAX_HTML_CHARS = 600_000
MAX_QUOTE_MARKS = 8  # newsletters are far below; anything past this is padding

_WS = re.compile(r"[ \t\r\n\f\v\xa0\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters newsletters use as preheader padding.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u200b-\u200d\u2060\ufeff]")
_BLANK_RUNS = re.compile(r"\n{3,}")

# Whose content is never shown to a reader.
_HIDDEN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
_PARAGRAPH = frozenset(
    "p h1 h2 h3 h4 h5 h6 table ul ol dl pre blockquote hr address figure center".split()
)
_LINE = frozenset(
    "br div tr li dt dd section article header footer main nav aside form fieldset"
    " figcaption caption tbody thead tfoot".split()
)


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_RAW_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1[^>]*>", re.S | re.I)
_DECLARATION = re.compile(r"<[!?][^>]*>")
# A '<' that cannot start a tag, or whose tag is interrupted by another '<'.
_STRAY_LT = re.compile(r"<(?:(?![A-Za-z/])|(?=/(?![A-Za-z]))|(?=[^<>]*<))")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9:._-]*)")


def _cut_unclosed(html: str, lowered: bytes, name: bytes) -> tuple[str, bytes]:
    """Cut the text at the first `<name` that no `</name` follows: the rest is its content."""
    last_close = lowered.rfind(b"</" + name)
    opening = lowered.find(b"<" + name, last_close + 1 if last_close >= 0 else 0)
    if opening >= 0:
        return html[:opening], lowered[:opening]
    return html, lowered


def sanitize(html: str) -> str:
    """Linear pre-pass with C-speed regexes: drop comments, declarations, script/style
    blocks and whatever an unclosed construct would swallow; escape stray '<'.

    Afterwards every '<' starts a tag closed by a '>' before any other '<'. Each regex
    is linear given the cuts made before it.
    """
    if "<!--" in html:
        last_close = html.rfind("-->")
        opening = html.find("<!--", last_close + 3 if last_close >= 0 else 0)
        if opening >= 0:
            html = html[:opening]  # an unclosed comment hides the rest of the document
        html = _COMMENT.sub("", html)
    last_gt = html.rfind(">")
    if html.find("<", last_gt + 1) >= 0:
        html = html[: last_gt + 1] + html[last_gt + 1 :].replace("<", "&lt;")
    # Same length as html: every non-ASCII character becomes one '?'.
    lowered = html.encode("ascii", "replace").lower()
    if b"<script" in lowered or b"<style" in lowered:
        for name in (b"script", b"style"):
            html, lowered = _cut_unclosed(html, lowered, name)
        html = _RAW_BLOCK.sub("", html)
    if "<!" in html or "<?" in html:
        html = _DECLARATION.sub("", html)
    return _STRAY_LT.sub("&lt;", html)


class _TextWriter(HTMLParser):
    """Collects visible text; block elements become line breaks, blockquotes get '> '."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: dict[str, int] = {}  # open hidden elements by tag
        self.hidden_total = 0
        self.quote_depth = 0
        self.pre_depth = 0
        self.pending_breaks = 0  # newlines owed before the next text
        self.at_line_start = True

    # The pre-pass guarantees each tag ends at the first '>', and attributes are never
    # used: reading a tag with one find() skips HTMLParser's attribute regexes, which are
    # both the slow part and the part that quoted values containing '>' can derail.
    def parse_starttag(self, i: int) -> int:
        raw = self.rawdata
        end = raw.find(">", i)
        if end < 0:
            return -1
        m = _TAG_NAME.match(raw, i, end)
        if m is None:
            self.handle_data(raw[i : end + 1])
            return end + 1
        tag = m.group(1).lower()
        self.lasttag = tag
        if raw[end - 1] == "/":
            self.handle_startendtag(tag, [])
        else:
            self.handle_starttag(tag, [])
        return end + 1

    def parse_endtag(self, i: int) -> int:
        raw = self.rawdata
        end = raw.find(">", i)
        if end < 0:
            return -1
        m = _TAG_NAME.match(raw, i, end)
        if m is not None:
            self.handle_endtag(m.group(1).lower())
        return end + 1

    def updatepos(self, i: int, j: int) -> int:
        return j  # line/column tracking is never read

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
            if self.quote_depth:  # capped: 100k nested blockquotes must not mean 200 kB a line
                self.parts.append("> " * min(self.quote_depth, MAX_QUOTE_MARKS))
        self.parts.append(text)
        self.at_line_start = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
            self.hidden_total += 1
            return
        if tag == "body":  # a missing </head> must not hide the body
            self.hidden_total -= self.hidden.pop("head", 0)
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
                self.hidden_total -= 1
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
        if self.hidden_total:
            return
        if not data.isascii():
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
