"""Named facilities of a kind in a text: "KCN Thạnh Lộc" names the industrial park "thanh loc".

Read from every bulletin at build time (index/store/pool.py) and kept in its record, so that the answer
check of index/answer/instances.py knows the corpus's names without reading every paragraph again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from index.text import folded_text

# Kinds of named places and facilities, as written (full form or abbreviation) -> one key per kind.
KINDS = {
    "khu công nghiệp": "kcn", "kcn": "kcn", "cụm công nghiệp": "ccn", "ccn": "ccn", "cửa khẩu": "cua khau",
    "cảng": "cang", "khu kinh tế": "kkt", "thị trấn": "thi tran", "nhà máy": "nha may", "sân bay": "san bay",
}
KIND_NAMES = "|".join(sorted(KINDS, key=len, reverse=True))
_KIND_RE = re.compile(rf"\b({KIND_NAMES})((?:\s+\w+){{1,3}})", re.I)

Facilities = dict[str, list[str]]  # kind -> folded names, sorted (as stored in bulletins.json)


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
            out.setdefault(KINDS[match.group(1).lower()], set()).add(folded_text(" ".join(name)))
    return out


def facilities_of(texts: Iterable[str], *more: Mapping[str, Iterable[str]]) -> Facilities:
    """The names of every kind in the texts, with those of `more` (another part's, already read)."""
    found: dict[str, set[str]] = {}
    for names in (*(named_instances(t) for t in texts), *more):
        for kind, values in names.items():
            found.setdefault(kind, set()).update(values)
    return {kind: sorted(values) for kind, values in sorted(found.items())}
