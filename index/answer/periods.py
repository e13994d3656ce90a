"""The period asked within a year: a whole year asked in so many words ("cả năm 2024") is not answered by part of
it, nor part of a year ("6 tháng đầu năm 2024") by the whole year's figure, nor by a bulletin published before
that part was over. (years.py checks the year itself.)
"""

from __future__ import annotations

import re
from datetime import datetime

from index.answer.failure import Failure
from index.answer.features import speaks_of_part_of_year
from index.answer.tense import only_goal
from index.answer.years import compared_years
from index.retrieval.events import without_event_dates
from index.retrieval.names import roman_value
from index.retrieval.query import Query
from index.text import folded_lower, has_diacritics

# "cả năm" with its accents; typed without them, only where a clause starts ("cảng cá năm 2024" folds to it too).
_WHOLE_YEAR_ASKED_RE = re.compile(r"\bcả năm\b", re.I)
_WHOLE_YEAR_FOLDED_RE = re.compile(r"(?:^|[,.:;?!]\s*)ca nam\b", re.I)


def whole_year_failure(query: Query, sentence: str, before: str, title: str) -> Failure | None:
    """A whole year asked in so many words ("cả năm 2024 xảy ra bao nhiêu vụ cháy") is not answered by a figure
    for part of it ("9 tháng đầu năm 2024 toàn tỉnh xảy ra 34 vụ cháy"). (Without "cả năm", part_of_year_fit
    only ranks such a sentence lower: a bulletin's "năm 2024" is often the months it reports on.)"""
    asked = (_WHOLE_YEAR_ASKED_RE if has_diacritics(query.text) else _WHOLE_YEAR_FOLDED_RE).search(query.text)
    if not asked or not speaks_of_part_of_year(sentence, before, title, query.years):
        return None
    return Failure("period", " ".join(["cả năm", *query.years]))


# Part of a year asked, folded: "6 tháng đầu năm 2024", "quý II/2024", "nửa đầu năm", "tháng 5/2024"; the groups
# give the month it ends (_part_ends).
_PART_ASKED_RE = re.compile(r"\b(?:(?P<months>\d{1,2}) thang(?P<last> dau| cuoi)? nam"
                            r"|quy (?P<quarter>i{1,3}|iv|[1-4])\b|(?P<half>nua dau nam)"
                            r"|thang (?P<month>\d{1,2})(?:/| nam )(?:19|20)\d\d)")


def part_year_failure(query: Query, sentence: str, before: str, title: str, published: int | None
                      ) -> Failure | None:
    """Part of a year asked ("6 tháng đầu năm 2024 phục vụ bao nhiêu lượt bạn đọc") is not answered by the whole
    year's figure: a sentence that names the year asked ("năm 2024 đơn vị phục vụ 386.500 lượt"), not only to
    compare with it nor as its same period ("Cùng kỳ năm 2023"), and no part of it, in a bulletin published after
    that year ended."""
    folded = without_event_dates(query.text)  # "hội nghị tháng 12/2024" dates a meeting, asks no month
    part = _PART_ASKED_RE.search(folded)
    if not part or not published or speaks_of_part_of_year(sentence, before, title, query.years):
        return None
    compared, folded_sentence = compared_years(sentence), folded_lower(sentence)
    whole = [y for y in query.years if int(y) < published and y not in compared
             and re.search(rf"(?<!cung ky )\bnam {y}\b", folded_sentence)]
    if not whole:
        return None
    return Failure("period", _said(query.text, folded, part, whole[0]))


def _said(text: str, folded: str, part: re.Match[str], year: str) -> str:
    """The part of the year asked, in the user's words where the folding kept the length, with its year once:
    "Quý I/2025", "6 tháng đầu năm 2024", "quý 2 năm 2023"."""
    tail = re.match(r"(?:/|\s+nam\s+)(?:19|20)\d\d\b", folded[part.end() :])  # "quý I/2025", "quý 1 năm 2025"
    end = part.end() + (tail.end() if tail else 0)
    said = text[part.start() : end] if len(folded) == len(text) else folded[part.start() : end]
    return said if year in said else f"{said} {year}" if said.endswith(("năm", "nam")) else f"{said} năm {year}"


# What a bulletin may say of a period not over yet: a plan, a forecast or an estimate.
_FORECAST_RE = re.compile(r"\b(?:ước|dự kiến|dự báo|dự ước|phấn đấu|kế hoạch|mục tiêu)\b", re.I)


def _part_ends(part: re.Match[str]) -> int | None:
    """The month the part of a year asked ends: "quý I/2025" 3, "6 tháng đầu năm" 6, "nửa đầu năm" 6, "tháng
    5/2024" 5. None for the last months of a year ("6 tháng cuối năm 2025"), asked of plans: read as ending in
    December, a plan for them ("Đẩy mạnh phân cấp ... 126 thủ tục") was declined (tune -1, validate unchanged)."""
    if part["quarter"]:
        quarter = int(part["quarter"]) if part["quarter"].isdigit() else roman_value(part["quarter"])
        return 3 * quarter if quarter else None
    if part["half"]:
        return 6
    months = int(part["months"] or part["month"])
    return months if 1 <= months <= 12 and part["last"] != " cuoi" else None


def unreported_failure(query: Query, sentence: str, published: datetime | None) -> Failure | None:
    """Part of a year asked is not answered by a bulletin published before it was over, save as a plan or an
    estimate: "Quý I/2025 ... Phú Quốc đạt bao nhiêu" is not answered by "Thành phố Phú Quốc đứng thứ hai với
    36.250 tỷ đồng" in a bulletin of January 2025 (it speaks of 2024). (Checking only while the part ran, leaving
    a part not yet begun to plans, was tried: tune +1, validate -1 right / +2 wrong.)"""
    if published is None or len(query.years) != 1:
        return None
    folded = without_event_dates(query.text)  # "hội nghị tháng 12/2024" dates a meeting, asks no month
    part = _PART_ASKED_RE.search(folded)
    ends = _part_ends(part) if part else None
    if part is None or ends is None or (published.year, published.month) >= (int(query.years[0]), ends):
        return None
    if only_goal(sentence) or _FORECAST_RE.search(sentence):
        return None
    return Failure("period", _said(query.text, folded, part, query.years[0]))
