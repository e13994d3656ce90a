"""Retrieval: paragraphs ranked by accented, folded and title evidence; idf-weighted query coverage."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import bm25
from .query import Query
from .serving import Index
from .tokenize import fold_term, scan

# Field weights (calibrated with `nqbot eval`): a question typed with diacritics ranks exact-diacritic
# matches first; one typed without relies on the folded field alone.
ACCENTED_WEIGHTS = (1.0, 0.5)
PLAIN_WEIGHTS = (0.0, 1.0)
TITLE_WEIGHT = 0.5
ACCENT_MISMATCH_CREDIT = 0.7
_YEAR_RE = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Hit:
    paragraph: int
    score: float


@dataclass(frozen=True, slots=True)
class TextTerms:
    """What a piece of text holds, for coverage: syllables (both forms) and folded bigrams."""

    accented: frozenset[str]
    folded: frozenset[str]
    bigrams: frozenset[str]
    years: frozenset[str]

    def __or__(self, other: TextTerms) -> TextTerms:
        return TextTerms(
            self.accented | other.accented, self.folded | other.folded,
            self.bigrams | other.bigrams, self.years | other.years,
        )


@lru_cache(maxsize=4096)
def text_terms(text: str) -> TextTerms:
    pieces = scan(text)
    accented = {p.term for p in pieces} | {part for p in pieces for part in p.parts}
    folded = {fold_term(t) for t in accented}
    pairs = {f"{fold_term(a.term)} {fold_term(b.term)}" for a, b in zip(pieces, pieces[1:]) if a.phrase == b.phrase}
    return TextTerms(frozenset(accented), frozenset(folded), frozenset(pairs), frozenset(_YEAR_RE.findall(text)))


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
        scores[index.titles.docs[lo:hi]] += idf_weight(index, term)
    return scores * weights


def retrieve(index: Index, query: Query, k: int = 8) -> list[Hit]:
    """The k best paragraphs for the query, best first (only paragraphs with some evidence)."""
    w_acc, w_fold = ACCENTED_WEIGHTS if query.accented else PLAIN_WEIGHTS
    scores = w_fold * bm25.score(index.folded, bm25.term_ids(index.folded, query.folded_terms))
    if w_acc:
        scores += w_acc * bm25.score(index.accented, bm25.term_ids(index.accented, query.accented_terms))
    titles = _title_scores(index, query, np.full(len(index.bulletins), TITLE_WEIGHT))
    evidence = scores != 0
    scores += titles[index.para_bulletin]
    candidates = np.flatnonzero(evidence)
    if candidates.size > k:
        top = np.argpartition(-scores[candidates], k - 1)[:k]
        candidates = candidates[top]
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [Hit(int(p), float(scores[p])) for p in order]


def idf_weight(index: Index, folded: str) -> float:
    """A positive idf over paragraphs; words the corpus never has get the maximum."""
    n = index.folded.n_docs
    df = index.folded.df(folded)
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _credit(query: Query, present: TextTerms) -> list[float]:
    credits = []
    for term in query.terms:
        if (term.accented if term.typed_accents else term.folded) in (
            present.accented if term.typed_accents else present.folded
        ):
            credits.append(1.0)
        elif term.folded in present.folded:
            credits.append(ACCENT_MISMATCH_CREDIT)
        else:
            credits.append(0.0)
    for group in query.groups:
        if any(_has_phrase(option, present) for option in group.options):
            for i in range(group.start, group.end):
                credits[i] = 1.0
    return credits


def _has_phrase(option: tuple[str, ...], present: TextTerms) -> bool:
    syllables = [fold_term(s) for s in option]
    if len(syllables) == 1:
        return syllables[0] in present.folded
    return all(f"{a} {b}" in present.bigrams for a, b in zip(syllables, syllables[1:]))


def coverage(index: Index, query: Query, present: TextTerms) -> float:
    """Share of the query's idf mass that the text covers (retrieval-lessons §1 and §8)."""
    weights = [idf_weight(index, t.folded) for t in query.terms]
    total = sum(weights)
    if not total:
        return 0.0
    return sum(w * c for w, c in zip(weights, _credit(query, present))) / total


def bigram_coverage(query: Query, present: TextTerms) -> float:
    pairs = [f"{a.folded} {b.folded}" for a, b in zip(query.terms, query.terms[1:]) if a.phrase == b.phrase]
    if not pairs:
        return 0.0
    return sum(p in present.bigrams for p in pairs) / len(pairs)
