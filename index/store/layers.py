"""The live index as a base and a delta: what `nqbot index` writes when few bulletins changed.

A reindex that changes a few bulletins writes only them, as a small delta file beside the base
(index/store/update.py), and names the base bulletins they remove or replace. Loading puts the two
together here without copying the base's postings, texts or vectors: its documents stay where they are
(mapped), dead ones included, and the fields over both (index/retrieval/layered.py) count only the live
ones. Bulletin numbers are renumbered over the live bulletins, the titles field (one row a bulletin)
is merged, and paragraph numbers are the base's followed by the delta's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import overload

import numpy as np

from index.retrieval.bm25 import Field
from index.retrieval.layered import LayeredField, layered
from index.store.mapped import Paragraphs
from index.store.matrix import RowsBuilder, old_rows
from index.store.snapshot import Index, Layers, Removal
from index.store.vectors import JoinedVectors, Vectors


class JoinedParagraphs(Paragraphs):
    """The base's paragraph texts followed by the delta's, each read where it lies."""

    __slots__ = ("_first", "_second")

    def __init__(self, first: Paragraphs, second: Paragraphs) -> None:
        self._first, self._second = first, second

    def __len__(self) -> int:
        return len(self._first) + len(self._second)

    @property
    def nbytes(self) -> int:
        return self._first.nbytes + self._second.nbytes

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[str, ...]: ...

    def __getitem__(self, i: int | slice) -> str | tuple[str, ...]:
        split, n = len(self._first), len(self)
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step != 1:
                return tuple(self[k] for k in range(start, stop, step))
            return self._first[start : min(stop, split)] + self._second[max(start - split, 0) : max(stop - split, 0)]
        k = i.__index__() + (n if i.__index__() < 0 else 0)
        if not 0 <= k < n:
            raise IndexError("paragraph index out of range")
        return self._first[k] if k < split else self._second[k - split]

    def span(self, start: int, stop: int) -> Paragraphs:
        split = len(self._first)
        if stop <= split:
            return self._first.span(start, stop)
        if start >= split:
            return self._second.span(start - split, stop - split)
        return Paragraphs.of(self[start:stop])

    def raw(self) -> tuple[bytes, np.ndarray]:
        data, offsets = self._first.raw()
        more, more_offsets = self._second.raw()
        return data + more, np.concatenate([offsets, more_offsets[1:] + offsets[-1]])


def overlay(base: Index, delta: Index, removal: Removal) -> Index:
    """The index the two files make together (both as loaded; checked against each other by the caller)."""
    keep = [i for i, b in enumerate(base.bulletins) if b.file not in removal.files]
    number = np.full(len(base.bulletins), -1, dtype=np.int32)
    number[keep] = np.arange(len(keep), dtype=np.int32)
    base_live = number[base.para_bulletin] >= 0 if len(base.bulletins) else np.zeros(0, dtype=bool)
    shift = len(base.paragraphs)
    accented = layered(plain_field(base.accented), plain_field(delta.accented), base_live, removal.dead["accented"])
    folded = layered(plain_field(base.folded), plain_field(delta.folded), base_live, removal.dead["folded"])
    return Index(
        tokenizer_version=base.tokenizer_version,
        built_at=delta.built_at,
        bulletins=tuple(base.bulletins[i] for i in keep) + tuple(
            replace(b, first=b.first + shift) for b in delta.bulletins),
        paragraphs=JoinedParagraphs(_texts(base), _texts(delta)),
        para_bulletin=np.concatenate([number[base.para_bulletin], delta.para_bulletin + len(keep)]).astype(np.int32),
        accented=accented,
        folded=folded,
        fold_of=_fold_of(base, delta, accented, folded),
        titles=_titles(base, delta, keep),
        folded_stops=delta.folded_stops,  # computed over the live bulletins when the delta was written
        targets=tuple(t for t in base.targets if t.file not in removal.files) + delta.targets,
        targets_rules=base.targets_rules,
        vectors=_vectors(base, delta),
        identity=base.identity,
        live=np.concatenate([base_live, np.ones(len(delta.paragraphs), dtype=bool)]),
        layers=Layers(base, delta, removal),
    )


def plain_field(field: Field | LayeredField) -> Field:
    if not isinstance(field, Field):
        raise TypeError("a layered index is not a base or a delta")
    return field


def _texts(index: Index) -> Paragraphs:
    assert isinstance(index.paragraphs, Paragraphs)  # Index.__post_init__ makes them so
    return index.paragraphs


def _fold_of(base: Index, delta: Index, accented: LayeredField, folded: LayeredField) -> np.ndarray:
    """Accented term -> folded term over the joined vocabularies (the base's map, then the delta-only terms')."""
    extra = accented.terms[len(base.accented.terms) :]
    own = delta.fold_of.tolist()
    folded_of = [folded.vocab[delta.folded.terms[own[delta.accented.vocab[t]]]] for t in extra]
    return np.concatenate([base.fold_of, np.array(folded_of, dtype=np.int32)]).astype(np.int32)


def _titles(base: Index, delta: Index, keep: list[int]) -> Field:
    """The titles field over the live bulletins, in their new numbers (a row a bulletin: small)."""
    rows = RowsBuilder()
    old = old_rows(base.titles)
    for start, stop in _runs(keep):
        rows.add_old_rows(old, range(start, stop))
    rows.add_old_rows(old_rows(delta.titles), range(len(delta.bulletins)))
    return rows.field()


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as [start, stop) runs of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n:
            runs[-1] = (runs[-1][0], n + 1)
        else:
            runs.append((n, n + 1))
    return runs


def _vectors(base: Index, delta: Index) -> JoinedVectors | None:
    if not isinstance(base.vectors, Vectors) or not isinstance(delta.vectors, Vectors):
        return None
    return JoinedVectors(base.vectors.model, base.vectors, delta.vectors)
