"""Named facilities of one kind ("KCN Xẻo Rô", "CCN Mong Thọ", "cửa khẩu Xà Xía", "thị trấn Minh Lương"): a
question about one is not answered by a sentence about another of the same kind ("KCN Thạnh Lộc thu hút
6 dự án" does not say what KCN Xẻo Rô attracted), as a district is not answered by another district.
"""

from __future__ import annotations

import functools
import re
import weakref

from index.answer.failure import Failure
from index.store.snapshot import Index
from index.terms.facilities import KIND_NAMES, KINDS, facilities_of, named_instances
from index.text import folded_text

# Per live index (by id, dropped with it: a reindex's old index is not kept alive by this cache).
_NAMES_PER_INDEX: dict[int, dict[str, frozenset[str]]] = {}


def corpus_instances(index: Index) -> dict[str, frozenset[str]]:
    """The named places of each kind anywhere in the index's live bulletins, from their records (read at
    build time); a bulletin of an index written before records held them is read now. Once per index."""
    cached = _NAMES_PER_INDEX.get(id(index))
    if cached is None:
        parts = [b.facilities if b.facilities is not None else facilities_of(
            [*(index.paragraphs[p] for p in range(b.first, b.first + b.count)), b.title]) for b in index.bulletins]
        cached = _NAMES_PER_INDEX[id(index)] = {
            kind: frozenset(names) for kind, names in facilities_of((), *parts).items()}
        weakref.finalize(index, _NAMES_PER_INDEX.pop, id(index), None)
    return cached


_PLURAL_RE = re.compile(rf"\b(?:các|những|\d+)\s+({KIND_NAMES})\b", re.I)


def _spoken_of(sentence: str) -> dict[str, set[str]]:
    """Kind -> the names of the places of that kind the sentence speaks of; "*" for all of them ("các KCN
    của tỉnh thu hút 9 dự án")."""
    out = named_instances(sentence)
    for match in _PLURAL_RE.finditer(sentence):
        out.setdefault(KINDS[match.group(1).lower()], set()).add("*")
    return out


_NAME_WORDS = 3  # a name is at most this many words (index/terms/facilities.py)


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> str:
    """The text's folded words, space-separated and space-framed: " kcn xeo ro "."""
    return " " + " ".join(_WORD_RE.findall(folded_text(text))) + " "


_WORD_RE = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _word_runs(text: str) -> frozenset[str]:
    """Every run of 1 to _NAME_WORDS consecutive words of a text, folded: the names it can say. A set
    lookup per name, not a regex per name (a corpus of 100k paragraphs names thousands of places)."""
    words = _words(text).split()
    return frozenset(" ".join(words[i : i + k]) for k in range(1, _NAME_WORDS + 1) for i in range(len(words) - k + 1))


def instance_failure(index: Index, question: str, sentence: str, context: str = "") -> Failure | None:
    """The question names a place of a kind the corpus knows ("kcn xeo ro"), and the sentence names only
    other places of that kind, or speaks of all of them, without naming it; or the sentence, its paragraph
    and its title (`context`) never name it. A question on all places of a kind ("các KCN thu hút bao
    nhiêu dự án") is not answered by a sentence about one of them alone, nor one on a kind of zone by a
    sentence about another kind ("các cụm công nghiệp" by "KCN Khánh An")."""
    asked, said = _word_runs(question), _word_runs(sentence)
    known = corpus_instances(index)
    spoken, in_question = _spoken_of(sentence), _spoken_of(question)
    for kind, names in spoken.items():
        wanted = known.get(kind, frozenset()) & asked
        if wanted and not wanted & said:
            return Failure("place", ", ".join(sorted(wanted)))
        if not wanted and "*" not in names and "*" in in_question.get(kind, ()):
            return Failure("place", "các " + kind)
    zones = set(in_question) & _ZONES
    if zones and set(spoken) & _ZONES and not zones & set(spoken):
        return Failure("place", ", ".join(sorted(zones)))
    return _unnamed(known, asked, context) if context else None


# Zones of one family that are not one another: an industrial park (KCN) is not an industrial cluster (CCN),
# nor an economic zone (KKT).
_ZONES = frozenset({"kcn", "ccn", "kkt"})


def _unnamed(known: dict[str, frozenset[str]], asked: frozenset[str], context: str) -> Failure | None:
    """A name the question gives that the context never says. Only names of two words or more: a one-word
    name ("cảng Nam") may be a common word of the question. A name inside a longer one asked and found
    ("thanh loc" of "thanh loc 2") is no miss."""
    wanted = {n for names in known.values() for n in names & asked if " " in n}
    if not wanted:
        return None
    said = _words(context)
    missing = {n for n in wanted if f" {n} " not in said}
    if not missing or all(any(m != w and m in w for w in wanted - missing) for m in missing):
        return None
    return Failure("place", ", ".join(sorted(missing)))
