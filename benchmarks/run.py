"""The issue-6 benchmark: nqbot against plain rank_bm25.BM25Okapi, corpus sizes from 1k to 1M paragraphs.

    python -m benchmarks.run --sizes 1000,10000,100000 [--million] [--out BENCHMARKS.md]

For each size, in a work folder: generate the corpus (benchmarks.generate, deterministic); cold build;
incremental rebuild after one bulletin changed (in a running bot with the index in memory, and in a
fresh `nqbot index`-like process), checking that only that bulletin was re-tokenised; index file
size; load, and load + first answer, in a fresh process; Engine.ask latency over a few hundred
questions and the serving process's peak RSS. The baseline is measured in the same run over the same
paragraph terms: BM25Okapi construction, pickle size and load, get_scores latency, peak RSS. Our
scores are checked against get_scores on a sample of the questions.

Every step runs in its own process (benchmarks.phases). Results go to a JSON file and to the table
in BENCHMARKS.md (between the `results` markers; the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import generate

REPO = Path(__file__).resolve().parent.parent
START_MARK = "<!-- results:start (written by python -m benchmarks.run) -->"
END_MARK = "<!-- results:end -->"

LOAD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.store.format import load_index
t1 = time.perf_counter()
index = load_index(Path(sys.argv[1]))
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "in_process_s": t2 - t0}))
"""

FIRST_ANSWER_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.engine import Engine
from index.terms.lexicon import load_lexicon
from index.store.format import load_index
t1 = time.perf_counter()
engine = Engine(load_index(Path(sys.argv[1])), load_lexicon(None))
t2 = time.perf_counter()
answer = engine.ask(sys.argv[2])
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "ask_s": t3 - t2, "in_process_s": t3 - t0,
                  "pyvi_imported": "pyvi" in sys.modules, "answered": answer.answered}))
