"""Telegram HTML for answers, sources and help. Every user- or corpus-derived value is escaped here."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Sequence

from bot.telegram import admin_texts, texts
from index.answer.model import Answer, Source
from index.answer.plain import decline_text, format_date
from index.store.snapshot import BulletinRecord, Index

SOURCES_PER_PAGE = 8
_TITLE_CHARS = 200  # a /nguon page stays far below Telegram's limit whatever the titles


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def link(title: str, url: str | None) -> str:
    if not url:
        return f"<b>{esc(title)}</b>"
    return f'<a href="{html.escape(url, quote=True)}">{esc(title)}</a>'


def _dated(title: str, url: str | None, published: datetime | None) -> str:
    date = format_date(published)
    return link(title, url) + (f" ({esc(date)})" if date else "")


def _other(source: Source) -> str:
    return "• " + _dated(source.title, source.url, source.published)


def render_quote(source: Source) -> str:
    """A quote and its bulletin: the core of an answer, and the whole of an inline result."""
    quote = f"<blockquote>{esc(source.quote)}</blockquote>"
    return quote + "\n📰 " + _dated(source.title, source.url, source.published)


def render_answer(answer: Answer, others: int = 2) -> str:
    """The quote in a blockquote, its bulletin as a link with its date, then up to `others` sources."""
    if answer.best is None:
        return render_decline(answer)
    lines = [render_quote(answer.best)]
    if others and answer.others:
        lines += ["", f"<b>{texts.OTHER_SOURCES}</b>"] + [_other(s) for s in answer.others[:others]]
    return "\n".join(lines)


def render_decline(answer: Answer) -> str:
    """Says plainly that there is no answer, how to rephrase, and where the list of bulletins is."""
    return esc(decline_text(answer)) + "\n\n" + texts.SEE_SOURCES


def render_paragraph(bulletin: BulletinRecord, paragraph: str, quote: tuple[int, int] | None) -> str:
    """The whole paragraph, with the quoted sentence (start, end) in bold."""
    if quote is not None:
        start, end = quote
        body = esc(paragraph[:start]) + "<b>" + esc(paragraph[start:end]) + "</b>" + esc(paragraph[end:])
    else:
        body = esc(paragraph)
    head = f"{texts.PARAGRAPH_FROM} " + _dated(bulletin.title, bulletin.url, bulletin.published)
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
        title = bulletin.title if len(bulletin.title) <= _TITLE_CHARS else bulletin.title[:_TITLE_CHARS] + "…"
        lines.append(f"{number}. " + _dated(title, bulletin.url, bulletin.published))
    if pages > 1:
        lines.append("\n" + texts.SOURCES_PAGE.format(page=page + 1, pages=pages))
    return "\n".join(lines), page
