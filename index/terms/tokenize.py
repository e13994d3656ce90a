"""Vietnamese tokenisation shared by indexing and queries.

Three layers of terms (docs/retrieval-lessons.md §4): syllables, syllable bigrams within a phrase, and
pyvi compound words. Numbers, dates and document numbers are scanned here, not by pyvi, so that
`50-55%`, `9-10-2022`, `4.520` and `1289/QĐ-TTg` stay whole and their parts are findable too.
Terms are lower case and in canonical tone placement; `fold_term` gives the diacritic-free twin.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from index.terms import segment
from index.text import fold, normalize_tone

_WORD = r"[^\W\d_]+"
_TOKEN_RE = re.compile(
    rf"(?P<docno>\d+(?:[-/][^\W\d_][\w]*)+(?:[-/]\w+)*)"
    rf"|(?P<date>\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}(?!\d))"
    rf"|(?P<num>\d+(?:[.,]\d+)*(?:\s?[-–]\s?\d+(?:[.,]\d+)*)?(?:\s?%)?)"
    rf"|(?P<word>{_WORD}(?:[-&]{_WORD})*)"
)
_JOINED_RE = re.compile(r"[-/&]")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_IY_RE = re.compile(r"(?<![^\s_\-])(qu|ch|gh|kh|ng|nh|ph|th|tr|[bcdghklmnprstvx])?y(?![^\s_\-])")
# A phrase ends at punctuation: bigrams never cross it.
_BOUNDARY_RE = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class Piece:
    """One scanned token of running text."""

    term: str  # normalised: lower case, canonical tones, '4.520' -> '4520'
    kind: str  # word | num | date | docno
    parts: tuple[str, ...]  # extra terms: the numbers inside a range, the halves of 'KT-XH'
    raw: str  # the surface as written
    phrase: int  # index of the punctuation-delimited phrase
    start: int
    end: int


def _norm_number(num: str) -> str:
    if _THOUSANDS_RE.match(num):
        num = num.replace(".", "")
    head, sep, tail = num.partition(",")
    head = head.lstrip("0") or "0"
    return head + sep + tail


def _number_piece(raw: str) -> tuple[str, tuple[str, ...]]:
    compact = raw.replace(" ", "").replace("–", "-")
    numbers = [_norm_number(n) for n in re.findall(r"\d+(?:[.,]\d+)*", compact)]
    percent = "%" if compact.endswith("%") else ""
    term = "-".join(numbers) + percent
    parts = tuple(n for n in numbers if n != term)
    return term, parts


def _date_piece(raw: str) -> tuple[str, tuple[str, ...]]:
    numbers = [n.lstrip("0") or "0" for n in re.split(r"[/.-]", raw)]
    return "/".join(numbers), tuple(numbers)


@functools.lru_cache(maxsize=1 << 16)
def _word_piece(raw: str) -> tuple[str, tuple[str, ...]]:
    term = normalize_tone(raw).lower()
    if not _JOINED_RE.search(raw):
        return term, ()
    halves = [normalize_tone(h).lower() for h in _JOINED_RE.split(raw) if h]
    return term, tuple(h for h in halves if h != term) if len(halves) > 1 else ()


def scan(text: str) -> list[Piece]:
    """Split text into Pieces, numbering phrases so that punctuation breaks adjacency."""
    pieces: list[Piece] = []
    phrase, last_end = 0, 0
    for match in _TOKEN_RE.finditer(text):
        if _BOUNDARY_RE.search(text, last_end, match.start()):
            phrase += 1
        kind = match.lastgroup or "word"
        raw = match.group(0)
        if kind == "num":
            term, parts = _number_piece(raw)
        elif kind == "date":
            term, parts = _date_piece(raw)
        else:
            term, parts = _word_piece(raw)
        pieces.append(Piece(term, kind, parts, raw, phrase, match.start(), match.end()))
        last_end = match.end()
    return pieces


@functools.lru_cache(maxsize=1 << 16)
def fold_term(term: str) -> str:
    """The diacritic-free twin of a term, with i/y spelling variants merged (quý/quí, kỹ/kĩ).

    Cached: questions and sentences fold the same few thousand syllables over and over.
    """
    return _IY_RE.sub(lambda m: (m.group(1) or "") + "i", fold(term))


def bigrams(pieces: list[Piece], keep: Callable[[Piece], bool]) -> list[str]:
    """Adjacent pairs inside one phrase, both kept; a dropped piece breaks the chain."""
    out = []
    for left, right in zip(pieces, pieces[1:]):
        if left.phrase == right.phrase and keep(left) and keep(right):
            out.append(f"{left.term} {right.term}")
    return out


SEGMENTATIONS_CACHED = 2048  # texts whose compounds are kept (a question is at most 500 characters)


def compounds(text: str) -> list[str]:
    """pyvi's multi-syllable words of a text, as terms ('khu_công_nghiệp'), from index/terms/segment.py.

    pyvi sees the cased text (capitals help it); lower-casing comes after segmentation. The last
    SEGMENTATIONS_CACHED texts' results are kept: a question asked again is not segmented again.
    """
    return list(_compounds(text))


@functools.lru_cache(maxsize=SEGMENTATIONS_CACHED)
def _compounds(text: str) -> tuple[str, ...]:
    out = []
    for token in segment.tokenize(text).split():
        if "_" not in token:
            continue
        syllables = token.split("_")
        if all(s.isalpha() for s in syllables):
            out.append("_".join(normalize_tone(s).lower() for s in syllables))
    return tuple(out)
