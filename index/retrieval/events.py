"""The dates of the events a question cites: in "Theo hội nghị hồi tháng 12/2024, tỉnh dự tính thừa ra bao nhiêu
trụ sở?" or "Ai là Bí thư Tỉnh đoàn báo cáo tại hội nghị đối thoại tháng 3/2025?", the year dates the meeting the
bulletin reports, not the figure asked: the figure may be for the year before, or for none. Such a year is checked
against the bulletin's date (years.event_failure), and the periods asked are read without it (periods.py).
"""

from __future__ import annotations

import functools
import re

from index.text import folded_lower

# A meeting, its name (no year and no clause break between), then its date: a day, a month, or the start, middle
# or end of a year; not a span counted from or to it ("từ đầu 2023 đến nay"). Folded: typed with or without
# accents. "năm 2024" alone is not a date: "hội nghị tổng kết năm 2024" names the year reviewed.
_EVENT_DATE_RE = re.compile(
    r"\b(?:hoi nghi|hoi thao|ky hop|phien hop|cuoc hop|hop bao|toa dam|dien dan|hoi cho|dai hoi|doi thoai"
    r"|buoi (?:lam viec|tiep xuc|doi thoai|gap mat|hop))\b"
    r"(?:(?!(?:19|20)\d\d)[^?.!;:]){0,80}?"
    r"(?<!\btu )(?<!\bden )(?<!\btoi )(?<!\btruoc )(?<!\bsau )"
    r"(?P<date>(?:ngay \d{1,2}[/-]\d{1,2}[/-]|thang \d{1,2}(?:[/-]| nam )|(?:dau|cuoi|giua) (?:nam )?)"
    r"(?P<year>(?:19|20)\d\d))\b"
)
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@functools.lru_cache(maxsize=256)  # read by the period checks for every candidate of one question
def _blanked(text: str) -> tuple[str, tuple[str, ...]]:
    """The folded text with the event dates it cites blanked, and their years, in order."""
    folded, years = folded_lower(text), []
    for m in _EVENT_DATE_RE.finditer(folded):
        folded = folded[: m.start("date")] + " " * (m.end("date") - m.start("date")) + folded[m.end("date") :]
        years.append(m["year"])
    return folded, tuple(years)


def event_years(text: str) -> frozenset[str]:
    """Years the text names only to date an event it cites: "2024" in "Theo hội nghị tháng 12/2024, ...", not in
    "Theo hội nghị tháng 12/2024, năm 2024 tỉnh đạt bao nhiêu ...", which also asks for it."""
    rest, years = _blanked(text)
    return frozenset(years) - set(_YEAR_RE.findall(rest))


def without_event_dates(text: str) -> str:
    """The folded text with the event dates it cites blanked, so that periods are read from what is asked."""
    return _blanked(text)[0]
