"""The build step: a cold build, or an incremental one after one bulletin changed, timed stage by stage.

Run in a fresh process by `python -m benchmarks.phases build '{...}'`.
"""

from __future__ import annotations

import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.process_stats import cpu_seconds, peak_rss_mb


class StageTimer:
    """Wraps a function of a module (or class) and adds up the time spent in it and the calls; for a
    function that returns a generator (index.store.pool.analyse_documents), the time spent drawing from it."""

    def __init__(self, module: Any, name: str) -> None:
        self.seconds = 0.0
        self.calls = 0
        self.found = hasattr(module, name)
        if not self.found:  # the library moved it: the figure reads 0
            return
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                result = original(*args, **kwargs)
                return self._drawn(result) if isinstance(result, types.GeneratorType) else result
            finally:
                self.seconds += time.perf_counter() - t
                self.calls += 1

        setattr(module, name, timed)

    def _drawn(self, items: Iterator[Any]) -> Iterator[Any]:
        while True:
            t = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                self.seconds += time.perf_counter() - t
            yield item


def _parse_and_tokenize_timers() -> tuple[StageTimer, StageTimer]:
    """Timers on parsing and tokenisation (pyvi on every core), where index.store.build calls them."""
    import index.store.build as build_module

    return StageTimer(build_module, "parse_bulletin"), StageTimer(build_module, "analyse_documents")


def _before_build(args: dict, path: Path) -> tuple[Any, float]:
    """What a rebuild finds: pyvi warm (a running bot), the previous index loaded, the bulletin edited."""
    from index.store.format import load_index

    previous, load_s = None, 0.0
    if args.get("warm_pyvi"):
        from index.terms.tokenize import compounds

        compounds("Khởi động pyvi trước khi đo.")  # a running bot has imported pyvi long ago
    if args.get("incremental"):
        t = time.perf_counter()
        previous = load_index(path)
        load_s = time.perf_counter() - t
    if args.get("touch"):
        from benchmarks.synthetic_bulletins import touch_bulletin

        touch_bulletin(Path(args["touch"]), int(args.get("edit", 1)))
    return previous, load_s


def _report_figures(report: Any) -> dict[str, Any]:
    """What the BuildReport says: counts, statuses, the files re-read, failures."""
    statuses: dict[str, int] = {}
    for r in report.results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    changed = [r.file for r in report.results if r.status in ("changed", "added")]
    return {
        "paragraphs": report.paragraphs,
        "bulletins": report.bulletins,
        "tokenized": report.tokenized,
        "statuses": statuses,
        "changed_files": changed[:5],
        "failed": [f"{r.file}: {r.reason}" for r in report.failed][:5],
    }


def write_index(corpus: list[Path], path: Path, lexicon: Any, previous: Any, fold: bool = False,
                embedder: Any = None) -> tuple[Any, Any, float, float]:
    """What index.engine.rebuild does, timed (build and save seconds): a delta beside the base when the
    previous index can take one (index.store.update), else (a cold build, or `fold`) a full build saved
    as a new base. With `embedder`, vectors of new and changed bulletins too (benchmarks.phase_vectors)."""
    from index.store.build import build_index
    from index.store.format import delta_path, save_delta, save_index
    from index.store.update import update_index

    t = time.perf_counter()
    update = update_index(corpus, lexicon, previous, embedder=embedder) if previous is not None and not fold else None
    if update is not None and update.delta is not None:
        build_s = time.perf_counter() - t
        t = time.perf_counter()
        save_delta(update.delta, update.removal, path)
        return update.index, update.report, build_s, time.perf_counter() - t
    index, report = build_index(corpus, lexicon, previous, embedder=embedder)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    save_index(index, path)
    delta_path(path).unlink(missing_ok=True)
    return index, report, build_s, time.perf_counter() - t


def _postings(index: Any) -> int:
    layers = index.layers
    parts = [layers.base.accented, layers.delta.accented] if layers is not None else [index.accented]
    return sum(int(field.docs.shape[0]) for field in parts)


def build(args: dict) -> dict:
    """Build the index of the corpus: cold, or from the previous index saved at the index path when
    `incremental` (a delta), or folding that previous index into a new base when `fold` as well.

    Mirrors index.engine.rebuild and times each step; parsing and tokenisation are timed by wrapping
    parse_bulletin and analyse_documents where index.store.build calls them.
    """
    from index.terms.lexicon import load_lexicon

    corpus, path = [Path(args["corpus"])], Path(args["index"])
    lexicon = load_lexicon(None)
    parse, tokenize = _parse_and_tokenize_timers()
    previous, load_s = _before_build(args, path)
    cpu = cpu_seconds()
    index, report, build_s, save_s = write_index(corpus, path, lexicon, previous, bool(args.get("fold")))
    build_cpu_s = cpu_seconds() - cpu
    total = load_s + build_s + save_s
    return {
        "seconds": total, "load_s": load_s, "build_s": build_s, "save_s": save_s,
        "parse_s": parse.seconds, "tokenize_s": tokenize.seconds,
        "assemble_s": build_s - parse.seconds - tokenize.seconds,
        "build_cpu_s": build_cpu_s, "cores_used": build_cpu_s / build_s if build_s else 0.0,
        **_report_figures(report),
        "paragraphs_per_s": report.paragraphs / total if total else 0.0,
        "tokenized_per_s": report.tokenized / tokenize.seconds if tokenize.seconds else 0.0,
        "accented_terms": len(index.accented.terms),
        "folded_terms": len(index.folded.terms),
        "postings": _postings(index),
        "delta": index.layers is not None,
        "peak_rss_mb": peak_rss_mb(),
    }
