"""Telegram HTML for answers, sources and help. Every user- or corpus-derived value is escaped here."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from bot.telegram import admin_texts, texts
from bot.telegram.split import MAX_MESSAGE, utf16_len, visible_len
from index.answer.model import Answer, Source
from index.answer.plain import UNSURE, decline_text, format_date, period_note
from index.store.snapshot import BulletinRecord, Index

SOURCES_PER_PAGE = 8
ELLIPSIS = "…"
_TITLE_CHARS = 200  # any message naming bulletins stays far below Telegram's limit whatever the titles
_ASKED_CHARS = 300  # the question shown above an answer a button asked
_WORD_CHARS = 40  # a cut moves to a word boundary this close; farther (no spaces: a URL, a hash), it cuts the word


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def _fit(text: str, units: int) -> int:
    """How many characters of `text` take at most `units` UTF-16 units (Telegram's measure)."""
    head = text[: max(units, 0) + 1]  # a character takes one unit or two: no more than this can fit
    used = 0
    for count, char in enumerate(head):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            return count
    return len(head)


def _joined(char: str) -> bool:
    # A cut before a combining mark, a variation selector or a zero-width joiner would break a letter or emoji.
    return bool(unicodedata.combining(char)) or char in "\u200d\ufe0f"


def _word_end(text: str, cut: int) -> int:
    """`cut` moved back to the end of a word when one ends close enough."""
    if cut >= len(text) or text[cut].isspace():
        return cut
    space = max(text.rfind(" ", 0, cut), text.rfind("\n", 0, cut))
    if space > 0 and cut - space <= _WORD_CHARS:
        return space
    while cut > 0 and (_joined(text[cut]) or text[cut - 1] == "\u200d"):
        cut -= 1
    return cut


def clip(text: str, units: int) -> str:
    """`text` within `units` UTF-16 units: whole, or its first words and "…" ("" when nothing fits)."""
    if utf16_len(text) <= units:
        return text
    if units < 1:
        return ""
    return text[: _word_end(text, _fit(text, units - 1))].rstrip() + ELLIPSIS


def clip_start(text: str, units: int) -> str:
    """`text` within `units` UTF-16 units: whole, or "…" and its last words ("" when nothing fits)."""
    if utf16_len(text) <= units:
        return text
    if units < 1:
        return ""
    start = len(text) - _fit(text[::-1], units - 1)
    if start < len(text) and not text[start - 1].isspace():  # inside a word: start at the next one
        space = min((i for i in (text.find(" ", start), text.find("\n", start)) if i >= 0), default=-1)
        if 0 <= space - start <= _WORD_CHARS:
            start = space + 1
    while start < len(text) and (_joined(text[start]) or text[start - 1] == "\u200d"):
        start += 1
    return ELLIPSIS + text[start:].lstrip()


def link(title: str, url: str | None) -> str:
    title = clip(title, _TITLE_CHARS)
    if not url:
        return f"<b>{esc(title)}</b>"
    return f'<a href="{html.escape(url, quote=True)}">{esc(title)}</a>'


def _dated(title: str, url: str | None, published: datetime | None) -> str:
    date = format_date(published)
    return link(title, url) + (f" ({esc(date)})" if date else "")


def source_link(source: Source) -> str:
    """The bulletin a source quotes, as a link with its date."""
    return _dated(source.title, source.url, source.published)


def _other(source: Source) -> str:
    return "• " + _dated(source.title, source.url, source.published)


def render_quote(source: Source, room: int = MAX_MESSAGE) -> str:
    """A quote and its bulletin in at most `room` visible units: the core of an answer, and the whole of an
    inline result. A quote too long for one message is cut at a word with "…"; the link always stays."""
    source_line = "\n📰 " + _dated(source.title, source.url, source.published)
    quote = clip(source.quote, room - visible_len(source_line))
    return f"<blockquote>{esc(quote)}</blockquote>{source_line}"


def asked_heading(asked: str | None) -> str:
    """The question a button asked, above its answer (the chat does not show it otherwise)."""
    return f"❓ <b>{esc(clip(asked, _ASKED_CHARS))}</b>\n" if asked else ""


def render_answer(answer: Answer, others: int = 2, asked: str | None = None, lead: str = "") -> str:
    """One message: the `asked` question if given (a button asked it), `lead` (HTML: what a follow-up was
    understood as), a caution when the answer is unsure, the quote in a blockquote, its bulletin as a link with
    its date, then up to `others` sources."""
    heading = asked_heading(asked) + lead + (f"⚠️ <i>{esc(UNSURE)}</i>\n" if answer.unsure else "")
    if answer.best is None:
        return heading + render_decline(answer, MAX_MESSAGE - visible_len(heading))
    tail = f"\n<i>{esc(period_note(answer))}</i>" if answer.period else ""
    if others and answer.others:
        tail += "\n".join(["", "", f"<b>{texts.OTHER_SOURCES}</b>"] + [_other(s) for s in answer.others[:others]])
    room = MAX_MESSAGE - visible_len(heading + tail)
    return heading + render_quote(answer.best, room) + tail


def render_decline(answer: Answer, room: int = MAX_MESSAGE) -> str:
    """Says plainly that there is no answer, how to rephrase, and where the list of bulletins is."""
    words = clip(decline_text(answer), room - visible_len(texts.SEE_SOURCES) - 2)  # it may name unknown names
    return esc(words) + "\n\n" + texts.SEE_SOURCES


def _window(paragraph: str, quote: tuple[int, int] | None, room: int) -> tuple[str, str, str]:
    """(before, quoted, after): the paragraph around its quoted sentence in at most `room` units, cut at
    words with "…", the quote kept whole when it fits and the rest shared between both sides."""
    if quote is None:
        return clip(paragraph, room), "", ""
    start, end = quote
    before, quoted, after = paragraph[:start], paragraph[start:end], paragraph[end:]
    if utf16_len(paragraph) <= room:
        return before, quoted, after
    quote_room = room - (1 if before else 0)  # a leading "…" when the window does not start the paragraph
    if utf16_len(quoted) > quote_room:  # one sentence longer than a message: its first words
        return (ELLIPSIS if before else ""), clip(quoted, quote_room), ""
    rest = room - utf16_len(quoted)
    before_room = min(utf16_len(before), max(rest // 2, rest - utf16_len(after)))
    return clip_start(before, before_room), quoted, clip(after, rest - before_room)


def render_paragraph(bulletin: BulletinRecord, paragraph: str, quote: tuple[int, int] | None,
                     room: int = MAX_MESSAGE) -> str:
    """The paragraph, with the quoted sentence (start, end) in bold, in `room` units (one message): a
    paragraph too long for it shows the words around the quote, cut with "…"; the link always stays."""
    head = f"{texts.PARAGRAPH_FROM} " + _dated(bulletin.title, bulletin.url, bulletin.published)
    before, quoted, after = _window(paragraph, quote, room - visible_len(head) - 1)
    body = esc(before) + (f"<b>{esc(quoted)}</b>" if quote is not None else "") + esc(after)
    return f"{head}\n<blockquote>{body}</blockquote>"


def render_start(first_name: str | None, index: Index) -> str:
    newest = index.newest
    return texts.GREETING.format(
        name=esc(first_name or texts.SOMEONE),
        count=len(index.bulletins),
        newest=texts.NEWEST.format(date=newest.strftime("%d/%m/%Y")) if newest else "",
    )


def render_help(bot_username: str, retention_days: int, admin: bool = False) -> str:
    text = texts.HELP.format(mention=esc(f"@{bot_username}"), days=retention_days)
    return text + admin_texts.HELP if admin else text


def _newest_first(bulletins: Sequence[BulletinRecord]) -> list[BulletinRecord]:
    return sorted(bulletins, key=lambda b: (b.published is not None, b.published or datetime.min), reverse=True)


def page_count(index: Index) -> int:
    return max(1, -(-len(index.bulletins) // SOURCES_PER_PAGE))


def render_sources(index: Index, page: int) -> tuple[str, int]:
    """One page of the bulletin list, newest first, and the page actually shown (clamped)."""
    if not index.bulletins:
        return texts.SOURCES_EMPTY, 0
    pages = page_count(index)
    page = min(max(page, 0), pages - 1)
    first = page * SOURCES_PER_PAGE
    chosen = _newest_first(index.bulletins)[first : first + SOURCES_PER_PAGE]
    lines = [texts.SOURCES_TITLE.format(count=len(index.bulletins))]
    for number, bulletin in enumerate(chosen, start=first + 1):
        lines.append(f"{number}. " + _dated(bulletin.title, bulletin.url, bulletin.published))
    if pages > 1:
        lines.append("\n" + texts.SOURCES_PAGE.format(page=page + 1, pages=pages))
    return "\n".join(lines), page
