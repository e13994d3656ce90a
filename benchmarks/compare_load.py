"""Before → after, paired: the same loading and serving steps run alternately from two source trees, so
that both sides see the same machine load (this machine is shared; the medians of interleaved rounds
are comparable where two runs an hour apart are not).

    git worktree add /tmp/nqbot-before <commit>      # the code before the change
    python -m benchmarks.compare_load --before /tmp/nqbot-before \\
        --before-index var/bench-before/n100000/index.zip --after-index var/bench/n100000/index.zip \\
        --questions var/bench/n100000/questions.jsonl --rounds 5

Each index must be in the format its own tree writes (build it with that tree's benchmark or
`nqbot index`). Per round and side, in fresh processes: `load_index` alone, imports + load + first
answer (a question with diacritics, so pyvi's import is in it), and the serve step of
`benchmarks.phases` (every question; p50, p99, RSS after load, peak RSS). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.fresh_process import FIRST_ANSWER_SCRIPT, LOAD_SCRIPT, REPO
from benchmarks.phase_serve import read_questions


def _run(root: Path, args: list[str], timeout: float) -> tuple[dict, float]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0", "NQBOT_SEMANTIC": "0"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{root}: {args[:3]} exited {done.returncode}: {done.stderr.strip()[-1500:]}")
    return json.loads([line for line in done.stdout.splitlines() if line.strip()][-1]), wall


def _round(root: Path, index: Path, question: str, questions: Path, timeout: float) -> dict[str, float]:
    load, _ = _run(root, ["-c", LOAD_SCRIPT, str(index)], timeout)
    first, first_wall = _run(root, ["-c", FIRST_ANSWER_SCRIPT, str(index), question], timeout)
    with tempfile.TemporaryDirectory() as tmp:
        serve_args = {"index": str(index), "questions": str(questions), "terms_out": str(Path(tmp) / "terms.json")}
        serve, _ = _run(root, ["-m", "benchmarks.phases", "serve", json.dumps(serve_args)], timeout)
    return {
        "load_s": load["load_s"], "first_wall_s": first_wall, "first_ask_s": first["ask_s"],
        "p50_ms": serve["ask"]["p50_ms"], "p99_ms": serve["ask"]["p99_ms"],
        "held_mb": serve["rss_after_load_mb"] - serve["rss_after_imports_mb"], "peak_rss_mb": serve["peak_rss_mb"],
    }


ROWS = (
    ("load_index in a fresh process, s", "load_s", "{:.3f}"),
    ("fresh process: imports + load + first answer (wall), s", "first_wall_s", "{:.2f}"),
    ("of which the first answer (pyvi import included), s", "first_ask_s", "{:.2f}"),
    ("answer p50, ms", "p50_ms", "{:.1f}"),
    ("answer p99, ms", "p99_ms", "{:.1f}"),
    ("RSS added by load_index, MB", "held_mb", "{:.0f}"),
    ("peak RSS of the serving process, MB", "peak_rss_mb", "{:.0f}"),
)


def compare(before: Path, before_index: Path, after_index: Path, questions: Path, rounds: int,
            timeout: float = 900) -> dict[str, dict[str, float]]:
    """The median of each figure over interleaved rounds (before, after, before, after, ...)."""
    asked = read_questions(questions)
    question = next((q["q"] for q in asked if q.get("variant") == "accented"), asked[0]["q"])
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for _ in range(rounds):
        runs["before"].append(_round(before, before_index, question, questions, timeout))
        runs["after"].append(_round(REPO, after_index, question, questions, timeout))
    return {side: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for side, rs in runs.items()}


def table(figures: dict[str, dict[str, float]], rounds: int) -> str:
    lines = [f"| figure (median of {rounds} interleaved rounds) | before | after | after / before |",
             "|---|---:|---:|---:|"]
    for name, key, fmt in ROWS:
        b, a = figures["before"][key], figures["after"][key]
        lines.append(f"| {name} | {fmt.format(b)} | {fmt.format(a)} | {a / b:.2f}× |" if b else
                     f"| {name} | {fmt.format(b)} | {fmt.format(a)} | – |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="source tree of the code before the change")
    parser.add_argument("--before-index", type=Path, required=True)
    parser.add_argument("--after-index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True, help="JSONL questions (the harness writes them)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the medians here")
    args = parser.parse_args(argv)
    figures = compare(args.before.resolve(), args.before_index.resolve(), args.after_index.resolve(),
                      args.questions.resolve(), args.rounds)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(table(figures, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
