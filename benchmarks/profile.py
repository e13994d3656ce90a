"""Profiles of the slow parts, on a work folder left by `python -m benchmarks.run --workdir DIR`.

    python -m benchmarks.profile DIR/n100000 --what build,incremental,load,ask,memory,imports [--top 25]

`build` and `incremental` profile build_index (+ save_index) with cProfile; `load` profiles load_index;
`ask` profiles Engine.ask over the questions of the folder; `tokenize` splits a paragraph's
tokenisation; `memory` lists where the loaded index's memory was allocated (tracemalloc) and by
structure; `stages` and `stages-cold` time the stages of load, of an incremental build and of a cold
build without profiler overhead; `imports` runs a fresh process under `-X importtime` and lists the
slowest imports; `vectors` (after `--vectors`) splits a question's vector part (benchmarks.profile_vectors).
Text reports go to DIR/n<size>/profiles/.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.fresh_process import FIRST_ANSWER_SCRIPT, REPO, step_env
from benchmarks.index_memory import index_memory_mb
from benchmarks.phase_build import StageTimer
from benchmarks.process_stats import peak_rss_mb, rss_mb
from benchmarks.profile_vectors import profile_vectors
from benchmarks.synthetic_bulletins import touch_bulletin

T = TypeVar("T")


def _stats(profile: cProfile.Profile, top: int, wall: float) -> str:
    out = io.StringIO()
    out.write(f"wall {wall:.2f}s\n\n")
    for key in ("tottime", "cumulative"):
        out.write(f"===== by {key}\n")
        pstats.Stats(profile, stream=out).sort_stats(key).print_stats(top)
    return out.getvalue()


def _profiled(fn: Callable[[], T], top: int) -> tuple[T, str]:
    profile = cProfile.Profile()
    t = time.perf_counter()
    profile.enable()
    value = fn()
    profile.disable()
    return value, _stats(profile, top, time.perf_counter() - t)


def profile_build(folder: Path, top: int, incremental: bool) -> str:
    from index.store.build import build_index
    from index.store.format import load_index, save_index
    from index.terms.lexicon import load_lexicon

    lexicon = load_lexicon(None)
    previous = load_index(folder / "index.zip") if incremental else None
    corpus = folder / "corpus"
    if incremental:
        files = sorted(corpus.iterdir())
        touch_bulletin(files[len(files) // 2], 9)
    target = Path(tempfile.mkdtemp()) / "index.zip"

    def run() -> Any:
        index, report = build_index([corpus], lexicon, previous)
        save_index(index, target)
        return report

    report, text = _profiled(run, top)
    shutil.rmtree(target.parent, ignore_errors=True)
    return f"paragraphs {report.paragraphs}, tokenised {report.tokenized}, peak RSS {peak_rss_mb():.0f} MB\n{text}"


_STAGES = (
    "index.store.build:read_documents", "index.store.build:unique_files", "index.store.build:read_bytes",
    "index.store.build:parse_bulletin", "index.store.build:token_rows", "index.store.build:analyse_documents",
    "index.store.build:assemble", "index.store.build:_targets", "index.store.build:title_terms",
    "index.store.build:derive_folded", "index.store.build:_records", "index.store.build:stop_syllables",
    "index.store.build:_report", "index.store.build:extract_targets", "index.store.matrix:RowsBuilder.field",
    "index.store.format:_write_members", "index.store.format:_read_field", "index.store.format:_read_lines",
    "index.store.format:_read_array", "index.retrieval.bm25:make_field",
)


def _stage_timers() -> dict[str, Any]:
    """Wall time per stage (no profiler overhead): wraps the functions named in _STAGES that exist."""
    import importlib

    timers = {}
    for stage in _STAGES:
        module_name, path = stage.split(":")
        owner: Any = importlib.import_module(module_name)
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        if hasattr(owner, name):
            timers[stage] = StageTimer(owner, name)
    return timers


def _stage_report(timers: dict[str, Any], wall: float) -> str:
    rows = [f"wall {wall:.2f}s; stages (nested stages are included in their callers):"]
    for name, timer in timers.items():
        if timer.calls:
            rows.append(f"{timer.seconds:8.2f}s {100 * timer.seconds / wall:5.1f}%  {timer.calls:>7} calls  {name}")
    return "\n".join(rows) + "\n"


def profile_stages(folder: Path) -> str:
    """Unprofiled wall time of the build, incremental build, save and load stages."""
    from index.store.build import build_index
    from index.store.format import load_index, save_index
    from index.terms.lexicon import load_lexicon
    from index.terms.tokenize import compounds

    compounds("Khởi động pyvi.")
    lexicon = load_lexicon(None)
    out = []
    timers = _stage_timers()
    t = time.perf_counter()
    index = load_index(folder / "index.zip")
    out.append("== load_index\n" + _stage_report(timers, time.perf_counter() - t))
    for timer in timers.values():
        timer.seconds, timer.calls = 0.0, 0
    files = sorted((folder / "corpus").iterdir())
    touch_bulletin(files[len(files) // 3], 11)
    target = Path(tempfile.mkdtemp()) / "index.zip"
    t = time.perf_counter()
    new, report = build_index([folder / "corpus"], lexicon, index)
    save_index(new, target)
    wall = time.perf_counter() - t
    shutil.rmtree(target.parent, ignore_errors=True)
    out.append(f"== incremental build_index + save_index ({report.tokenized} paragraphs tokenised)\n"
               + _stage_report(timers, wall))
    return "\n".join(out)


def profile_tokenize(folder: Path, top: int, count: int = 5000) -> str:
    """Where a paragraph's tokenisation goes (one process): unprofiled per-paragraph costs, then cProfile."""
    from index.store.format import load_index
    from index.terms import segment
    from index.terms.layers import paragraph_terms
    from index.terms.lexicon import load_lexicon
    from index.terms.tokenize import _compounds, compounds, scan

    paragraphs = load_index(folder / "index.zip").paragraphs[:count]
    lexicon = load_lexicon(None)
    segment.tokenize("Khởi động pyvi.")

    def per_paragraph(fn: Callable[[str], object]) -> float:
        _compounds.cache_clear()  # every paragraph segmented, none found in the cache of repeated texts
        t = time.perf_counter()
        for p in paragraphs:
            fn(p)
        return (time.perf_counter() - t) / len(paragraphs) * 1000

    costs = {
        "paragraph_terms (all of it)": per_paragraph(lambda p: paragraph_terms(p, lexicon)),
        "pyvi's model (segment.tokenize)": per_paragraph(segment.tokenize),
        "compounds (pyvi + its post-processing)": per_paragraph(compounds),
        "scan (syllables, numbers, tone normalisation)": per_paragraph(scan),
    }
    head = "".join(f"{ms:7.3f} ms/paragraph  {name}\n" for name, ms in costs.items())
    _, text = _profiled(lambda: [paragraph_terms(p, lexicon) for p in paragraphs], top)
    return f"{len(paragraphs)} paragraphs, one process, unprofiled:\n{head}\n{text}"