"""


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


class StepFailed(RuntimeError):
    pass


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _timeout(paragraphs: int, options: Options) -> float:
    return options.timeout or 300 + paragraphs * 0.006


def _python(args: list[str], timeout: float, log: Path) -> tuple[dict, float]:
    """Run `python args...` in a fresh process; return its last stdout line as JSON and its wall time."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, *args], cwd=REPO, env=_env(), capture_output=True, text=True, timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise StepFailed(f"{args[:3]} timed out after {timeout:.0f}s") from exc
    wall = time.perf_counter() - started
    with log.open("a", encoding="utf-8") as f:
        f.write(f"$ python {' '.join(args)[:300]}\n{done.stdout[-4000:]}\n{done.stderr[-8000:]}\n")
    if done.returncode != 0:
        raise StepFailed(f"{args[:3]} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return json.loads(lines[-1]), wall


def _phase(name: str, args: dict, timeout: float, log: Path) -> tuple[dict, float]:
    return _python(["-m", "benchmarks.phases", name, json.dumps(args)], timeout, log)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _fresh(script: str, argv: list[str], repeats: int, timeout: float, log: Path) -> dict:
    runs = [_python(["-c", script, *argv], timeout, log) for _ in range(repeats)]
    out = {k: _median([r[k] for r, _ in runs]) for k, v in runs[0][0].items() if isinstance(v, float)}
    out.update({k: v for k, v in runs[0][0].items() if not isinstance(v, float)})
    out["wall_s"] = _median([wall for _, wall in runs])
    return out


def _members(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: info.compress_size for info in zf.infolist()}


def run_size(paragraphs: int, workdir: Path, options: Options = Options(), say=print) -> dict[str, Any]:  # noqa: B008
    """Every measurement for one corpus size; files go under workdir/<size>.

    A step that fails (crash, timeout) is recorded in result["errors"] and the steps that do not need
    it still run, so that a library bug at some size shows up in the report instead of ending the run.
    """
    base = workdir / f"n{paragraphs}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    corpus, index, log = base / "corpus", base / "index.zip", base / "steps.log"
    timeout = _timeout(paragraphs, options)
    result: dict[str, Any] = {"paragraphs": paragraphs, "errors": {}, "commit": _commit()}

    def step(key: str, fn) -> bool:  # type: ignore[no-untyped-def]
        try:
            fn()
            return True
        except StepFailed as exc:
            result["errors"][key] = str(exc)
            say(f"[{paragraphs}] {key} FAILED: {str(exc)[:500]}")
            return False

    t = time.perf_counter()
    info = generate.write_corpus(paragraphs, corpus, options.seed)
    questions = generate.questions(paragraphs, options.seed, options.questions)
    qpath = base / "questions.jsonl"
    qpath.write_text("\n".join(q.json() for q in questions) + "\n", encoding="utf-8")
    result.update(bulletins=info.files, corpus_mb=info.bytes / 1e6, generate_s=time.perf_counter() - t)
    say(f"[{paragraphs}] generated {info.files} bulletins, {info.bytes / 1e6:.1f} MB in {result['generate_s']:.1f}s")

    def cold() -> None:
        result["cold"], _ = _phase("build", {"corpus": str(corpus), "index": str(index)}, timeout, log)
        c = result["cold"]
        say(f"[{paragraphs}] cold build {c['seconds']:.1f}s ({c['paragraphs_per_s']:.0f} paragraphs/s), "
            f"peak RSS {c['peak_rss_mb']:.0f} MB")

    if not step("cold", cold):
        return result

    specs = list(generate.bulletins(paragraphs, options.seed))
    for key, edit, extra in (("incremental_warm", 1, {"warm_pyvi": True}), ("incremental_fresh", 2, {})):
        spec = specs[(len(specs) * edit) // 3]  # a bulletin in the middle of the corpus

        def incremental(key=key, edit=edit, extra=extra, spec=spec) -> None:  # type: ignore[no-untyped-def]
            args = {"corpus": str(corpus), "index": str(index), "incremental": True,
                    "touch": str(corpus / spec.file), "edit": edit, **extra}
            if key == "incremental_fresh":  # an admin edits the file, then runs `nqbot index`
                generate.touch_bulletin(corpus / spec.file, edit)
                del args["touch"]
            out, _ = _phase("build", args, timeout, log)
            out["expected_tokenized"] = len(spec.paragraphs)
            out["only_changed_retokenized"] = (
                out["tokenized"] == len(spec.paragraphs) and out["statuses"].get("changed") == 1
                and out["changed_files"] == [spec.file]
            )
            result[key] = out
            say(f"[{paragraphs}] {key}: {out['seconds']:.2f}s including load {out['load_s']:.2f}s, "
                f"re-tokenised {out['tokenized']} (expected {len(spec.paragraphs)})")

        step(key, incremental)

    result["index_bytes"] = index.stat().st_size
    result["index_members"] = _members(index)
    step("load", lambda: result.__setitem__(
        "load", _fresh(LOAD_SCRIPT, [str(index)], options.repeats, timeout, log)))
    first_q = next((q.q for q in questions if q.variant == "accented"), questions[0].q)
    step("first", lambda: result.__setitem__(
        "first", _fresh(FIRST_ANSWER_SCRIPT, [str(index), first_q], options.repeats, timeout, log)))
    if "load" in result and "first" in result:
        say(f"[{paragraphs}] index {result['index_bytes'] / 1e6:.1f} MB, load {result['load']['load_s']:.2f}s, "
            f"fresh load + first answer {result['first']['wall_s']:.2f}s")

    terms = base / "terms.json"

    def serve() -> None:
        result["serve"], _ = _phase("serve", {"index": str(index), "questions": str(qpath),
                                              "terms_out": str(terms)}, timeout, log)
        s = result["serve"]
        say(f"[{paragraphs}] ask p50 {s['ask']['p50_ms']:.1f} ms, p99 {s['ask']['p99_ms']:.1f} ms, "
            f"peak RSS {s['peak_rss_mb']:.0f} MB")

    if not step("serve", serve) or not options.baseline or paragraphs > options.baseline_max:
        return result

    pickle_path = base / "bm25okapi.pkl"

    def baseline() -> None:
        result["baseline_build"], _ = _phase("baseline_build", {"index": str(index), "pickle": str(pickle_path)},
                                             timeout, log)
        limit = options.baseline_queries or len(questions)
        result["baseline_serve"], _ = _phase("baseline_serve", {"pickle": str(pickle_path), "terms": str(terms),
                                                                "limit": limit}, timeout, log)
        b = result["baseline_serve"]
        say(f"[{paragraphs}] baseline get_scores p50 {b['get_scores']['p50_ms']:.1f} ms, "
            f"p99 {b['get_scores']['p99_ms']:.1f} ms, peak RSS {b['peak_rss_mb']:.0f} MB")
        pickle_path.unlink(missing_ok=True)

    def exactness() -> None:
        result["exactness"], _ = _phase("exactness", {
            "index": str(index), "terms": str(terms), "sample": options.exact_sample,
            "folded": paragraphs <= options.folded_exact_max, "retokenize": paragraphs <= options.retokenize_max,
        }, timeout, log)
        say(f"[{paragraphs}] exactness passed: {result['exactness']['passed']}")

    step("baseline", baseline)
    step("exactness", exactness)
    return result


# --------------------------------------------------------------------------- machine and report


def _commit() -> str:
    """HEAD's short hash, marked when index/ or bot/ have uncommitted changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                                timeout=10, check=False).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "index", "bot"],
                               cwd=REPO, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return (commit or "?") + ("+uncommitted" if dirty else "")


def machine() -> dict[str, Any]:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    from importlib import metadata

    import numpy
    import scipy

    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]

    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gib": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb.isdigit() else "?",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "pyvi": metadata.version("pyvi"),
        "rank_bm25": metadata.version("rank-bm25"),
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
    }


def _ratio(baseline: float | None, ours: float | None) -> str:
    if not baseline or not ours:
        return "–"
    r = baseline / ours
    return f"{r:.0f}×" if r >= 10 else f"{r:.1f}×"


def _ms(x: float) -> str:
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def _size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (f"{n // 1000}k" if n % 1000 == 0 else str(n))


def _bot_s(step: dict) -> float:
    """A running bot's reindex: build + save (its index is already in memory, not loaded)."""
    return step["build_s"] + step["save_s"]


_REQUIRED = ("cold", "incremental_warm", "incremental_fresh", "load", "first", "serve")


def _complete(r: dict) -> bool:
    return all(key in r for key in _REQUIRED)


def _failures(r: dict) -> list[str]:
    """What a size whose steps failed still measured, and the failures, verbatim."""
    rows = [f"#### {r['paragraphs']:,} paragraphs: incomplete", ""]
    if "cold" in r:
        c = r["cold"]
        rows.append(f"- cold build {c['seconds']:.1f} s ({c['paragraphs_per_s']:,.0f} paragraphs/s; tokenise "
                    f"{c['tokenize_s']:.1f} s), peak RSS {c['peak_rss_mb']:.0f} MB")
    for key in ("incremental_warm", "incremental_fresh"):
        if key in r:
            rows.append(f"- {key}: {r[key]['seconds']:.2f} s, re-tokenised {r[key]['tokenized']}")
    if "index_bytes" in r:
        rows.append(f"- index file {r['index_bytes'] / 1e6:.1f} MB")
    if "serve" in r:
        a = r["serve"]["ask"]
        rows.append(f"- ask p50 {a['p50_ms']:.1f} ms, p99 {a['p99_ms']:.1f} ms; peak RSS {r['serve']['peak_rss_mb']:.0f} MB")
    for key, message in r.get("errors", {}).items():
        rows += [f"- **{key} failed**:", "", "```", message.strip()[-1500:], "```", ""]
    return rows


def _summary_table(results: list[dict]) -> list[str]:
    rows = [
        ("| paragraphs | cold build s (para/s) | incr. rebuild s, bot / fresh | re-tokenised | index MB | "
         "fresh load s | fresh load + 1st answer s | ask p50 / p99 ms | get_scores p50 / p99 ms | p50 speed-up | "
         "peak RSS MB ours / baseline | exact |"),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in filter(_complete, results):
        c, w, f, s = r["cold"], r["incremental_warm"], r["incremental_fresh"], r["serve"]
        b, e = r.get("baseline_serve"), r.get("exactness")
        cells = [
            f"{r['paragraphs']:,}",
            f"{c['seconds']:.1f} ({c['paragraphs_per_s']:,.0f})",
            f"{_bot_s(w):.2f} / {f['seconds']:.2f}",
            f"{w['tokenized']} / {f['tokenized']}",
            f"{r['index_bytes'] / 1e6:.1f}",
            f"{r['load']['load_s']:.2f}",
            f"{r['first']['wall_s']:.2f}",
            f"{_ms(s['ask']['p50_ms'])} / {_ms(s['ask']['p99_ms'])}",
            f"{_ms(b['get_scores']['p50_ms'])} / {_ms(b['get_scores']['p99_ms'])}" if b else "–",
            _ratio(b["get_scores"]["p50_ms"], s["ask"]["p50_ms"]) if b else "–",
            f"{s['peak_rss_mb']:.0f} / {b['peak_rss_mb']:.0f}" if b else f"{s['peak_rss_mb']:.0f} / –",
            ("yes" if e["passed"] else "NO") if e else "–",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _size_table(r: dict) -> list[str]:
    c, w, f, s = r["cold"], r["incremental_warm"], r["incremental_fresh"], r["serve"]
    bb, bs, e = r.get("baseline_build"), r.get("baseline_serve"), r.get("exactness")
    n = r["paragraphs"]
    shared = c["parse_s"] + c["tokenize_s"]
    rows = [
        (f"#### {n:,} paragraphs ({r['bulletins']:,} bulletins, {r['corpus_mb']:.1f} MB of text; "
         f"commit {r.get('commit', '?')})"),
        "",
        "| figure | nqbot | rank_bm25.BM25Okapi baseline | baseline / nqbot |",
        "|---|---:|---:|---:|",
    ]

    def row(name: str, ours: str, base: str = "–", ratio: str = "–") -> None:
        rows.append(f"| {name} | {ours} | {base} | {ratio} |")

    base_cold = shared + bb["construct_s"] + bb["save_s"] if bb else None
    row("cold build, s (parse + pyvi tokenise, all cores + assemble + save)",
        f"{c['seconds']:.2f} ({c['parse_s']:.2f} + {c['tokenize_s']:.2f} + {c['assemble_s']:.2f} + {c['save_s']:.2f})",
        f"{base_cold:.2f} ({shared:.2f} shared + BM25Okapi() {bb['construct_s']:.2f} + pickle {bb['save_s']:.2f})"
        if bb else "–", _ratio(base_cold, c["seconds"]))
    row("cold build, paragraphs/s", f"{c['paragraphs_per_s']:,.0f} (tokenisation alone {c['tokenized_per_s']:,.0f}; "
        f"{c.get('cores_used', 1.0):.2f} cores busy)",
        f"{n / base_cold:,.0f}" if bb else "–")
    base_incr = bb["construct_s"] + bb["save_s"] if bb else None
    row("incremental rebuild, one bulletin changed, running bot (index in memory, pyvi warm), s",
        f"{_bot_s(w):.2f} (build {w['build_s']:.2f}, of which parse {w['parse_s']:.2f}, "
        f"tokenise {w['tokenize_s']:.2f}; save {w['save_s']:.2f})",
        f"≥ {base_incr:.2f} (BM25Okapi() + pickle from cached terms)" if bb else "–", _ratio(base_incr, _bot_s(w)))
    row("incremental rebuild, fresh process (`nqbot index`: load + build + save), s",
        f"{f['seconds']:.2f} (load {f['load_s']:.2f}, build {f['build_s']:.2f}, save {f['save_s']:.2f})",
        f"≥ {base_incr:.2f}" if bb else "–", _ratio(base_incr, f["seconds"]))
    row("paragraphs re-tokenised by the incremental rebuilds (expected)",
        f"{w['tokenized']} / {f['tokenized']} ({w['expected_tokenized']} / {f['expected_tokenized']}) "
        f"{'ok' if w['only_changed_retokenized'] and f['only_changed_retokenized'] else 'WRONG'}",
        f"{n:,} (no incremental build)")
    row("index file, MB", f"{r['index_bytes'] / 1e6:.1f} (zip)", f"{bb['file_bytes'] / 1e6:.1f} (pickle)" if bb else "–",
        _ratio(bb["file_bytes"] if bb else None, r["index_bytes"]))
    row("load in a fresh process, s (load_index / unpickle)", f"{r['load']['load_s']:.3f}",
        f"{bs['load_s']:.3f}" if bs else "–", _ratio(bs["load_s"] if bs else None, r["load"]["load_s"]))
    row("fresh process: imports + load + first answer, s (pyvi import included)",
        f"{r['first']['in_process_s']:.2f} (imports {r['first']['import_s']:.2f}, load {r['first']['load_s']:.2f}, "
        f"ask {r['first']['ask_s']:.2f}); wall {r['first']['wall_s']:.2f}",
        f"{bs['first_answer_s']:.2f} (pyvi import + unpickle + get_scores)" if bs else "–",
        _ratio(bs["first_answer_s"] if bs else None, r["first"]["in_process_s"]))
    a = s["ask"]
    if bs:
        g = bs["get_scores"]
        row("answer latency p50 / p99, ms (nqbot: Engine.ask end to end; baseline: get_scores only)",
            f"{_ms(a['p50_ms'])} / {_ms(a['p99_ms'])}", f"{_ms(g['p50_ms'])} / {_ms(g['p99_ms'])} (n={g['n']})",
            f"{_ratio(g['p50_ms'], a['p50_ms'])} / {_ratio(g['p99_ms'], a['p99_ms'])}")
        sc = s["score_accented"]
        row("scoring only p50 / p99, ms (bm25.score on the accented field vs get_scores, same terms)",
            f"{_ms(sc['p50_ms'])} / {_ms(sc['p99_ms'])}", f"{_ms(g['p50_ms'])} / {_ms(g['p99_ms'])}",
            f"{_ratio(g['p50_ms'], sc['p50_ms'])} / {_ratio(g['p99_ms'], sc['p99_ms'])}")
        row("top-6 selection after scoring p50, ms (baseline: full argsort)", "in retrieve",
            f"{_ms(bs['full_sort']['p50_ms'])}")
    else:
        row("answer latency p50 / p99, ms", f"{_ms(a['p50_ms'])} / {_ms(a['p99_ms'])}")
    row("where Engine.ask time goes, p50 ms: analyze / retrieve", f"{_ms(s['analyze']['p50_ms'])} / "
        f"{_ms(s['retrieve']['p50_ms'])}")
    row("peak RSS of the serving process, MB (paragraph texts included)", f"{s['peak_rss_mb']:.0f}",
        f"{bs['peak_rss_mb']:.0f}" if bs else "–", _ratio(bs["peak_rss_mb"] if bs else None, s["peak_rss_mb"]))
    row("memory held by the loaded index, MB (RSS after load − after imports)",
        f"{s['rss_after_load_mb'] - s['rss_after_imports_mb']:.0f}", f"{max(0.0, bb['held_mb']):.0f} (BM25Okapi only)" if bb else "–")
    row("answers: answered / expected bulletin quoted first",
        f"{s['answered_share']:.0%} / {s['expected_bulletin_quoted_share']:.0%}")
    if e:
        parts = []
        for name in ("accented", "folded"):
            if name in e:
                x = e[name]
                parts.append(f"{name}: allclose {x['allclose']}/{e['queries']}, bit-identical {x['bit_identical']}, "
                             f"top-10 agree {x['top10_agree']}, max rel. diff {x['max_rel_diff']:.1e}")
        if "retokenized_rows_equal" in e:
            parts.append(f"stored terms = fresh tokenisation: {e['retokenized_rows_equal']}")
        row(f"exactness vs get_scores (rtol {e['rtol']:g})", "; ".join(parts), "", "passed" if e["passed"] else "FAILED")
    return rows


def _targets(r: dict) -> list[str]:
    s, w, f = r["serve"], r["incremental_warm"], r["incremental_fresh"]
    bs, e = r.get("baseline_serve"), r.get("exactness")
    speed = bs["get_scores"]["p50_ms"] / s["ask"]["p50_ms"] if bs else None
    cores = r["cold"].get("cores_used", 1.0)

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    rows = [
        f"Issue-6 targets at {r['paragraphs']:,} paragraphs:",
        "",
        "| target | measured | |",
        "|---|---:|---|",
        f"| answer p50 ≤ 5 ms | {s['ask']['p50_ms']:.1f} ms | {mark(s['ask']['p50_ms'] <= 5)} |",
        f"| answer p99 ≤ 20 ms | {s['ask']['p99_ms']:.1f} ms | {mark(s['ask']['p99_ms'] <= 20)} |",
    ]
    if speed is not None:
        rows.append(f"| ≥ 100× faster than get_scores (p50) | {speed:.0f}× | {mark(speed >= 100)} |")
    if e:
        rows.append(f"| scores = BM25Okapi's, rankings identical | {'yes' if e['passed'] else 'no'} | {mark(e['passed'])} |")
    rows += [
        f"| incremental rebuild ≤ 3 s (running bot) | {_bot_s(w):.2f} s | {mark(_bot_s(w) <= 3)} |",
        f"| incremental rebuild ≤ 3 s (fresh `nqbot index`) | {f['seconds']:.2f} s | {mark(f['seconds'] <= 3)} |",
        (f"| nothing unchanged re-tokenised | {w['tokenized']} and {f['tokenized']} paragraphs | "
         f"{mark(w['only_changed_retokenized'] and f['only_changed_retokenized'])} |"),
        f"| fresh process: load + first answer ≤ 2 s | {r['first']['wall_s']:.2f} s | {mark(r['first']['wall_s'] <= 2)} |",
        f"| peak RSS of the serving process ≤ 500 MB | {s['peak_rss_mb']:.0f} MB | {mark(s['peak_rss_mb'] <= 500)} |",
        f"| cold build uses both cores (CPU time / wall time of build_index) | "
        f"{cores:.2f} cores busy, {r['cold']['paragraphs_per_s']:,.0f} paragraphs/s | "
        + ("met" if cores >= 1.5 else "**partly**" if cores >= 1.1 else "**missed**") + " |",
    ]
    return rows


def _memory_table(r: dict) -> list[str]:
    mem = r["serve"]["index_memory_mb"]
    rows = [f"Memory held by the loaded index at {r['paragraphs']:,} paragraphs, by structure:", "",
            "| structure | MB |", "|---|---:|"]
    for name, mb in sorted(mem.items(), key=lambda kv: -kv[1]):
        rows.append(f"| {name} | {mb:.1f} |")
    rows.append(f"| **total** | {sum(mem.values()):.1f} |")
    return rows


def report_markdown(results: list[dict], info: dict, command: str) -> str:
    lines = [
        START_MARK,
        "",
        (f"Measured {info['date']} at commit {info.get('commit', '?')} (`+uncommitted`: index/ or bot/ differed "
         f"from it in the work tree) on {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM; "
         f"Python {info['python']} ({info['platform']}); numpy {info['numpy']}, scipy {info['scipy']}, "
         f"pyvi {info['pyvi']}, rank-bm25 {info['rank_bm25']}. Load average at start: {info['load_average']} "
         "(the machine is shared: compare the ratios, which come from the same run)."),
        "",
        "Reproduce:",
        "",
        "```sh",
        command,
        "```",
        "",
        "### Summary",
        "",
        *_summary_table(results),
        "",
    ]
    for r in results:
        lines += [*(_size_table(r) if _complete(r) else _failures(r)), ""]
        if _complete(r) and r.get("errors"):
            lines += [f"Failed steps at {r['paragraphs']:,}:", "", *[f"- {k}: `{v[-300:]}`" for k, v in r["errors"].items()], ""]
    complete = [r for r in results if _complete(r)]
    if complete:
        target = next((r for r in complete if r["paragraphs"] == 100_000), max(complete, key=lambda r: r["paragraphs"]))
        lines += ["### Targets", "", *_targets(target), "", "### Memory", "", *_memory_table(target), ""]
    lines += [END_MARK]
    return "\n".join(lines)


def write_report(path: Path, section: str) -> None:
    """Replace the results section of the file, keeping everything around it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START_MARK in old and END_MARK in old:
        head, rest = old.split(START_MARK, 1)
        tail = rest.split(END_MARK, 1)[1]
        text = head + section + tail
    else:
        text = (old.rstrip() + "\n\n" if old else "# Benchmarks\n\n") + section + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated paragraph counts")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 paragraphs (long)")
    parser.add_argument("--out", type=Path, help="markdown file to write the results section into")
    parser.add_argument("--json", type=Path, help="also write every figure, as JSON, here")
    parser.add_argument("--workdir", type=Path, help="keep corpora and indexes here (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-queries", type=int)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline-max", type=int, default=100_000, help="no baseline above this size")
    parser.add_argument("--timeout", type=float, help="seconds per step (default grows with the size)")
    parser.add_argument("--from-json", type=Path, help="only rewrite --out from figures saved by --json")
    args = parser.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        section = report_markdown(saved["results"], saved["machine"], saved.get("command", "python -m benchmarks.run"))
        write_report(args.out, section) if args.out else print(section)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.million and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    options = Options(seed=args.seed, questions=args.questions, repeats=args.repeats,
                      baseline_queries=args.baseline_queries, baseline=not args.no_baseline, baseline_max=args.baseline_max,
                      timeout=args.timeout)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="nqbot-bench-"))
    info = machine()
    command = f"python -m benchmarks.run --sizes {','.join(str(n) for n in sizes if n != 1_000_000 or not args.million)}"
    command += " --million" if args.million else ""
    command += f" --questions {args.questions}" if args.questions != 300 else ""
    command += f" --out {args.out}" if args.out else ""
    results = []
    json_path = args.json
    try:
        for n in sizes:
            results.append(run_size(n, workdir, options, say=lambda m: print(m, flush=True)))
            if json_path:
                json_path.write_text(json.dumps({"machine": info, "options": asdict(options), "command": command,
                                                 "results": results},
                                                ensure_ascii=False, indent=1), encoding="utf-8")
            if args.out:
                write_report(args.out, report_markdown(results, info, command))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if not args.out:
        print(report_markdown(results, info, command))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
