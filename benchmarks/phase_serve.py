"""The serving step: load the index, answer every question with Engine.ask (timed end to end), then
time analyze, retrieve and bm25.score alone; peak RSS and the memory the index holds.

Run in a fresh process by `python -m benchmarks.phases serve '{...}'`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.index_memory import index_memory_mb
from benchmarks.process_stats import latency, peak_rss_mb, rss_mb, rss_parts_mb


def read_questions(path: str | Path) -> list[dict]:
    """The questions of a JSONL file written by the harness (one Question.json() a line)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def ask_all(engine: Any, questions: list[dict]) -> tuple[float, list[float], list[dict]]:
    """A warm-up question, then every question: (warm-up seconds, seconds per question, answers)."""
    # Warm up with a question typed with diacritics: its compounds load pyvi's model, once per process.
    warm = next((q["q"] for q in questions if q.get("variant") == "accented"), questions[0]["q"])
    t = time.perf_counter()
    engine.ask(warm)
    first_s = time.perf_counter() - t
    answers: list[dict] = []
    ask_s: list[float] = []
    for q in questions:
        t = time.perf_counter()
        answer = engine.ask(q["q"])
        ask_s.append(time.perf_counter() - t)
        cited = ([answer.file] if answer.file else []) + [s.file for s in answer.others]
        answers.append({"declined": not answer.answered, "top": answer.file, "cited": cited})
    return first_s, ask_s, answers


def _breakdown(engine: Any, index: Any, questions: list[dict]) -> tuple[dict[str, list[float]], list[dict]]:
    """Seconds of analyze, retrieve and bm25.score (accented field) per question, and each one's BM25 terms."""
    from index.retrieval import bm25
    from index.retrieval.query import analyze
    from index.retrieval.ranking import retrieve

    times: dict[str, list[float]] = {"analyze": [], "retrieve": [], "score_accented": []}
    terms = []
    for q in questions:
        t = time.perf_counter()
        query = analyze(q["q"], index, engine.lexicon)
        times["analyze"].append(time.perf_counter() - t)
        terms.append({"accented": list(query.accented_terms), "folded": list(query.folded_terms)})
        if query.empty or query.unknown_names:
            continue
        t = time.perf_counter()
        retrieve(index, query, 6)
        times["retrieve"].append(time.perf_counter() - t)
        t = time.perf_counter()
        bm25.score(index.accented, bm25.term_ids(index.accented, query.accented_terms))
        times["score_accented"].append(time.perf_counter() - t)
    return times, terms


def answer_shares(questions: list[dict], answers: list[dict]) -> dict[str, float | None]:
    expected = [q for q in questions if q.get("file")]
    hits = sum(1 for q, a in zip(questions, answers) if q.get("file") and q["file"] == a["top"])
    unknown = [a for q, a in zip(questions, answers) if q.get("variant") == "unknown_place"]
    return {
        "answered_share": sum(1 for a in answers if not a["declined"]) / len(answers),
        "expected_bulletin_quoted_share": hits / len(expected) if expected else 0.0,
        "unknown_place_declined_share": (sum(1 for a in unknown if a["declined"]) / len(unknown)) if unknown else None,
    }


def serve(args: dict) -> dict:
    """Answer every question with Engine.ask, timing each one end to end; then a breakdown pass.

    Also writes the BM25 terms of every question (for the baseline) to args["terms_out"].
    """
    rss_start = rss_mb()
    from index.engine import Engine
    from index.store.format import load_index
    from index.terms.lexicon import load_lexicon

    rss_imported = rss_mb()
    t = time.perf_counter()
    index = load_index(Path(args["index"]))
    load_s = time.perf_counter() - t
    rss_loaded = rss_mb()
    engine = Engine(index, load_lexicon(None), None)  # lexical: no embedder (benchmarks.phase_vectors_serve)
    t = time.perf_counter()
    engine.warm()  # as the bot does before serving (its tables are not a question's cost)
    warm_s = time.perf_counter() - t
    questions = read_questions(args["questions"])
    first_s, ask_s, answers = ask_all(engine, questions)
    peak_after_ask = peak_rss_mb()
    times, terms = _breakdown(engine, index, questions)
    Path(args["terms_out"]).write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
    return {
        "load_s": load_s, "warm_s": warm_s, "first_ask_s": first_s, "ask": latency(ask_s),
        **{name: latency(values) for name, values in times.items()},
        **answer_shares(questions, answers),
        "query_terms_mean": sum(len(t["accented"]) for t in terms) / len(terms),
        "rss_start_mb": rss_start, "rss_after_imports_mb": rss_imported, "rss_after_load_mb": rss_loaded,
        "rss_end_mb": rss_mb(), "rss_end_parts_mb": rss_parts_mb(), "peak_rss_mb": peak_after_ask,
        "segmenter_loaded": "pycrfsuite" in sys.modules, "sklearn_imported": "sklearn" in sys.modules,
        "index_memory_mb": index_memory_mb(index),
    }
