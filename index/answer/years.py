"""Which year a sentence's figure is for, and the checks of the year and the period asked: a year named only to
compare with, a document's date, a span ("giai đoạn 2021-2025", "từ năm 2021 đến năm 2024"), a period of the
bulletin's own year ("6 tháng đầu năm"), what there is now ("hiện có").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from index.answer.failure import Failure
from index.retrieval.coverage import TextTerms, named_years, period_years, periods, years_of, years_outside_periods
from index.retrieval.query import Query
from index.terms.sentences import sentence_spans
from index.text import folded_lower, folded_text

# A figure as a sentence states it: "4.520", "7,21%", not inside a date or a document number ("12/2024").
_FIGURE_RE = re.compile(r"(?<![\d/])\d+(?:[.,]\d+)*(\s*%)?")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def stated_figures(text: str) -> list[re.Match[str]]:
    """The figures a sentence states, in order, years left out (group 1 holds a percent sign)."""
    return [m for m in _FIGURE_RE.finditer(text) if not _YEAR_RE.fullmatch(m.group(0))]


def _compared_re(multiple: str) -> re.Pattern[str]:
    """A year a figure is compared with, after a comparing word or `multiple` ("gấp 3 lần")."""
    return re.compile(rf"\b(?:so với|cùng kỳ|{multiple}|hơn|trước đó là)(?: cả| cùng kỳ)?(?: năm| cuối năm| đầu năm)?"
                      r" ((?:19|20)\d\d)\b", re.I)


# A year a figure is compared with: "tăng 11% so với năm 2023", "gấp 3 lần cả năm 2022", "cùng kỳ năm 2023".
# "gấp 3 lần", "gấp gần 1,5 lần": a multiple, perhaps approximate.
_TIMES = r"gấp (?:gần |hơn |khoảng )?"
_COMPARED_RE = _compared_re(rf"{_TIMES}[\d,.]+ lần")


# A compared year whose own figure follows: in a clause ("tăng 15 bậc so với năm 2023 khi tỉnh chỉ xếp thứ 34/63")
# or in brackets, as reports give the earlier figure ("tăng 4,2% so với năm 2023 (286.450 con)").
_THEN_RE = re.compile(r"\b((?:19|20)\d\d)(?:,? (?:khi|lúc)\b[^,;.]*?\d| ?\((?:khoảng |đạt |là )?\d)", re.I)


# A figure that went from one value to another beside a compared year gives that year's figure as the first:
# "So với đợt kiểm tra cùng kỳ năm 2023, tỷ lệ tàu đủ phao, áo phao đã tăng từ 72,4% lên 81,7%".
_FROM_TO_RE = re.compile(r"\btừ (?:mức )?\d[\d.,]*(?: ?%| [^\d\s,;.]+){0,3} (?:lên|xuống|còn) (?:mức )?\d", re.I)


def _from_to_years(sentence: str) -> frozenset[str]:
    """The years compared with whose figure is the first of "từ 72,4% lên 81,7%"."""
    return frozenset(_COMPARED_RE.findall(sentence)) if _FROM_TO_RE.search(sentence) else frozenset()


_SAME_PERIOD_OPENING_RE = re.compile(r"^\s*Cùng kỳ năm ((?:19|20)\d\d),", re.I)


def compared_years(sentence: str) -> frozenset[str]:
    """Years the sentence only compares its figure with (their own figure is not stated): not those it also
    names elsewhere ("So với năm 2023, ... tăng 6,2%, khi năm 2023 chỉ đạt 398.600 tấn"). A sentence opening
    on "Cùng kỳ năm 2023," states that period's own figure."""
    sentence = _SAME_PERIOD_OPENING_RE.sub(r"Năm \1,", sentence)
    if _FROM_TO_RE.search(sentence):  # "tăng từ 72,4% lên 81,7%": the first figure is the compared year's
        return frozenset()
    compared = set(_COMPARED_RE.findall(sentence)) - set(_THEN_RE.findall(sentence))
    if not compared:
        return frozenset()
    return frozenset(compared - named_years(_COMPARED_RE.sub(" ", sentence)))


