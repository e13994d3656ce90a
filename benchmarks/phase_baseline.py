"""The baseline steps: rank_bm25.BM25Okapi built from the paragraph terms stored in our index, pickled
with the paragraph texts, then unpickled in a fresh process to time get_scores for each question.

Run in fresh processes by `python -m benchmarks.phases baseline_build|baseline_serve '{...}'`.
"""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path
from typing import Any

from benchmarks.process_stats import STARTED, latency, peak_rss_mb, rss_mb


def field_documents(field: Any) -> list[list[str]]:
    """Each document's term list (terms repeated tf times, in term-id order) from a Field's matrix."""
    from index.retrieval.bm25 import field_matrix

    matrix = field_matrix(field).tocsr()
    terms = field.terms
    indptr, indices, data = matrix.indptr.tolist(), matrix.indices.tolist(), matrix.data.tolist()
    docs = []
    for d in range(matrix.shape[0]):
        doc: list[str] = []
        for k in range(indptr[d], indptr[d + 1]):
            doc.extend([terms[indices[k]]] * data[k])
        docs.append(doc)
    return docs


def baseline_build(args: dict) -> dict:
    """BM25Okapi over the accented paragraph terms of our index; pickled with the paragraph texts."""
    import pickle

    from rank_bm25 import BM25Okapi

    from index.store.format import load_index

    index = load_index(Path(args["index"]))
    docs = field_documents(index.accented)
    paragraphs = list(index.paragraphs)  # str objects, as a rank_bm25 user keeps the texts it returns
    del index
    gc.collect()
    rss_before = rss_mb()
    t = time.perf_counter()
    model = BM25Okapi(docs)
    construct_s = time.perf_counter() - t
    del docs
    gc.collect()
    held = rss_mb() - rss_before
    t = time.perf_counter()
    with open(args["pickle"], "wb") as out:
        pickle.dump({"bm25": model, "paragraphs": paragraphs}, out, protocol=pickle.HIGHEST_PROTOCOL)
    save_s = time.perf_counter() - t
    return {
        "construct_s": construct_s,
        "save_s": save_s,
        "held_mb": held,
        "file_bytes": Path(args["pickle"]).stat().st_size,
        "peak_rss_mb": peak_rss_mb(),
    }


def _time_queries(model: Any, terms: list[dict]) -> tuple[list[float], list[float]]:
    """Seconds of get_scores, and of the full argsort that picks the top 6 after it, per query."""
    import numpy as np

    scores_s, select_s = [], []
    for q in terms:
        t = time.perf_counter()
        scores = model.get_scores(q["accented"])
        scores_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        np.argsort(-scores, kind="stable")[:6]
        select_s.append(time.perf_counter() - t)
    return scores_s, select_s


def baseline_serve(args: dict) -> dict:
    """Unpickle the BM25Okapi index and time get_scores (and get_scores + top-6) for each query."""
    import pickle

    import numpy as np
    import pyvi.ViTokenizer  # noqa: F401  # the plain stack segments its questions with pyvi (scikit-learn import)

    imports_s = time.perf_counter() - STARTED
    t = time.perf_counter()
    with open(args["pickle"], "rb") as f:
        data = pickle.load(f)
    load_s = time.perf_counter() - t
    rss_loaded = rss_mb()
    model = data["bm25"]
    terms = json.loads(Path(args["terms"]).read_text(encoding="utf-8"))
    limit = int(args.get("limit") or len(terms))
    t = time.perf_counter()
    first = model.get_scores(terms[0]["accented"])
    np.argsort(-first)[:6]
    first_s = time.perf_counter() - t
    first_answer_s = time.perf_counter() - STARTED
    scores_s, select_s = _time_queries(model, terms[:limit])
    return {
        "imports_s": imports_s,
        "load_s": load_s,
        "first_answer_s": first_answer_s,
        "first_get_scores_s": first_s,
        "get_scores": latency(scores_s),
        "full_sort": latency(select_s),
        "rss_after_load_mb": rss_loaded,
        "peak_rss_mb": peak_rss_mb(),
    }
