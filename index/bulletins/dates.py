"""Publication dates as Vietnamese news sites print them."""

from __future__ import annotations

import re
from datetime import datetime

from index.text import fold

_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORDS_RE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|,)\s*(\d{4})", re.I)
_TIME_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[:h]\s*(\d{2})(?!\d)")
# What may sit around a date on a date line: weekday names, "ngày", "cập nhật", time zones...
_FILLER_RE = re.compile(
    r"\b(thu|hai|ba|tu|nam|sau|bay|chu|nhat|ngay|thang|luc|gio|cap|nhat|dang|dang luc|ngay dang|"
    r"gmt|utc|sang|chieu|toi|am|pm|posted|updated|published|on|at)\b",
    re.I,
)


def _date_parts(line: str) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    folded = fold(line)
    found = _DMY_RE.search(folded)
    if found:
        day, month, year = (int(g) for g in found.groups())
    elif found := _ISO_RE.search(folded):
        year, month, day = (int(g) for g in found.groups())
    elif found := _WORDS_RE.search(folded):
        day, month, year = (int(g) for g in found.groups())
    else:
        return None
    rest = folded[: found.start()] + " " + folded[found.end() :]
    clock = _TIME_RE.search(rest)
    hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (0, 0)
    return (year, month, day), (hour, minute)


def find_date(line: str) -> datetime | None:
    """The first valid date (with its time, if any) in a line, else None."""
    parts = _date_parts(line)
    if parts is None:
        return None
    (year, month, day), (hour, minute) = parts
    try:
        return datetime(year, month, day, hour if hour < 24 else 0, minute if minute < 60 else 0)
    except ValueError:
        return None


def is_date_line(line: str) -> bool:
    """True for a short line that is only a date, a time and words such as 'Thứ Ba' or 'Ngày'."""
    if len(line) > 80 or find_date(line) is None:
        return False
    residue = _FILLER_RE.sub(" ", fold(line))
    residue = re.sub(r"[\d\W_]+", " ", residue)
    return len(residue.split()) <= 1