def profile_cold_stages(folder: Path) -> str:
    """Unprofiled wall time of the stages of a cold build (tokenisation on every core, as configured)."""
    from index.store.build import build_index
    from index.store.format import save_index
    from index.terms.lexicon import load_lexicon

    timers = _stage_timers()
    target = Path(tempfile.mkdtemp()) / "index.zip"
    t = time.perf_counter()
    index, report = build_index([folder / "corpus"], load_lexicon(None))
    save_index(index, target)
    wall = time.perf_counter() - t
    shutil.rmtree(target.parent, ignore_errors=True)
    return f"== cold build_index + save_index ({report.tokenized} paragraphs)\n" + _stage_report(timers, wall)


def profile_load(folder: Path, top: int) -> str:
    from index.store.format import load_index

    index, text = _profiled(lambda: load_index(folder / "index.zip"), top)
    del index
    return text


def profile_ask(folder: Path, top: int) -> str:
    from index.engine import Engine
    from index.store.format import load_index
    from index.terms.lexicon import load_lexicon

    engine = Engine(load_index(folder / "index.zip"), load_lexicon(None), None)
    questions = [json.loads(line) for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    engine.ask(next(q["q"] for q in questions if q["variant"] == "accented"))  # pyvi imported outside the profile

    def run() -> None:
        for q in questions:
            engine.ask(q["q"])

    _, text = _profiled(run, top)
    return f"{len(questions)} questions\n{text}"


def profile_memory(folder: Path, top: int) -> str:
    from index.store.format import load_index

    before = rss_mb()
    tracemalloc.start(6)
    index = load_index(folder / "index.zip")
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    after = rss_mb()
    out = io.StringIO()
    out.write(f"RSS before load {before:.0f} MB, after {after:.0f} MB (+{after - before:.0f} MB)\n\n")
    out.write("== held after load_index, by allocation site (tracemalloc)\n")
    for stat in snapshot.statistics("lineno")[:top]:
        out.write(f"{stat.size / 1e6:8.1f} MB {stat.count:>9} blocks  {stat.traceback.format()[-1].strip()}\n")
    out.write("\n== by structure (sys.getsizeof / nbytes)\n")
    sizes = index_memory_mb(index)
    for name, mb in sorted(sizes.items(), key=lambda kv: -kv[1]):
        out.write(f"{mb:8.1f} MB  {name}\n")
    out.write(f"{sum(sizes.values()):8.1f} MB  total\n")
    return out.getvalue()


def profile_imports(folder: Path, top: int) -> str:
    questions = (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    first = next(json.loads(q)["q"] for q in questions if json.loads(q)["variant"] == "accented")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", FIRST_ANSWER_SCRIPT, str(folder / "index.zip"), first],
        cwd=REPO, env=step_env(), capture_output=True, text=True, timeout=600, check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:"):].split("|", 2)
        rows.append((int(cumulative_us), int(self_us), name.strip()))
    rows.sort(reverse=True)
    out = io.StringIO()
    out.write(f"fresh process: {done.stdout.strip()}\n\ncumulative ms  self ms  module\n")
    for cumulative, own, name in rows[:top]:
        out.write(f"{cumulative / 1000:12.0f} {own / 1000:8.0f}  {name}\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a size folder of a benchmark work folder (holds corpus/, index.zip)")
    parser.add_argument("--what", default="ask,load,memory,imports")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    out_dir = args.folder / "profiles"
    out_dir.mkdir(exist_ok=True)
    jobs = {
        "build": lambda: profile_build(args.folder, args.top, incremental=False),
        "incremental": lambda: profile_build(args.folder, args.top, incremental=True),
        "load": lambda: profile_load(args.folder, args.top),
        "tokenize": lambda: profile_tokenize(args.folder, args.top),
        "ask": lambda: profile_ask(args.folder, args.top),
        "memory": lambda: profile_memory(args.folder, args.top),
        "stages": lambda: profile_stages(args.folder),
        "stages-cold": lambda: profile_cold_stages(args.folder),
        "imports": lambda: profile_imports(args.folder, args.top),
        "vectors": lambda: profile_vectors(args.folder, args.top),
    }
    for what in args.what.split(","):
        text = jobs[what]()
        (out_dir / f"{what}.txt").write_text(text, encoding="utf-8")
        print(f"===== {what} -> {out_dir / (what + '.txt')}\n{text[:6000]}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
