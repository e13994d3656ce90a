"""Paragraph vectors of the index: int8 codes with one scale per vector (a quarter of float32's size).

Cosine of a unit question vector q with paragraph i is (codes[i] · q) × scales[i]: the codes are the
unit vector divided by its scale and rounded, so the error is at most half a step per component.
Vectors of unchanged bulletins are carried over from the previous index when it was made by the same
model; only new and changed bulletins are encoded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.retrieval.embed import Embedder, encode_in_batches

_BLOCK = 1024  # rows converted to float32 at a time (1.5 MB for 384 dimensions)


@dataclass(frozen=True)
class Vectors:
    model: str  # Embedder.model_id of the model that made them
    codes: np.ndarray  # int8, (paragraphs, dim)
    scales: np.ndarray  # float32, (paragraphs,)

    def cosines(self, query: np.ndarray) -> np.ndarray:
        """Cosine of the unit vector `query` with every paragraph.

        In blocks through one small float32 buffer: `codes @ query` made numpy convert every int8 code to a
        float32 copy first (154 MB and 12 ms a question at 100k paragraphs, BENCHMARKS.md)."""
        q = query.astype(np.float32)
        n = len(self.codes)
        out = np.empty(n, dtype=np.float32)
        block = np.empty((min(_BLOCK, n), self.codes.shape[1]), dtype=np.float32)
        for start in range(0, n, _BLOCK):
            rows = self.codes[start : start + _BLOCK]
            view = block[: len(rows)]
            view[...] = rows
            np.dot(view, q, out=out[start : start + len(rows)])
        return out * self.scales

    def rows(self, first: int, count: int) -> tuple[np.ndarray, np.ndarray]:
        return self.codes[first : first + count], self.scales[first : first + count]

    @property
    def dim(self) -> int:
        return int(self.codes.shape[1])


@dataclass(frozen=True)
class JoinedVectors:
    """The vectors of a base and a delta index, one after the other (index.store.layers)."""

    model: str
    first: Vectors
    second: Vectors

    def cosines(self, query: np.ndarray) -> np.ndarray:
        return np.concatenate([self.first.cosines(query), self.second.cosines(query)])

    def rows(self, first: int, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows of one bulletin, which lie wholly in one of the two."""
        split = self.first.codes.shape[0]
        return self.first.rows(first, count) if first < split else self.second.rows(first - split, count)

    @property
    def dim(self) -> int:
        return self.first.dim


AnyVectors = Vectors | JoinedVectors


def quantize(unit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes and per-row scales for rows of unit vectors."""
    peaks = np.abs(unit).max(axis=1) if unit.size else np.zeros(unit.shape[0], dtype=np.float32)
    scales = np.where(peaks > 0, peaks / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(unit / scales[:, None]), -127, 127).astype(np.int8)
    return codes, scales


@dataclass(frozen=True)
class Part:
    """A bulletin's paragraphs in the new index: texts to encode, or rows to copy from the old vectors."""

    texts: Sequence[str]
    old_first: int | None  # its first paragraph in the previous index, when it is carried over


def build_vectors(embedder: Embedder, parts: Sequence[Part], previous: AnyVectors | None,
                  advance: Callable[[int], None] | None = None) -> Vectors:
    """Vectors for the new index: old rows where the bulletin and the model are unchanged, new ones
    encoded (in batches) for the rest."""
    reuse = previous if previous is not None and previous.model == embedder.model_id else None
    total = sum(len(p.texts) for p in parts)
    codes = np.zeros((total, embedder.dim), dtype=np.int8)
    scales = np.ones(total, dtype=np.float32)
    fresh: list[str] = []
    slots: list[int] = []
    at = 0
    for part in parts:
        n = len(part.texts)
        if reuse is not None and part.old_first is not None:
            codes[at : at + n], scales[at : at + n] = reuse.rows(part.old_first, n)
        else:
            fresh += part.texts
            slots += range(at, at + n)
        at += n
    if fresh:
        new_codes, new_scales = quantize(encode_in_batches(embedder, fresh, advance))
        codes[slots], scales[slots] = new_codes, new_scales
    return Vectors(embedder.model_id, codes, scales)
