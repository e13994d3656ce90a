"""The index that is serving now: one immutable Engine, replaced in a single assignment.

A reindex runs in a worker thread (the caller's choice: `asyncio.to_thread(live.reindex)`) while
questions keep being answered from the old engine; a second reindex while one runs is refused, not
queued. When another process (`nqbot index` in a shell) replaces the index file, `reload_if_changed`
notices by the file's signature and swaps the new one in.

After a crash the index may not match the corpus (a file saved, or trashed, and the process killed
before the reindex). `corpus_drift` compares them; `repair_drift` (at start, and after a reload)
reindexes when they differ and tells whoever listens.

Each reindex's outcome (time, ok or why not, counts) is kept as `last_reindex` and written beside the
index (`reindex_record_path`), so `nqbot health` in another process can report it too.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from index.bulletins.corpus import unique_files
from index.bulletins.parse import fingerprint, parse_bulletin
from index.engine import Engine, rebuild
from index.errors import BulletinError, NqbotError, describe
from index.store.atomic import write_atomically
from index.store.build import BuildReport, Progress
from index.store.format import delta_path, load_index
from index.store.snapshot import BulletinRecord, Index
from index.store.update import needs_fold
from index.terms.lexicon import Lexicon

log = logging.getLogger(__name__)
_NAMED = 10  # file names a drift's log line quotes
_ERROR_CHARS = 500  # of a failed reindex's reason, as recorded


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


def index_signature(path: Path) -> tuple[FileSignature | None, FileSignature | None]:
    """The index file's signature and its delta's (index.store.layers): either changes on a reindex."""
    return FileSignature.of(path), FileSignature.of(delta_path(path))


@dataclass(frozen=True)
class Drift:
    """How the corpus differs from an index, by file name."""

    added: tuple[str, ...] = ()  # usable bulletins the index lacks
    changed: tuple[str, ...] = ()  # bulletins whose bytes differ from what was indexed
    removed: tuple[str, ...] = ()  # indexed bulletins no longer in the corpus

    @property
    def clean(self) -> bool:
        return not (self.added or self.changed or self.removed)

    @property
    def counts(self) -> str:
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"


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
class ReindexResult:
    """How a reindex run by the bot ended: when, whether the new index serves, and its counts."""

    finished_at: datetime  # naive local time, like every date nqbot stores
    ok: bool
    seconds: float
    bulletins: int = 0
    paragraphs: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    failed: int = 0  # files that could not be used (the build went on without them)
    error: str | None = None  # why the reindex failed (the old index kept serving)

    @classmethod
    def of(cls, report: BuildReport) -> ReindexResult:
        return cls(datetime.now().replace(microsecond=0), True, round(report.seconds, 2), report.bulletins,
                   report.paragraphs, len(report.with_status("added")), len(report.with_status("changed")),
                   len(report.removed), len(report.failed))

    @classmethod
    def failure(cls, exc: BaseException, seconds: float) -> ReindexResult:
        reason = str(exc) if isinstance(exc, NqbotError | OSError) else describe(exc)
        return cls(datetime.now().replace(microsecond=0), False, round(seconds, 2), error=reason[:_ERROR_CHARS])

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "finished_at": self.finished_at.isoformat(timespec="seconds")}

    @classmethod
    def from_json(cls, data: Any) -> ReindexResult:
        """Raises ValueError (or TypeError) when `data` is not what `to_json` wrote."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        result = cls(**{**data, "finished_at": datetime.fromisoformat(data["finished_at"])})
        if not isinstance(result.ok, bool) or result.finished_at.tzinfo is not None:
            raise ValueError("not a reindex record")
        return result


def reindex_record_path(index_path: Path) -> Path:
    """Where the bot records its last reindex: beside the index (var/index.zip -> var/index.reindex.json)."""
    return index_path.with_name(f"{index_path.stem}.reindex.json")


