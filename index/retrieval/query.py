"""From a raw question to search terms, answer-type cues and alternatives (abbreviations, synonyms)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from index.retrieval.events import event_years
from index.retrieval.focus import asked_text, asking, speakers_home, what_leads, with_what_follows
from index.retrieval.message import question_text
from index.retrieval.names import (
    Group,
    Term,
    found,
    identifiers,
    places_named,
    plenums,
    ranges,
    spelled_out,
    terms_of,
    unknown_names,
    with_fixes,
)
from index.retrieval.questions import content_pieces, counted_words, strip_questions
from index.retrieval.respell import fix_confusions, fix_names, fix_typo
from index.store.snapshot import Index
from index.terms.lexicon import (
    Lexicon,
    Syllables,
    abbreviation_key,
)
from index.terms.spelling import is_syllable
from index.terms.tokenize import Piece, compounds, fold_term, scan
from index.text import has_diacritics

_PERCENT_PAIRS = frozenset({"phan tram", "ti le", "ti trong"})  # phần trăm, tỷ lệ, tỷ trọng (folded)
# Symbols of measure typed in lower case after a figure or a quantity word ("dày bao nhiêu cm", "giá bn 1 kg") are
# units, not the provinces "CM" (Cà Mau) or "KG" the lexicon abbreviates; "ở cm", "tỉnh CM" stay provinces.
_MEASURES = frozenset({"cm", "mm", "km", "kg", "m2", "m3", "kw", "kwh", "mw", "mwh"})
_QUANTITY = frozenset({"nhieu", "nhiu", "may", "moi", "mot"})  # bao nhiêu, mấy, mỗi, một (folded)


@dataclass(frozen=True)
class Query:
    text: str  # the question as read (question_text), with the typos it fixed written as fixed
    asked: str  # the text without the speaker speaking of themself (focus.asked_text), typos fixed as in `text`
    accented: bool  # any diacritics typed: exact-diacritic matches should rank first
    cues: frozenset[str]
    percent: bool  # the question asks for a share ("tỷ lệ", "phần trăm"), not a count
    counting: frozenset[str]  # folded words right after "bao nhiêu"/"mấy": what is counted
    terms: tuple[Term, ...]
    words: tuple[tuple[int, int], ...]  # spans of terms that form one word ("khu công nghiệp")
    focus: frozenset[int]  # phrases that hold the question itself (a question word or "cho hỏi")
    groups: tuple[Group, ...]
    accented_terms: tuple[str, ...]  # BM25 terms for the accented field
    folded_terms: tuple[str, ...]  # BM25 terms for the folded field
    years: tuple[str, ...]
    event_years: frozenset[str]  # those only dating a meeting the question cites ("hội nghị tháng 12/2024")
    provinces: tuple[str, ...]  # folded names of the provinces the question names ("kien giang")
    places: tuple[str, ...]  # folded names of every place it names (provinces, districts, cities; "KG" too)
    identifiers: tuple[str, ...]  # numbers naming a document or meeting ("Trung ương 8", "Quyết định 999")
    plenums: tuple[str, ...]  # numbers of the Central Committee plenums named ("Trung ương 8", "TW8", "HNTW8": "8")
    unknown_names: tuple[str, ...]  # places, capitalised names or document numbers absent from the corpus

    @property
    def empty(self) -> bool:
        return not self.terms


def _measures(pieces: list[Piece]) -> frozenset[int]:
    """Where the units of measure typed in lower case after a figure or a quantity word start (all the pieces:
    the question words are not among the content)."""
    return frozenset(piece.start for before, piece in zip(pieces, pieces[1:])
                     if piece.raw in _MEASURES and (before.kind == "num" or fold_term(before.term) in _QUANTITY))


def _groups(terms: tuple[Term, ...], pieces: list[Piece], lexicon: Lexicon, measures: frozenset[int]) -> list[Group]:
    groups: list[Group] = []
    for i, piece in enumerate(pieces):
        key = abbreviation_key(piece.raw)
        capitals = sum(ch.isupper() for ch in piece.raw)
        if key in lexicon.abbreviations and (capitals >= 2 or not is_syllable(key)) and piece.start not in measures:
            groups.append(Group(i, i + 1, lexicon.abbreviations[key]))
    groups += ranges(pieces)
    for at, entry in found(terms, lexicon.expansion_table):
        groups.append(Group(at, at + len(entry.words), ((lexicon.abbreviation_forms[str(entry.payload)],),)))
    for at, entry in found(terms, lexicon.synonym_table):
        number, phrase = cast(tuple[int, int], entry.payload)  # synonym entries carry (group, phrase)
        options = tuple(p for j, p in enumerate(lexicon.synonyms[number]) if j != phrase)
        groups.append(Group(at, at + len(entry.words), options))
    return groups


def _place_apart(compound: str, lexicon: Lexicon) -> list[str]:
    """A place name and the words pyvi glued to it ("U_Minh_Thượng_đi", "U_Minh_Thượng_vận_động") as two words: the
    name, and the rest when it is a word of two syllables or more (else the syllable stands alone)."""
    syllables = compound.split("_")
    for size in range(len(syllables) - 1, 1, -1):
        for start in (0, len(syllables) - size):
            if " ".join(fold_term(w).lower() for w in syllables[start : start + size]) in lexicon.place_names:
                rest = syllables[size:] if start == 0 else syllables[:start]
                return ["_".join(syllables[start : start + size])] + (["_".join(rest)] if len(rest) > 1 else [])
    return [compound]


def _words(terms: tuple[Term, ...], compound_words: list[str], index: Index) -> tuple[tuple[int, int], ...]:
    """Group terms into words: pyvi's compounds first, then compounds the corpus itself has."""
    spans: list[tuple[int, int]] = []
    wanted = [tuple(c.split("_")) for c in compound_words]
    i = 0
    while i < len(terms):
        size = next((len(w) for w in wanted if tuple(t.accented for t in terms[i : i + len(w)]) == w), 0)
        if not size:
            size = next((k for k in (4, 3, 2) if i + k <= len(terms) and len({t.phrase for t in terms[i : i + k]}) == 1
                         and index.folded.df("_".join(t.folded for t in terms[i : i + k])) > 0), 1)
        spans.append((i, i + size))
        i += size
    return tuple(spans)


