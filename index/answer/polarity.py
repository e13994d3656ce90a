"""Which way a question leans: the words it negates within a clause, and which end of a ranking it asks."""

from __future__ import annotations

import re

from index.text import folded_lower

# A negation asked inside a clause ("bao nhiêu người chưa tham gia bảo hiểm y tế", "xã nào chưa đạt chuẩn"): the
# sentence that negates the same word answers it, not the one stating those who did. Not the chat around a
# question ("không biết", "ko rõ"), nor "không khí" (air).
_NEGATION_RE = re.compile(r"\b(?:chua|khong|ko)\s+(\w+)(?:\s+(\w+))?")
_AUXILIARIES = frozenset("co duoc bi con phai".split())
_NOT_NEGATED = frozenset("biet ro nho khi a vay nhi nha the z v".split())


def negated_words(question: str) -> frozenset[str]:
    """The (folded) words a question negates within a clause: "chưa tham gia" gives "tham"."""
    out: set[str] = set()
    for first, second in _NEGATION_RE.findall(folded_lower(question)):
        if first in _NOT_NEGATED:
            continue
        out.add(second if first in _AUXILIARIES and second else first)
    return frozenset(out)


def negation_fit(negated: frozenset[str], sentence: str) -> float:
    """1 when the sentence negates a word the question negates, else 0."""
    if not negated:
        return 0.0
    return 1.0 if any({a, b} & negated for a, b in _NEGATION_RE.findall(folded_lower(sentence))) else 0.0


# Which end of a ranking is asked ("huyện nào thiếu giáo viên nhiều nhất"): the sentence naming that end ("huyện
# An Minh thiếu nhiều nhất với 246 giáo viên") answers, not one listing the province's figures; the other end
# ("thấp nhất") does not. "ít nhất" is left out: it is mostly "at least".
_TOP_RE = re.compile(r"\b(?:(?:nhieu|cao|lon|dong|manh|nhanh)(?: \w+){0,2} nhat|dan dau|dung dau)\b")
_BOTTOM_RE = re.compile(r"\b(?:(?:thap|nho|cham)(?: \w+){0,2} nhat|it(?: \w+){1,2} nhat|dung cuoi|xep cuoi)\b")
# A question names what is ranked in between: "có nhiều vụ việc hòa giải nhất", "nhiều vụ bạo lực gia đình nhất".
_ASKED_TOP_RE = re.compile(r"\b(?:(?:nhieu|cao|lon|dong|manh|nhanh)(?: \w+){0,5} nhat|dan dau|dung dau)\b")
_ASKED_BOTTOM_RE = re.compile(r"\b(?:(?:thap|nho|cham)(?: \w+){0,5} nhat|it(?: \w+){1,2} nhat|dung cuoi|xep cuoi)\b")


def asked_end(question: str) -> int:
    """1 for a question on the top of a ranking, -1 for its bottom, 0 for none (or both)."""
    folded = folded_lower(question)
    top, bottom = bool(_ASKED_TOP_RE.search(folded)), bool(_ASKED_BOTTOM_RE.search(folded))
    return int(top) - int(bottom)


def end_fit(end: int, sentence: str) -> float:
    """1 when the sentence names the end of the ranking asked, -1 when it names only the other end, else 0."""
    if not end:
        return 0.0
    folded = folded_lower(sentence)
    same, other = (_TOP_RE, _BOTTOM_RE) if end > 0 else (_BOTTOM_RE, _TOP_RE)
    return 1.0 if same.search(folded) else -1.0 if other.search(folded) else 0.0
