"""A BM25 field over a base and a delta: the live index between two folds (index/store/layers.py).

The base keeps the postings of bulletins removed or changed since it was written; those documents
are dead. Document frequencies, the idf floor's average and the average length are over the live
documents only, so the scores of live documents are BM25Okapi's over the live set, as a cold build
would give (tests/test_delta_index.py). A dead document's denominator is infinite: it scores 0.
Document ids: the base's, then the delta's after them; term ids: the base's, then terms only the
delta has.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
from scipy import sparse

from index.retrieval.bm25 import K1, B, Field, bm25_denominators, bm25_idf


@dataclass(frozen=True)
class LayeredField:
    terms: tuple[str, ...]
    vocab: Mapping[str, int]
    base: Field
    delta: Field
    delta_tid: np.ndarray  # int32 per term: its id in the delta, or -1
    live_df: np.ndarray  # int64 per term: live documents holding it
    doc_len: np.ndarray  # int32 per document, base then delta
    idf: np.ndarray
    denom: np.ndarray  # inf for dead documents
    live_count: int

    @property
    def n_docs(self) -> int:
        return int(self.doc_len.shape[0])

    @property
    def n_live(self) -> int:
        return self.live_count

    def df(self, term: str) -> int:
        tid = self.vocab.get(term)
        return 0 if tid is None else int(self.live_df[tid])

    def df_at(self, tid: int) -> int:
        return int(self.live_df[tid])

    def live_terms(self) -> Sequence[str]:
        """Terms some live document holds."""
        return [t for t, n in zip(self.terms, self.live_df.tolist()) if n]

    def parts(self, tid: int) -> list[tuple[np.ndarray, np.ndarray]]:
        out = self.base.parts(tid) if tid < len(self.base.terms) else []
        local = int(self.delta_tid[tid])
        if local >= 0:
            docs, tfs = self.delta.parts(local)[0]
            out.append((docs + self.base.n_docs, tfs))
        return out

    def docs_of(self, tid: int) -> np.ndarray:
        """Sorted: base documents come before delta ones (dead ones included: they hold no live range)."""
        parts = self.parts(tid)
        return parts[0][0] if len(parts) == 1 else np.concatenate([docs for docs, _ in parts])

    def matrix(self) -> sparse.csc_matrix:
        """(documents x terms) frequencies over the whole id space, dead rows included (for a fold)."""
        n_terms = len(self.terms)
        base = _matrix(self.base, n_terms, np.arange(len(self.base.terms)))
        remap = np.array([self.vocab[t] for t in self.delta.terms], dtype=np.int64)
        return sparse.vstack([base, _matrix(self.delta, n_terms, remap)], format="csc")


def _matrix(field: Field, n_terms: int, columns: np.ndarray) -> sparse.csr_matrix:
    """The field's rows with its term ids mapped to `columns` of an n_terms-wide matrix."""
    rows = sparse.csc_matrix((field.tfs.astype(np.int32), field.docs, field.indptr),
                             shape=(field.n_docs, len(field.terms))).tocoo()
    return sparse.csr_matrix((rows.data, (rows.row, columns[rows.col])), shape=(field.n_docs, n_terms))


def layered(base: Field, delta: Field, live: np.ndarray, dead: tuple[np.ndarray, np.ndarray]) -> LayeredField:
    """The field over base and delta; `live` marks the base's live documents, `dead` gives, for base
    term ids, how many dead documents hold them (index/store/update.py counts them when writing the delta)."""
    extra = [t for t in delta.terms if t not in base.vocab]
    start = len(base.terms)
    vocab: Mapping[str, int] = ChainMap({t: start + i for i, t in enumerate(extra)}, cast(dict, base.vocab))
    terms = base.terms + tuple(extra)
    delta_tid = np.full(len(terms), -1, dtype=np.int32)
    delta_tid[np.array([vocab[t] for t in delta.terms], dtype=np.int64)] = np.arange(len(delta.terms))
    live_df = np.zeros(len(terms), dtype=np.int64)
    live_df[:start] = np.diff(base.indptr)
    np.subtract.at(live_df, dead[0], dead[1])
    has = delta_tid >= 0
    live_df[has] += np.diff(delta.indptr)[delta_tid[has]]
    alive = np.concatenate([live, np.ones(delta.n_docs, dtype=bool)])
    doc_len = np.concatenate([base.doc_len, delta.doc_len])
    count = int(alive.sum())
    return LayeredField(terms, vocab, base, delta, delta_tid, live_df, doc_len,
                        _idf(live_df, count), _denominators(doc_len, alive, count), count)


def _idf(live_df: np.ndarray, count: int) -> np.ndarray:
    """BM25Okapi idf over the live vocabulary (terms only dead documents hold take no part in the average)."""
    idf = np.zeros(live_df.shape[0], dtype=np.float64)
    used = live_df > 0
    idf[used] = bm25_idf(live_df[used], count)
    return idf


def _denominators(doc_len: np.ndarray, alive: np.ndarray, count: int) -> np.ndarray:
    avgdl = float(int(doc_len[alive].sum())) / max(1, count)
    denom = bm25_denominators(doc_len, K1, B, avgdl) if avgdl else np.full(doc_len.shape, K1 * (1 - B))
    denom[~alive] = np.inf
    return denom
