"""Accent restoration for questions typed without diacritics, from the corpus's own counts.

Each unaccented syllable gets the accented form the corpus uses most often in that place: the form
whose bigrams with its neighbours are most frequent, then the most frequent form on its own
(docs/retrieval-lessons.md §13: ~84% of syllables right, against ~76% for pyvi's add_accents). The
restored question feeds the embedder, which reads unaccented Vietnamese poorly; the folded BM25 index
is not affected. Syllables the corpus does not know are left as typed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from index.store.snapshot import Index
from index.terms.lexicon import Lexicon
from index.terms.tokenize import fold_term
from index.text import fold

_SYLLABLE_RE = re.compile(r"[^\W\d_]+")


def _count(index: Index, term: str) -> int:
    return index.accented.df(term)


def _choose(index: Index, options: Sequence[str], before: str | None, after: Sequence[str],
            common: Sequence[str]) -> str:
    """The option whose bigrams with the chosen word before and any option after are most frequent. A
    function word the index does not keep ("là", "được", "qua") wins unless a bigram says otherwise."""

    def context(option: str) -> float:
        left = _count(index, f"{before} {option}") if before else 0
        right = max((_count(index, f"{option} {a}") for a in after), default=0)
        return 2 * math.log1p(left) + 2 * math.log1p(right)

    best = max(options, key=lambda o: context(o) + math.log1p(_count(index, o)))
    if common and context(best) == 0:
        return common[0]
    return best


def restore(index: Index, lexicon: Lexicon, text: str) -> str:
    """The text with each syllable typed without diacritics in its most likely accented form (a
    capital kept; words in capitals, such as GRDP, left as typed)."""
    tokens = list(_SYLLABLE_RE.finditer(text))
    forms, common = index.accent_forms, lexicon.function_word_forms
    keys = [fold_term(m.group(0).lower()) if fold(m.group(0)) == m.group(0) and not m.group(0).isupper() else ""
            for m in tokens]
    options = [forms.get(k, ()) if k else () for k in keys]
    out, at, before = [], 0, None
    for i, match in enumerate(tokens):
        word = match.group(0)
        chosen = word.lower()
        if keys[i] and (options[i] or keys[i] in common):
            following = options[i + 1] if i + 1 < len(options) else ()
            after = following or ((tokens[i + 1].group(0).lower(),) if i + 1 < len(tokens) else ())
            chosen = _choose(index, options[i] or (chosen,), before, after, common.get(keys[i], ()))
        out.append(text[at : match.start()] + (chosen.capitalize() if word[:1].isupper() and keys[i] else
                                               chosen if keys[i] else word))
        at, before = match.end(), chosen
    return "".join(out) + text[at:]
