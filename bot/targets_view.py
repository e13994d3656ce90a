"""Renderers for the targets list (chỉ tiêu): terminal text, CSV, JSON and Telegram HTML pages.

Targets point at sentences by (file, paragraph position, span); `make_rows` resolves them against the
bulletins once, so every renderer quotes the sentence verbatim with its bulletin's title and link.
Telegram-free: the HTML pages only use <b>, <a href>, <blockquote>, and escape everything corpus-derived.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Mapping, Sequence

from index.models import Bulletin
from index.serving import Index
from index.targets import Target, group_by_year, sort_key, targets_to_json

from .render import format_date

PAGE_SIZE = 5  # quoted sentences per Telegram page
MAX_MESSAGE = 4096  # Telegram's limit, in UTF-16 units; pages are measured on their raw HTML (stricter)
_HEADER_ROOM = 400  # the page header, added once the number of pages is known
_CAPS = {"sentence": 1200, "indicator": 200, "title": 200, "url": 1000, "query": 100}
_BULLETS = 8  # targets listed under one sentence before "… và N chỉ tiêu khác"
CSV_COLUMNS = ("year", "indicator", "value", "low", "high", "comparator", "unit", "file", "title", "url", "sentence")

TITLE = "Chỉ tiêu của chương trình hành động"
NO_YEAR = "Chưa nêu mốc thời gian"
NONE_YET = "Chưa có chỉ tiêu nào trong các bản tin hiện có."
NONE_FOUND = "Không tìm thấy chỉ tiêu nào khớp với “{query}”. Bạn thử từ khóa khác, ví dụ: /chitieu đô thị hóa"
COUNT = "{count} chỉ tiêu"
PAGE = "Trang {page}/{pages}"
CONTINUED = " (tiếp)"
MORE = "… và {count} chỉ tiêu khác trong câu này"
SOURCE = "Nguồn"


@dataclass(frozen=True, slots=True)
class BulletinSource:
    """What a target row needs from its bulletin."""

    title: str
    url: str | None
    paragraphs: Sequence[str]
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A target with its sentence resolved: what every renderer shows."""

    target: Target
    title: str
    url: str | None
    sentence: str
    published: datetime | None = None


Lookup = Mapping[str, BulletinSource] | Callable[[str], BulletinSource | None]


def sources_from_bulletins(bulletins: Iterable[Bulletin]) -> dict[str, BulletinSource]:
    return {b.file: BulletinSource(b.title, b.url, [p.text for p in b.paragraphs], b.published) for b in bulletins}


def sources_from_index(index: Index) -> dict[str, BulletinSource]:
    return {
        b.file: BulletinSource(b.title, b.url, index.paragraphs[b.first : b.first + b.count], b.published)
        for b in index.bulletins
    }


def make_rows(targets: Iterable[Target], sources: Lookup) -> list[TargetRow]:
    """Rows in display order (year, then bulletin). A target whose bulletin or sentence is gone
    (an index saved before the bulletin changed) is left out rather than quoted wrongly."""
    find = sources.get if isinstance(sources, Mapping) else sources
    rows = []
    for t in sorted(targets, key=sort_key):
        source = find(t.file)
        if source is None or not 0 <= t.position < len(source.paragraphs):
            continue
        paragraph = source.paragraphs[t.position]
        if not 0 <= t.start < t.end <= len(paragraph):
            continue
        rows.append(TargetRow(t, source.title, source.url, paragraph[t.start : t.end], source.published))
    return rows


def sentence_getter(sources: Mapping[str, BulletinSource]) -> Callable[[Target], str]:
    """For index.targets.filter_targets(..., sentence_of=...): the quoted sentence of a target."""
    def sentence(t: Target) -> str:
        source = sources.get(t.file)
        if source is None or t.position >= len(source.paragraphs):
            return ""
        return source.paragraphs[t.position][t.start : t.end]

    return sentence


def year_heading(year: int | None) -> str:
    return f"Đến năm {year}" if year is not None else NO_YEAR


