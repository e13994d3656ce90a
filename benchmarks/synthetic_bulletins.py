"""Synthetic bulletins in the seed bulletin's layout, and the corpus folder written from them.

Bulletin i depends only on (seed, i): a corpus of 1,000 paragraphs is the beginning of the one of
10,000, and questions can be regenerated without reading the files.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks import slot_values as S
from benchmarks import vocab as V
from benchmarks.sentence_templates import ParagraphSpec, paragraph

NBSP_SEPARATOR = "\n\n\u00a0\n\n"
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 8, 12


@dataclass
class BulletinSpec:
    number: int
    file: str
    site: str
    section: str
    title: str
    published: datetime
    url: str
    credit: str
    caption: str | None
    paragraphs: list[ParagraphSpec]


def _title(rng: random.Random, year: int) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"{S.cap(S.place(rng))} {S.VERB(rng)} {S.TOPIC(rng)} năm {year}"
    if roll < 0.55:
        return f"{S.cap(S.EVENT(rng))} {S.TOPIC(rng)} giai đoạn {year}-{year + 5}"
    if roll < 0.8:
        return f"{S.AGENCY(rng)} {S.VERB(rng)} {S.TOPIC(rng)}"
    return f"{S.cap(S.TOPIC(rng))}: {S.VERB(rng)} {S.TOPIC(rng)} tại {S.district(rng)}"


def _slug(text: str) -> str:
    from index.text import fold

    words = "".join(ch if ch.isalnum() else " " for ch in fold(text).lower()).split()
    return "-".join(words[:8]) or "ban-tin"


def _bulletin_rng(seed: int, number: int) -> random.Random:
    return random.Random(f"nqbot-bench-{seed}-{number}")


def bulletin(seed: int, number: int, max_paragraphs: int | None = None) -> BulletinSpec:
    """Bulletin `number` of the corpus of `seed` (its first `max_paragraphs` paragraphs, if given)."""
    rng = _bulletin_rng(seed, number)
    count = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)  # first draw: bulletin_numbers relies on it
    if max_paragraphs is not None:
        count = min(count, max_paragraphs)
    published = datetime(2022, 1, 1, 6, 0) + timedelta(days=rng.randint(0, 4 * 365), minutes=rng.randint(0, 14 * 60))
    title = _title(rng, published.year)
    paragraphs = [paragraph(rng) for _ in range(count)]
    slug = _slug(title)
    author = rng.choice(V.AUTHORS)
    caption = f"Quang cảnh {S.EVENT(rng)}. Ảnh: {author}" if rng.random() < 0.35 else None
    return BulletinSpec(
        number=number,
        file=f"b{number:07d}_{slug}.txt",
        site=rng.choice(V.SITES),
        section=rng.choice(V.SECTIONS),
        title=title,
        published=published,
        url=f"{V.DOMAIN}/tin-tuc/{number}/{slug}.html",
        credit=f"{author} (theo tin.example.test)",
        caption=caption,
        paragraphs=paragraphs,
    )


def bulletins(paragraphs: int, seed: int = 1) -> Iterator[BulletinSpec]:
    """Bulletins holding exactly `paragraphs` paragraphs in all (the last one may be cut short)."""
    left, number = paragraphs, 0
    while left > 0:
        spec = bulletin(seed, number, left)
        left -= len(spec.paragraphs)
        number += 1
        yield spec


def bulletin_numbers(paragraphs: int, seed: int) -> Iterator[tuple[int, int | None]]:
    """(bulletin number, paragraph cap) of every bulletin, without rendering the paragraphs."""
    left, number = paragraphs, 0
    while left > 0:
        n = _bulletin_rng(seed, number).randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        yield number, (left if n > left else None)
        left -= min(n, left)
        number += 1


def bulletin_text(spec: BulletinSpec) -> str:
    """The file text, in the seed bulletin's layout."""
    head = [
        spec.site, "", spec.section, "", "Xem với cỡ chữAA", "", spec.title, "",
        f"({spec.published:%H:%M} | {spec.published:%d/%m/%Y})", "",
    ]
    body = [p.text for p in spec.paragraphs]
    first = body[0] + (f"\n\n{spec.caption}" if spec.caption else "")
    text = "\n".join(head) + "\n" + NBSP_SEPARATOR.join([first, *body[1:]])
    return unicodedata.normalize("NFC", f"{text}\n\n{spec.url}\n\n{spec.credit}")


@dataclass(frozen=True)
class CorpusInfo:
    folder: Path
    files: int
    paragraphs: int
    bytes: int


def write_corpus(paragraphs: int, out: Path, seed: int = 1) -> CorpusInfo:
    """Write the bulletins of `paragraphs` paragraphs into `out` (created; existing files overwritten)."""
    return write_specs(bulletins(paragraphs, seed), out)


def write_specs(specs: Iterable[BulletinSpec], out: Path) -> CorpusInfo:
    """Write bulletins (of any corpus profile) into `out` (created; existing files overwritten)."""
    out.mkdir(parents=True, exist_ok=True)
    files = total = size = 0
    for spec in specs:
        data = bulletin_text(spec).encode("utf-8")
        (out / spec.file).write_bytes(data)
        files += 1
        total += len(spec.paragraphs)
        size += len(data)
    return CorpusInfo(out, files, total, size)


def touch_bulletin(path: Path, edit: int = 1) -> None:
    """Change one bulletin the way an admin would: a sentence added to its second paragraph."""
    text = path.read_text(encoding="utf-8")
    parts = text.split(NBSP_SEPARATOR)
    at = 1 if len(parts) > 2 else 0
    parts[at] += f" Thông tin này được cập nhật lần thứ {edit} theo báo cáo mới của Sở Kế hoạch và Đầu tư."
    path.write_text(NBSP_SEPARATOR.join(parts), encoding="utf-8")