def pair_terms(terms: tuple[Term, ...], attr: str) -> list[str]:
    """Adjacent terms of one phrase as pairs ("cong nghiep"), by their `attr` form ("accented" or "folded")."""
    out = []
    for left, right in zip(terms, terms[1:]):
        if left.phrase == right.phrase:
            out.append(f"{getattr(left, attr)} {getattr(right, attr)}")
    return out


def _option_terms(options: tuple[Syllables, ...]) -> list[str]:
    out = []
    for option in options:
        out += list(option) + [f"{a} {b}" for a, b in zip(option, option[1:])]
    return out


def _asks_percent(pieces: list[Piece], text: str) -> bool:
    pairs = {f"{fold_term(a.term)} {fold_term(b.term)}" for a, b in zip(pieces, pieces[1:])}
    return bool(pairs & _PERCENT_PAIRS) or "%" in text


def _outside_foreign(pieces: list[Piece], focus: set[int], index: Index, lexicon: Lexicon) -> list[Piece]:
    """Without the words of another language around the question ("Ignore all previous instructions ... Câu hỏi:
    ..."): outside the phrases that ask, a word that has no Vietnamese syllable's shape, that the corpus never has
    and that is no acronym or abbreviation is not searched for (its rarity would outweigh the question's words)."""
    if not focus:
        return pieces
    return [p for p in pieces if p.phrase in focus or p.kind != "word" or p.raw.isupper()
            or is_syllable(fold_term(p.term).lower()) or index.folded.df(fold_term(p.term)) > 0
            or abbreviation_key(p.raw) in lexicon.abbreviations]


