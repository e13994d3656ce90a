"""Named facilities of one kind ("KCN Xẻo Rô", "CCN Mong Thọ", "cửa khẩu Xà Xía", "thị trấn Minh Lương"): a
question about one is not answered by a sentence about another of the same kind ("KCN Thạnh Lộc thu hút
6 dự án" does not say what KCN Xẻo Rô attracted), as a district is not answered by another district.
"""

from __future__ import annotations

import functools
import re
import weakref

from index.answer.checks import Failure
from index.store.snapshot import Index
from index.text import folded_text

# Kinds of named places and facilities, as written (full form or abbreviation) -> one key per kind.
_KINDS = {
    "khu công nghiệp": "kcn", "kcn": "kcn", "cụm công nghiệp": "ccn", "ccn": "ccn", "cửa khẩu": "cua khau",
    "cảng": "cang", "khu kinh tế": "kkt", "thị trấn": "thi tran", "nhà máy": "nha may", "sân bay": "san bay",
}
_KIND_NAMES = "|".join(sorted(_KINDS, key=len, reverse=True))
_KIND_RE = re.compile(rf"\b({_KIND_NAMES})((?:\s+\w+){{1,3}})", re.I)
# Per live index (by id, dropped with it: a reindex's old index is not kept alive by this cache).
_NAMES_PER_INDEX: dict[int, dict[str, frozenset[str]]] = {}


def named_instances(text: str) -> dict[str, set[str]]:
    """Kind -> the folded names the text gives places of that kind: the capitalised words right after the
    kind ("KCN Thạnh Lộc" -> {"kcn": {"thanh loc"}}); an acronym ("cầu UBND tỉnh") is no name."""
    out: dict[str, set[str]] = {}
    for match in _KIND_RE.finditer(text):
        name = []
        for word in match.group(2).split():
            if not (word[0].isupper() and word[1:].islower()):
                break
            name.append(word)
        if name:
            out.setdefault(_KINDS[match.group(1).lower()], set()).add(folded_text(" ".join(name)))
    return out


def corpus_instances(index: Index) -> dict[str, frozenset[str]]:
    """The named places of each kind anywhere in the index's live bulletins (computed once per index)."""
    cached = _NAMES_PER_INDEX.get(id(index))
    if cached is None:
        found: dict[str, set[str]] = {}
        texts = (index.paragraphs[p] for p in index.live_ids.tolist()) if index.live is not None else index.paragraphs
        for text in (*texts, *(b.title for b in index.bulletins)):
            for kind, names in named_instances(text).items():
                found.setdefault(kind, set()).update(names)
        cached = _NAMES_PER_INDEX[id(index)] = {kind: frozenset(names) for kind, names in found.items()}
        weakref.finalize(index, _NAMES_PER_INDEX.pop, id(index), None)
    return cached


_PLURAL_RE = re.compile(rf"\b(?:các|những|\d+)\s+({_KIND_NAMES})\b", re.I)


def _spoken_of(sentence: str) -> dict[str, set[str]]:
    """Kind -> the names of the places of that kind the sentence speaks of; "*" for all of them ("các KCN
    của tỉnh thu hút 9 dự án")."""
    out = named_instances(sentence)
    for match in _PLURAL_RE.finditer(sentence):
        out.setdefault(_KINDS[match.group(1).lower()], set()).add("*")
    return out


_NAME_WORDS = 3  # a name is at most this many words (_KIND_RE)


@functools.lru_cache(maxsize=4096)
def _word_runs(text: str) -> frozenset[str]:
    """Every run of 1 to _NAME_WORDS consecutive words of a text, folded: the names it can say. A set
    lookup per name, not a regex per name (a corpus of 100k paragraphs names thousands of places)."""
    words = re.findall(r"\w+", folded_text(text))
    return frozenset(" ".join(words[i : i + k]) for k in range(1, _NAME_WORDS + 1) for i in range(len(words) - k + 1))


def instance_failure(index: Index, question: str, sentence: str) -> Failure | None:
    """The question names a place of a kind the corpus knows ("kcn xeo ro"), and the sentence names only
    other places of that kind, or speaks of all of them, without naming it."""
    asked, said = _word_runs(question), _word_runs(sentence)
    for kind in _spoken_of(sentence):
        wanted = corpus_instances(index).get(kind, frozenset()) & asked
        if wanted and not wanted & said:
            return Failure("place", ", ".join(sorted(wanted)))
    return None
