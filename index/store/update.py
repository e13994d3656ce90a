"""Reindexing in proportion to the change: a delta beside the base (issue 14).

Only the bulletins that differ from the base (new, changed, or carried in the previous delta) go into
the delta, which is built like a small index; base bulletins removed or replaced are named, and the
base's term ids their paragraphs hold are counted so that loading knows the live document frequencies
without scanning the base (index/store/layers.py). Folding (a full build from the layered index, which
reuses every token) makes a new base once the delta holds more than FOLD_SHARE of the live paragraphs.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from index.bulletins.corpus import read_bytes, unique_files
from index.bulletins.parse import fingerprint
from index.errors import BulletinError, CorpusError
from index.retrieval.bm25 import Field
from index.retrieval.embed import Embedder
from index.store.build import (
    BuildReport,
    Doc,
    FileResult,
    Progress,
    assemble,
    encoded_vectors,
    file_status,
    no_bulletin_message,
    read_documents,
    reusable,
    stop_syllables,
    summed,
    token_rows,
)
from index.store.layers import overlay, plain_field
from index.store.snapshot import BulletinRecord, Index, Removal
from index.store.versions import is_current
from index.terms.lexicon import Lexicon

log = logging.getLogger(__name__)

FOLD_SHARE = 0.1  # of the live paragraphs: a larger delta is folded into a new base


@dataclass(frozen=True)
class Update:
    index: Index  # base and delta together, as loading will give them
    delta: Index | None  # what the delta file holds (None: nothing differs from the base)
    removal: Removal
    report: BuildReport


def needs_fold(index: Index) -> bool:
    if index.layers is None:
        return False
    return len(index.layers.delta.paragraphs) > FOLD_SHARE * max(1, index.folded.n_live)


def update_index(corpus: Sequence[Path], lexicon: Lexicon, current: Index, progress: Progress | None = None,
                 embedder: Embedder | None = None) -> Update | None:
    """The delta that brings `current`'s base up to the corpus; None when only a full build can (no base
    identity, the base made by other code or another embedding model, or with vectors that this build,
    without an embedder, cannot add to). When the corpus is the base again, the update's index is the
    base and its delta None."""
    started = time.perf_counter()
    base, old_delta, gone = _layers(current)
    if not base.identity or not is_current(base, embedder.model_id if embedder else None):
        return None
    if base.vectors is not None and embedder is None:  # no vectors for the delta: the base drops its own
        return None
    paths, errors = unique_files(corpus)
    live = {b.file: b for b in base.bulletins if b.file not in gone}
    stay, todo = _split(paths, live)
    docs, parse_errors = read_documents(todo, reusable(old_delta), old_delta)
    errors += parse_errors
    if not stay and not docs:
        raise CorpusError(no_bulletin_message(corpus, errors))
    removal = _removal(base, frozenset(b.file for b in base.bulletins) - stay)
    index, delta, tokenized = base, None, 0
    if docs or removal.files:
        delta, tokenized = _delta(docs, old_delta, lexicon, progress, embedder)
        index = _joined(base, delta, removal, lexicon)
    report = _report(live, stay, docs, errors, current, index, tokenized, time.perf_counter() - started)
    return Update(index, index.layers.delta if index.layers else None, removal, report)


def _delta(docs: list[Doc], old_delta: Index | None, lexicon: Lexicon, progress: Progress | None,
           embedder: Embedder | None) -> tuple[Index, int]:
    """The delta's own index, rows and vectors carried from the previous delta where a bulletin is in it
    unchanged; and how many paragraphs were tokenised."""
    rows, tokenized = token_rows(docs, old_delta, lexicon, progress)
    delta = assemble(docs, rows, old_delta, lexicon)
    if embedder is not None:
        delta = replace(delta, vectors=encoded_vectors(docs, old_delta, embedder, progress))
    return delta, tokenized


def _joined(base: Index, delta: Index, removal: Removal, lexicon: Lexicon) -> Index:
    """Base and delta joined, with the folded stopwords of the live bulletins (kept in the delta)."""
    index = overlay(base, delta, removal)
    stops = _live_stops(index, lexicon)
    delta = replace(delta, folded_stops=stops)
    assert index.layers is not None
    return replace(index, folded_stops=stops, layers=replace(index.layers, delta=delta))


def _layers(current: Index) -> tuple[Index, Index | None, frozenset[str]]:
    if current.layers is None:
        return current, None, frozenset()
    return current.layers.base, current.layers.delta, current.layers.removal.files


def _split(paths: list[Path], live: dict[str, BulletinRecord]) -> tuple[frozenset[str], list[Path]]:
    """Files the base holds as they are (by size and time, or failing those by bytes), and the others."""
    stay, todo = set(), []
    for path in paths:
        record = live.get(path.name)
        try:
            if record is not None and _same(path, record):
                stay.add(path.name)
                continue
        except OSError:
            pass  # read again below, where the failure is reported as the file's
        todo.append(path)
    return frozenset(stay), todo


def _same(path: Path, record: BulletinRecord) -> bool:
    stat = path.stat()
    if (record.size, record.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        return True
    return record.fingerprint == fingerprint(read_bytes(path))


def _removal(base: Index, files: frozenset[str]) -> Removal:
    """The base bulletins taken away, and per field the term ids of their paragraphs with their counts."""
    dead = np.zeros(len(base.paragraphs), dtype=bool)
    for record in base.bulletins:
        if record.file in files:
            dead[record.first : record.first + record.count] = True
    fields = {"accented": base.accented, "folded": base.folded}
    return Removal(base.identity, files, {name: dead_counts(plain_field(f), dead) for name, f in fields.items()})


def dead_counts(field: Field, dead: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For a base field: the term ids dead documents hold, and how many dead documents hold each."""
    if not dead.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    counts = np.bincount(_terms_at(field, np.flatnonzero(dead[field.docs])), minlength=len(field.terms))
    held = np.flatnonzero(counts)
    return held.astype(np.int64), counts[held].astype(np.int64)


