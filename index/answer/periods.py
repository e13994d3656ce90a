"""The period asked within a year: a whole year asked in so many words ("cả năm 2024") is not answered by part of
it, nor part of a year ("6 tháng đầu năm 2024") by the whole year's figure. (years.py checks the year itself.)
"""

from __future__ import annotations

import re

from index.answer.failure import Failure
from index.answer.features import speaks_of_part_of_year
from index.answer.years import compared_years
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


# Part of a year asked, folded: "6 tháng đầu năm 2024", "quý II/2024", "nửa đầu năm", "tháng 5/2024".
_PART_ASKED_RE = re.compile(r"\b(?:\d{1,2} thang(?: dau| cuoi)? nam|quy (?:i{1,3}|iv|[1-4])\b|nua dau nam"
                            r"|thang \d{1,2}(?:/| nam )(?:19|20)\d\d)")


def part_year_failure(query: Query, sentence: str, before: str, title: str, published: int | None
                      ) -> Failure | None:
    """Part of a year asked ("6 tháng đầu năm 2024 phục vụ bao nhiêu lượt bạn đọc") is not answered by the whole
    year's figure: a sentence that names the year asked ("năm 2024 đơn vị phục vụ 386.500 lượt"), not only to
    compare with it nor as its same period ("Cùng kỳ năm 2023"), and no part of it, in a bulletin published after
    that year ended."""
    folded = folded_lower(query.text)
    part = _PART_ASKED_RE.search(folded)
    if not part or not published or speaks_of_part_of_year(sentence, before, title, query.years):
        return None
    compared, folded_sentence = compared_years(sentence), folded_lower(sentence)
    whole = [y for y in query.years if int(y) < published and y not in compared
             and re.search(rf"(?<!cung ky )\bnam {y}\b", folded_sentence)]
    if not whole:
        return None
    said = query.text[part.start() : part.end()] if len(folded) == len(query.text) else part.group(0)
    year = whole[0]
    return Failure("period", said if year in said else f"{said} {year}" if said.endswith(("năm", "nam"))
                   else f"{said} năm {year}")
