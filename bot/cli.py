"""The `nqbot` command line: a thin layer over the library; named errors become one-line messages."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from index.answer.model import Answer
from index.answer.plain import render_text
from index.engine import AUTO, DEFAULT_CORPUS, DEFAULT_INDEX, Engine, configured_embedder, open_engine, rebuild
from index.errors import NqbotError
from index.store.build import BuildReport
from index.text import count, shorten

if TYPE_CHECKING:  # the CLI imports the bot's modules only in the commands that need them
    from bot.questionlog import DayCounts, Stats
    from index.evaluation import EvalQuestion

log = logging.getLogger(__name__)
Handler = Callable[[argparse.Namespace], int]
_TITLE_CHARS = 60  # of a title in `nqbot index --check`


def _paths(args: argparse.Namespace) -> tuple[Path, list[Path]]:
    index = args.index or Path(os.environ.get("NQBOT_INDEX", DEFAULT_INDEX))
    corpus = getattr(args, "corpus", None) or [Path(os.environ.get("NQBOT_CORPUS", DEFAULT_CORPUS))]
    return index, corpus


def _lexicon_path() -> Path | None:
    value = os.environ.get("NQBOT_LEXICON")
    return Path(value) if value else None


def _note_build(report: BuildReport | None) -> None:
    if report is not None:
        counts = f"{count(report.bulletins, 'bulletin')}, {count(report.paragraphs, 'paragraph')}"
        print(f"nqbot: built the index ({counts})", file=sys.stderr)


def _note_stale(engine: Engine, corpus: Sequence[Path], report: BuildReport | None) -> None:
    """Say so when the index served is older than the corpus: `ask` and `eval` answer from the index as it is
    (only `nqbot index` and the bot's reindex bring new bulletins in), which silently left new bulletins out."""
    if report is not None:
        return
    from bot.live import corpus_drift

    try:
        drift = corpus_drift(corpus, engine.index)
    except (NqbotError, OSError):
        return  # a missing folder: the answers come from the index all the same
    if not drift.clean:
        print(f"nqbot: the corpus differs from the index ({drift.counts}); run `nqbot index` to include it",
              file=sys.stderr)


def answer_json(answer: Answer) -> str:
    return json.dumps(answer.to_json(), ensure_ascii=False)


def cmd_ask(args: argparse.Namespace) -> int:
    index, corpus = _paths(args)
    engine, report = open_engine(index, corpus, _lexicon_path(), embedder=_embedder(args))
    _note_build(report)
    _note_stale(engine, corpus, report)
    questions = (line.rstrip("\n") for line in sys.stdin) if args.question == "-" else [args.question]
    for number, question in enumerate(questions):
        answer = engine.ask(question)
        if args.json:
            print(answer_json(answer), flush=True)
        else:
            print(("\n" if number else "") + render_text(answer), flush=True)
    return 0


def _progress_bar() -> Callable[[int, int], None] | None:
    """A tqdm bar (rate, ETA) on a terminal for builds of 200 paragraphs or more; nothing in a pipe or log."""
    if not sys.stderr.isatty():
        return None
    bar: list[tqdm] = []

    def show(done: int, total: int) -> None:
        if total < 200:
            return
        if not bar:
            bar.append(tqdm(total=total, unit="paragraph", file=sys.stderr, leave=True))
        bar[0].update(done - bar[0].n)
        if done >= total:
            bar[0].close()

    return show


def cmd_index(args: argparse.Namespace) -> int:
    from index.bulletins.corpus import read_corpus

    index, corpus = _paths(args)
    if args.check:
        bulletins, errors = read_corpus(corpus)
        for b in bulletins:
            print(f"ok      {b.file}: {count(len(b.paragraphs), 'paragraph')}, {shorten(b.title, _TITLE_CHARS)}")
        for e in errors:
            print(f"FAILED  {e.file}: {e.reason}")
        print(f"{count(len(bulletins), 'bulletin')} usable, {len(errors)} failed")
        return 1 if errors else 0
    from index.terms.lexicon import load_lexicon

    lexicon = load_lexicon(_lexicon_path())
    _, report = rebuild(corpus, index, lexicon, progress=_progress_bar(), embedder=_embedder(args),
                        fold=True if args.fold else None)
    for r in report.results:
        detail = r.reason if r.status == "failed" else count(r.paragraphs, "paragraph")
        print(f"{r.status:<10}{r.file}: {detail}")
    for name in report.removed:
        print(f"{'removed':<10}{name}")
    print(
        f"{count(report.bulletins, 'bulletin')}, {count(report.paragraphs, 'paragraph')} indexed "
        f"({report.tokenized} tokenised, {len(report.failed)} failed) in {report.seconds:.2f}s -> {index}"
    )
    return 1 if report.failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from index.evaluation import load_questions, report_json, report_text, run_eval

    questions = load_questions(args.file)
    index, corpus = _paths(args)
    if args.alone:
        return _eval_alone(args, corpus, questions)
    engine, report = open_engine(index, corpus, _lexicon_path(), embedder=_embedder(args))
    _note_build(report)
    _note_stale(engine, corpus, report)
    result = run_eval(engine, questions)
    misses = not args.counts_only
    if args.json:
        text = json.dumps(report_json(result, misses), ensure_ascii=False, indent=1)
    else:
        text = report_text(result, misses)
    print(text)
    return 0


def _eval_alone(args: argparse.Namespace, corpus: list[Path], questions: list[EvalQuestion]) -> int:
    from index.alone import alone_text, run_alone

    embedder = None if args.no_semantic else configured_embedder()
    with tempfile.TemporaryDirectory(prefix="nqbot-alone-") as work:
        report = run_alone(corpus, args.alone, questions, Path(work), _lexicon_path(), embedder)
    print(alone_text(report))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from index.targets.table import NONE_MATCHED, select_rows, targets_csv, targets_json, targets_text

    index, corpus = _paths(args)
    engine, report = open_engine(index, corpus, _lexicon_path(), embedder=_embedder(args))
    _note_build(report)
    rows = select_rows(engine.index, engine.lexicon, args.query or "")
    if args.json or args.csv:
        sys.stdout.write((targets_json if args.json else targets_csv)(rows).rstrip("\n") + "\n")
        if args.query and not rows:  # the output stays machine-readable; the note goes beside it
            print(f"nqbot: {NONE_MATCHED.format(query=args.query)}", file=sys.stderr)
    else:
        sys.stdout.write(targets_text(rows, args.query or "").rstrip("\n") + "\n")
    return 0


def _configured_log(config: Path | None) -> Path | None:
    """The question log the bot's config names (`question_log.path`, else next to its index)."""
    if config is None and not os.environ.get("NQBOT_CONFIG"):
        return None
    from bot.config import load_settings
    from bot.questionlog import log_path

    settings = load_settings(config)
    return settings.question_log.path or log_path(settings.paths.index)


def _read_stats(path: Path) -> tuple[Stats, list[DayCounts]]:
    """The figures and the days of the chart; zeros when the bot has not logged anything yet (the log
    is not created here: it is the bot's)."""
    from bot.questionlog import NO_STATS, day_window, open_question_log

    if not path.exists():
        print(f"nqbot: no question log at {path} yet (the bot writes it while it serves): all zero", file=sys.stderr)
        return NO_STATS, day_window()
    log = open_question_log(path)
    try:
        return log.stats(), log.daily()
    finally:
        log.close()


def _write_chart(days: list[DayCounts], path: Path) -> None:
    from bot.stats_chart import chart_png

    try:
        path.write_bytes(chart_png(days))
    except OSError as exc:
        raise NqbotError(f"cannot write the chart to {path}: {exc.strerror or exc}") from exc
    print(f"nqbot: chart of the last {len(days)} days written to {path}", file=sys.stderr)


def cmd_stats(args: argparse.Namespace) -> int:
    from bot.questionlog import log_path, stats_text

    index, _ = _paths(args)
    stats, days = _read_stats(args.log or _configured_log(args.config) or log_path(index))
    print(json.dumps(stats.__dict__, ensure_ascii=False, indent=1) if args.json else stats_text(stats))
    if args.plot:
        _write_chart(days, args.plot)
    return 0


def _health_paths(args: argparse.Namespace) -> tuple[Path, list[Path]]:
    """--index/--corpus, else the bot config's paths (--config or $NQBOT_CONFIG), else the defaults."""
    index, corpus = _paths(args)
    if args.config is None and not os.environ.get("NQBOT_CONFIG"):
        return index, corpus
    from bot.config import load_settings

    paths = load_settings(args.config).paths
    return args.index or paths.index, args.corpus or list(paths.corpus)


def cmd_health(args: argparse.Namespace) -> int:
    """Exit status 0 when healthy, 1 when not: for systemd, cron and uptime checks."""
    from bot.health import check_index_file, health_json, health_text

    index, corpus = _health_paths(args)
    health = check_index_file(index, corpus)
    print(json.dumps(health_json(health), ensure_ascii=False, indent=1) if args.json else health_text(health))
    return 0 if health.ok else 1


def cmd_run(args: argparse.Namespace) -> int:
    from bot.telegram.app import run_bot

    return run_bot(args.config, webhook=args.webhook)


def _embedder(args: argparse.Namespace) -> Any:
    """No embedder with --no-semantic (answers and index lexical only), else the configured one."""
    return None if getattr(args, "no_semantic", False) else AUTO


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", type=Path, help=f"index file (default: $NQBOT_INDEX or {DEFAULT_INDEX})")
    parser.add_argument(
        "--corpus", type=Path, action="append",
        help=f"bulletin folder, repeatable (default: $NQBOT_CORPUS or {DEFAULT_CORPUS})",
    )
    parser.add_argument(
        "--no-semantic", action="store_true",
        help="BM25 only: no retrieval by meaning (no paragraph vectors computed, none used)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nqbot", description="Answers questions from Kiên Giang's bulletins on Resolution 6.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer a question (or '-' for one question per line on stdin)")
    ask.add_argument("question", help="the question, or - to read questions from standard input")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON (one object per line)")
    _common(ask)
    ask.set_defaults(handler=cmd_ask)

    idx = sub.add_parser("index", help="build the index from the corpus (only changed bulletins are re-tokenised)")
    idx.add_argument("--check", action="store_true", help="only validate the bulletins; write nothing")
    idx.add_argument("--fold", action="store_true",
                     help="write a new base index even when only a few bulletins changed (folding the delta in)")
    _common(idx)
    idx.set_defaults(handler=cmd_index)

    ev = sub.add_parser(
        "eval", help="hit, wrong-answer and wrong-decline rates per question kind on a JSONL question set")
    ev.add_argument("file", type=Path, help="questions, one JSON object per line: id, q, kind, doc, must")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--counts-only", action="store_true", help="leave the misses out (for a validation split)")
    ev.add_argument("--alone", type=Path, metavar="FOLDER",
                    help="index each bulletin of FOLDER alone beside the corpus; ask its questions and two others'")
    _common(ev)
    ev.set_defaults(handler=cmd_eval)

    tg = sub.add_parser("targets", help="the quantified targets (chỉ tiêu) the bulletins state, by deadline year")
    shape = tg.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the targets as JSON")
    shape.add_argument("--csv", action="store_true", help="print the targets as CSV (for a spreadsheet)")
    tg.add_argument("--query", help="only targets whose indicator holds these words (diacritics optional)")
    _common(tg)
    tg.set_defaults(handler=cmd_targets)

    st = sub.add_parser("stats", help="what people asked: counts, answer rate, latency, feedback, top unanswered")
    st.add_argument(
        "--log", type=Path, help="question log (default: the bot config's, or questions.sqlite next to the index)")
    st.add_argument("--config", type=Path, help="the bot's config file, to find its question log")
    st.add_argument("--json", action="store_true", help="print the figures as JSON")
    st.add_argument("--plot", type=Path, metavar="FILE.png",
                    help="also write a chart of the last 30 days (questions, share answered, 👍/👎) as PNG")
    st.add_argument("--index", type=Path, help=f"index file whose folder holds the log (default: {DEFAULT_INDEX})")
    st.set_defaults(handler=cmd_stats)

    he = sub.add_parser("health", help="is the index loadable, how old, does it match the corpus; exit status 1 if not")
    he.add_argument("--json", action="store_true", help="print the report as JSON")
    he.add_argument("--config", type=Path, help="the bot's config file, for its index and corpus paths")
    _common(he)
    he.set_defaults(handler=cmd_health)

    run = sub.add_parser("run", help="serve the Telegram bot (long polling, or --webhook)")
    run.add_argument("--config", type=Path, help="config file (default: $NQBOT_CONFIG or config.toml if present)")
    run.add_argument("--webhook", action="store_true", help="receive updates by webhook instead of polling")
    run.set_defaults(handler=cmd_run)
    return parser


def _utf8_output() -> None:
    """Vietnamese goes out as UTF-8 whatever the locale says (a cron job's C or Latin-1 locale would
    otherwise fail on the first "ư", or leave a caller to guess the encoding)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_output()
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.handler(args)
    except NqbotError as exc:
        print(f"nqbot: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
