"""Publication dates as Vietnamese news sites print them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from index.text import fold

# Every stored date is naive Vietnam local time: mixing naive and aware datetimes makes sorting and
# max() raise TypeError. Vietnam has kept UTC+7 without daylight saving since 1975.
VIETNAM = timezone(timedelta(hours=7), "ICT")
DATE_EXAMPLE = "2024-12-10 or 2024-12-10T09:15:00"

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


def vietnam_local(moment: datetime) -> datetime:
    """`moment` as naive Vietnam local time: an aware datetime is converted, a naive one is kept."""
    if moment.tzinfo is None:
        return moment
    if moment.utcoffset() is None:
        return moment.replace(tzinfo=None)
    try:
        return moment.astimezone(VIETNAM).replace(tzinfo=None)
    except OverflowError:
        raise ValueError(f"date {moment.isoformat()} is out of range in Vietnam time") from None


def stated_date(value: object) -> datetime:
    """A date an admin wrote (a TOML date or datetime, or an ISO string) as naive Vietnam local time.

    ValueError for anything else: a bare number such as `12` is not a date, whatever pydantic would make of it.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)  # a bare date means midnight
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()[:40]!r} is not a date such as {DATE_EXAMPLE}") from None
    else:
        raise ValueError(f"expected a date such as {DATE_EXAMPLE}, got {type(value).__name__} {str(value)[:40]!r}")
    return vietnam_local(moment)
