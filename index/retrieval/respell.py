"""Respelling what was typed, only where the corpus says what was meant: a one-letter typo, a typo in a
capitalised name, a commonly confused initial or final, hỏi for ngã, and accents typed wrong."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from index.store.snapshot import Index
from index.terms.segment import dictionary_syllables, is_dictionary_word
from index.terms.spelling import correct, edits1, is_syllable
from index.terms.tokenize import Piece, fold_term
from index.text import normalize_tone


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


def fix_names(pieces: list[Piece], index: Index, places: frozenset[str] = frozenset()) -> list[Piece]:
    """A one-letter typo in a capitalised name the corpus knows ("Đỗ Thanh Bìn", "Kiên Lươg", "Giang Thàn"): a
    syllable the corpus never has, right after a capitalised word, becomes the syllable one edit away
    that makes a pair the corpus has with that word, a place's name (`places`, folded) first: "Kiên Giag" is
    "Kiên Giang", though folded text pairs "kien gia" more often ("ý kiến gia đình"). A syllable the corpus
    has is never rewritten; one typed with accents counts as had only with those accents ("Thàng" folds to the
    "thang" of "tháng"). The syllable takes the accents the corpus gives it in the pair ("Thành"). Then a pair of
    known syllables one edit from a place (_place_slips)."""
    out = list(pieces)
    for i, piece in enumerate(pieces):
        typed = normalize_tone(piece.raw).lower()  # as typed: fix_typo may have read it as another word already
        f = fold_term(typed)
        known = index.accented.df(typed) > 0 if typed != f else index.folded.df(f) > 0
        if piece.kind != "word" or not piece.raw[:1].isupper() or i == 0 or known:
            continue
        previous = pieces[i - 1]
        if not previous.raw[:1].isupper() or previous.phrase != piece.phrase or piece.start - previous.end > 1:
            continue
        before = fold_term(out[i - 1].term)
        options = [(f"{before} {c}" in places, index.folded.df(f"{before} {c}"), c)
                   for c in edits1(f) if is_syllable(c)]
        best = max((o for o in options if o[1] > 0), default=None)
        if best is not None:
            out[i] = _replaced(piece, _accented_as_paired(best[2], out[i - 1].term, index))
    return _place_slips(out, index, places)


def _accented_as_paired(folded: str, neighbour: str, index: Index, after: bool = True) -> str:
    """The accents the corpus gives the syllable most often after (`after`) or before its neighbour ("Giang" +
    "thanh": "thành"); the folded syllable when the corpus has no such pair."""
    return _best_paired(index.accent_forms.get(folded, ()), neighbour.lower(), after, index) or folded


def _best_paired(forms: Iterable[str], neighbour: str, after: bool, index: Index) -> str | None:
    """The form that makes, after (`after`) or before `neighbour`, the pair the corpus has most often; None when
    the corpus has none of the pairs."""
    pairs = [(index.accented.df(f"{neighbour} {f}" if after else f"{f} {neighbour}"), f) for f in forms]
    best = max((p for p in pairs if p[0] > 0), default=None)
    return None if best is None else best[1]


def _place_slips(pieces: list[Piece], index: Index, places: frozenset[str]) -> list[Piece]:
    """Two capitalised syllables the corpus never pairs, one edit from a place's name ("An Gian", "Kiên Hảo", "Cầm
    Thơ"): the place, though each syllable alone is a word the corpus has ("gian" of "thời gian")."""
    out = list(pieces)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not (_adjacent(a, b) and a.raw[:1].isupper() and b.raw[:1].isupper()):
            continue
        fa, fb = fold_term(a.term), fold_term(b.term)
        if f"{fa} {fb}" in places or index.folded.df(f"{fa} {fb}") > 0 or index.titles.df(f"{fa} {fb}") > 0:
            continue
        second = sorted(c for c in edits1(fb) if f"{fa} {c}" in places)
        first = sorted(c for c in edits1(fa) if f"{c} {fb}" in places)
        if len(second) + len(first) == 1:  # one place only: "Kiên Hảo" could not be two
            if second:
                out[i] = _replaced(b, _accented_as_paired(second[0], a.term, index))
            else:
                out[i - 1] = _replaced(a, _accented_as_paired(first[0], b.term, index, after=False))
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
_CONFUSED_FINALS = {"t": ("c",), "c": ("t",), "n": ("ng", "nh"), "ng": ("n", "nh"), "nh": ("n", "ng")}
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
    hỏi and ngã swapped in one syllable ("bán lẽ" -> "bán lẻ"), or only folded with a syllable of accents
    it never has ("công nghiêp"), gets the corpus's spelling. A syllable that
    makes a pair the corpus has with its other neighbour is kept."""
    out = list(pieces)
    paired = _in_known_pairs(pieces, index)  # "Giang" of "Kiên Giang phải" is no "đang"
    worded = _in_dictionary_words(pieces)  # "phù" of "xã phù hợp" is no "Phú"
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not _adjacent(a, b):
            continue
        fa, fb = fold_term(a.term), fold_term(b.term)
        if index.folded.df(f"{fa} {fb}") > 0:
            out[i - 1], out[i] = _tones_fixed(a, b, index, (i - 1 in worded, i in worded))
            continue
        for at, piece, other in ((i, b, fa), (i - 1, a, fb)):
            if at in paired:
                continue
            folded = fold_term(piece.term)
            unknown = (index.accented.df(piece.term) if piece.term != folded else index.folded.df(folded)) == 0
            swaps = [c for c in _confusions(piece.term, unknown) if index.folded.df(
                f"{other} {fold_term(c)}" if at == i else f"{fold_term(c)} {other}") > 0
                and (unknown or piece.term == folded or index.accented.df(c.lower()) > 0)]  # "lớp" is no "nớp"
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


def _in_dictionary_words(pieces: list[Piece]) -> set[int]:
    """Positions of the pieces that form, with a neighbour, a word of the dictionary as typed ("phù hợp")."""
    return {at for i in range(1, len(pieces)) if _adjacent(pieces[i - 1], pieces[i])
            and is_dictionary_word(f"{pieces[i - 1].term} {pieces[i].term}".lower()) for at in (i - 1, i)}


def _tones_fixed(a: Piece, b: Piece, index: Index, worded: tuple[bool, bool] = (False, False)) -> tuple[Piece, Piece]:
    """The pair with hỏi and ngã swapped in one syllable, when only that spelling is in the corpus; `worded`: each
    piece is part of a dictionary word as typed."""
    if (a.term == fold_term(a.term) and b.term == fold_term(b.term)) or index.accented.df(f"{a.term} {b.term}") > 0:
        return a, b  # both typed without accents (the folded pair matched), or a pair the corpus has
    for left, right in ((_tone_swap(a.term) or a.term, b.term), (a.term, _tone_swap(b.term) or b.term)):
        if (left, right) != (a.term, b.term) and index.accented.df(f"{left} {right}") > 0:
            return _replaced(a, left), _replaced(b, right)
    return _accent_fixed(a, b, index, worded)


# A syllable typed is a slip of the accents when another spelling of it is this many times more frequent in
# the corpus ("dư" 5 paragraphs, "dự" hundreds); two common words ("cá", "cả") are both meant as typed.
RARE_TYPED = 10


# A syllable in this many two-syllable words of the dictionary is a common word ("nói" 64, "bỏ" 46, "tính" 95),
# not a slip for another ("tê" 14, "sô" 4).
COMMON_SYLLABLE = 30


def _written_as_meant(piece: Piece, worded: bool) -> bool:
    """A syllable typed as Vietnamese writes a common word ("Nghe nói huyện tôi", "bỏ nhà"), or within a word of the
    dictionary ("phù hợp"), that the news merely never uses: respelled only into a word of the dictionary ("nói
    huyện" is no "nối huyện"; "kinh tê" still becomes "kinh tế"). Names are left to the other rules."""
    if piece.raw[:1].isupper():
        return False
    return worded or dictionary_syllables().get(piece.term, 0) >= COMMON_SYLLABLE


def _accent_fixed(a: Piece, b: Piece, index: Index, worded: tuple[bool, bool]) -> tuple[Piece, Piece]:
    """A pair typed with accents the corpus never has but has without them ("công nghiêp", "dư án", "Hòn
    Đát"): the syllable the corpus never or rarely has (RARE_TYPED) takes the accents that make the pair the
    corpus has most often."""
    for at, piece, other in ((1, b, a.term), (0, a, b.term)):
        rare = RARE_TYPED * index.accented.df(piece.term)
        forms = [f for f in index.accent_forms.get(fold_term(piece.term), ()) if index.accented.df(f) > rare]
        if _written_as_meant(piece, worded[at]):
            forms = [f for f in forms if is_dictionary_word(f"{other} {f}" if at else f"{f} {other}")]
        best = _best_paired(forms, other, bool(at), index)
        if best is not None:
            return (a, _replaced(b, best)) if at else (_replaced(a, best), b)
    return a, b
