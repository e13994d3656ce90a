"""Reading the places a text names: which names stand in it as whole words, where, and whether its figures
follow them. Shared by the checks of the province asked (checks.py) and of a district asked (districts.py).
"""

from __future__ import annotations

import functools
import re

from index.answer.levels import PROVINCE_ITSELF_RE, says_province
from index.answer.years import stated_figures
from index.retrieval.query import Query
from index.terms.lexicon import Lexicon
from index.text import folded_lower, has_diacritics


def names_in(text: str, names: frozenset[str] | set[str]) -> set[str]:
    """The (folded) names that stand as whole words in the text; in a text written with accents, capitalised as a
    name is ("đánh giá lại" folds to "danh gia lai": no Gia Lai)."""
    folded = folded_lower(text)
    cased = has_diacritics(text) and len(folded) == len(text)
    return {name for name in names if name in folded and any(
        not cased or text[m.start()].isupper() for m in re.finditer(rf"\b{re.escape(name)}\b", folded))}


@functools.lru_cache(maxsize=4096)  # a sentence or title is read for provinces by several checks
def names_of(text: str, names: frozenset[str]) -> frozenset[str]:
    return frozenset(names_in(text, names))


def spans(folded: str, names: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Where each name stands as whole words in the folded text, in order."""
    return sorted(m.span() for name in names for m in re.finditer(rf"\b{re.escape(name)}\b", folded))


def ends(folded: str, names: set[str] | frozenset[str]) -> list[int]:
    return [end for _, end in spans(folded, names)]


def home_ends(lexicon: Lexicon, folded: str) -> list[int]:
    """Where the folded text speaks of the home province, by name or as a whole ("toàn tỉnh", "của tỉnh", "tỉnh
    nhà"): end offsets, for figures_follow."""
    return ends(folded, {lexicon.home}) + [m.end() for m in PROVINCE_ITSELF_RE.finditer(folded)]


def districts_asked(query: Query, lexicon: Lexicon) -> set[str]:
    """The places the question names that are not provinces: districts, cities (folded)."""
    return {p for p in query.places if p not in lexicon.province_names}


def figures_follow(sentence: str, others: list[int], wanted: list[int]) -> bool:
    """Every figure of the sentence comes after a name at one of `others` (end offsets), with none at `wanted`
    between."""
    figures = [m.start() for m in stated_figures(sentence)]
    if not figures or not others:
        return False
    return all(max((o for o in others if o <= at), default=-1) > max((w for w in wanted if w <= at), default=-1)
               for at in figures)


def asks_of_province(query: Query, lexicon: Lexicon) -> bool:
    """The question speaks of the home province: by name ("Kiên Giang", "KG") or as "tỉnh" ("của tỉnh", "tỉnh
    mình"). One that names neither asks of its subject ("Cửa khẩu Tịnh Biên thông quan bao nhiêu lượt người?")
    wherever the bulletin is."""
    return lexicon.home in query.provinces or bool(says_province(query.text))


def display(query: Query, folded_names: set[str]) -> str:
    """The names as the user typed them, when the question holds them."""
    text = query.text
    folded_text = folded_lower(text)
    out = []
    for name in sorted(folded_names):
        at = folded_text.find(name)
        out.append(text[at : at + len(name)] if at >= 0 else name)
    return ", ".join(out)
