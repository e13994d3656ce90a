"""The year a sentence speaks of, for the year asked: its own, the one named before it in its paragraph or, for a
district's figure, in the paragraph before; a review's year; the part of a candidate that answers."""

from __future__ import annotations

import re

from index.answer.failure import Failure
from index.answer.features import continues
from index.answer.tense import only_goal
from index.answer.years import stated_years, year_failure
from index.retrieval.query import Query
from index.store.snapshot import BulletinRecord, Index
from index.terms.sentences import sentence_spans

# Months of a year in which bulletins mostly review the year before (year-end reviews are held until February;
# 3 answered the same on the blind tune split).
REVIEW_MONTHS = 2
# What was done, not a plan: "đã", "đạt", a figure that rose, fell or is compared with an earlier one ("nợ xấu ...
# chiếm 0,87% tổng dư nợ, giảm so với tỷ lệ 1,12% của năm 2023"), a place that led or ranked ("TP Rạch Giá là nơi
# có số bệnh nhân lao được phát hiện nhiều nhất"); plans are left out by only_goal.
_DONE_RE = re.compile(r"\b(?:đã|đạt|so với|tăng|giảm|dẫn đầu|(?:nhiều|cao|thấp) nhất)\b", re.I)


def dated_failure(query: Query, index: Index, paragraph: int, span: tuple[int, int], local: bool) -> Failure | None:
    """The year check of the sentence [start, end) of the paragraph (years.year_failure); `local`: the sentence names
    a district the question asks about, so it may take the year of the paragraph before (_before)."""
    if not set(query.years) - query.event_years:  # no year asked: nothing to read before the sentence
        return None
    text = index.paragraphs[paragraph]
    record = index.bulletin_of(paragraph)
    sentence = text[span[0] : span[1]]
    published = record.published.year if record.published else None
    reviewing = (record.published is not None and record.published.month <= REVIEW_MONTHS
                 and not only_goal(sentence) and bool(_DONE_RE.search(sentence)))
    before = _before(index, record, paragraph, text[: span[0]]) if local else text[: span[0]]
    dated = year_failure(query, sentence, before, record.title, published, reviewing)
    said = _answering_part(text, span) if dated is not None else span[0]
    if said != span[0]:
        dated = year_failure(query, text[said : span[1]], text[:said], record.title, published, reviewing)
    return dated


def _before(index: Index, record: BulletinRecord, paragraph: int, before: str) -> str:
    """What precedes a sentence, for the year it speaks of: the text before it in its paragraph; when neither that
    text nor the title names a year, after the latest year (not past the bulletin's) of the last earlier paragraph
    that names one ("Năm 2024 tỷ lệ ... của tỉnh còn 17,9%." then, in the next paragraph, "Thành phố Phú Quốc có tỷ
    lệ thấp nhất, ở mức 12,4%")."""
    if stated_years(before) or stated_years(record.title):
        return before
    earlier = (stated_years(index.paragraphs[p]) for p in reversed(range(record.paragraph_ids.start, paragraph)))
    named = next((years for years in earlier if years), frozenset[str]())
    published = record.published.year if record.published else 9999
    reported = [y for y in named if int(y) <= published]
    return f"Năm {max(reported)}, {before}" if reported else before


def _answering_part(text: str, span: tuple[int, int]) -> int:
    """Where the sentence that answers starts: a candidate joined from a sentence and the one that goes on
    from it ("... hoàn thành trong quý I/2025. Riêng tại TP. Phú Quốc, ...") may answer with the second,
    whose period is its own or, naming none, the one named before it."""
    parts = sentence_spans(text[span[0] : span[1]])
    if len(parts) > 1 and continues(text[span[0] + parts[-1][0] : span[1]]):
        return span[0] + parts[-1][0]
    return span[0]

