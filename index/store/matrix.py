"""Assembling term-frequency matrices: rows of new terms, rows reused from an old index, folding."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from index.retrieval.bm25 import AnyField, Field, field_matrix, make_field
from index.terms.tokenize import fold_term

if TYPE_CHECKING:
    from index.store.snapshot import Index


@dataclass(frozen=True)
class OldRows:
    """An old field's matrix, document-major, with its terms: rows to copy into a new build."""

    terms: tuple[str, ...]
    matrix: sparse.csr_matrix
    doc_len: np.ndarray


def old_rows(field: AnyField) -> OldRows:
    return OldRows(field.terms, field_matrix(field).tocsr(), field.doc_len)


class RowsBuilder:
    """Collects documents (as term lists or reused rows) and makes a Field of them.

    New rows go into compact buffers (4 bytes a term id, 2 a frequency) rather than a few small arrays
    a paragraph: at a million paragraphs those arrays' headers and int64 values were gigabytes
    (BENCHMARKS.md, "Library findings" 4)."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # tids, tfs, nnz, doc_len
        self._new()
        self._remap: dict[int, np.ndarray] = {}

    def _new(self) -> None:
        self._tids, self._tfs, self._nnz, self._len = array("i"), array("H"), array("i"), array("i")

    def _flush(self) -> None:
        if self._nnz:  # views of the buffers, which are replaced (never grown again) from here
            self.pieces.append((np.frombuffer(self._tids, dtype=np.int32), np.frombuffer(self._tfs, dtype=np.uint16),
                                np.frombuffer(self._nnz, dtype=np.int32), np.frombuffer(self._len, dtype=np.int32)))
            self._new()

    def _ids(self, terms: list[str]) -> np.ndarray:
        vocab = self.vocab
        return np.fromiter((vocab.setdefault(t, len(vocab)) for t in terms), dtype=np.int32, count=len(terms))

    def add_terms(self, terms: list[str]) -> None:
        counts = Counter(terms)
        vocab = self.vocab
        self._tids.extend(vocab.setdefault(t, len(vocab)) for t in counts)
        self._tfs.extend(counts.values())
        self._nnz.append(len(counts))
        self._len.append(len(terms))

    def add_old_rows(self, old: OldRows, docs: range) -> None:
        self._flush()
        remap = self._remap.get(id(old))
        if remap is None:
            remap = self._remap[id(old)] = self._ids(list(old.terms))
        lo, hi = old.matrix.indptr[docs.start], old.matrix.indptr[docs.stop]
        self.pieces.append((remap[old.matrix.indices[lo:hi]], old.matrix.data[lo:hi].astype(np.uint16),
                            np.diff(old.matrix.indptr[docs.start : docs.stop + 1]).astype(np.int32),
                            np.asarray(old.doc_len[docs.start : docs.stop], dtype=np.int32)))

    def field(self) -> Field:
        self._flush()
        tids, tfs, nnz, doc_len = (_joined([p[k] for p in self.pieces], dtype)
                                   for k, dtype in enumerate((np.int32, np.uint16, np.int32, np.int32)))
        self.pieces = []
        indptr = np.zeros(nnz.shape[0] + 1, dtype=np.int64)
        np.cumsum(nnz, out=indptr[1:])
        terms = list(self.vocab)
        matrix = sparse.csr_matrix((tfs, tids, indptr), shape=(nnz.shape[0], len(terms))).tocsc()
        return _compact(terms, matrix, doc_len)


def _joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)


def _compact(terms: list[str], matrix: sparse.csc_matrix, doc_len: np.ndarray) -> Field:
    """Drop terms no document holds any more (they came with rows of removed bulletins)."""
    used = np.flatnonzero(np.diff(matrix.indptr))
    if used.shape[0] != len(terms):
        matrix = matrix[:, used]
        terms = [terms[i] for i in used.tolist()]
    return make_field(terms, sparse.csc_matrix(matrix), doc_len)


def _fold_cache(previous: Index | None) -> dict[str, str]:
    if previous is None:
        return {}
    folded_terms = previous.folded.terms
    return {t: folded_terms[f] for t, f in zip(previous.accented.terms, previous.fold_of.tolist())}


def derive_folded(accented: Field, previous: Index | None) -> tuple[Field, np.ndarray, dict[str, int]]:
    """The diacritic-free field: accented terms folded, frequencies of terms that fold alike summed.

    Returns the field, the accented-term -> folded-term map, and total occurrences per folded term.
    """
    cache = _fold_cache(previous)
    vocab: dict[str, int] = {}
    fold_of = np.fromiter(
        (vocab.setdefault(cache.get(t) or fold_term(t), len(vocab)) for t in accented.terms),
        dtype=np.int32,
        count=len(accented.terms),
    )
    # Each posting's folded term, int32 throughout: at a million paragraphs every array here is 100M long.
    column = np.repeat(np.arange(len(accented.terms), dtype=np.int32), np.diff(accented.indptr))
    column = fold_of[column]
    postings = sparse.coo_matrix((accented.tfs.astype(np.int32), (accented.docs, column)),
                                 shape=(accented.n_docs, len(vocab)))
    del column
    matrix = postings.tocsc()  # sums the frequencies of one document's terms that fold alike
    del postings
    totals = np.asarray(matrix.sum(axis=0)).ravel()
    folded = make_field(list(vocab), matrix, accented.doc_len)
    return folded, fold_of, dict(zip(vocab, totals.tolist()))