# A year named with its own figure only as the measure of comparison ("đạt 6,11 tấn/ha, cao hơn mức 5,94
# tấn/ha của năm 2023"): the sentence's main figure is for a year named before it, or the bulletin's.
_COMPARED_FIGURE_RE = re.compile(
    r"\b(?:hon|so voi|bang) (?:muc |con so |ty le )?(?:khoang |gan |hon )?\d[\d.,]*"
    r"(?: ?%| [^\d\s,;.]+(?:/[^\d\s,;.]+)?){0,3}(?: cua| trong| vao)? nam ((?:19|20)\d\d)\b")


# The same with the figure after the year, in brackets: "tăng 925 hồ sơ so với năm 2023 (8.940 hồ sơ)".
_BRACKETED_FIGURE_RE = re.compile(
    r"\b(?:so voi|hon|cung ky)\b[^,;.()]{0,24}?\bnam ((?:19|20)\d\d) ?\((?:khoang |dat |la )?\d")


# A year given its own figure in a clause after the sentence's main one: "đạt 91,5%, trong khi năm 2023 chỉ đạt
# 86,2%", "chuyển cơ quan điều tra 5 vụ việc; năm 2023 chuyển 3 vụ việc".
# The main figure is a figure, not a document's number or a date ("Kế hoạch số 18/KH-TTr ngày 20/1/2025, năm 2025 ...").
_LATER_HINT_RE = re.compile(r"[,;] (?:trong khi |còn |con )?n[ăa]m (?:19|20)\d\d", re.I)
_LATER_CLAUSE_RE = re.compile(
    r"(?<![\d/.,-])\d+(?:[.,]\d+)*(?![\d/-])[^;.]*?[,;] (?:trong khi |con )?nam ((?:19|20)\d\d)\b(?=[^;.]*?\d)")


@functools.lru_cache(maxsize=4096)
def compared_figure_years(sentence: str) -> frozenset[str]:
    comparing, later = _COMPARING_RE.search(sentence), _LATER_HINT_RE.search(sentence)
    changed = _from_to_years(sentence)
    if not comparing and not later and not changed:  # most sentences do none of these: skip folding them
        return frozenset()
    folded = folded_text(sentence)
    found = list(changed) + (_LATER_CLAUSE_RE.findall(folded) if later else [])
    if comparing:
        found += _COMPARED_FIGURE_RE.findall(folded) + _BRACKETED_FIGURE_RE.findall(folded)
    return frozenset(found)


_COMPARING_RE = re.compile(r"h[ơo]n|so v[ớo]i|b[ằa]ng", re.I)


# Dates of documents and events ("ngày 19/12/2024") say when something was signed, not which year a
# figure is for.
DATE_RE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d\b|\bngày \d{1,2} tháng \d{1,2} năm (?:19|20)\d\d\b")


# A date a figure is counted to ("Đến ngày 31/12/2024, tỷ lệ lấp đầy ... đạt 86,2%") says the figure's year.
_AS_OF_RE = re.compile(r"\b((?:tính )?(?:đến|tới)(?: hết)?(?: ngày)?) \d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)\b", re.I)


# A date a rule applies from ("bảng giá đất điều chỉnh áp dụng từ ngày 1/1/2025", "có hiệu lực kể từ ngày
# 1/7/2024") says the year its figures are for.
_APPLIES_FROM_RE = re.compile(r"\b((?:áp dụng|có hiệu lực|hiệu lực thi hành)(?: (?:kể )?từ)?(?: ngày)?) "
                              r"\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)\b", re.I)


def _as_year(match: re.Match[str]) -> str:
    return f"{match.group(1)} năm {match.group(2)}"


def undated(text: str) -> str:
    """The text with document and event dates removed, and dates a figure is counted to or a rule applies from
    read as their year."""
    return DATE_RE.sub(" ", _APPLIES_FROM_RE.sub(_as_year, _AS_OF_RE.sub(_as_year, text)))


