"""Which bulletin an admin means by a few words of its title (/xoa): every word typed must be in the
title, diacritics optional, an abbreviation standing for its full form and the other way round ("KCN"
for "khu công nghiệp"), and a phrase of a synonym group for any other phrase of the group — the same
lexicon questions are read with (index/data/lexicon.toml and the admin's extension).

The words may come in any order: "/xoa khu công nghiệp Thạnh Lộc" finds "Đẩy mạnh thu hút đầu tư vào
KCN Thạnh Lộc và KCN Tắc Cậu".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from index.terms.lexicon import Entry, Lexicon, PhraseTable, abbreviation_key, folded, syllables
from index.terms.spelling import is_syllable

_TOKEN_RE = re.compile(r"[^\s,;:()\"“”'/]+")  # keeps "KT-XH" and "TP." whole, to look them up as abbreviations

Alternatives = list[tuple[str, ...]]  # each a run of folded syllables that stands for the same thing
_ABBR = "abbr:"  # marks an abbreviation's key among syllables: "TU" (Tỉnh ủy) is not the word "tư"


def _abbreviation(token: str, lexicon: Lexicon) -> str | None:
    """The lexicon key of an abbreviation, as questions are read: "KCN", "kcn" (not a syllable), but
    not "tư" or "Tu" (a word that folds like "TU", Tỉnh ủy)."""
    key = abbreviation_key(token)
    capitals = sum(ch.isupper() for ch in token)
    return key if key in lexicon.abbreviations and (capitals >= 2 or not is_syllable(key)) else None


def _phrases(table: PhraseTable, words: tuple[str, ...], i: int) -> list[Entry]:
    """Lexicon phrases of two syllables or more at position i: a one-syllable synonym ("hiện", "tiền")
    would match a piece of any compound word ("thực hiện") and make every title match."""
    return [entry for entry in table.starting(words, i) if len(entry.folded) >= 2]


def title_terms(title: str, lexicon: Lexicon) -> frozenset[str]:
    """The title's folded syllables, with its abbreviations (marked) and their full forms, and the
    phrases of its synonym groups added. A full form in the title does not add its abbreviation: "Trung
    ương" must not answer "Tỉnh ủy" because both are "TƯ"/"TU" when folded."""
    words = folded(syllables(title))
    terms = set(words)
    for token in _TOKEN_RE.findall(title):
        if (key := _abbreviation(token, lexicon)) is not None:
            terms.add(_ABBR + key)
            terms.update(w for expansion in lexicon.abbreviations[key] for w in folded(expansion))
    for i in range(len(words)):
        for entry in _phrases(lexicon.synonym_table, words, i):
            group, _ = cast(tuple[int, int], entry.payload)  # synonym entries carry (group, phrase)
            terms.update(w for phrase in lexicon.synonyms[group] for w in folded(phrase))
    return frozenset(terms)


def _phrase_units(words: tuple[str, ...], lexicon: Lexicon) -> list[Alternatives]:
    """Plain words of a query, each a unit; a known full form or synonym phrase is one unit with its
    abbreviation or the other phrases of its group as alternatives (longest phrase first)."""
    units: list[Alternatives] = []
    i = 0
    while i < len(words):
        expansions = _phrases(lexicon.expansion_table, words, i)
        synonyms = _phrases(lexicon.synonym_table, words, i)
        longest = max((len(e.folded) for e in expansions + synonyms), default=0)
        if not longest:
            units.append([(words[i],)])
            i += 1
            continue
        alternatives: Alternatives = [tuple(words[i : i + longest])]
        alternatives += [(_ABBR + str(e.payload),) for e in expansions if len(e.folded) == longest]
        for entry in (e for e in synonyms if len(e.folded) == longest):
            group, _ = cast(tuple[int, int], entry.payload)  # synonym entries carry (group, phrase)
            alternatives += [folded(phrase) for phrase in lexicon.synonyms[group]]
        units.append(alternatives)
        i += longest
    return units


def query_units(query: str, lexicon: Lexicon) -> list[Alternatives]:
    """What a query asks the title to hold: one unit per word or phrase, each met by any alternative."""
    units: list[Alternatives] = []
    pending: list[str] = []
    for token in _TOKEN_RE.findall(query):
        key = _abbreviation(token, lexicon)
        if key is None:
            pending.append(token)
            continue
        units += _phrase_units(folded(syllables(" ".join(pending))), lexicon)
        pending = []
        units.append([(_ABBR + key,)] + [folded(expansion) for expansion in lexicon.abbreviations[key]])
    return units + _phrase_units(folded(syllables(" ".join(pending))), lexicon)


def title_matcher(query: str, lexicon: Lexicon) -> Callable[[str], bool]:
    """Whether a title holds every word or phrase of `query`, in one of its forms (see the module); the
    query is read once for all the titles it is tried on. A query without words matches nothing."""
    units = query_units(query, lexicon)

    def matches(title: str) -> bool:
        if not units:
            return False
        terms = title_terms(title, lexicon)
        return all(any(all(word in terms for word in alternative) for alternative in unit) for unit in units)

    return matches
