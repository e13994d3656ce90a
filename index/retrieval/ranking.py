"""Ranking paragraphs: BM25 over the accented and folded fields plus title evidence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
# Of the blend; the rest is the cosine (docs/retrieval-lessons.md §12: 0.7 z(BM25) + 0.3 z(cosine)).
BM25_SHARE = 0.7
DENSE_K = 20  # paragraphs closest in meaning that join the candidates without a shared word
_NO_EVIDENCE = -2.0  # the BM25 z-score given to a paragraph with no shared word
COMMON_SHARE, COMMON_MIN_DF = 0.1, 2000  # see scored_terms


@dataclass(frozen=True, slots=True)
class Hit:
    paragraph: int
    score: float  # lexical: BM25 plus title evidence
    meaning: float = 0.0  # how far the paragraph's cosine with the question stands above the corpus's (z-score)


def _title_scores(index: Index, query: Query, weights: np.ndarray) -> np.ndarray:
    """Per bulletin: the idf mass of the query's folded terms found in its title."""
    scores = np.zeros(len(index.bulletins), dtype=np.float64)
    seen: set[str] = set()
    for term in query.folded_terms:
        tid = index.titles.vocab.get(term)
        if tid is None or term in seen:
            continue
        seen.add(term)
        scores[index.titles.docs_of(tid)] += index.idf(term)
    return scores * weights


def scored_terms(field: bm25.AnyField, terms: Sequence[str]) -> list[int]:
    """The term ids BM25 scores a question on.

    On large corpora, a syllable found in more than a tenth of the paragraphs is left out when a
    bigram of the question holds it and the corpus has that bigram: the bigram carries the match,
    and the common syllable's postings (tens of thousands of paragraphs) were most of the work.
    """
    common = max(COMMON_SHARE * field.n_live, COMMON_MIN_DF)
    paired = {w for t in terms if " " in t and field.df(t) > 0 for w in t.split()}
    out = []
    for term in terms:
        tid = field.vocab.get(term)
        if tid is None:
            continue
        if term in paired and field.df_at(tid) > common:
            continue
        out.append(tid)
    return out


def _lexical(index: Index, query: Query) -> tuple[np.ndarray, np.ndarray]:
    """BM25 over the two fields plus title evidence, and which paragraphs have any BM25 evidence."""
    w_acc, w_fold = ACCENTED_WEIGHTS if query.accented else PLAIN_WEIGHTS
    scores = w_fold * bm25.score(index.folded, scored_terms(index.folded, query.folded_terms))
    if w_acc:
        scores += w_acc * bm25.score(index.accented, scored_terms(index.accented, query.accented_terms))
    titles = _title_scores(index, query, np.full(len(index.bulletins), TITLE_WEIGHT))
    evidence = scores != 0
    return scores + titles[index.para_bulletin], evidence


def _zscores(values: np.ndarray, over: np.ndarray) -> np.ndarray:
    sample = values[over]
    if sample.size < 2 or float(sample.std()) == 0.0:
        return np.zeros_like(values)
    return (values - float(sample.mean())) / float(sample.std())


def _top(scores: np.ndarray, candidates: np.ndarray, k: int) -> np.ndarray:
    if candidates.size > k:
        candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    return candidates[np.argsort(-scores[candidates], kind="stable")]


Meaning = np.ndarray | Callable[[], np.ndarray | None] | None  # the question's unit vector, or a wait for it


def retrieve(index: Index, query: Query, k: int = 8, meaning: Meaning = None) -> list[Hit]:
    """The k best paragraphs for the query, best first.

    Lexical only: paragraphs with BM25 evidence, by BM25. With the question's unit vector (`meaning`)
    and paragraph vectors: a linear blend of the two scores, each a z-score over the question's
    candidates (BM25 over its evidence, cosine over the corpus), and the dense top few join the
    candidates even without a shared word (docs/retrieval-lessons.md §12)."""
    scores, evidence = _lexical(index, query)
    if callable(meaning):  # being encoded meanwhile (compose starts it before reading the question)
        meaning = meaning()
    if meaning is None or index.vectors is None:
        return [Hit(int(p), float(scores[p])) for p in _top(scores, np.flatnonzero(evidence), k)]
    live = index.live if index.live is not None else np.ones(len(index.paragraphs), dtype=bool)
    closeness = _zscores(index.vectors.cosines(meaning), live)
    blended = BM25_SHARE * np.where(evidence, _zscores(scores, evidence), _NO_EVIDENCE) + (1 - BM25_SHARE) * closeness
    dense = _top(closeness, index.live_ids, DENSE_K)
    joined = evidence.copy()  # a mask, not np.union1d (which sorts: 7-9 ms at 100k paragraphs)
    joined[dense] = True
    candidates = np.flatnonzero(joined)
    return [Hit(int(p), float(scores[p]), float(closeness[p])) for p in _top(blended, candidates, k)]
