"""The dates of the events a question cites: in "Theo hội nghị hồi tháng 12/2024, tỉnh dự tính thừa ra bao nhiêu
trụ sở?" or "Ai là Bí thư Tỉnh đoàn báo cáo tại hội nghị đối thoại tháng 3/2025?", the year dates the meeting the
bulletin reports, not the figure asked: the figure may be for the year before, or for none. Such a year is checked
against the bulletin's date (years.event_failure), and the periods asked are read without it (periods.py).
"""

from __future__ import annotations

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


def event_dates(text: str) -> list[tuple[int, int, str]]:
    """The spans of the event dates the text cites, with their years (offsets in folded_lower(text))."""
    return [(m.start("date"), m.end("date"), m["year"]) for m in _EVENT_DATE_RE.finditer(folded_lower(text))]


def event_years(text: str) -> frozenset[str]:
    """Years the text names only to date an event it cites: "2024" in "Theo hội nghị tháng 12/2024, ...", not in
    "Theo hội nghị tháng 12/2024, năm 2024 tỉnh đạt bao nhiêu ...", which also asks for it."""
    dates = event_dates(text)
    if not dates:
        return frozenset()
    rest = without_event_dates(text)
    return frozenset(y for _, _, y in dates if y not in _YEAR_RE.findall(rest))


def without_event_dates(text: str) -> str:
    """The folded text with the event dates it cites blanked, so that periods are read from what is asked."""
    folded = folded_lower(text)
    for start, end, _ in event_dates(text):
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return folded