def read_last_reindex(index_path: Path) -> ReindexResult | None:
    """The last reindex a bot serving `index_path` recorded; None when none was (or the record is unreadable)."""
    path = reindex_record_path(index_path)
    try:
        return ReindexResult.from_json(json.loads(path.read_bytes()))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.warning("ignoring the reindex record %s: %s", path, exc)
        return None


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
        self._signature = index_signature(index_path)
        self._building = threading.Lock()  # the one reindex an admin (or a repair) runs at a time
        self._writing = threading.Lock()  # held while the index files are written: by a reindex or a fold
        self._reloading = threading.Lock()
        self.folding: threading.Thread | None = None  # the last background fold (index.store.update)
        self.last_reindex: ReindexResult | None = None  # of this process; see read_last_reindex for earlier ones
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

    def reserve(self) -> bool:
        """Take the one reindex slot now, without blocking (so from the event loop too); False when a
        reindex holds it. The caller then runs `reindex(reserved=True)`, which frees it, or `release`.
        A /reindex that reserves before its first await leaves no gap in which a second one could
        pass the busy check too."""
        return self._building.acquire(blocking=False)

    def release(self) -> None:
        """Give back a slot taken by `reserve` whose reindex will not run."""
        self._building.release()

    def reindex(self, progress: Progress | None = None, reserved: bool = False) -> BuildReport:
        """Rebuild from the corpus (only changed bulletins re-tokenised), save, then swap.

        Blocking: run it in a worker thread. On failure the old engine keeps serving and the old
        file stays on disk; the error propagates. Raises ReindexBusy when one is running (unless the
        caller `reserved` the slot already).
        """
        if not reserved and not self._building.acquire(blocking=False):
            raise ReindexBusy("a reindex is already running")
        started = time.monotonic()
        try:
            with self._writing:  # a background fold finishes first (seconds)
                index, report = rebuild(self.corpus, self.index_path, self.lexicon, self._engine.index, progress,
                                        fold=False)
                self._serve(index)
            log.info("reindexed: %d bulletins, %d paragraphs", report.bulletins, report.paragraphs)
            self._record(ReindexResult.of(report))
        except Exception as exc:
            self._record(ReindexResult.failure(exc, time.monotonic() - started))
            raise
        finally:
            self._building.release()
        if needs_fold(index):
            self.folding = threading.Thread(target=self._fold, name="nqbot-fold", daemon=True)
            self.folding.start()
        return report

    def _serve(self, index: Index) -> None:
        self._signature = index_signature(self.index_path)
        self._engine = self._warmed(index)

    def _warmed(self, index: Index) -> Engine:
        """An engine over the new index, its tables built here (a worker thread), not by its first question.
        The serving engine's embedder is kept (the bot's batches the questions answered together)."""
        engine = Engine(index, self.lexicon, self._engine.embedder)
        engine.warm()
        return engine

    def _fold(self) -> None:
        """Fold the delta into a new base, in the background: the answers do not change, only the files and
        how the index holds them. A reindex asked for meanwhile waits for it (it is not refused); one
        already writing makes this fold give way (it starts its own when its delta is large)."""
        if not self._writing.acquire(blocking=False):
            return
        try:
            index, _ = rebuild(self.corpus, self.index_path, self.lexicon, self._engine.index, fold=True)
            self._serve(index)
            log.info("folded the delta into a new base: %d bulletins", len(index.bulletins))
        except Exception:  # the layered index keeps serving; the next reindex folds again
            log.exception("folding the index delta failed")
        finally:
            self._writing.release()

    def _record(self, result: ReindexResult) -> None:
        """Keep the outcome, and write it beside the index for `nqbot health` (a failure to write is
        only logged: the reindex itself is done)."""
        self.last_reindex = result
        body = json.dumps(result.to_json(), ensure_ascii=False).encode()
        try:
            write_atomically(reindex_record_path(self.index_path), lambda out: out.write(body), mode=0o644)
        except OSError as exc:
            log.warning("cannot record the reindex beside the index: %s", exc)

    def reload_if_changed(self) -> bool:
        """Swap in the index file if another process replaced it; True when it did.

        Blocking (it loads the file): run it in a worker thread. A broken file is logged and the
        serving engine kept.
        """
        signature = index_signature(self.index_path)
        if signature[0] is None or signature == self._signature or self.busy or self._writing.locked():
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
        self._engine = self._warmed(index)
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
