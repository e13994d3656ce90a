"""What a question names: its terms, the places, numbered meetings and documents in it, and capitalised
names the corpus never has. (Typos are respelled before: index.retrieval.respell.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.store.snapshot import Index
from index.terms.lexicon import Entry, Lexicon, PhraseTable, Syllables
from index.terms.tokenize import Piece, fold_term

# Words after which a number names something (a resolution, a plenum, a term of office).
_NUMBERED = frozenset({"quyết", "định", "ương", "tư", "thị", "khoá", "số", "nq", "qđ", "tw"})


_NUMBERED_FOLDED = frozenset({"quyet", "dinh", "uong", "thi", "khoa", "nq", "qd", "tw"})


@dataclass(frozen=True, slots=True)
class Term:
    """A content unit of the question (a syllable or a number), as typed and folded."""

    accented: str
    folded: str
    typed_accents: bool  # the user wrote diacritics on this word
    phrase: int


@dataclass(frozen=True, slots=True)
class Group:
    """Terms [start, end) that any of `options` (folded syllable sequences) also satisfies."""

    start: int
    end: int
    options: tuple[Syllables, ...]


def terms_of(pieces: list[Piece]) -> tuple[Term, ...]:
    return tuple(Term(p.term, fold_term(p.term), p.term != fold_term(p.term), p.phrase) for p in pieces)


# Words naming a place's level ("huyện", "xã", "phường", "TP", "thành phố", "thị trấn", "tỉnh"), folded: the words
# after them are a place's name, so one of its syllables typed with other accents is a slip ("huyện U Minh
# Thưởng" is U Minh Thượng; without "huyện", "Minh" may be a person's name and "mình" a pronoun).
_LEVEL_WORDS = frozenset({"huyen", "xa", "phuong", "tp", "pho", "tran", "tinh"})


def found(terms: tuple[Term, ...], table: PhraseTable, apart: frozenset[int] = frozenset(), levelled: bool = False
          ) -> list[tuple[int, Entry]]:
    """Every (position, entry) of the table in the terms; words typed with diacritics must match (`levelled`: save
    one of a name of two syllables or more after a level word), and none of the entry's words after its first may
    be in `apart` (terms that do not follow the one before in the text)."""
    folded_words = [t.folded for t in terms]
    out = []
    for i in range(len(terms)):
        after_level = levelled and i > 0 and i not in apart and terms[i - 1].folded in _LEVEL_WORDS
        for entry in table.starting(folded_words, i):
            window = terms[i : i + len(entry.words)]
            slips = sum(t.typed_accents and t.accented != w for t, w in zip(window, entry.words))
            allowed = 1 if after_level and len(window) > 1 else 0
            if slips <= allowed and not apart & set(range(i + 1, i + len(entry.words))):
                out.append((i, entry))
    return out


def with_fixes(pieces: list[Piece], fixed: list[Piece]) -> list[Piece]:
    """The question's pieces with the typo fixes of its content pieces (a fixed name is a known name)."""
    by_start = {p.start: p for p in fixed}
    return [by_start.get(p.start, p) for p in pieces]


def spelled_out(text: str, pieces: list[Piece], fixed: list[Piece]) -> str:
    """The text with its fixed typos written as fixed ("cả nướt" -> "cả nước"), for the checks that read
    the question's words (the level, the kind of document, the period asked); capitals kept."""
    by_start = {p.start: p for p in fixed}
    out, at = [], 0
    for piece in pieces:
        new = by_start.get(piece.start)
        if new is None or new.term == piece.term:
            continue
        word = new.term[:1].upper() + new.term[1:] if piece.raw[:1].isupper() else new.term
        out += [text[at : piece.start], word]
        at = piece.end
    return "".join(out) + text[at:]


def unknown_names(pieces: list[Piece], all_pieces: list[Piece], index: Index, lexicon: Lexicon) -> list[str]:
    unknown = [p.raw for p in pieces if p.kind == "docno" and index.folded.df(fold_term(p.term)) == 0]
    words = terms_of([p for p in all_pieces if p.kind == "word"])
    for _, entry in found(words, lexicon.place_table):
        if not _known_sequence(index, entry.folded):
            unknown.append(" ".join(entry.words))
    return unknown + _unknown_capitalised(all_pieces, index, lexicon)


def _known_sequence(index: Index, syllables: Syllables, misses: int = 0) -> bool:
    """The corpus has these syllables side by side (all pairs but `misses` of them)."""
    pairs = [f"{a} {b}" for a, b in zip(syllables, syllables[1:])] or list(syllables)
    unknown = sum(index.folded.df(p) == 0 and index.titles.df(p) == 0 for p in pairs)
    return unknown <= misses


