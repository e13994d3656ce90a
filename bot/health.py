"""Is nqbot fit to serve? For `nqbot health` and the webhook server's `/healthz`, without Telegram.

Healthy means: the index is loaded (the bot) or loadable (the command), and the corpus matches it
(no bulletin added, changed or removed since it was built; while a reindex runs, a difference is
what it is fixing, so it does not count). The report also gives the index's age (when it was built,
the newest bulletin's date) and the last reindex the bot ran (from memory, else from its record
beside the index).

Blocking (it reads the corpus, and the command loads the index): the bot calls it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.live import Drift, LiveIndex, ReindexResult, corpus_drift, read_last_reindex
from index.errors import NqbotError
from index.store.format import load_index
from index.store.snapshot import Index
from index.text import count

HEALTH_PATH = "healthz"  # served beside the webhook in `nqbot run --webhook`
NAMED_FILES = 20  # drifted file names a report lists


@dataclass(frozen=True)
class Health:
    index_path: Path
    corpus: tuple[Path, ...]
    loaded: bool  # the index is loaded (the bot) or loadable (the command)
    error: str | None = None  # why it is not
    built_at: datetime | None = None
    newest: datetime | None = None  # the newest bulletin's date
    bulletins: int = 0
    paragraphs: int = 0
    drift: Drift | None = None  # None when the comparison could not be made
    drift_error: str | None = None
    reindexing: bool = False
    last_reindex: ReindexResult | None = None
    checked_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    @property
    def problems(self) -> list[str]:
        if not self.loaded:
            return [f"index not loadable: {self.error}"]
        if self.drift_error is not None:
            return [f"cannot compare the corpus with the index: {self.drift_error}"]
        if self.drift is not None and not self.drift.clean and not self.reindexing:
            return [f"the corpus differs from the index: {self.drift.counts}"]
        return []

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def age_seconds(self) -> int | None:
        return None if self.built_at is None else int((self.checked_at - self.built_at).total_seconds())


def check_index_file(index_path: Path, corpus: Sequence[Path]) -> Health:
    """The health of an index file and its corpus, as a bot starting now would find them (nothing built)."""
    try:
        index = load_index(index_path)
    except (NqbotError, OSError) as exc:
        return Health(index_path, tuple(corpus), loaded=False, error=str(exc),
                      last_reindex=read_last_reindex(index_path))
    return _check(index, index_path, corpus, False, read_last_reindex(index_path))


def check_live(live: LiveIndex) -> Health:
    """The health of a running bot: the index it serves, compared with its corpus."""
    last = live.last_reindex or read_last_reindex(live.index_path)
    return _check(live.engine.index, live.index_path, live.corpus, live.busy, last)


def _check(index: Index, index_path: Path, corpus: Sequence[Path], reindexing: bool,
           last: ReindexResult | None) -> Health:
    drift, drift_error = None, None
    try:
        drift = corpus_drift(corpus, index)
    except (NqbotError, OSError) as exc:
        drift_error = str(exc)
    return Health(index_path, tuple(corpus), True, built_at=index.built_at, newest=index.newest,
                  bulletins=len(index.bulletins), paragraphs=index.live_count, drift=drift,
                  drift_error=drift_error, reindexing=reindexing, last_reindex=last)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def health_json(health: Health) -> dict[str, Any]:
    drift = health.drift
    return {
        "ok": health.ok,
        "problems": health.problems,
        "checked_at": _iso(health.checked_at),
        "index": {
            "path": str(health.index_path), "loaded": health.loaded, "error": health.error,
            "built_at": _iso(health.built_at), "age_seconds": health.age_seconds,
            "newest_bulletin": _iso(health.newest), "bulletins": health.bulletins, "paragraphs": health.paragraphs,
        },
        "corpus": {
            "folders": [str(folder) for folder in health.corpus],
            "matches_index": None if drift is None else drift.clean, "error": health.drift_error,
            "added": len(drift.added) if drift else 0, "changed": len(drift.changed) if drift else 0,
            "removed": len(drift.removed) if drift else 0,
            "files": list((drift.added + drift.changed + drift.removed)[:NAMED_FILES]) if drift else [],
        },
        "reindexing": health.reindexing,
        "last_reindex": health.last_reindex.to_json() if health.last_reindex else None,
    }


def _age(seconds: int) -> str:
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    return f"{days} d" if days else f"{hours} h" if hours else f"{minutes} min" if minutes else f"{seconds} s"


def _index_lines(health: Health) -> list[str]:
    if not health.loaded or health.built_at is None:
        return [f"index:        {health.index_path}: cannot be loaded: {health.error}"]
    age = max(health.age_seconds or 0, 0)
    return [
        f"index:        {health.index_path}: {count(health.bulletins, 'bulletin')}, "
        f"{count(health.paragraphs, 'paragraph')}",
        f"built:        {_when(health.built_at)} ({_age(age)} ago)",
        f"newest:       {_when(health.newest) if health.newest else 'no bulletin has a date'}",
    ]


def _corpus_line(health: Health) -> str:
    folders = ", ".join(str(folder) for folder in health.corpus)
    if health.drift_error is not None:
        return f"corpus:       {folders}: cannot compare: {health.drift_error}"
    if health.drift is None:
        return f"corpus:       {folders}: not compared"
    if health.drift.clean:
        return f"corpus:       {folders}: matches the index"
    drift = health.drift
    names = ", ".join((drift.added + drift.changed + drift.removed)[:NAMED_FILES])
    note = " (a reindex is running)" if health.reindexing else ""
    return f"corpus:       {folders}: differs from the index{note}: {drift.counts} ({names})"


def _reindex_line(last: ReindexResult | None) -> str:
    if last is None:
        return "last reindex: none recorded"
    when = f"{_when(last.finished_at)}, {last.seconds:.1f} s"
    if not last.ok:
        return f"last reindex: {when}: FAILED: {last.error}"
    return (f"last reindex: {when}: ok, {count(last.bulletins, 'bulletin')}, {count(last.paragraphs, 'paragraph')} "
            f"({last.added} added, {last.changed} changed, {last.removed} removed, {last.failed} failed)")


def health_text(health: Health) -> str:
    """The report for a person: a verdict line, then one line per fact."""
    verdict = "healthy" if health.ok else "UNHEALTHY: " + "; ".join(health.problems)
    lines = [f"nqbot: {verdict}", *_index_lines(health)]
    if health.loaded:
        lines.append(_corpus_line(health))
    lines.append(_reindex_line(health.last_reindex))
    return "\n".join(lines)
