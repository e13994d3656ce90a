"""The targets list (chỉ tiêu) as rows, terminal text, CSV and JSON (the Telegram pages: bot.telegram.target_html).

Targets point at sentences by (file, paragraph position, span); `make_rows` resolves them against the
bulletins once, so every renderer quotes the sentence verbatim with its bulletin's title and link.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from index.answer.plain import format_date
from index.bulletins.models import Bulletin
from index.store.snapshot import Index
from index.targets.lookup import filter_targets, group_by_year, sort_key
from index.targets.rules import Target, targets_to_json
from index.terms.lexicon import Lexicon

CSV_COLUMNS = ("year", "indicator", "value", "low", "high", "comparator", "unit", "file", "title", "url", "sentence")

TITLE = "Chỉ tiêu của chương trình hành động"
NO_YEAR = "Chưa nêu mốc thời gian"
NONE_YET = "Chưa có chỉ tiêu nào trong các bản tin hiện có."
NONE_FOUND = "Không tìm thấy chỉ tiêu nào khớp với “{query}”. Bạn thử từ khóa khác, ví dụ: /chitieu đô thị hóa"
NONE_MATCHED = "Không tìm thấy chỉ tiêu nào khớp với “{query}”."  # the same, outside Telegram
COUNT = "{count} chỉ tiêu"
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


def select_rows(index: Index, lexicon: Lexicon, keywords: str = "",
                sources: Mapping[str, BulletinSource] | None = None) -> list[TargetRow]:
    """The rows of every target, or of those the keywords find (indicator first, else the quoted
    sentence): what `nqbot targets` and /chitieu both show."""
    sources = sources if sources is not None else sources_from_index(index)
    targets = list(index.targets)
    if keywords:
        targets = filter_targets(targets, keywords, lexicon=lexicon, sentence_of=sentence_getter(sources))
    return make_rows(targets, sources)


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


def entries(rows: Sequence[TargetRow]) -> list[tuple[int | None, list[TargetRow]]]:
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


def targets_text(rows: Sequence[TargetRow], query: str = "") -> str:
    """A plain-text list for the terminal, grouped by deadline year, each sentence quoted with its source;
    with no rows, says whether nothing matched the `query` or the bulletins state no target at all."""
    if not rows:
        return NONE_MATCHED.format(query=query) if query else NONE_YET
    lines = [f"{TITLE} ({COUNT.format(count=len(rows))})"]
    current: object = object()
    for year, group in entries(rows):
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
