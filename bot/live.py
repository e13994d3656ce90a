"""The index that is serving now: one immutable Engine, replaced in a single assignment.

A reindex runs in a worker thread (the caller's choice: `asyncio.to_thread(live.reindex)`) while
questions keep being answered from the old engine; a second reindex while one runs is refused, not
queued. When another process (`nqbot index` in a shell) replaces the index file, `reload_if_changed`
notices by the file's signature and swaps the new one in.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from index.engine import Engine, rebuild
from index.errors import NqbotError
from index.store.build import BuildReport, Progress
from index.store.format import load_index
from index.terms.lexicon import Lexicon

log = logging.getLogger(__name__)


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


class LiveIndex:
    """Holds the serving Engine. Reading `.engine` never blocks; replacing it is one assignment."""

    def __init__(self, engine: Engine, index_path: Path, corpus: Sequence[Path]) -> None:
        self._engine = engine
        self.index_path = index_path
        self.corpus = tuple(corpus)
        self._signature = FileSignature.of(index_path)
        self._building = threading.Lock()
        self._reloading = threading.Lock()

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
        return True
