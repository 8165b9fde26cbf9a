"""The small safe markup of mails and circulars, and the HTML part made from a mail's text.

The markup is plain text with three conventions and nothing else:
- a blank line separates paragraphs (a single line break stays a line break);
- a paragraph whose every line starts with "- " is a bulleted list;
- `[text](https://…)` is a link with a text; a bare `https://…` or `http://…` is a link too.

Every character of the text is escaped; the only tags ever written are the few below, and a link
only ever points to an http(s) address. So a staff member's circular, a person's name in an
invitation or a seminar's title can never put markup of their own into a mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((https?://[^\s()<>\"']{1,2000})\)"
                   r"|(https?://[^\s<>\"']{1,2000})")
_TRAILING = ".,;:!?)'\""
_ITEM = "- "


@dataclass(frozen=True)
class Segment:
    """A piece of a line: text, or a link (then `url` is its http(s) address)."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Block:
    """A paragraph (its lines) or a list (its items), each line a tuple of segments."""

    is_list: bool
    lines: tuple[tuple[Segment, ...], ...]


def _segments(line: str) -> tuple[Segment, ...]:
    pieces: list[Segment] = []
    position = 0
    for match in _LINK.finditer(line):
        if match.group(1) is not None:
            text, url, end = match.group(1), match.group(2), match.end()
        else:
            url = match.group(3).rstrip(_TRAILING)
            text, end = url, match.start() + len(url)
        if match.start() < position:
            continue
        if match.start() > position:
            pieces.append(Segment(line[position:match.start()]))
        pieces.append(Segment(text, url))
        position = end
    if position < len(line):
        pieces.append(Segment(line[position:]))
    return tuple(pieces)


def parse(text: str) -> tuple[Block, ...]:
    """The blocks of `text` (line ends of any kind, surrounding blank lines dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.rstrip())
            continue
        if current:
            is_list = all(item.lstrip().startswith(_ITEM) for item in current)
            content = [item.lstrip()[len(_ITEM):] if is_list else item for item in current]
            blocks.append(Block(is_list, tuple(_segments(item) for item in content)))
            current = []
    return tuple(blocks)


def plain_text(text: str) -> str:
    """The mail's text part: a link with a text becomes "text (address)"; the rest stays."""
    def line_of(segments: tuple[Segment, ...]) -> str:
        return "".join(f"{piece.text} ({piece.url})" if piece.url and piece.text != piece.url
                       else piece.text for piece in segments)

    paragraphs = []
    for block in parse(text):
        prefix = _ITEM if block.is_list else ""
        paragraphs.append("\n".join(prefix + line_of(line) for line in block.lines))
    return "\n\n".join(paragraphs) + "\n"


def _html_line(segments: tuple[Segment, ...]) -> str:
    return "".join(f'<a href="{escape(piece.url)}">{escape(piece.text)}</a>' if piece.url
                   else escape(piece.text) for piece in segments)


def html_fragment(text: str) -> str:
    """The blocks as escaped HTML: `<p>` with `<br>`, `<ul>`/`<li>`, `<a href>`; nothing else."""
    parts = []
    for block in parse(text):
        if block.is_list:
            items = "".join(f"<li>{_html_line(line)}</li>" for line in block.lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + "<br>\n".join(_html_line(line) for line in block.lines) + "</p>")
    return "\n".join(parts)


def html_document(text: str, title: str, language: str | None = None) -> str:
    """The mail's HTML part: a simple page, readable without images, styles or scripts."""
    lang = f' lang="{escape(language)}"' if language else ""
    return (f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n</head>\n"
            f'<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em;">\n'
            f"{html_fragment(text)}\n</body>\n</html>\n")
