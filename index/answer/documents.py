"""Checks on numbers that name: a question asking a document's number ("Kế hoạch ... mang số mấy?"), the kind of
document asked ("Tờ trình số mấy" is not answered by "Kế hoạch số 186/KH-UBND") and a number at all; a meeting
named by its ordinal ("Đại hội ... lần thứ IX" is not "lần thứ X").
"""

from __future__ import annotations

import functools
import re

from index.answer.failure import Failure
from index.retrieval.coverage import ORDINALS
from index.retrieval.names import roman_value
from index.retrieval.query import Query
from index.text import folded_text

# Document kinds (folded, and their usual abbreviations in questions) -> the abbreviation their numbers carry
# ("Kế hoạch số 142-KH/TU", "Tờ trình số 296/TTr-UBND", "Chương trình hành động số 28-CTr/TU").
_DOCUMENT_KINDS = {
    "to trinh": "TTr", "ttr": "TTr", "ke hoach": "KH", "kh": "KH", "chuong trinh": "CTr", "ctr": "CTr",
    "nghi quyet": "NQ", "nq": "NQ", "ket luan": "KL", "kl": "KL", "quyet dinh": "QĐ", "qd": "QĐ",
    "chi thi": "CT", "thong bao": "TB", "bao cao": "BC", "de an": "ĐA", "huong dan": "HD", "thong tu": "TT",
    "nghi dinh": "NĐ", "cong dien": "CĐ",
    # A memo's number carries the sender's code, not its kind ("Công văn số 2315/SNN-TT"): any number answers.
    "cong van": "", "cv": "",
}
# A kind followed by its own identifier names a known document ("Nghị quyết Trung ương 6", "NQ TW6", "Nghị
# quyết số 29"): it is what the asked document carries out, not the document asked.
_KINDS = "|".join(sorted(_DOCUMENT_KINDS, key=len, reverse=True))
_KIND_RE = re.compile(rf"\b({_KINDS})\b(?! *(?:hanh dong )?(?:so \d|\d|trung uong|tw|tu\b|hoi nghi|khoa))")
# "ban hành theo quyết định số mấy", "bằng kế hoạch nào": the kind the question word follows.
_ASKED_KIND_RE = re.compile(rf"\b({_KINDS})(?: hanh dong)? (?:so may|so hieu|so bao nhieu|so gi|nao|mang so)\b")
_NUMBER_KIND_RE = re.compile(r"\d+[-/]([A-ZĐ][A-Za-zĐđ]*)")


@functools.lru_cache(maxsize=64)  # asked of every candidate of one question
def asked_document_kind(query: Query) -> str | None:
    """The abbreviation the number of the asked document carries ("" for a memo: any): the first kind of
    document the question names right before the question word ("Đề án ... ban hành theo QĐ số mấy?"), else the
    first it names that is not named by its own number ("Kế hoạch ... thực hiện Nghị quyết Trung ương 6 mang số
    hiệu gì?" asks for a KH), for a question asking a document's number."""
    if "docno" not in query.cues:
        return None
    folded = folded_text(query.text)
    match = _ASKED_KIND_RE.search(folded) or _KIND_RE.search(folded)
    return _DOCUMENT_KINDS[match.group(1)] if match else None


def document_failure(query: Query, sentence: str) -> Failure | None:
    """A sentence that states document numbers, none of the kind asked, names other documents."""
    kind = asked_document_kind(query)
    stated = set(_NUMBER_KIND_RE.findall(sentence))
    if not kind or not stated or kind in stated:
        return None
    return Failure("document", kind)


# A document's number as sentences state it: "số 131/KH-UBND", "28-CTr/TU", "Kế hoạch số 131".
_STATED_NUMBER_RE = re.compile(r"\d+[-/][A-ZĐ]|\bsố \d", re.I)


def number_failure(query: Query, sentence: str, following: str) -> Failure | None:
    """A document's number asked is not answered by a sentence that states none, unless the sentence after it
    does (it is then quoted with it): "Ban Thường vụ Tỉnh ủy yêu cầu ... quán triệt Nghị quyết Trung ương 6"
    names the resolution, not the number of the plan asked."""
    if asked_document_kind(query) is None or _STATED_NUMBER_RE.search(sentence) or _STATED_NUMBER_RE.search(following):
        return None  # "đường dây nóng số mấy" asks a telephone number
    return Failure("document", "số")


# A meeting or session named by its ordinal, in digits, Roman numerals or words (folded): "Đại hội TDTT lần thứ X",
# "kỳ họp thứ 24", "lần thứ tư". Not "khóa": a question's "khóa XIII" names the Central Committee's term, where a
# sentence's "Tỉnh ủy khóa XI" names the province's.
_SPELLED = {word: number for number, word in ORDINALS.items()}  # "thứ chín" -> 9
_ORDINAL_RE = re.compile(rf"\b(lan thu|ky hop thu) ([ivxl]+|\d+|{'|'.join(_SPELLED)})\b")


def ordinals(folded: str) -> dict[str, set[int]]:
    """The ordinals each kind of meeting is named with: {"lan thu": {9}}."""
    out: dict[str, set[int]] = {}
    for kind, number in _ORDINAL_RE.findall(folded):
        value = int(number) if number.isdigit() else _SPELLED.get(number) or roman_value(number)
        if value is not None:
            out.setdefault(kind, set()).add(value)
    return out


def ordinal_failure(query: Query, sentence: str) -> Failure | None:
    """The ninth congress asked ("Đại hội ... lần thứ IX") is not answered by a sentence naming only another
    ("Đại hội TDTT tỉnh lần thứ X dự kiến diễn ra vào tháng 8/2025"); one naming none may speak of it."""
    folded = folded_text(query.text)
    asked = ordinals(folded)
    if not asked:
        return None
    stated = ordinals(folded_text(sentence))
    for match in _ORDINAL_RE.finditer(folded):
        kind = match.group(1)
        if kind in stated and not asked[kind] & stated[kind]:  # in the user's words where folding kept the length
            same = len(folded) == len(query.text)
            return Failure("name", query.text[match.start() : match.end()] if same else match.group(0))
    return None
