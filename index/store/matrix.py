"""Assembling term-frequency matrices: rows of new terms, rows reused from an old index, folding."""

from __future__ import annotations

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
    """Collects documents (as term lists or reused rows) and makes a Field of them."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.tids: list[np.ndarray] = []
        self.tfs: list[np.ndarray] = []
        self.nnz: list[np.ndarray] = []
        self.doc_len: list[np.ndarray] = []
        self._remap: dict[int, np.ndarray] = {}

    def _ids(self, terms: list[str]) -> np.ndarray:
        vocab = self.vocab
        return np.fromiter((vocab.setdefault(t, len(vocab)) for t in terms), dtype=np.int64, count=len(terms))

    def add_terms(self, terms: list[str]) -> None:
        counts = Counter(terms)
        self.tids.append(self._ids(list(counts)))
        self.tfs.append(np.fromiter(counts.values(), dtype=np.int64, count=len(counts)))
        self.nnz.append(np.array([len(counts)]))
        self.doc_len.append(np.array([len(terms)]))

    def add_old_rows(self, old: OldRows, docs: range) -> None:
        remap = self._remap.get(id(old))
        if remap is None:
            remap = self._remap[id(old)] = self._ids(list(old.terms))
        lo, hi = old.matrix.indptr[docs.start], old.matrix.indptr[docs.stop]
        self.tids.append(remap[old.matrix.indices[lo:hi]])
        self.tfs.append(old.matrix.data[lo:hi].astype(np.int64))
        self.nnz.append(np.diff(old.matrix.indptr[docs.start : docs.stop + 1]))
        self.doc_len.append(old.doc_len[docs.start : docs.stop])

    def field(self) -> Field:
        nnz = np.concatenate(self.nnz) if self.nnz else np.zeros(0, dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(nnz)])
        tids = np.concatenate(self.tids) if self.tids else np.zeros(0, dtype=np.int64)
        tfs = np.concatenate(self.tfs) if self.tfs else np.zeros(0, dtype=np.int64)
        doc_len = np.concatenate(self.doc_len) if self.doc_len else np.zeros(0, dtype=np.int64)
        terms = list(self.vocab)
        matrix = sparse.csr_matrix((tfs, tids, indptr), shape=(nnz.shape[0], len(terms))).tocsc()
        return _compact(terms, matrix, doc_len)


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
        dtype=np.int64,
        count=len(accented.terms),
    )
    n_acc, n_fold = len(accented.terms), len(vocab)
    mapping = sparse.csr_matrix((np.ones(n_acc, dtype=np.int64), fold_of, np.arange(n_acc + 1)), shape=(n_acc, n_fold))
    matrix = (field_matrix(accented).astype(np.int64) @ mapping).tocsc()
    totals = np.asarray(matrix.sum(axis=0)).ravel()
    folded = make_field(list(vocab), matrix, accented.doc_len)
    return folded, fold_of.astype(np.int32), dict(zip(vocab, totals.tolist()))
