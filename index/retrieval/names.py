"""What a question names: its terms, the places, numbered meetings and documents in it, capitalised
names the corpus never has, and one-letter typos (fixed only where the corpus says what was meant)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from index.store.snapshot import Index
from index.terms.lexicon import Entry, Lexicon, PhraseTable, Syllables
from index.terms.spelling import correct, edits1, is_syllable
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


def fix_typo(piece: Piece, index: Index) -> Piece:
    f = fold_term(piece.term)
    if piece.kind != "word" or index.folded.df(f) > 0:
        return piece
    fixed = correct(f, index.folded.df)
    # An acronym corrects to an acronym ("GDRP" -> "grdp"), never to a syllable ("LNG" is not "ung").
    if fixed is None or (sum(ch.isupper() for ch in piece.raw) >= 2 and is_syllable(fixed)):
        return piece
    return _replaced(piece, fixed)


def _replaced(piece: Piece, term: str) -> Piece:
    """The piece as typed, read as another term (a typo fixed)."""
    return Piece(term, piece.kind, (), piece.raw, piece.phrase, piece.start, piece.end)


def fix_names(pieces: list[Piece], index: Index) -> list[Piece]:
    """A one-letter typo in a capitalised name the corpus knows ("Đỗ Thanh Bìn", "Kiên Lươg"): a
    syllable the corpus never has, right after a capitalised word, becomes the syllable one edit away
    that makes a pair the corpus has with that word. A syllable the corpus has is never rewritten."""
    out = list(pieces)
    for i, piece in enumerate(pieces):
        f = fold_term(piece.term)
        if piece.kind != "word" or not piece.raw[:1].isupper() or i == 0 or index.folded.df(f) > 0:
            continue
        previous = pieces[i - 1]
        if not previous.raw[:1].isupper() or previous.phrase != piece.phrase or piece.start - previous.end > 1:
            continue
        before = fold_term(out[i - 1].term)
        options = [(index.folded.df(f"{before} {c}"), c) for c in edits1(f) if is_syllable(c)]
        best = max((o for o in options if o[0] > 0), default=None)
        if best is not None:
            out[i] = _replaced(piece, best[1])
    return out


# Spellings Vietnamese writers confuse. Initials, by dialect (s/x, ch/tr, d/gi/r, l/n): "công xuất" for
# "công suất". Rarer ones, tried only on a syllable the corpus never has: the initials v/d and the spelling
# rules' ng/ngh, g/gh, c/k ("kim nghạch" for "kim ngạch"), and the finals the southern dialect merges (t/c,
# n/ng/nh: "nướt" for "nước", "Thàng" for "Thành"). The hỏi and ngã tones, which the south pronounces alike:
# "bán lẽ" for "bán lẻ". Initials and finals carry no tone mark, so their swaps keep the syllable's accents.
_CONFUSED = {"s": ("x",), "x": ("s",), "ch": ("tr",), "tr": ("ch",), "d": ("gi", "r"), "gi": ("d", "r"),
             "r": ("d", "gi"), "l": ("n",), "n": ("l",)}
_CONFUSED_RARE = {"d": ("v",), "v": ("d",), "ng": ("ngh",), "ngh": ("ng",), "g": ("gh",), "gh": ("g",),
                  "c": ("k",), "k": ("c",)}
_CONFUSED_FINALS = {"t": ("c",), "c": ("t",), "n": ("ng",), "ng": ("n", "nh"), "nh": ("n", "ng")}
_INITIAL_RE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])", re.I)
_FINAL_RE = re.compile(r"(ng|nh|[ctn])$")
_HOI, _NGA = "\u0309", "\u0303"


def _confusions(syllable: str, unknown: bool) -> list[str]:
    """Other spellings of the syllable; the rarer confusions only for a syllable the corpus never has."""
    out = []
    found = _INITIAL_RE.match(syllable)
    tables = (_CONFUSED, _CONFUSED_RARE) if unknown else (_CONFUSED,)
    if found is not None:
        head, rest = found.group(1), syllable[found.end():]
        others = [o for table in tables for o in table.get(head.lower(), ())]
        out += [(other.capitalize() if head[0].isupper() else other) + rest for other in others]
    final = _FINAL_RE.search(syllable)
    if unknown and final is not None and final.start() > 0:
        out += [syllable[: final.start()] + other for other in _CONFUSED_FINALS[final.group(1)]]
    return out


def _tone_swap(syllable: str) -> str | None:
    """The syllable with hỏi for ngã or ngã for hỏi ("lẽ" -> "lẻ"), if it has either."""
    decomposed = unicodedata.normalize("NFD", syllable)
    for tone, other in ((_HOI, _NGA), (_NGA, _HOI)):
        if tone in decomposed:
            return unicodedata.normalize("NFC", decomposed.replace(tone, other))
    return None


def fix_confusions(pieces: list[Piece], index: Index) -> list[Piece]:
    """A word pair the corpus never has, one of whose syllables spelled with a commonly confused initial
    makes a pair it has ("công xuất" -> "công suất"): that syllable is rewritten. A pair the corpus has is
    never touched, nor a pair of another phrase. A pair typed with accents that the corpus has only with
    hỏi and ngã swapped in one syllable ("bán lẽ" -> "bán lẻ") gets the corpus's tone. A syllable that
    makes a pair the corpus has with its other neighbour is kept."""
    out = list(pieces)
    paired = _in_known_pairs(pieces, index)  # "Giang" of "Kiên Giang phải" is no "đang"
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not _adjacent(a, b):
            continue
        fa, fb = fold_term(a.term), fold_term(b.term)
        if index.folded.df(f"{fa} {fb}") > 0:
            out[i - 1], out[i] = _tones_fixed(a, b, index)
            continue
        for at, piece, other in ((i, b, fa), (i - 1, a, fb)):
            if at in paired:
                continue
            folded = fold_term(piece.term)
            unknown = (index.accented.df(piece.term) if piece.term != folded else index.folded.df(folded)) == 0
            swaps = [c for c in _confusions(piece.term, unknown) if index.folded.df(
                f"{other} {fold_term(c)}" if at == i else f"{fold_term(c)} {other}") > 0]
            if swaps:
                out[at] = _replaced(piece, swaps[0])
                break
    return out


def _adjacent(a: Piece, b: Piece) -> bool:
    return a.kind == "word" and b.kind == "word" and a.phrase == b.phrase and b.start - a.end <= 1


def _in_known_pairs(pieces: list[Piece], index: Index) -> set[int]:
    """Positions of the pieces that form, with a neighbour, a pair the corpus has."""
    out: set[int] = set()
    for i in range(1, len(pieces)):
        a, b = pieces[i - 1], pieces[i]
        pair = f"{fold_term(a.term)} {fold_term(b.term)}"
        if _adjacent(a, b) and (index.folded.df(pair) > 0 or index.titles.df(pair) > 0):  # a title is the corpus
            out |= {i - 1, i}
    return out


def _tones_fixed(a: Piece, b: Piece, index: Index) -> tuple[Piece, Piece]:
    """The pair with hỏi and ngã swapped in one syllable, when only that spelling is in the corpus."""
    if a.term == fold_term(a.term) or b.term == fold_term(b.term) or index.accented.df(f"{a.term} {b.term}") > 0:
        return a, b  # typed without accents (the folded pair matched), or a pair the corpus has
    for left, right in ((_tone_swap(a.term) or a.term, b.term), (a.term, _tone_swap(b.term) or b.term)):
        if (left, right) != (a.term, b.term) and index.accented.df(f"{left} {right}") > 0:
            return _replaced(a, left), _replaced(b, right)
    return a, b


def terms_of(pieces: list[Piece]) -> tuple[Term, ...]:
    return tuple(Term(p.term, fold_term(p.term), p.term != fold_term(p.term), p.phrase) for p in pieces)


def found(terms: tuple[Term, ...], table: PhraseTable) -> list[tuple[int, Entry]]:
    """Every (position, entry) of the table in the terms; words typed with diacritics must match."""
    folded_words = [t.folded for t in terms]
    out = []
    for i in range(len(terms)):
        for entry in table.starting(folded_words, i):
            window = terms[i : i + len(entry.words)]
            if all(not t.typed_accents or t.accented == w for t, w in zip(window, entry.words)):
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
    return unknown + _unknown_capitalised(all_pieces, index)


def _known_sequence(index: Index, syllables: Syllables, misses: int = 0) -> bool:
    """The corpus has these syllables side by side (all pairs but `misses` of them)."""
    pairs = [f"{a} {b}" for a, b in zip(syllables, syllables[1:])] or list(syllables)
    unknown = sum(index.folded.df(p) == 0 and index.titles.df(p) == 0 for p in pairs)
    return unknown <= misses


def _unknown_capitalised(pieces: list[Piece], index: Index) -> list[str]:
    """Runs of two or more capitalised words (not the first word) that the corpus never has."""
    words = [p for p in pieces if p.kind == "word"]
    capitalised = [p for p in words if p.raw[:1].isupper()]
    if len(words) < 3 or len(capitalised) * 2 > len(words):
        return []  # Title Case or ALL CAPS typing says nothing about names
    runs: list[list[Piece]] = [[]]
    for p in words[1:]:
        if p.raw[:1].isupper() and not p.raw.isupper() and (not runs[-1] or runs[-1][-1].phrase == p.phrase):
            runs[-1].append(p)
        elif runs[-1]:
            runs.append([])
    names = [r for r in runs if len(r) >= 2]
    # Person names have three or more syllables: one mistyped syllable should not hide a known name.
    return [
        " ".join(p.raw for p in r) for r in names
        if not _known_sequence(index, tuple(fold_term(p.term) for p in r), misses=1 if len(r) >= 3 else 0)
    ]


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


def identifiers(pieces: list[Piece]) -> tuple[str, ...]:
    out = []
    for before, piece in zip(pieces, pieces[1:]):
        if piece.kind != "num" or before.phrase != piece.phrase:
            continue
        if before.term in _NUMBERED or (before.term == fold_term(before.term) and before.term in _NUMBERED_FOLDED):
            out.append(piece.term)
    return tuple(out)


def places_named(terms: tuple[Term, ...], groups: list[Group], focus: set[int], lexicon: Lexicon) -> tuple[str, ...]:
    """Places named in full, or by an abbreviation with that one meaning ("KG" is Kiên Giang; "CT" may
    be Cần Thơ or chủ tịch, so it names no place). When chat surrounds the question, only the places
    of the phrases that ask ("mình ở Rạch Giá, cho hỏi ..." does not ask about Rạch Giá)."""
    asks = (lambda at: terms[at].phrase in focus) if focus else (lambda at: True)
    named = [" ".join(entry.folded) for at, entry in found(terms, lexicon.place_table) if asks(at)]
    named += [" ".join(fold_term(w) for w in g.options[0]) for g in groups if len(g.options) == 1 and asks(g.start)]
    return tuple(dict.fromkeys(n for n in named if n in lexicon.place_names))
