"""Building the index from corpus folders.

A bulletin whose bytes did not change since the previous index is neither parsed nor tokenised
again: its record, paragraphs, term rows and targets are carried over. Only new and changed
bulletins go through the parser and pyvi (on every core when there are many).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import numpy as np

from index.bulletins.corpus import read_bytes, unique_files
from index.bulletins.parse import fingerprint, parse_bulletin
from index.errors import BulletinError, CorpusError, describe
from index.retrieval.embed import Embedder
from index.store.mapped import Paragraphs
from index.store.matrix import RowsBuilder, derive_folded, old_rows
from index.store.pool import analyse_documents
from index.store.snapshot import BulletinRecord, Index
from index.store.vectors import Part, Vectors, build_vectors
from index.targets.rules import RULES_VERSION, Target, extract_targets
from index.terms.facilities import facilities_of
from index.terms.layers import title_terms, tokenizer_version
from index.terms.lexicon import Lexicon
from index.terms.tokenize import fold_term

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


@dataclass
class Doc:
    """One bulletin of the new index: parsed now, or carried over from the previous index (`old`)."""

    record: BulletinRecord  # first/count/stops are filled in once the order is known
    texts: Sequence[str]
    old: BulletinRecord | None = None
    stops: Counter[str] = field(default_factory=Counter)
    targets: list[Target] | None = None  # found while tokenising a new or changed bulletin
    facilities: dict[str, list[str]] | None = None  # named facilities, with the title's (carried: the record's)


def reusable(previous: Index | None) -> dict[str, BulletinRecord]:
    if previous is None or previous.tokenizer_version != tokenizer_version():
        return {}
    return {b.file: b for b in previous.bulletins}


def _carried(old: BulletinRecord, previous: Index, size: int, mtime_ns: int) -> Doc:
    texts = _span(previous.paragraphs, old.first, old.first + old.count)
    record = replace(old, size=size, mtime_ns=mtime_ns)
    return Doc(record, texts, old, Counter(old.stops), facilities=old.facilities)


def _span(paragraphs: Sequence[str], start: int, stop: int) -> Sequence[str]:
    return paragraphs.span(start, stop) if isinstance(paragraphs, Paragraphs) else paragraphs[start:stop]


def _document(path: Path, reuse: dict[str, BulletinRecord], previous: Index | None) -> Doc:
    """A bulletin file as the new index takes it: carried over when its size and modification time
    (or, failing those, its bytes) are unchanged; parsed otherwise. Raises BulletinError."""
    stat = path.stat()
    old = reuse.get(path.name)
    if previous is not None and old is not None and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        return _carried(old, previous, stat.st_size, stat.st_mtime_ns)
    data = read_bytes(path)
    if previous is not None and old is not None and old.fingerprint == fingerprint(data):
        return _carried(old, previous, stat.st_size, stat.st_mtime_ns)
    b = parse_bulletin(path.name, data)
    record = BulletinRecord(
        b.file, b.title, b.url, b.published, b.credit, b.fingerprint, 0, len(b.paragraphs), {},
        stat.st_size, stat.st_mtime_ns,
    )
    # Held as UTF-8 until the index is assembled: a str of Vietnamese text takes twice the bytes.
    return Doc(record, Paragraphs.of(p.text for p in b.paragraphs))


def read_documents(
    paths: list[Path], reuse: dict[str, BulletinRecord], previous: Index | None
) -> tuple[list[Doc], list[BulletinError]]:
    docs, errors = [], []
    for path in paths:
        try:
            docs.append(_document(path, reuse, previous))
        except BulletinError as exc:
            log.warning("skipping bulletin %s", exc)
            errors.append(exc)
        except OSError as exc:
            errors.append(BulletinError(path.name, f"cannot read ({exc.strerror or exc})", "unreadable"))
        except Exception as exc:
            # Whatever one file does, it fails alone: the build goes on with the others.
            log.warning("skipping bulletin %s", path.name, exc_info=True)
            errors.append(BulletinError(path.name, f"cannot be read as a bulletin ({describe(exc)})"))
    return docs, errors


def token_rows(
    docs: list[Doc], previous: Index | None, lexicon: Lexicon, progress: Progress | None
) -> tuple[RowsBuilder, int]:
    fresh = [d for d in docs if d.old is None]
    total = sum(len(d.texts) for d in fresh)
    done = [0]

    def advance(paragraphs: int) -> None:
        done[0] += paragraphs
        if progress is not None:
            progress(done[0], total)

    documents = [(d.record.file, d.texts) for d in fresh]
    tokens = analyse_documents(documents, lexicon, advance)  # in the order of `fresh`, as the runs meet them
    builder = RowsBuilder()
    reused = old_rows(previous.accented) if previous is not None and len(fresh) < len(docs) else None
    for run in _runs(docs):
        first, last = run[0].old, run[-1].old
        if first is not None and last is not None and reused is not None:
            # Consecutive carried-over bulletins are consecutive in the old index too: one copy.
            builder.add_old_rows(reused, range(first.first, last.first + last.count))
            continue
        for doc in run:
            rows, doc.stops, doc.targets, found = next(tokens)
            doc.facilities = facilities_of([doc.record.title], found)
            for terms in rows:
                builder.add_terms(terms)
    for _ in tokens:  # ends the pool's generator (none is left: every fresh document is in a run)
        pass
    return builder, total


def _runs(docs: list[Doc]) -> list[list[Doc]]:
    """Docs in runs: bulletins carried over from consecutive places of the old index, or new ones."""
    runs: list[list[Doc]] = []
    for doc in docs:
        last = runs[-1][-1] if runs else None
        follows = (
            last is not None and doc.old is not None and last.old is not None
            and doc.old.first == last.old.first + last.old.count
        )
        if follows or (last is not None and doc.old is None and last.old is None):
            runs[-1].append(doc)
        else:
            runs.append([doc])
    return runs


def _records(docs: list[Doc]) -> tuple[BulletinRecord, ...]:
    out, first = [], 0
    for doc in docs:
        r = doc.record
        count = len(doc.texts)
        out.append(replace(r, first=first, count=count, stops=dict(doc.stops), facilities=doc.facilities))
        first += count
    return tuple(out)


def _targets(docs: list[Doc], previous: Index | None) -> tuple[Target, ...]:
    """Carried over for unchanged bulletins when the rules are the same; extracted otherwise."""
    carried: dict[str, list[Target]] = {}
    if previous is not None and previous.targets_rules == RULES_VERSION:
        for target in previous.targets:
            carried.setdefault(target.file, []).append(target)
    out: list[Target] = []
    for doc in docs:
        if doc.targets is not None:
            out += doc.targets
        elif doc.old is not None and previous is not None and previous.targets_rules == RULES_VERSION:
            out += carried.get(doc.record.file, [])
        else:
            out += extract_targets(doc.record.file, doc.texts)
    return tuple(out)


def stop_syllables(stops: Counter[str], folded_totals: dict[str, int], lexicon: Lexicon) -> frozenset[str]:
    """Folded syllables that are more often a stopword than a content word in this corpus.

    'la' is mostly 'là' (dropped from unaccented queries); 'dau' is mostly 'đầu' (kept).
    """
    never_seen = {fold_term(w) for w in lexicon.stopwords} - set(folded_totals) - set(stops)
    seen = {f for f, n in stops.items() if n > folded_totals.get(f, 0)}
    return frozenset(seen | never_seen)


def build_index(
    corpus: Sequence[Path],
    lexicon: Lexicon,
    previous: Index | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> tuple[Index, BuildReport]:
    """Index every usable bulletin of the corpus folders (with paragraph vectors when an embedder is
    given: only new and changed bulletins are encoded).

    Files that fail are reported, not fatal; a corpus with no usable bulletin raises CorpusError.
    """
    started = time.perf_counter()
    paths, errors = unique_files(corpus)
    docs, parse_errors = read_documents(paths, reusable(previous), previous)
    errors += parse_errors
    if not docs:
        raise CorpusError(no_bulletin_message(corpus, errors))
    rows, tokenized = token_rows(docs, previous, lexicon, progress)
    index = assemble(docs, rows, previous, lexicon)
    if embedder is not None:
        index = replace(index, vectors=encoded_vectors(docs, previous, embedder, progress))
    report = _report(docs, errors, previous, index, tokenized, time.perf_counter() - started)
    return index, report


def assemble(docs: list[Doc], rows: RowsBuilder, previous: Index | None, lexicon: Lexicon) -> Index:
    accented = rows.field()
    folded, fold_of, folded_totals = derive_folded(accented, previous)
    titles = _titles(docs, previous, lexicon)
    counts = [len(d.texts) for d in docs]
    return Index(
        tokenizer_version=tokenizer_version(),
        built_at=datetime.now().replace(microsecond=0),
        bulletins=_records(docs),
        paragraphs=Paragraphs.concat([doc.texts for doc in docs]),
        para_bulletin=np.repeat(np.arange(len(docs), dtype=np.int32), counts),
        accented=accented,
        folded=folded,
        fold_of=fold_of,
        titles=titles.field(),
        folded_stops=stop_syllables(summed(d.stops for d in docs), folded_totals, lexicon),
        targets=_targets(docs, previous),
        targets_rules=RULES_VERSION,
        identity=uuid.uuid4().hex,
    )


def encoded_vectors(docs: list[Doc], previous: Index | None, embedder: Embedder, progress: Progress | None) -> Vectors:
    parts = [Part(d.texts, d.old.first if d.old is not None else None) for d in docs]
    old = previous.vectors if previous is not None else None
    todo = sum(len(p.texts) for p in parts if old is None or old.model != embedder.model_id or p.old_first is None)
    done = [0]

    def advance(count: int) -> None:
        done[0] += count
        if progress is not None:
            progress(done[0], todo)

    return build_vectors(embedder, parts, old, advance)


def _titles(docs: list[Doc], previous: Index | None, lexicon: Lexicon) -> RowsBuilder:
    """Title terms: copied for carried-over bulletins, scanned for new ones."""
    titles = RowsBuilder()
    old_titles = old_rows(previous.titles) if previous is not None else None
    for run in _runs(docs):
        first = run[0].old
        if first is not None and old_titles is not None and previous is not None:
            start = int(previous.para_bulletin[first.first])  # the bulletin's number in the old index
            titles.add_old_rows(old_titles, range(start, start + len(run)))
            continue
        for doc in run:
            titles.add_terms(title_terms(doc.record.title, lexicon))
    return titles


def summed(counters: Iterable[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for counter in counters:
        total.update(counter)
    return total


def no_bulletin_message(corpus: Sequence[Path], errors: Iterable[BulletinError]) -> str:
    reasons = "; ".join(str(e) for e in errors)
    folders = ", ".join(str(c) for c in corpus)
    return f"no usable bulletin in {folders}" + (f" ({reasons})" if reasons else "")


def file_status(record: BulletinRecord, known: dict[str, BulletinRecord]) -> str:
    old = known.get(record.file)
    if old is None:
        return "added"
    return "unchanged" if old.fingerprint == record.fingerprint else "changed"


def _report(
    docs: list[Doc], errors: Sequence[BulletinError], previous: Index | None, index: Index, tokenized: int,
    seconds: float,
) -> BuildReport:
    known = {b.file: b for b in previous.bulletins} if previous is not None else {}
    results = [FileResult(d.record.file, file_status(d.record, known), len(d.texts)) for d in docs]
    results += [FileResult(e.file, "failed", 0, e.reason, e.code) for e in errors]
    results.sort(key=lambda r: r.file)
    present = {r.file for r in results}
    removed = tuple(sorted(set(known) - present))
    return BuildReport(tuple(results), removed, len(index.bulletins), len(index.paragraphs), tokenized, seconds)