def _entries(rows: Sequence[TargetRow]) -> list[tuple[int | None, list[TargetRow]]]:
    """(year, rows quoting one sentence) in display order: a sentence with two targets is quoted once."""
    by_target = {id(r.target): r for r in rows}
    out: list[tuple[int | None, list[TargetRow]]] = []
    for year, targets in group_by_year(r.target for r in rows):
        for t in targets:
            row = by_target[id(t)]
            last = out[-1][1][-1].target if out and out[-1][0] == year else None
            if last is not None and (last.file, last.position, last.start) == (t.file, t.position, t.start):
                out[-1][1].append(row)
            else:
                out.append((year, [row]))
    return out


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def targets_text(rows: Sequence[TargetRow]) -> str:
    """A plain-text list for the terminal, grouped by deadline year, each sentence quoted with its source."""
    if not rows:
        return NONE_YET
    lines = [f"{TITLE} ({COUNT.format(count=len(rows))})"]
    current: object = object()
    for year, group in _entries(rows):
        if year != current:
            lines += ["", year_heading(year)]
            current = year
        lines += [f"  • {r.target.indicator}: {r.target.value}" for r in group]
        first = group[0]
        lines.append(f"    “{first.sentence}”")
        date = f" ({format_date(first.published)})" if first.published else ""
        lines.append(f"    {SOURCE}: {first.title}{date}" + (f" — {first.url}" if first.url else ""))
    return "\n".join(lines)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _cell(text: str) -> str:
    # A cell starting with = + - @ is a formula to spreadsheets; quote it so it stays text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def targets_csv(rows: Sequence[TargetRow]) -> str:
    """CSV with CSV_COLUMNS, one target a line, for spreadsheets (UTF-8; write it with a BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        t = r.target
        writer.writerow([
            "" if t.year is None else t.year, _cell(t.indicator), _cell(t.value), _number(t.low), _number(t.high),
            t.comparator, _cell(t.unit), _cell(t.file), _cell(r.title), r.url or "", _cell(r.sentence),
        ])
    return buffer.getvalue()


def targets_json(rows: Sequence[TargetRow]) -> str:
    """A JSON array: every Target field plus title, url and the quoted sentence."""
    items = [
        {**fields, "title": r.title, "url": r.url, "sentence": r.sentence}
        for r, fields in zip(rows, targets_to_json(r.target for r in rows))
    ]
    return json.dumps(items, ensure_ascii=False, indent=1)


def _esc(text: str, cap: str) -> str:
    return html.escape(_cut(text, _CAPS[cap]), quote=False)


def _link(row: TargetRow) -> str:
    """The bulletin's title as a link (bold when there is no usable URL), with its date."""
    title = _esc(row.title, "title")
    date = format_date(row.published)
    suffix = f" ({date})" if date else ""
    if not row.url or len(row.url) > _CAPS["url"]:
        return f"<b>{title}</b>{suffix}"
    return f'<a href="{html.escape(row.url, quote=True)}">{title}</a>{suffix}'


def _entry_html(group: list[TargetRow]) -> str:
    bullets = [f"• <b>{_esc(r.target.indicator, 'indicator')}</b>: {_esc(r.target.value, 'indicator')}"
               for r in group[:_BULLETS]]
    if len(group) > _BULLETS:
        bullets.append(html.escape(MORE.format(count=len(group) - _BULLETS)))
    quote = f"<blockquote>{_esc(group[0].sentence, 'sentence')}</blockquote>"
    return "\n".join(bullets) + "\n" + quote + "\n📰 " + _link(group[0])


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _header(count: int, query: str | None, page: int, pages: int) -> str:
    head = f"🎯 <b>{html.escape(TITLE)}</b>"
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
        text = NONE_FOUND.format(query=_cut(query, _CAPS["query"])) if query else NONE_YET
        return [html.escape(text, quote=False)]
    pages: list[list[str]] = [[]]
    counts, sizes = [0], [0]
    year_on_page: object = object()
    seen: set[int | None] = set()
    for year, group in _entries(rows):
        entry = _entry_html(group)
        heading = "\n\n<b>" + html.escape(year_heading(year)) + "</b>" + (CONTINUED if year in seen else "")
        piece = (heading + "\n" if year != year_on_page else "\n\n") + entry
        if counts[-1] and (counts[-1] >= page_size or sizes[-1] + _utf16(piece) > MAX_MESSAGE - _HEADER_ROOM):
            pages.append([])
            counts.append(0)
            sizes.append(0)
            piece = heading + "\n" + entry
        pages[-1].append(piece)
        counts[-1] += 1
        sizes[-1] += _utf16(piece)
        year_on_page = year
        seen.add(year)
    return [_header(len(rows), query, i + 1, len(pages)) + "".join(b) for i, b in enumerate(pages)]
