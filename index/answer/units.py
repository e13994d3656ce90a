"""The unit asked must be the unit stated: money for "bao nhiêu tiền", a share for "tỷ lệ ... bao nhiêu", a count
for "bao nhiêu đô thị" (a check of checks.first_failure)."""

from __future__ import annotations

import functools
import re

from index.answer.failure import Failure
from index.answer.years import stated_figures
from index.retrieval.query import Query
from index.text import folded_lower

# Not "miễn phí" (free of charge) or the "Giá" of Rạch Giá: "... của TP Rạch Giá là bao nhiêu" asks no price.
_ASKS_MONEY_RE = re.compile(r"\b(?:bao nhieu (?:tien|dong|ty|trieu)"
                            r"|(?:kinh phi|tong von|tong muc dau tu|(?<!rach )gia|muc phi|thu phi|(?<!mien )phi)"
                            r"(?: (?:la|khoang|het|can))? (?:bao nhieu|may))\b")
_MONEY_RE = re.compile(r"\d[\d.,]*\s*(?:(?:nghin|ngan|trieu|ty|ti)\s+)?(?:dong|usd|do la)\b|\d[\d.,]*\s*(?:ty|trieu)\b")
_PERCENT_RE = re.compile(r"\d\s*%|\bphan tram\b")
# A rate per so many ("tỷ lệ bác sĩ trên vạn dân", "bao nhiêu giường bệnh trên 1 vạn dân") is stated per so many:
# "9,1 bác sĩ/vạn dân", "28 giường bệnh trên 10.000 dân".
_SO_MANY = r"(?:1 |mot )?(?:van|nghin|ngan|tram|\d[\d.]*)\b"  # "vạn", "1 vạn", "10.000" (folded)
_PER_ASKED_RE = re.compile(rf"\b(?:tren|moi) {_SO_MANY}")
_PER = rf"\d[\d.,]*\s*[^\d%]{{0,30}}?(?:/|\btren )\s*{_SO_MANY}"
_PER_RE = re.compile(_PER)
_PER_PEOPLE_RE = re.compile(rf"{_PER}\s*(?:dan|nguoi)\b")  # "100 người trên 100.000 dân"


# What a rate per so many is of: the two words before "trên 10.000 dân", "/vạn dân" ("bác sĩ", "giường bệnh").
_PER_THING_RE = re.compile(rf"([a-z]+ [a-z]+)\s*(?:/|\btren\b)\s*{_SO_MANY}")


@functools.lru_cache(maxsize=64)  # the question's, read against every candidate
def _per_things_asked(query: Query) -> frozenset[str]:
    """The words of what a rate asked per so many is of, and, when there is one, every abbreviation's readings
    ("SV trên 1 vạn dân" is "sinh viên")."""
    asked = {w for m in _PER_THING_RE.findall(folded_lower(query.text)) for w in m.split()}
    if asked:
        asked |= {w for group in query.groups for option in group.options
                  for w in folded_lower(" ".join(option)).split()}
    return frozenset(asked)


def _other_per_thing(query: Query, folded: str) -> bool:
    """A rate per so many of one thing asked ("bác sĩ trên 10.000 dân") and stated only of others ("19,5 điều
    dưỡng/10.000 dân")."""
    asked = _per_things_asked(query)
    stated = [set(m.split()) for m in _PER_THING_RE.findall(folded)] if asked else []
    return bool(stated) and not any(asked & words for words in stated)


# "bao nhiêu đô thị" counts a thing; not a word that says what a change is measured against ("tăng bao nhiêu so
# với năm trước") or in ("bao nhiêu lần", "bao nhiêu phần trăm").
_COUNTED_RE = re.compile(
    r"\bbao nhieu (?!(?:so|voi|lan|phan|trong|tu|den|nam|thang|ngay|la|thi|vay|a)\b)(\w+(?: \w+)?)")


def _share_for_count(query: Query, folded_sentence: str, sentence: str) -> bool:
    """A count asked ("có bao nhiêu đô thị") of a thing the sentence gives only shares of ("tỷ lệ đô thị hóa đạt
    31,2%"): it names the thing (the two words after "bao nhiêu") and every figure it states is a percentage."""
    counted = _COUNTED_RE.search(folded_lower(query.text))
    figures = stated_figures(sentence)
    return (counted is not None and f" {counted.group(1)} " in f" {folded_sentence} " and bool(figures)
            and all(m.group(1) for m in figures))


_RATE_OF_RE = re.compile(r"\b(?:ty|ti) le (\w+)")


def _per_people_named(asked: str, folded: str) -> bool:
    """A rate asked without "phần trăm" stated per so many people by a sentence naming it: "tỷ lệ mắc lao ... xuống
    dưới mức nào" by "giảm tỷ lệ mắc lao xuống dưới 100 người trên 100.000 dân" (not by another rate per so many)."""
    rate = _RATE_OF_RE.search(asked)
    return (rate is not None and not _PERCENT_RE.search(asked) and bool(_PER_PEOPLE_RE.search(folded))
            and re.search(rf"\b(?:ty|ti) le {rate.group(1)}\b", folded) is not None)


def unit_failure(query: Query, sentence: str) -> Failure | None:
    """The unit asked for must be the unit stated: "bao nhiêu tiền" is not answered by a length, nor
    "tỷ lệ ... bao nhiêu" by a count, nor "bao nhiêu đô thị" by a share."""
    if "number" not in query.cues:
        return None
    folded = folded_lower(sentence)
    if not query.percent and _share_for_count(query, folded, sentence):
        return Failure("unit", "số lượng")
    if _other_per_thing(query, folded):
        return Failure("unit", "tỷ lệ")
    if query.percent:
        asked = folded_lower(query.text)
        per = _PER_RE.search(folded) if _PER_ASKED_RE.search(asked) else _per_people_named(asked, folded)
        return None if _PERCENT_RE.search(folded) or per else Failure("unit", "tỷ lệ")
    if _ASKS_MONEY_RE.search(folded_lower(query.text)) and not _MONEY_RE.search(folded):
        return Failure("unit", "số tiền")
    return None