def _unknown_capitalised(pieces: list[Piece], index: Index, lexicon: Lexicon) -> list[str]:
    """Runs of two or more capitalised words (not the first word) that the corpus never has. A stopword ends a
    run: the index holds no pair with one ("Quỹ Vì người nghèo" is the fund, not an unknown "Quỹ Vì")."""
    words = [p for p in pieces if p.kind == "word"]
    capitalised = [p for p in words if p.raw[:1].isupper()]
    if len(words) < 3 or len(capitalised) * 2 > len(words):
        return []  # Title Case or ALL CAPS typing says nothing about names
    runs: list[list[Piece]] = [[]]
    for p in words[1:]:
        if (p.raw[:1].isupper() and not p.raw.isupper() and not lexicon.is_stop(p.term)
                and (not runs[-1] or runs[-1][-1].phrase == p.phrase)):
            runs[-1].append(p)
        elif runs[-1]:
            runs.append([])
    names = [r for r in runs if len(r) >= 2]
    # Person names have three or more syllables: one mistyped syllable should not hide a known name.
    return [
        " ".join(p.raw for p in r) for r in names
        if not _known_sequence(index, tuple(fold_term(p.term) for p in r), misses=1 if len(r) >= 3 else 0)
    ]


# A range of plain numbers ("15-60", "2021-2025"), not of shares ("50-55%") or dates ("18-20/11").
_RANGE_RE = re.compile(r"(\d+)-(\d+)")


def ranges(pieces: list[Piece]) -> list[Group]:
    """"15-60 tuổi" is also written "từ 15 đến 60 tuổi". (The other way round needs nothing: a range's numbers are
    its parts, indexed too.)"""
    groups = []
    for i, piece in enumerate(pieces):
        bounds = _RANGE_RE.fullmatch(piece.term) if piece.kind == "num" else None
        if bounds:
            groups.append(Group(i, i + 1, ((bounds[1], "đến", bounds[2]),)))
    return groups


_PLENUM_WORDS = frozenset({"uong", "tw", "hntw", "nqtw"})


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral ("xiii" -> 13), or None."""
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    values = [_ROMAN[ch] for ch in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def plenums(terms: tuple[Term, ...]) -> tuple[str, ...]:
    """"Trung ương 8", "TW8", "HNTW 8", "Trung ương VIII": the plenum numbers the question names."""
    out = []
    for before, term in zip(terms, terms[1:]):
        if before.folded in _PLENUM_WORDS and before.phrase == term.phrase:
            value = term.folded if term.folded.isdigit() else roman_value(term.folded)
            if value is not None:
                out.append(str(value))
    return tuple(dict.fromkeys(out))


# A term of an elected body ("Quốc hội khóa XIV", "HĐND tỉnh khóa 10") is named with its word, in digits: the
# number alone is too often a count in the bulletin ("14 người ứng cử").
_TERM_WORDS = frozenset({"khoá", "khoa"})


def identifiers(pieces: list[Piece]) -> tuple[str, ...]:
    out = []
    for before, piece in zip(pieces, pieces[1:]):
        if before.phrase != piece.phrase:
            continue
        if before.term in _TERM_WORDS:
            value = piece.term if piece.kind == "num" else roman_value(piece.term) if piece.kind == "word" else None
            if value is not None:
                out.append(f"khoa {value}")
            continue
        if piece.kind != "num":
            continue
        if before.term in _NUMBERED or (before.term == fold_term(before.term) and before.term in _NUMBERED_FOLDED):
            out.append(piece.term)
    return tuple(out)


def places_named(terms: tuple[Term, ...], groups: list[Group], focus: set[int], lexicon: Lexicon,
                 apart: frozenset[int] = frozenset()) -> tuple[str, ...]:
    """Places named in full, or by an abbreviation with that one meaning ("KG" is Kiên Giang; "CT" may
    be Cần Thơ or chủ tịch, so it names no place). When chat surrounds the question, only the places
    of the phrases that ask ("mình ở Rạch Giá, cho hỏi ..." does not ask about Rạch Giá). A name's words follow
    one another in the text: `apart` holds the terms that do not follow the one before (question words were
    taken out between: "Kiên Giang có bao nhiêu thanh niên" names no "Giang Thành")."""
    asks = (lambda at: terms[at].phrase in focus) if focus else (lambda at: True)
    named = [" ".join(entry.folded) for at, entry in found(terms, lexicon.place_table, apart, levelled=True)
             if asks(at)]
    named += [" ".join(fold_term(w) for w in g.options[0]) for g in groups if len(g.options) == 1 and asks(g.start)]
    return tuple(dict.fromkeys(n for n in named if n in lexicon.place_names))
