"""Building the index from corpus folders, re-tokenising only bulletins whose bytes changed."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from .analysis import paragraph_terms, title_terms, tokenizer_version
from .corpus import read_corpus
from .errors import BulletinError, CorpusError
from .lexicon import Lexicon
from .matrix import RowsBuilder, derive_folded, old_rows
from .models import Bulletin
from .serving import BulletinRecord, Index
from .targets import RULES_VERSION, extract_targets
from .tokenize import fold_term

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FileResult:
    file: str
    status: str  # added | changed | unchanged | failed
    paragraphs: int = 0
    reason: str | None = None
    code: str | None = None  # BulletinError.code of a failed file, for translated messages


@dataclass(frozen=True)
class BuildReport:
    results: tuple[FileResult, ...]
    removed: tuple[str, ...]
    bulletins: int
    paragraphs: int
    tokenized: int  # paragraphs that went through pyvi this time
    seconds: float

    def with_status(self, status: str) -> list[FileResult]:
        return [r for r in self.results if r.status == status]

    @property
    def failed(self) -> list[FileResult]:
        return self.with_status("failed")


def _status(bulletin: Bulletin, previous: dict[str, BulletinRecord]) -> str:
    old = previous.get(bulletin.file)
    if old is None:
        return "added"
    return "unchanged" if old.fingerprint == bulletin.fingerprint else "changed"


def _reusable(previous: Index | None) -> dict[str, BulletinRecord]:
    if previous is None or previous.tokenizer_version != tokenizer_version():
        return {}
    return {b.file: b for b in previous.bulletins}


def _folded_stops(stops: Counter[str], folded_totals: dict[str, int], lexicon: Lexicon) -> frozenset[str]:
    """Folded syllables that are more often a stopword than a content word in this corpus.

    'la' is mostly 'là' (dropped from unaccented queries); 'dau' is mostly 'đầu' (kept).
    """
    never_seen = {fold_term(w) for w in lexicon.stopwords} - set(folded_totals) - set(stops)
    seen = {f for f, n in stops.items() if n > folded_totals.get(f, 0)}
    return frozenset(seen | never_seen)


def _records(bulletins: Sequence[Bulletin], stops: list[Counter[str]]) -> tuple[BulletinRecord, ...]:
    out, first = [], 0
    for bulletin, stop in zip(bulletins, stops):
        count = len(bulletin.paragraphs)
        out.append(BulletinRecord(
            bulletin.file, bulletin.title, bulletin.url, bulletin.published, bulletin.credit,
            bulletin.fingerprint, first, count, dict(stop),
        ))
        first += count
    return tuple(out)


def _tokenize(bulletin: Bulletin, lexicon: Lexicon) -> tuple[list[list[str]], Counter[str]]:
    rows, stops = [], Counter[str]()
    for paragraph in bulletin.paragraphs:
        terms = paragraph_terms(paragraph.text, lexicon)
        rows.append(terms.terms)
        stops.update(terms.stops)
    return rows, stops


def _accented_rows(
    bulletins: Sequence[Bulletin],
    reuse: dict[str, BulletinRecord],
    previous: Index | None,
    lexicon: Lexicon,
    progress: Progress | None,
) -> tuple[RowsBuilder, list[Counter[str]], int]:
    builder = RowsBuilder()
    stops: list[Counter[str]] = []
    todo = sum(len(b.paragraphs) for b in bulletins if _status(b, reuse) != "unchanged")
    done = 0
    reused = old_rows(previous.accented) if previous is not None and reuse else None
    for bulletin in bulletins:
        record = reuse.get(bulletin.file)
        if reused is not None and record is not None and record.fingerprint == bulletin.fingerprint:
            builder.add_old_rows(reused, record.paragraph_ids)
            stops.append(Counter(record.stops))
            continue
        rows, stop = _tokenize(bulletin, lexicon)
        for terms in rows:
            builder.add_terms(terms)
        stops.append(stop)
        done += len(rows)
        if progress is not None:
            progress(done, todo)
    return builder, stops, todo


def build_index(
    corpus: Sequence[Path],
    lexicon: Lexicon,
    previous: Index | None = None,
    progress: Progress | None = None,
) -> tuple[Index, BuildReport]:
    """Parse every bulletin of the corpus folders and index the good ones.

    Files that fail are reported, not fatal; a corpus with no usable bulletin raises CorpusError.
    """
    started = time.perf_counter()
    bulletins, errors = read_corpus(corpus)
    if not bulletins:
        raise CorpusError(_no_bulletin_message(corpus, errors))
    reuse = _reusable(previous)
    rows, stops, tokenized = _accented_rows(bulletins, reuse, previous, lexicon, progress)
    accented = rows.field()
    folded, fold_of, folded_totals = derive_folded(accented, previous)
    titles = RowsBuilder()
    for bulletin in bulletins:
        titles.add_terms(title_terms(bulletin.title, lexicon))
    stop_total = sum(stops, Counter[str]())
    index = Index(
        tokenizer_version=tokenizer_version(),
        built_at=datetime.now().replace(microsecond=0),
        bulletins=_records(bulletins, stops),
        paragraphs=tuple(p.text for b in bulletins for p in b.paragraphs),
        para_bulletin=np.repeat(np.arange(len(bulletins), dtype=np.int32), [len(b.paragraphs) for b in bulletins]),
        accented=accented,
        folded=folded,
        fold_of=fold_of,
        titles=titles.field(),
        folded_stops=_folded_stops(stop_total, folded_totals, lexicon),
        # Rule-based and cheap (well under a millisecond a paragraph): re-extracted on every build.
        targets=tuple(t for b in bulletins for t in extract_targets(b.file, [p.text for p in b.paragraphs])),
        targets_rules=RULES_VERSION,
    )
    report = _report(bulletins, errors, previous, index, tokenized, time.perf_counter() - started)
    return index, report


def _no_bulletin_message(corpus: Sequence[Path], errors: Iterable[BulletinError]) -> str:
    reasons = "; ".join(str(e) for e in errors)
    folders = ", ".join(str(c) for c in corpus)
    return f"no usable bulletin in {folders}" + (f" ({reasons})" if reasons else "")


def _report(
    bulletins: Sequence[Bulletin],
    errors: Sequence[BulletinError],
    previous: Index | None,
    index: Index,
    tokenized: int,
    seconds: float,
) -> BuildReport:
    known = {b.file: b for b in previous.bulletins} if previous is not None else {}
    results = [FileResult(b.file, _status(b, known), len(b.paragraphs)) for b in bulletins]
    results += [FileResult(e.file, "failed", 0, e.reason, e.code) for e in errors]
    results.sort(key=lambda r: r.file)
    present = {b.file for b in bulletins} | {e.file for e in errors}
    removed = tuple(sorted(set(known) - present))
    return BuildReport(tuple(results), removed, len(index.bulletins), len(index.paragraphs), tokenized, seconds)
