"""The exactness step: our bm25.score against BM25Okapi.get_scores for a sample of the questions, on the
accented and folded fields, and (optionally) every paragraph's stored terms against a fresh tokenisation.

Run in a fresh process by `python -m benchmarks.phases exactness '{...}'`.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

from benchmarks.phase_baseline import field_documents


def _top_agree(ours: Any, theirs: Any, k: int, rtol: float) -> bool:
    """Our top k, scored by rank_bm25, has rank_bm25's top-k score profile (ties in any order)."""
    import numpy as np

    order = np.argsort(-ours, kind="stable")[:k]
    best = np.sort(theirs)[::-1][:k]
    return bool(np.allclose(theirs[order], best, rtol=rtol, atol=0.0))


def _compare_field(field: Any, name: str, sample: list[dict], rtol: float) -> dict[str, Any]:
    """allclose / bit-identical / top-10 agreement of our scores and BM25Okapi's over one field."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    from index.retrieval import bm25

    docs = field_documents(field)
    model = BM25Okapi(docs)
    del docs
    close = identical = top = 0
    worst = 0.0
    for q in sample:
        ours = bm25.score(field, bm25.term_ids(field, q[name]))
        theirs = np.asarray(model.get_scores(q[name]), dtype=np.float64)
        close += bool(np.allclose(ours, theirs, rtol=rtol, atol=0.0))
        identical += bool(np.array_equal(ours, theirs))
        nz = theirs != 0
        if nz.any():
            worst = max(worst, float(np.max(np.abs(ours[nz] - theirs[nz]) / np.abs(theirs[nz]))))
        if (ours[~nz] != 0).any():
            worst = max(worst, float("inf"))
        top += _top_agree(ours, theirs, 10, rtol)
    del model
    gc.collect()
    return {
        "allclose": close, "bit_identical": identical, "top10_agree": top, "max_rel_diff": worst,
        "passed": close == len(sample) and top == len(sample),
    }


def _retokenized_mismatches(index: Any) -> list[int]:
    """Paragraphs whose stored accented terms differ from a fresh tokenisation of their text."""
    from collections import Counter

    from index.terms.layers import paragraph_terms
    from index.terms.lexicon import load_lexicon

    lexicon = load_lexicon(None)
    docs = field_documents(index.accented)
    fresh = (Counter(paragraph_terms(text, lexicon).terms) for text in index.paragraphs)
    return [i for i, terms in enumerate(fresh) if terms != Counter(docs[i])]


def exactness(args: dict) -> dict:
    """Our bm25.score against BM25Okapi.get_scores for a sample of queries, on accented and folded fields.

    With "retokenize", also checks every paragraph's stored terms against a fresh tokenisation (so an
    incremental build is checked to hold the same terms as a cold one).
    """
    from index.store.format import load_index

    rtol = float(args.get("rtol", 1e-9))
    index = load_index(Path(args["index"]))
    terms = json.loads(Path(args["terms"]).read_text(encoding="utf-8"))
    step = max(1, len(terms) // int(args.get("sample", 50)))
    sample = terms[::step]
    out: dict[str, Any] = {"queries": len(sample), "rtol": rtol}
    fields = ["accented"] + (["folded"] if args.get("folded", True) else [])
    for name in fields:
        out[name] = _compare_field(getattr(index, name), name, sample, rtol)
    if args.get("retokenize"):
        bad = _retokenized_mismatches(index)
        out["retokenized_rows_equal"] = not bad
        out["retokenized_mismatches"] = bad[:10]
    out["passed"] = all(out[name]["passed"] for name in fields) and out.get("retokenized_rows_equal", True)
    return out
