"""Ranking paragraphs: BM25 over the accented and folded fields plus title evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.retrieval import bm25
from index.retrieval.query import Query
from index.store.snapshot import Index

# Field weights (calibrated with `nqbot eval`): a question typed with diacritics ranks exact-diacritic
# matches first; one typed without relies on the folded field alone.
ACCENTED_WEIGHTS = (1.0, 0.5)
PLAIN_WEIGHTS = (0.0, 1.0)
TITLE_WEIGHT = 0.5
COMMON_SHARE, COMMON_MIN_DF = 0.1, 2000  # see scored_terms


@dataclass(frozen=True, slots=True)
class Hit:
    paragraph: int
    score: float


def _title_scores(index: Index, query: Query, weights: np.ndarray) -> np.ndarray:
    """Per bulletin: the idf mass of the query's folded terms found in its title."""
    scores = np.zeros(len(index.bulletins), dtype=np.float64)
    seen: set[str] = set()
    for term in query.folded_terms:
        tid = index.titles.vocab.get(term)
        if tid is None or term in seen:
            continue
        seen.add(term)
        lo, hi = index.titles.indptr[tid], index.titles.indptr[tid + 1]
        scores[index.titles.docs[lo:hi]] += index.idf(term)
    return scores * weights


def scored_terms(field: bm25.Field, terms: Sequence[str]) -> list[int]:
    """The term ids BM25 scores a question on.

    On large corpora, a syllable found in more than a tenth of the paragraphs is left out when a
    bigram of the question holds it and the corpus has that bigram: the bigram carries the match,
    and the common syllable's postings (tens of thousands of paragraphs) were most of the work.
    """
    common = max(COMMON_SHARE * field.n_docs, COMMON_MIN_DF)
    paired = {w for t in terms if " " in t and field.df(t) > 0 for w in t.split()}
    out = []
    for term in terms:
        tid = field.vocab.get(term)
        if tid is None:
            continue
        if term in paired and field.indptr[tid + 1] - field.indptr[tid] > common:
            continue
        out.append(tid)
    return out


def retrieve(index: Index, query: Query, k: int = 8) -> list[Hit]:
    """The k best paragraphs for the query, best first (only paragraphs with some evidence)."""
    w_acc, w_fold = ACCENTED_WEIGHTS if query.accented else PLAIN_WEIGHTS
    scores = w_fold * bm25.score(index.folded, scored_terms(index.folded, query.folded_terms))
    if w_acc:
        scores += w_acc * bm25.score(index.accented, scored_terms(index.accented, query.accented_terms))
    titles = _title_scores(index, query, np.full(len(index.bulletins), TITLE_WEIGHT))
    evidence = scores != 0
    scores += titles[index.para_bulletin]
    candidates = np.flatnonzero(evidence)
    if candidates.size > k:
        top = np.argpartition(-scores[candidates], k - 1)[:k]
        candidates = candidates[top]
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [Hit(int(p), float(scores[p])) for p in order]