def _terms_at(field: Field, postings: np.ndarray) -> np.ndarray:
    """The term id of each posting position (postings are grouped by term, `indptr` delimits them)."""
    return np.searchsorted(field.indptr, postings, side="right") - 1


def _live_stops(index: Index, lexicon: Lexicon) -> frozenset[str]:
    """Folded syllables more often a stopword than a content word over the live bulletins (as a cold build)."""
    totals = _live_totals(index)
    counted = {t: n for t, n in zip(index.folded.terms, totals.tolist()) if n}
    return stop_syllables(summed(Counter(b.stops) for b in index.bulletins), counted, lexicon)


def _live_totals(index: Index) -> np.ndarray:
    """Occurrences of each folded term in live paragraphs: the base's, less its dead ones', plus the delta's."""
    assert index.layers is not None and index.live is not None
    base, delta = index.layers.base.folded, index.layers.delta.folded
    assert isinstance(base, Field) and isinstance(delta, Field)
    totals = np.zeros(len(index.folded.terms), dtype=np.int64)
    totals[: len(base.terms)] = _sums(base)
    dead = np.flatnonzero(~index.live[base.docs]) if base.docs.size else np.zeros(0, dtype=np.int64)
    np.subtract.at(totals, _terms_at(base, dead), base.tfs[dead].astype(np.int64))
    remap = np.array([index.folded.vocab[t] for t in delta.terms], dtype=np.int64)
    totals[remap] += _sums(delta)
    return totals


def _sums(field: Field) -> np.ndarray:
    """Occurrences per term (every term of a saved field has a posting)."""
    if not field.terms:
        return np.zeros(0, dtype=np.int64)
    return np.add.reduceat(field.tfs, field.indptr[:-1], dtype=np.int64)


def _report(live: dict[str, BulletinRecord], stay: frozenset[str], docs: list[Doc], errors: Sequence[BulletinError],
            current: Index, index: Index, tokenized: int, seconds: float) -> BuildReport:
    known = {b.file: b for b in current.bulletins}
    results = [FileResult(name, "unchanged", live[name].count) for name in stay]
    results += [FileResult(d.record.file, file_status(d.record, known), len(d.texts)) for d in docs]
    results += [FileResult(e.file, "failed", 0, e.reason, e.code) for e in errors]
    results.sort(key=lambda r: r.file)
    removed = tuple(sorted(set(known) - {r.file for r in results}))
    return BuildReport(tuple(results), removed, len(index.bulletins), index.live_count,
                       tokenized, seconds)
