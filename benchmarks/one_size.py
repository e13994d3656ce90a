"""Every measurement for one corpus size, each step in a fresh process (`benchmarks.phases`):
generate the corpus; cold build; incremental rebuild after one bulletin changed (in a running bot and
in a fresh `nqbot index`-like process), checking that only that bulletin was re-tokenised; index file
size; load, and load + first answer, in a fresh process; Engine.ask latency and the serving process's
peak RSS; the rank_bm25 baseline; our scores against get_scores; with `Options.vectors`, the same
with paragraph vectors and the embedder (benchmarks.vector_steps).
"""

from __future__ import annotations

import functools
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus_profiles import corpus_profile
from benchmarks.fresh_process import FIRST_ANSWER_SCRIPT, LOAD_SCRIPT, StepFailed, median_of_runs, run_phase
from benchmarks.machine import commit
from benchmarks.synthetic_bulletins import BulletinSpec, touch_bulletin
from benchmarks.synthetic_questions import Question
from benchmarks.vector_steps import run_vectors


@dataclass
class Options:
    seed: int = 1
    questions: int = 300
    repeats: int = 3  # fresh-process load measurements (median reported)
    exact_sample: int = 50
    baseline_queries: int | None = None  # None: all questions up to 100k paragraphs, 20 above
    retokenize_max: int = 10_000  # re-tokenise every paragraph to check the stored terms up to this size
    folded_exact_max: int = 100_000
    baseline: bool = True
    baseline_max: int = 100_000  # no baseline above this size (BM25Okapi needs ~6 GB and minutes per query at 1M)
    timeout: float | None = None  # per step; None: scaled with the size
    profile: str = "default"  # the corpus profile (benchmarks.corpus_profiles)
    vectors: bool = False  # also the steps with paragraph vectors and the embedder (benchmarks.vector_steps)
    vectors_sample: int = 500  # paragraphs the real encoder encodes to time it


def _members(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: info.compress_size for info in zf.infolist()}


class _SizeRun:
    """The files of one size (under workdir/n<size>), its figures so far, and its steps."""

    def __init__(self, paragraphs: int, workdir: Path, options: Options, say: Callable[[str], None]) -> None:
        self.n, self.options, self.say = paragraphs, options, say
        self.profile = corpus_profile(options.profile)
        self.base = workdir / self.profile.folder(paragraphs)
        shutil.rmtree(self.base, ignore_errors=True)
        self.base.mkdir(parents=True)
        self.corpus, self.index, self.log = self.base / "corpus", self.base / "index.zip", self.base / "steps.log"
        self.questions_path, self.terms = self.base / "questions.jsonl", self.base / "terms.json"
        self.vectors_index = self.base / "index-vectors.zip"
        self.timeout = options.timeout or 300 + paragraphs * 0.006
        self.result: dict[str, Any] = {"paragraphs": paragraphs, "profile": options.profile, "errors": {},
                                       "commit": commit()}

    def step(self, key: str, fn: Callable[[], None]) -> bool:
        """Run a step; a failure (crash, timeout) is recorded in result["errors"], not raised."""
        try:
            fn()
            return True
        except StepFailed as exc:
            self.result["errors"][key] = str(exc)
            self.say(f"[{self.n}] {key} FAILED: {str(exc)[:500]}")
            return False

    def phase(self, name: str, args: dict) -> dict:
        return run_phase(name, args, self.timeout, self.log)

    def generate_corpus(self) -> list[Question]:
        t = time.perf_counter()
        info = self.profile.write_corpus(self.n, self.corpus, self.options.seed)
        asked = self.profile.questions(self.n, self.options.seed, self.options.questions)
        self.questions_path.write_text("\n".join(q.json() for q in asked) + "\n", encoding="utf-8")
        self.result.update(bulletins=info.files, corpus_mb=info.bytes / 1e6, generate_s=time.perf_counter() - t,
                           question_words=sum(len(q.q.split()) for q in asked) / max(1, len(asked)))
        self.say(f"[{self.n}] generated {info.files} bulletins, {info.bytes / 1e6:.1f} MB "
                 f"in {self.result['generate_s']:.1f}s")
        return asked

    def cold(self) -> None:
        c = self.result["cold"] = self.phase("build", {"corpus": str(self.corpus), "index": str(self.index)})
        self.say(f"[{self.n}] cold build {c['seconds']:.1f}s ({c['paragraphs_per_s']:.0f} paragraphs/s), "
                 f"peak RSS {c['peak_rss_mb']:.0f} MB")

    def incremental(self, key: str, edit: int, extra: dict, spec: BulletinSpec) -> None:
        args = {"corpus": str(self.corpus), "index": str(self.index), "incremental": True,
                "touch": str(self.corpus / spec.file), "edit": edit, **extra}
        if key == "incremental_fresh":  # an admin edits the file, then runs `nqbot index`
            touch_bulletin(self.corpus / spec.file, edit)
            del args["touch"]
        out = self.phase("build", args)
        out["expected_tokenized"] = len(spec.paragraphs)
        out["only_changed_retokenized"] = (
            out["tokenized"] == len(spec.paragraphs) and out["statuses"].get("changed") == 1
            and out["changed_files"] == [spec.file]
        )
        self.result[key] = out
        self.say(f"[{self.n}] {key}: {out['seconds']:.2f}s including load {out['load_s']:.2f}s, "
                 f"re-tokenised {out['tokenized']} (expected {len(spec.paragraphs)})")

    def fold(self) -> None:
        out = self.result["fold"] = self.phase("build", {"corpus": str(self.corpus), "index": str(self.index),
                                                          "incremental": True, "fold": True})
        self.say(f"[{self.n}] fold of the delta: {out['seconds']:.2f}s including load {out['load_s']:.2f}s")

    def fresh(self, key: str, script: str, argv: list[str]) -> None:
        self.result[key] = median_of_runs(script, argv, self.options.repeats, self.timeout, self.log)

    def serve(self) -> None:
        s = self.result["serve"] = self.phase("serve", {"index": str(self.index), "questions": str(self.questions_path),
                                                         "terms_out": str(self.terms)})
        self.say(f"[{self.n}] ask p50 {s['ask']['p50_ms']:.1f} ms, p99 {s['ask']['p99_ms']:.1f} ms, "
                 f"peak RSS {s['peak_rss_mb']:.0f} MB")

    def baseline(self, count: int) -> None:
        pickle_path = self.base / "bm25okapi.pkl"
        self.result["baseline_build"] = self.phase("baseline_build", {"index": str(self.index),
                                                                      "pickle": str(pickle_path)})
        limit = self.options.baseline_queries or count
        b = self.result["baseline_serve"] = self.phase("baseline_serve", {"pickle": str(pickle_path),
                                                                          "terms": str(self.terms), "limit": limit})
        self.say(f"[{self.n}] baseline get_scores p50 {b['get_scores']['p50_ms']:.1f} ms, "
                 f"p99 {b['get_scores']['p99_ms']:.1f} ms, peak RSS {b['peak_rss_mb']:.0f} MB")
        pickle_path.unlink(missing_ok=True)

    def exactness(self) -> None:
        self.result["exactness"] = self.phase("exactness", {
            "index": str(self.index), "terms": str(self.terms), "sample": self.options.exact_sample,
            "folded": self.n <= self.options.folded_exact_max, "retokenize": self.n <= self.options.retokenize_max,
        })
        self.say(f"[{self.n}] exactness passed: {self.result['exactness']['passed']}")


