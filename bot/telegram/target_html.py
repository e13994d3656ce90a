"""The targets list (chỉ tiêu) as Telegram HTML pages, from the Telegram-free rows of index.targets.table.

Only <b>, <i>, <a href> and <blockquote>; everything corpus-derived is escaped and capped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.telegram.render import esc, link
from bot.telegram.split import MAX_MESSAGE, utf16_len
from index.answer.plain import format_date
from index.targets.table import (
    COUNT,
    NONE_FOUND,
    NONE_YET,
    TITLE,
    TargetRow,
    entries,
    year_heading,
)
from index.text import shorten

PAGE_SIZE = 5  # quoted sentences per Telegram page
_HEADER_ROOM = 400  # the page header, added once the number of pages is known
_CAPS = {"sentence": 1200, "indicator": 200, "title": 200, "url": 1000, "query": 100}
_BULLETS = 8  # targets listed under one sentence before "… và N chỉ tiêu khác"
PAGE = "Trang {page}/{pages}"
CONTINUED = " (tiếp)"
MORE = "… và {count} chỉ tiêu khác trong câu này"


def _esc(text: str, cap: str) -> str:
    return esc(shorten(text, _CAPS[cap]))


def _link(row: TargetRow) -> str:
    """The bulletin's title as a link (bold when there is no usable URL), with its date."""
    date = format_date(row.published)
    url = row.url if row.url and len(row.url) <= _CAPS["url"] else None
    return link(shorten(row.title, _CAPS["title"]), url) + (f" ({date})" if date else "")


def _entry_html(group: list[TargetRow]) -> str:
    bullets = [f"• <b>{_esc(r.target.indicator, 'indicator')}</b>: {_esc(r.target.value, 'indicator')}"
               for r in group[:_BULLETS]]
    if len(group) > _BULLETS:
        bullets.append(esc(MORE.format(count=len(group) - _BULLETS)))
    quote = f"<blockquote>{_esc(group[0].sentence, 'sentence')}</blockquote>"
    return "\n".join(bullets) + "\n" + quote + "\n📰 " + _link(group[0])


def _header(count: int, query: str | None, page: int, pages: int) -> str:
    head = f"🎯 <b>{esc(TITLE)}</b>"
    if query:
        head += f" — “<i>{_esc(query, 'query')}</i>”"
    head += f"\n{COUNT.format(count=count)}"
    return head + (f" · {PAGE.format(page=page, pages=pages)}" if pages > 1 else "")


def targets_html_pages(rows: Sequence[TargetRow], page_size: int = PAGE_SIZE, *, query: str | None = None) -> list[str]:
    """Telegram HTML pages (at least one), grouped by deadline year with a bold heading per year.

    A page holds up to `page_size` quoted sentences and stays under Telegram's 4096 limit; a year that
    continues on the next page is headed again with "(tiếp)". Buttons to turn pages are the caller's.
    """
    if not rows:
        return [esc(NONE_FOUND.format(query=shorten(query, _CAPS["query"])) if query else NONE_YET)]
    pages: list[list[str]] = [[]]
    counts, sizes = [0], [0]
    year_on_page: object = object()
    seen: set[int | None] = set()
    for year, group in entries(rows):
        entry = _entry_html(group)
        heading = "\n\n<b>" + html.escape(year_heading(year)) + "</b>" + (CONTINUED if year in seen else "")
        piece = (heading + "\n" if year != year_on_page else "\n\n") + entry
        if counts[-1] and (counts[-1] >= page_size or sizes[-1] + utf16_len(piece) > MAX_MESSAGE - _HEADER_ROOM):
            pages.append([])
            counts.append(0)
            sizes.append(0)
            piece = heading + "\n" + entry
        pages[-1].append(piece)
        counts[-1] += 1
        sizes[-1] += utf16_len(piece)
        year_on_page = year
        seen.add(year)
    return [_header(len(rows), query, i + 1, len(pages)) + "".join(b) for i, b in enumerate(pages)]
