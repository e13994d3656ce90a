"""BM25 over a sparse term-document matrix: rank_bm25's BM25Okapi scores, without its per-document dicts.

`Field` holds term frequencies term-major (CSC-like: for each term, the documents holding it), so a
query touches only the postings of its own terms. The formulas are BM25Okapi's, operation for
operation (idf floor included), and tests compare the scores with rank_bm25 on a real corpus.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from index.retrieval.layered import LayeredField

K1 = 1.5
B = 0.75
EPSILON = 0.25


@dataclass(frozen=True)
class Field:
    """One BM25 field: a vocabulary and its postings over n_docs documents."""

    terms: tuple[str, ...]
    vocab: Mapping[str, int]
    indptr: np.ndarray  # int64, len(terms) + 1
    docs: np.ndarray  # int32 document ids, grouped by term
    tfs: np.ndarray  # uint16 term frequencies, aligned with docs
    doc_len: np.ndarray  # int32 tokens per document
    idf: np.ndarray  # float64 per term
    denom: np.ndarray  # float64 per document: k1 * (1 - b + b * len / avgdl)

    @property
    def n_docs(self) -> int:
        return int(self.doc_len.shape[0])

    @property
    def n_live(self) -> int:
        """Documents BM25 counts (all of them here; see index.retrieval.layered for an index with removals)."""
        return int(self.doc_len.shape[0])

    def df(self, term: str) -> int:
        tid = self.vocab.get(term)
        return 0 if tid is None else self.df_at(tid)

    def live_terms(self) -> Sequence[str]:
        return self.terms

    def df_at(self, tid: int) -> int:
        return int(self.indptr[tid + 1] - self.indptr[tid])

    def parts(self, tid: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """The term's postings as (documents, frequencies) slices: one here, one a layer in a LayeredField."""
        lo, hi = int(self.indptr[tid]), int(self.indptr[tid + 1])
        return [(self.docs[lo:hi], self.tfs[lo:hi])]

    def docs_of(self, tid: int) -> np.ndarray:
        """The sorted documents holding the term."""
        return self.docs[self.indptr[tid] : self.indptr[tid + 1]]


AnyField: TypeAlias = "Field | LayeredField"


def bm25_idf(df: np.ndarray, n_docs: int, epsilon: float = EPSILON) -> np.ndarray:
    """BM25Okapi idf: log((N - df + .5) / (df + .5)); negatives floored to epsilon * mean idf."""
    idf = np.empty(df.shape[0], dtype=np.float64)
    # math.log on each distinct df value, as rank_bm25 does, so the floats are the same.
    values, inverse = np.unique(df, return_inverse=True)
    per_value = np.array([math.log(n_docs - v + 0.5) - math.log(v + 0.5) for v in values.tolist()])
    idf[:] = per_value[inverse] if values.size else idf
    if idf.size:
        # rank_bm25 sums idf in vocabulary order, one by one; accumulate keeps that order.
        average = float(np.add.accumulate(idf)[-1]) / idf.size
        idf[idf < 0] = epsilon * average
    return idf


def bm25_denominators(doc_len: np.ndarray, k1: float = K1, b: float = B, avgdl: float | None = None) -> np.ndarray:
    lengths = doc_len.astype(np.float64)
    if avgdl is None:
        avgdl = float(int(doc_len.sum())) / max(1, doc_len.shape[0])
    return k1 * (1 - b + b * lengths / avgdl) if avgdl else np.full(lengths.shape, k1 * (1 - b))


def score(field: AnyField, term_ids: Iterable[int], k1: float = K1) -> np.ndarray:
    """BM25 scores of every document for a query given as term ids (repeats count, as in rank_bm25)."""
    scores = np.zeros(field.n_docs, dtype=np.float64)
    for tid in term_ids:
        for docs, tfs in field.parts(tid):
            tf = tfs.astype(np.float64)
            scores[docs] += field.idf[tid] * (tf * (k1 + 1) / (tf + field.denom[docs]))
    return scores


def term_ids(field: AnyField, terms: Iterable[str]) -> list[int]:
    return [tid for tid in (field.vocab.get(t) for t in terms) if tid is not None]


def make_field(terms: Sequence[str], matrix: sparse.csc_matrix, doc_len: np.ndarray) -> Field:
    """A Field from a (documents x terms) CSC matrix of term frequencies."""
    matrix.sort_indices()
    indptr = matrix.indptr.astype(np.int64)
    df = np.diff(indptr)
    return Field(
        terms=tuple(terms),
        vocab={t: i for i, t in enumerate(terms)},
        indptr=indptr,
        docs=matrix.indices.astype(np.int32, copy=False),
        tfs=matrix.data.astype(np.uint16, copy=False),
        doc_len=doc_len.astype(np.int32, copy=False),
        idf=bm25_idf(df, int(doc_len.shape[0])),
        denom=bm25_denominators(doc_len),
    )


def field_matrix(field: AnyField) -> sparse.csc_matrix:
    """The field's (documents x terms) term-frequency matrix."""
    if not isinstance(field, Field):
        return field.matrix()
    shape = (field.n_docs, len(field.terms))
    return sparse.csc_matrix((field.tfs.astype(np.int32), field.docs, field.indptr), shape=shape)
