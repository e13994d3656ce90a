"""Coverage: which question words a text (sentence, paragraph, title, bulletin) holds, weighted by idf."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.retrieval import bm25
from index.retrieval.names import Term
from index.retrieval.query import Query
from index.store.snapshot import Index
from index.terms.sentences import sentence_spans
from index.terms.tokenize import Piece, fold_term, scan

ACCENT_MISMATCH_CREDIT = 0.7
SCATTERED_CREDIT = 0.5  # the syllables of a word are all there, but not side by side
_YEAR_RE = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\d)")
# A span in words: "từ đầu năm 2023 đến hết tháng 9/2024", "tu nam 2021 toi nam 2024".
_RANGE_RE = re.compile(
    r"\b(?:từ|tu) (?:đầu |dau |cuối |cuoi )?(?:năm |nam )?((?:19|20)\d\d) (?:đến|den|tới|toi) (?:hết |het |cuối |cuoi "
    r"|đầu |dau )?(?:(?:tháng|thang|quý|quy) [\dIV]+(?:/| (?:năm|nam) ))?(?:năm |nam )?((?:19|20)\d\d)(?!\d)", re.I)


def named_years(text: str) -> frozenset[str]:
    """The years written in a text, as written (a period's two ends included)."""
    return frozenset(_YEAR_RE.findall(text))


def periods(text: str) -> frozenset[tuple[str, str]]:
    """The periods a text names, as (first year, last year): "2021-2025", "2021 – 2025"."""
    return frozenset(_PERIOD_RE.findall(text))


def period_years(text: str) -> frozenset[str]:
    """Every year inside the periods a text names ("2021-2025", "nhiệm kỳ 2021-2026", "từ năm 2021 đến năm
    2024")."""
    spans = _PERIOD_RE.findall(text) + _RANGE_RE.findall(text)
    return frozenset(str(y) for start, end in spans if 0 < int(end) - int(start) <= 30
                     for y in range(int(start), int(end) + 1))


def years_outside_periods(text: str) -> frozenset[str]:
    """The years a text names on their own, not as the ends of a period."""
    return named_years(_RANGE_RE.sub(" ", _PERIOD_RE.sub(" ", text)))


def years_of(text: str) -> frozenset[str]:
    """The years a text names; a period ("2021-2025", "nhiệm kỳ 2021-2026") names every year in it."""
    return named_years(text) | period_years(text)


@dataclass(frozen=True, slots=True)
class TextTerms:
    """What a piece of text holds, for coverage: syllables (both forms) and folded bigrams."""

    accented: frozenset[str]
    folded: frozenset[str]
    bigrams: frozenset[str]
    years: frozenset[str]
    counted: frozenset[str]  # folded terms right after a count ("412 HTX")
    measured: frozenset[str]  # folded terms shortly before a percentage ("đô thị hóa đạt 50-55%")

    def __or__(self, other: TextTerms) -> TextTerms:
        return TextTerms(
            self.accented | other.accented, self.folded | other.folded,
            self.bigrams | other.bigrams, self.years | other.years, self.counted | other.counted,
            self.measured | other.measured,
        )


@lru_cache(maxsize=4096)
def text_terms(text: str) -> TextTerms:
    return _terms_of(scan(text), text)


def _terms_of(pieces: list[Piece], text: str) -> TextTerms:
    accented = {p.term for p in pieces} | {part for p in pieces for part in p.parts}
    folded = {fold_term(t) for t in accented}
    pairs = {f"{fold_term(a.term)} {fold_term(b.term)}" for a, b in zip(pieces, pieces[1:]) if a.phrase == b.phrase}
    years = frozenset(_YEAR_RE.findall(text))  # exact mentions; years_of also expands periods
    counted, measured = _quantified(pieces, years)
    return TextTerms(frozenset(accented), frozenset(folded), frozenset(pairs), years, counted, measured)


@lru_cache(maxsize=2048)
def sentence_terms(text: str) -> tuple[TextTerms, tuple[tuple[int, int, TextTerms], ...]]:
    """The terms of a paragraph and of each of its sentences ([start, end) spans), scanned once."""
    pieces = scan(text)
    sentences = []
    for start, end in sentence_spans(text):
        inside = [p for p in pieces if p.start >= start and p.end <= end]
        sentences.append((start, end, _terms_of(inside, text[start:end])))
    return _terms_of(pieces, text), tuple(sentences)


def _quantified(pieces: list[Piece], years: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """What the numbers of a text count ('412 HTX') and what its percentages measure."""
    counted: set[str] = set()
    measured: set[str] = set()
    for i, piece in enumerate(pieces):
        if piece.kind != "num" or piece.term in years:
            continue
        if piece.term.endswith("%"):
            measured.update(fold_term(p.term) for p in pieces[max(0, i - 8) : i] if p.phrase == piece.phrase)
        else:
            counted.update(fold_term(p.term) for p in pieces[i + 1 : i + 4] if p.phrase == piece.phrase)
    return frozenset(counted), frozenset(measured)


Layer = tuple[TextTerms, float]  # text that may cover query terms, and the credit it gives


def _term_credit(term: Term, present: TextTerms) -> float:
    if term.typed_accents:
        if term.accented in present.accented:
            return 1.0
        return ACCENT_MISMATCH_CREDIT if term.folded in present.folded else 0.0
    return 1.0 if term.folded in present.folded else 0.0


def _has_phrase(option: tuple[str, ...], present: TextTerms) -> bool:
    if len(option) == 1:
        # Accented check: the lexicon's "ha" (hectare) must not match "Hà" Tiên.
        return option[0] in present.accented
    syllables = [fold_term(s) for s in option]
    return all(f"{a} {b}" in present.bigrams for a, b in zip(syllables, syllables[1:]))


def layer_credits(query: Query, present: TextTerms, scattered: float = SCATTERED_CREDIT) -> list[float]:
    """Per query word, the credit (0-1) one text gives it.

    A word of several syllables gets full credit only where they stand side by side; a synonym or
    abbreviation group found in the text covers its words there.
    """
    grouped = [False] * len(query.terms)
    for group in query.groups:
        if any(_has_phrase(option, present) for option in group.options):
            grouped[group.start : group.end] = [True] * (group.end - group.start)
    credits = []
    for start, end in query.words:
        if all(grouped[start:end]):
            credits.append(1.0)
            continue
        credit = min(1.0 if grouped[i] else _term_credit(query.terms[i], present) for i in range(start, end))
        if credit and end - start > 1 and not _side_by_side(query.terms[start:end], present):
            credit *= scattered
        credits.append(credit)
    return credits


def _side_by_side(terms: Sequence[Term], present: TextTerms) -> bool:
    return all(f"{a.folded} {b.folded}" in present.bigrams for a, b in zip(terms, terms[1:]))


def best_credits(vectors: Sequence[tuple[Sequence[float], float]]) -> list[float]:
    """Per word, the best weighted credit over several texts (the sentence, its title, ...)."""
    best = [0.0] * (len(vectors[0][0]) if vectors else 0)
    for credits, weight in vectors:
        best = [max(b, c * weight) for b, c in zip(best, credits)]
    return best


def word_weights(index: Index, query: Query) -> list[float]:
    """The idf mass of each query word (the sum over its syllables)."""
    return [sum(index.idf(query.terms[i].folded) for i in range(start, end)) for start, end in query.words]


def covered_share(
    weights: Sequence[float], credits: Sequence[float], mask: Sequence[bool] | None = None, of_all: bool = False
) -> float:
    """Share of the question's idf mass that `credits` cover (docs/retrieval-lessons.md §1 and §8).

    With `mask`, only the words it marks count; their mass is divided by that of the masked words,
    or by that of all words with `of_all`.
    """
    counted = weights if mask is None else [w if m else 0.0 for w, m in zip(weights, mask)]
    total = sum(weights if of_all else counted)
    return sum(w * c for w, c in zip(counted, credits)) / total if total else 0.0


def _in_ranges(field: bm25.AnyField, term: str, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """For each [lo, hi) document range, whether a document in it holds the term (binary searches
    in the term's sorted postings, all ranges at once)."""
    tid = field.vocab.get(term)
    if tid is None:
        return np.zeros(lo.shape[0], dtype=bool)
    docs = field.docs_of(tid)
    at = np.searchsorted(docs, lo)
    inside = at < docs.shape[0]
    return inside & (docs[np.minimum(at, docs.shape[0] - 1)] < hi)


def _probes(query: Query, provinces: Sequence[str]) -> tuple[set[str], set[str], set[str]]:
    """The accented terms, folded terms and folded bigrams whose presence matters for the query."""
    accented = {t.accented for t in query.terms} | {o[0] for g in query.groups for o in g.options if len(o) == 1}
    folded = {t.folded for t in query.terms} | set(query.identifiers)
    pairs = {f"{a.folded} {b.folded}" for a, b in zip(query.terms, query.terms[1:])} | set(provinces)
    for group in query.groups:
        for option in group.options:
            syllables = [fold_term(w) for w in option]
            pairs |= {f"{a} {b}" for a, b in zip(syllables, syllables[1:])}
    return accented, folded, pairs


def bulletin_terms(index: Index, query: Query, bulletins: Sequence[int]) -> dict[int, TextTerms]:
    """Per bulletin, the query's terms found anywhere in its paragraphs, read from the postings (no
    scanning of its text): what the bulletin-wide context layer needs."""
    records = [index.bulletins[b] for b in bulletins]
    lo = np.array([r.first for r in records], dtype=np.int64)
    hi = lo + np.array([r.count for r in records], dtype=np.int64)
    accented, folded, pairs = _probes(query, query.provinces)
    found: list[tuple[set[str], set[str], set[str]]] = [(set(), set(), set()) for _ in records]
    for slot, field, terms in ((0, index.accented, accented), (1, index.folded, folded), (2, index.folded, pairs)):
        for term in terms:
            for i in np.flatnonzero(_in_ranges(field, term, lo, hi)).tolist():
                found[i][slot].add(term)
    return {
        b: TextTerms(frozenset(acc), frozenset(fold), frozenset(two), frozenset(y for y in query.years if y in fold),
                     frozenset(), frozenset())
        for b, (acc, fold, two) in zip(bulletins, found)
    }


def bigram_coverage(query: Query, present: TextTerms) -> float:
    pairs = [f"{a.folded} {b.folded}" for a, b in zip(query.terms, query.terms[1:]) if a.phrase == b.phrase]
    if not pairs:
        return 0.0
    return sum(p in present.bigrams for p in pairs) / len(pairs)


def bulletin_has(index: Index, bulletin: int, folded_terms: Sequence[str]) -> bool:
    """Whether any paragraph of the bulletin holds one of these folded terms (read from the postings)."""
    record = index.bulletins[bulletin]
    lo = np.array([record.first], dtype=np.int64)
    hi = lo + record.count
    return any(bool(_in_ranges(index.folded, term, lo, hi)[0]) for term in folded_terms)


ORDINALS = {1: "nhat", 2: "hai", 3: "ba", 4: "tu", 5: "nam", 6: "sau", 7: "bay", 8: "tam", 9: "chin", 10: "muoi"}


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out += letters * count
    return out


_ROMANS = {n: _roman(n) for n in range(1, 40)}


def numeral_forms(number: str) -> list[str]:
    """The same number as a Roman numeral or in digits: "khóa 13" is "khóa XIII" ("khoa 13": "khoa 13", "khoa
    xiii")."""
    if " " in number:
        word, last = number.rsplit(" ", 1)
        return [f"{word} {form}" for form in (last, *numeral_forms(last))]
    if number.isdigit():
        return [_ROMANS[int(number)]] if int(number) in _ROMANS else []
    values = {roman: str(n) for n, roman in _ROMANS.items()}
    return [values[number]] if number in values else []


def plenum_terms(number: str) -> list[str]:
    """The folded terms a bulletin uses for the Central Committee's plenum N: "Trung ương 6", "TW 6",
    "Trung ương VI", "lần thứ sáu"."""
    n = int(number)
    forms = [number] + ([_ROMANS[n]] if n in _ROMANS else [])
    terms = [f"{word} {form}" for word in ("uong", "tw") for form in forms]
    return terms + ([f"thu {ORDINALS[n]}"] if n in ORDINALS else [])