def unstated_years(sentence: str, asked: tuple[str, ...]) -> frozenset[str]:
    """Years the sentence names without a figure of their own: in a document's date, compared with ("gấp 3
    lần năm 2022"), and, for a question on one year, only inside a period ("giai đoạn 2023-2025 trồng mới
    1.200 ha" is not 2023's figure)."""
    plain = undated(sentence)
    periods = period_years(plain)
    stated = years_outside_periods(plain) | (periods if len(asked) != 1 else frozenset())
    named = named_years(sentence) | periods
    return frozenset(named - (stated - compared_years(sentence)))


def year_fit(query: Query, sentence: TextTerms, paragraph: TextTerms, unstated: frozenset[str] = frozenset(),
             compared: frozenset[str] = frozenset()) -> float:
    """1 when the sentence names the year asked, -1 when it names only other years (a year it states no
    figure for is another year: see unstated_years), as the paragraph's when it names only years its figure is
    compared with (see compared_figure_years)."""
    if not query.years:
        return 0.0
    asked = set(query.years)
    if asked & (sentence.years - unstated):
        return 1.0
    if sentence.years - compared and asked - query.event_years:  # a meeting's date asks no year of the figure
        return -1.0
    return 0.5 if asked & paragraph.years else 0.0


def stated_years(text: str) -> frozenset[str]:
    return years_of(undated(text))


# A period of the year the bulletin speaks in, without its number ("Trong 6 tháng đầu năm, tỷ lệ ... đạt 46,3%,
# tăng so với mức 38,5% của năm 2023"): the sentence's main figure is for that year, not only the one it names.
_CURRENT_RE = re.compile(r"\b(?:(?:\d{1,2}|sau|chin|ba|bon|nam|bay|tam|muoi) thang (?:dau|cuoi) nam|nam nay"
                         r"|tu dau nam|dau nam den nay|quy (?:i|ii|iii|iv|1|2|3|4))\b(?! ?(?:/|nay )?(?:19|20)\d\d)")


def span_failure(query: Query, sentence: str, before: str, title: str, bulletin: Callable[[], str]) -> Failure | None:
    """A period asked ("giai đoạn 2021-2030") is named by the sentence, before it in its paragraph, or in the
    title; or the sentence names no year and its bulletin names the period ("trong cùng giai đoạn đạt khoảng
    5,65%"). A year inside it ("Năm 2023, tốc độ tăng trưởng ... đạt 6,83%") is not the period's figure."""
    asked = periods(query.text)
    if not asked or query.years:
        return None
    own = years_outside_periods(undated(sentence)) - compared_years(sentence)
    inside = {str(y) for start, end in asked for y in range(int(start), int(end) + 1)}
    # A figure asked of the span: "Năm 2025, huyện tiếp tục đầu tư thêm 4 cây cầu" is none of 2021-2024 (a document
    # asked is dated by the year it was issued, before its span).
    if "number" in query.cues and "docno" not in query.cues and own and not own & inside:
        start, end = sorted(asked)[0]
        return Failure("year", f"giai đoạn {start}-{end}")
    if asked & periods(f"{sentence} {before} {title}"):
        return None
    if not stated_years(sentence) and asked & periods(bulletin()):
        return None
    start, end = sorted(asked)[0]
    return Failure("year", f"giai đoạn {start}-{end}")


# A span only compared with ("tăng 12% so với giai đoạn 2016-2020") is not the one the sentence speaks of.
_COMPARED_SPAN_RE = re.compile(r"\b(?:so với|gấp [\d,.]+ lần|hơn|cùng kỳ)(?: cả| bình quân)?(?: giai đoạn| thời kỳ"
                               r"| nhiệm kỳ)? (?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", re.I)


def _other_span(sentence: str, asked: set[str]) -> bool:
    """The sentence speaks of a span that holds none of the years asked ("Trong bảng giá giai đoạn 2020-2024,
    mức giá cao nhất ... là 98 triệu đồng/m2" for the table of 2025)."""
    spans = period_years(undated(_COMPARED_SPAN_RE.sub(" ", sentence)))
    return bool(spans) and not asked & spans


