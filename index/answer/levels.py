"""The level a figure is for: the whole country, the Mekong region, or the province (or a place in it), and
which a question asks; the country or the region as the frame of a province's figure is no level of its own.
Read by the checks (checks.scope_failure, province_failure; districts.local_failure).
"""

from __future__ import annotations

import functools
import re

from index.retrieval.query import Query
from index.terms.lexicon import Lexicon
from index.text import folded_lower, has_diacritics

# The province spoken of as a whole, folded, from the narrowest reading to the widest: all of it ("toàn tỉnh", "cả
# tỉnh", "trên địa bàn tỉnh"), then of or in it too ("của tỉnh", "trong tỉnh"; "của tỉnh Cà Mau" as well), then
# "tỉnh nhà". The checks (checks.py, choice.py) each read the one they were measured with.
_ALL_OF_PROVINCE = ("toan tinh", "ca tinh", "tren dia ban tinh")
_OF_PROVINCE = (*_ALL_OF_PROVINCE, "cua tinh", "trong tinh")


def _phrases_re(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")


ALL_OF_PROVINCE_RE = _phrases_re(*_ALL_OF_PROVINCE)
OF_PROVINCE_RE = _phrases_re(*_OF_PROVINCE)
PROVINCE_ITSELF_RE = _phrases_re(*_OF_PROVINCE, "tinh nha")


# Folded, lower case. A figure for the whole country or the Mekong region is not the province's.
_NATIONAL_RE = re.compile(r"\b(?:ca nuoc|toan quoc|viet nam|cap quoc gia)\b")
_REGIONAL_RE = re.compile(r"\b(?:dbscl|dong bang song cuu long|vung dong bang|mien tay|toan vung|ca vung|tay nam bo)\b")


# The country or the region as the frame of a province's figure, not its subject: a rank ("dẫn đầu cả nước",
# "đứng thứ hai vùng ĐBSCL", "xếp thứ 12/63 tỉnh, thành phố cả nước"), a share of its total ("chiếm 12% sản
# lượng cả nước"), a comparison with its average that states no figure of its own ("cao hơn bình quân cả nước",
# not "thấp hơn mức bình quân cả nước là 37,2%"; its figure in brackets after the province's own is the frame: "đạt
# 98,5%, cao hơn nhiều so với bình quân cả nước (khoảng 75%)"), a comparison naming the country's figure before
# it ("đạt 57,9, gần bằng mức 60,2 của cả nước"; a national question still finds the sentence: scope_failure
# reads every level).
_WHOLE = r"(?:ca nuoc|toan quoc|(?:ca |toan )?vung(?: dbscl| dong bang song cuu long)?|khu vuc(?: dbscl)?)"
_FRAME_RE = re.compile(
    rf"\b(?:(?:nhat|dau)|thu (?:\d+(?:/\d+)?|hai|ba|tu|nam|nhi)(?: tinh,? thanh(?: pho)?| dia phuong)?"
    rf"|(?:lon|manh|cao|dong|trong diem|chu luc) (?:cua|trong|tren))(?: (?:trong|cua|tren))? {_WHOLE}\b"
    rf"|\bchiem (?:khoang |gan |hon |tren )?\d[\d.,]* ?%(?: [a-z]+){{0,6}}? (?:cua )?{_WHOLE}\b"
    rf"|\b(?:cao|thap|nhanh|cham) hon (?:muc )?(?:binh quan|trung binh)(?: chung)? (?:cua )?{_WHOLE}\b"
    r"(?! ?(?:\(|(?:la |khoang |o muc |dat |voi )?\d))"
    rf"|\b(?:(?:cao|thap|nhanh|cham) hon(?: nhieu| han)?(?: so voi)?|so voi) (?:muc |ty le )?(?:binh quan|trung binh)"
    rf"(?: chung)? (?:cua )?{_WHOLE} ?\((?:khoang |gan |la |o muc )?\d[\d.,]*[^)]*\)"
    rf"|\b(?:gan bang|bang|cao hon|thap hon|vuot|so voi) (?:muc |ty le |con so )?(?:khoang |gan )?\d[\d.,]*"
    rf"(?: ?%| [^\d\s,;.]+(?:/[^\d\s,;.]+)?){{0,3}} (?:cua )?{_WHOLE}\b")


# The country's own figure in a clause after the sentence's main figure: "đạt 91,2%, trong khi cả nước đạt 89%", "...
# đạt 27,4%; tỷ lệ chung của cả nước năm 2024 khoảng 26,1%", "đạt 91,2% (cả nước: 89%)".
_LATER_NATIONAL_RE = re.compile(
    r"(?:[,;]|\s\()\s*(?:trong khi |con |va )?(?:[a-z]+ ){0,5}?(?:ca nuoc|toan quoc)\b[^;.)]*?\d[^;.)]*")
# A figure, not a year, a date or a period ("đến giữa tháng 12/2024, cả nước có ...", "9 tháng năm 2024, cả nước ...").
_MAIN_FIGURE_RE = re.compile(r"(?<![\d/])(?<!thang )(?<!ngay )(?<!quy )(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)*(?![\d/])"
                             r"(?! (?:thang|quy|nam|ngay)\b)")


def _without_later_national(folded: str) -> str:
    later = _LATER_NATIONAL_RE.search(folded)
    if later is None or not _MAIN_FIGURE_RE.search(folded[: later.start()]):
        return folded
    return folded[: later.start()] + " " + folded[later.end() :]


@functools.lru_cache(maxsize=4096)  # the question's, asked of every candidate, and sentences met again
def level(text: str) -> str:
    """The level a text speaks for: "national", "regional" or "" (the province, or a place in it)."""
    named = levels(_without_later_national(_FRAME_RE.sub(" ", folded_lower(text))))
    return "national" if "national" in named else "regional" if named else ""


def levels(folded: str) -> set[str]:
    """Every level a (folded) text names."""
    return {level for level, pattern in (("national", _NATIONAL_RE), ("regional", _REGIONAL_RE))
            if pattern.search(folded)}


@functools.lru_cache(maxsize=4096)
def says_province(text: str) -> tuple[str, ...]:
    """What follows each "tỉnh" of the text, folded: "tỉnh" itself with its tone when the text has
    diacritics ("Tịnh Biên" and "tình" are not it), any "tinh" when it has none."""
    pattern = _TINH_RE if has_diacritics(text) else _TINH_FOLDED_RE
    return tuple(folded_lower(text[m.end() : m.end() + 40]).strip() for m in pattern.finditer(text))


_TINH_RE = re.compile(r"\btỉnh\b", re.I)
_TINH_FOLDED_RE = re.compile(r"\btinh\b", re.I)


def self_reference(lexicon: Lexicon, text: str) -> bool:
    """The sentence speaks of "the province" itself ("của tỉnh", "toàn tỉnh"), not "tỉnh Cà Mau"."""
    if lexicon.home and lexicon.home in folded_lower(text):
        return True
    others = tuple(p for p in lexicon.province_names if p != lexicon.home)
    return any(not after.startswith(others) for after in says_province(text))


_WITHIN_RE = re.compile(r"\b(?:trong|so voi|tren|giua cac tinh)\s+(?:ca nuoc|toan quoc|63 tinh)")
# A rank asked for ("xếp hạng thứ mấy cả nước", "đứng thứ mấy toàn quốc"): the country is where it is ranked.
_RANK_RE = re.compile(r"\b(?:(?:thu|hang) (?:may|bao nhieu)|xep hang|xep thu|dung thu)\b")


def _ranks_within_country(query: Query, lexicon: Lexicon) -> bool:
    """"Kiên Giang xếp thứ mấy trong cả nước?", "đứng thứ mấy ở ĐBSCL?", "tỉnh ... so với cả nước": the
    country or the region is where the province is ranked or compared, and the figure asked is the
    province's."""
    folded = folded_lower(query.text)
    about_province = bool(query.provinces) or bool(says_province(query.text))
    ranked = bool(_RANK_RE.search(folded)) and bool(_NATIONAL_RE.search(folded) or _REGIONAL_RE.search(folded))
    return about_province and (bool(_WITHIN_RE.search(folded)) or ranked)


def asked_level(query: Query, lexicon: Lexicon) -> str:
    """"national" or "regional" for a question on the country's or the region's figure, else ""."""
    return "" if _ranks_within_country(query, lexicon) else level(query.asked)
