"""The index that is serving now: one immutable Engine, replaced in a single assignment.

A reindex runs in a worker thread (the caller's choice: `asyncio.to_thread(live.reindex)`) while
questions keep being answered from the old engine; a second reindex while one runs is refused, not
queued. When another process (`nqbot index` in a shell) replaces the index file, `reload_if_changed`
notices by the file's signature and swaps the new one in.

After a crash the index may not match the corpus (a file saved, or trashed, and the process killed
before the reindex). `corpus_drift` compares them; `repair_drift` (at start, and after a reload)
reindexes when they differ and tells whoever listens.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.bulletins.corpus import unique_files
from index.bulletins.parse import fingerprint, parse_bulletin
from index.engine import Engine, rebuild
from index.errors import BulletinError, NqbotError
from index.store.build import BuildReport, Progress
from index.store.format import load_index
from index.store.snapshot import BulletinRecord, Index
from index.terms.lexicon import Lexicon

log = logging.getLogger(__name__)
_NAMED = 10  # file names a drift's log line quotes


class ReindexBusy(NqbotError):
    """A reindex is already running."""


@dataclass(frozen=True)
class FileSignature:
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileSignature | None:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Drift:
    """How the corpus differs from an index, by file name."""

    added: tuple[str, ...] = ()  # usable bulletins the index lacks
    changed: tuple[str, ...] = ()  # bulletins whose bytes differ from what was indexed
    removed: tuple[str, ...] = ()  # indexed bulletins no longer in the corpus

    @property
    def clean(self) -> bool:
        return not (self.added or self.changed or self.removed)


def corpus_drift(corpus: Sequence[Path], index: Index) -> Drift:
    """Compare the corpus folders with an index: by name, then size and mtime, then fingerprint.

    Only files whose size or mtime differ from the index's record are read; a file the index lacks
    counts only when it parses (a file that cannot be used is never indexed, so is no drift).
    Raises CorpusError when a folder is missing.
    """
    records = {record.file: record for record in index.bulletins}
    paths, _ = unique_files(corpus)  # a duplicate name is a failed file, as a build reports it
    added = [p.name for p in paths if p.name not in records and _usable(p)]
    changed = [p.name for p in paths if p.name in records and _differs(p, records[p.name])]
    removed = sorted(set(records) - {p.name for p in paths})
    return Drift(tuple(added), tuple(changed), tuple(removed))


def _usable(path: Path) -> bool:
    try:
        parse_bulletin(path.name, path.read_bytes())
    except (BulletinError, OSError):
        return False
    return True


def _differs(path: Path, record: BulletinRecord) -> bool:
    try:
        st = path.stat()
        if (st.st_size, st.st_mtime_ns) == (record.size, record.mtime_ns):
            return False
        return fingerprint(path.read_bytes()) != record.fingerprint
    except OSError:  # gone or unreadable since the listing: a reindex will say which
        return True


@dataclass(frozen=True)
class DriftRepair:
    """What `repair_drift` found and did: the new index's report, or why the reindex failed."""

    drift: Drift
    report: BuildReport | None = None
    error: str | None = None


class LiveIndex:
    """Holds the serving Engine. Reading `.engine` never blocks; replacing it is one assignment."""

    def __init__(self, engine: Engine, index_path: Path, corpus: Sequence[Path]) -> None:
        self._engine = engine
        self.index_path = index_path
        self.corpus = tuple(corpus)
        self._signature = FileSignature.of(index_path)
        self._building = threading.Lock()
        self._reloading = threading.Lock()
        # Told (in the repairing thread) of each repair made after a reload; the bot tells its admins.
        self.on_repair: Callable[[DriftRepair], None] | None = None

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def lexicon(self) -> Lexicon:
        return self._engine.lexicon

    @property
    def busy(self) -> bool:
        return self._building.locked()

    def reindex(self, progress: Progress | None = None) -> BuildReport:
        """Rebuild from the corpus (only changed bulletins re-tokenised), save, then swap.

        Blocking: run it in a worker thread. On failure the old engine keeps serving and the old
        file stays on disk; the error propagates. Raises ReindexBusy when one is running.
        """
        if not self._building.acquire(blocking=False):
            raise ReindexBusy("a reindex is already running")
        try:
            index, report = rebuild(self.corpus, self.index_path, self.lexicon, self._engine.index, progress)
            self._signature = FileSignature.of(self.index_path)
            self._engine = Engine(index, self.lexicon)
            log.info("reindexed: %d bulletins, %d paragraphs", report.bulletins, report.paragraphs)
            return report
        finally:
            self._building.release()

    def reload_if_changed(self) -> bool:
        """Swap in the index file if another process replaced it; True when it did.

        Blocking (it loads the file): run it in a worker thread. A broken file is logged and the
        serving engine kept.
        """
        signature = FileSignature.of(self.index_path)
        if signature is None or signature == self._signature or self.busy:
            return False
        if not self._reloading.acquire(blocking=False):
            return False
        try:
            index = load_index(self.index_path)
        except NqbotError as exc:
            log.warning("index file changed but cannot be loaded, keeping the old one: %s", exc)
            self._signature = signature
            return False
        finally:
            self._reloading.release()
        self._signature = signature
        self._engine = Engine(index, self.lexicon)
        log.info("reloaded %s: %d bulletins", self.index_path, len(index.bulletins))
        repair = self.repair_drift()
        if repair is not None and self.on_repair is not None:
            self.on_repair(repair)
        return True

    def repair_drift(self) -> DriftRepair | None:
        """Reindex when the serving index does not match the corpus; None when they match.

        Blocking: run it in a worker thread. A failed reindex is logged and reported, not raised;
        when another reindex is running, that one brings the index up to date."""
        try:
            drift = corpus_drift(self.corpus, self._engine.index)
        except NqbotError as exc:
            log.warning("cannot compare the index with the corpus: %s", exc)
            return None
        if drift.clean:
            return None
        names = ", ".join((drift.added + drift.changed + drift.removed)[:_NAMED])
        log.warning("the index does not match the corpus: %d added, %d changed, %d removed (%s): reindexing",
                    len(drift.added), len(drift.changed), len(drift.removed), names)
        try:
            return DriftRepair(drift, report=self.reindex())
        except ReindexBusy:
            return None
        except (NqbotError, OSError) as exc:
            log.error("reindex after a drift failed, the old index keeps serving: %s", exc)
            return DriftRepair(drift, error=str(exc))