def _rebuilds(run: _SizeRun) -> None:
    """The two incremental rebuilds, each after a different bulletin in the middle of the corpus changed
    (each writes a delta beside the base: index.store.update), then the fold of the delta into a new
    base (what the bot does in the background; the steps after it serve the folded index)."""
    specs = list(run.profile.bulletins(run.n, run.options.seed))
    for key, edit, extra in (("incremental_warm", 1, {"warm_pyvi": True}), ("incremental_fresh", 2, {})):
        spec = specs[(len(specs) * edit) // 3]
        run.step(key, functools.partial(run.incremental, key, edit, extra, spec))
    run.step("fold", run.fold)


def _loads(run: _SizeRun, asked: list[Question]) -> None:
    """Index file size; load, and load + first answer, in fresh processes."""
    result, index = run.result, str(run.index)
    result["index_bytes"] = run.index.stat().st_size
    result["index_members"] = _members(run.index)
    run.step("load", lambda: run.fresh("load", LOAD_SCRIPT, [index]))
    first_q = next((q.q for q in asked if q.variant == "accented"), asked[0].q)
    run.step("first", lambda: run.fresh("first", FIRST_ANSWER_SCRIPT, [index, first_q]))
    if "load" in result and "first" in result:
        run.say(f"[{run.n}] index {result['index_bytes'] / 1e6:.1f} MB, load {result['load']['load_s']:.2f}s, "
                f"fresh load + first answer {result['first']['wall_s']:.2f}s")


def run_size(paragraphs: int, workdir: Path, options: Options | None = None,
             say: Callable[[str], None] = print) -> dict[str, Any]:
    """Every measurement for one corpus size; files go under workdir/n<size>.

    A step that fails (crash, timeout) is recorded in result["errors"] and the steps that do not need
    it still run, so that a library bug at some size shows up in the report instead of ending the run.
    """
    options = options or Options()
    run = _SizeRun(paragraphs, workdir, options, say)
    asked = run.generate_corpus()
    if not run.step("cold", run.cold):
        return run.result
    _rebuilds(run)
    _loads(run, asked)
    if run.step("serve", run.serve) and options.baseline and paragraphs <= options.baseline_max:
        run.step("baseline", lambda: run.baseline(len(asked)))
        run.step("exactness", run.exactness)
    if options.vectors:
        run_vectors(run, asked)
    return run.result