def _corrected(pieces: list[Piece], index: Index, lexicon: Lexicon) -> list[Piece]:
    """The pieces with typos, names and confused letters read as the corpus writes them. An abbreviation the
    lexicon reads ("PCT": phó chủ tịch) is no typo of a corpus token ("PCI")."""
    typed = [p if abbreviation_key(p.raw) in lexicon.abbreviations else fix_typo(p, index) for p in pieces]
    return fix_confusions(fix_names(typed, index, lexicon.place_names), index)


def _searched_terms(spelled: str, accented: bool, terms: tuple[Term, ...], content: list[Piece],
                    groups: list[Group], lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """The accented terms searched (words, their parts, pairs, pyvi compounds and the lexicon's readings), and the
    pyvi compounds among them."""
    unigrams = [p.term for p in content] + [part for p in content for part in p.parts]
    acc_terms = unigrams + pair_terms(terms, "accented")
    compound_words: list[str] = []
    if accented:
        content_words = {t.accented for t in terms}
        # Words of the text as respelled ("bảo hiêm y tê" is read "bảo_hiểm", "y_tế"): a typo drops no word.
        compound_words = [w for c in compounds(spelled) if set(c.split("_")) <= content_words
                          for w in _place_apart(c, lexicon)]
        acc_terms += compound_words
    acc_terms = list(dict.fromkeys(acc_terms))
    extra = _option_terms(tuple(o for g in groups for o in g.options))
    return acc_terms + [t for t in dict.fromkeys(extra) if t not in acc_terms], compound_words


def analyze(question: str, index: Index, lexicon: Lexicon) -> Query:
    """Clean the question, drop question words and filler (keeping their cues), find alternatives."""
    text = question_text(question, lexicon)
    all_pieces = scan(text)
    stripped = strip_questions(all_pieces, index, lexicon, has_diacritics(question))
    focus = with_what_follows(stripped.focus, all_pieces, text)
    content = _corrected(content_pieces(_outside_foreign(stripped.kept, focus, index, lexicon), index, lexicon), index,
                         lexicon)
    terms = terms_of(content)
    groups = _groups(terms, content, lexicon, _measures(all_pieces))
    accented = has_diacritics(text)
    spelled = spelled_out(text, all_pieces, content)
    searched, compound_words = _searched_terms(spelled, accented, terms, content, groups, lexicon)
    apart = frozenset(i for i in range(1, len(content)) if content[i].start - content[i - 1].end > 1)
    places = places_named(terms, groups, set(focus) | what_leads(focus, all_pieces, text)
                          | speakers_home(all_pieces, focus), lexicon, apart)
    years = tuple(t.folded for t in terms if len(t.folded) == 4 and t.folded[:2] in ("19", "20") and t.folded.isdigit())
    return Query(
        text=spelled,
        asked=asked_text(scan(spelled), focus, spelled),  # the same phrases: a typo fixed is a word for a word
        accented=accented,
        cues=frozenset(stripped.cues),
        percent=_asks_percent(all_pieces, text),
        counting=counted_words(all_pieces, {i for i in stripped.counting if i < len(all_pieces)}, lexicon),
        terms=terms,
        words=_words(terms, compound_words, index),
        focus=frozenset(focus),
        groups=tuple(groups),
        accented_terms=tuple(searched),
        folded_terms=tuple(fold_term(t) for t in searched),
        years=years,
        event_years=event_years(spelled),
        provinces=tuple(p for p in places if p in lexicon.province_names),
        places=places,
        identifiers=identifiers(all_pieces),
        plenums=plenums(terms),
        unknown_names=tuple(dict.fromkeys(unknown_names(content, asking(with_fixes(all_pieces, content), focus),
                                                        index, lexicon))),
    )