def event_failure(query: Query, published: int | None, title: str) -> Failure | None:
    """A meeting the question dates ("Theo hội nghị hồi tháng 12/2024, ...") is reported by a bulletin of that
    year (or one whose title names it): another year's bulletin reports another meeting. Its figures may be of
    any year (see index/retrieval/events.py)."""
    if not query.event_years or published is None:
        return None
    if str(published) in query.event_years or query.event_years & stated_years(title):
        return None
    return Failure("year", "năm " + ", ".join(sorted(query.event_years)))


_PRESENT_RE = re.compile(r"\b(?:hien (?:co|nay|dang|tai)|den nay|toi nay)\b")


# A year a sentence compares its figure with, with more multiples than _COMPARED_RE's: "gần gấp đôi năm 2023 (6 lần)".
_COMPARED_WITH_RE = _compared_re(rf"{_TIMES}(?:đôi|rưỡi|ba|bốn|[\d,.]+(?: lần)?)")


def _inherited(before: str) -> frozenset[str]:
    """The years a sentence naming none speaks of, for a question on one year: those of the last sentence before it
    that names one on its own, save the years it compares with ("Năm 2024 có 11 lần ghi nhận bò biển xuất hiện, gần
    gấp đôi năm 2023 (6 lần). Tuy nhiên, trong năm vẫn có 2 cá thể bò biển chết" speaks of 2024)."""
    for start, end in reversed(sentence_spans(before)):
        text = before[start:end]
        named = years_outside_periods(undated(text))
        if named:
            return (named - set(_COMPARED_WITH_RE.findall(text))) or named
    return frozenset()


def year_failure(query: Query, sentence: str, before: str, title: str, published: int | None,
                 reviewing: bool = False) -> Failure | None:
    """The year asked must be the year stated: in the sentence; a sentence that states none speaks of a
    year named earlier in its paragraph ("Năm 2023, ..."), in the title, or of its bulletin's own year
    ("in the first six months" in a bulletin of 2024), or, in a bulletin published early in a year
    (`reviewing`) that names no year before it, of the year before, as year-end reviews are published then
    ("Phòng Tư pháp huyện đã tự kiểm tra 42 văn bản" in January 2025). Document dates do not count."""
    asked = set(query.years) - query.event_years  # a meeting's date is checked against the bulletin's
    if not asked:
        return None
    # "gấp 3 lần năm 2022" gives no figure for 2022, nor "giai đoạn 2023-2025" one for 2023 alone: such a
    # sentence speaks of the years around it, as one naming none ("nhiệm kỳ 2021-2026 bế mạc kỳ họp").
    stated = stated_years(sentence) - unstated_years(sentence, tuple(sorted(asked)))
    if not stated and _other_span(sentence, asked):
        return Failure("year", "năm " + ", ".join(sorted(asked)))
    compared = compared_figure_years(sentence)
    if not stated or _CURRENT_RE.search(folded_lower(sentence)) or stated <= compared:
        # For a question on one year, a span named before ("Giai đoạn 2024-2030, ...") is no year the
        # sentence inherits, as a span in the sentence itself is none it states.
        inherited = stated_years(before) if len(asked) != 1 else _inherited(before)
        present = published is not None and bool(_PRESENT_RE.search(folded_lower(sentence)))
        if not stated and present:
            inherited = frozenset()  # "hiện có 61 chợ" is what there is when the bulletin is written
        stated |= inherited | stated_years(title) | ({str(published)} if published else frozenset())
        if reviewing and published and not (stated - compared - {str(published)}) and not present:
            stated |= {str(published - 1)}  # a review of the year before, published early in the next
    if asked & stated:
        return None
    # A span holding the year ("giai đoạn 2021-2024 ước đạt 298.600 tỷ đồng") is not that year's figure, but
    # the year's own figure is often nearby: the composer looks further after a "period" failure.
    within = asked <= period_years(undated(sentence))
    return Failure("period" if within else "year", "năm " + ", ".join(sorted(asked)))
