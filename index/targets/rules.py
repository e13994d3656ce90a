"""Quantified targets (chỉ tiêu) stated in bulletins: extraction at index time, lookup at query time.

Rule based over sentences (no pyvi), so it is cheap enough to run on every paragraph of every build.
A target is a quantity (a number with its unit or counted noun) in a sentence that commits to a
future result: a goal cue (chỉ tiêu, mục tiêu, phấn đấu, đề ra), a deadline ("đến năm 2030"), a
plan word with a year ("sẽ ... năm 2023"), a year the bulletin elsewhere ties to a goal, or a
paragraph whose earlier sentence did one of those. Reports of results (đã, hiện nay, ước đạt, a year
never tied to a goal) are not targets. The rules and their measured quality: docs/targets.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from index.terms.sentences import sentence_spans

RULES_VERSION = 3  # bump when the rules change: saved targets are then stale (3: two-syllable denominators)

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"  # 4.520 | 41,45 | 2.000.000,5
# Numbers that are not quantities, blanked (same length) before quantities are looked for: document
# numbers, dates, fractions, years. The (?=...) prefix lets the engine skip to digits quickly.
_MASK_RE = re.compile(r"(?=[\dIVX])(?:(?<![\d.,])\d[\d.,]*/\S+|(?<!\w)[IVX]+/\d+|(?<!\d)\d+-[^\W\d_]\S*"
                      r"|(?<!\w)\d{1,2}[-.]\d{1,2}[-.]\d{2,4}\b|(?<!\w)(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b)")
# Words after which a number is a date, an ordinal or a name ("Sáng 9-3", "Trung ương 6", "Quốc lộ 80").
_NAMED_RE = re.compile(r"\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|thứ|số|lần|khóa|khoá|giai đoạn|loại|lộ|kỳ|phường|"
                       r"quận|tầng|ương|TW|TƯ)\s+$", re.I)
_QTY_RE = re.compile(rf"(?<![\w.,/§%–-])({_NUM})(?:\s*[-–]\s*({_NUM})|\s+đến\s+({_NUM}))?(?![\w§/]|[.,]\d)")
_PCT_RE = re.compile(r"\s?%(?:/\s?(?:năm|tháng))?")
# What a share is of, kept in its value ("20% GRDP") and never taken for the thing measured.
_SHARE_BASES = frozenset("grdp gdp grdp/người gni".split())
_QUALIFIER_WORDS = 3  # a longer phrase after a % says what is counted ("100% xã đạt chuẩn ..."), not of what
_CONTRIBUTES_RE = re.compile(r"\s*\bđóng góp\s*$", re.I)  # "X đóng góp 45% GRDP": X is what is measured
# "/năm", "/người/năm", and the two-syllable denominators of statistics ("/lao động", "/vạn dân").
_PER = r"/(?:lao động|người dân|hộ dân|hộ gia đình|gia đình|học sinh|vạn dân|nghìn dân|ngàn dân|[^\W\d_]+)"
_MEASURE_RE = re.compile(r"\s+(?:(nghìn tỷ|ngàn tỷ|nghìn|ngàn|triệu|tỷ|tỉ)\s+)?(đô la Mỹ|đô-la Mỹ|đô la|USD|đồng|ha|"
                         rf"km²|km2|km|m²|m2|m³|m3|MW|kW|GW|tấn|lít)(?![\w²³])((?:{_PER})*)")
_MAGNITUDE_RE = re.compile(r"\s+(nghìn|ngàn|triệu|tỷ|tỉ)(?=\s)")
_WORD_RE = re.compile(r"\s+([^\W\d_][\w&]*(?:-[^\W\d_][\w&]*)*)")
_PER_RE = re.compile(rf"(?:{_PER})+")
_PER_GAP_RE = re.compile(r"\s*(?:trên|/|mỗi)\s*")
_DENOMINATOR_RE = re.compile(r"\b(?:trên|mỗi)\s+$")
_QUALIFIER_RE = re.compile(r"(?<!chiều )(?<!độ )\b(?:dài|rộng|sâu)\s+$")  # "tàu cá dài từ 15 m": which boats
# A lone classifier counts something named before it: "giảm số tàu cá ... xuống còn 4.800 chiếc".
_CLASSIFIERS = frozenset("chiếc con cái căn ngôi tấm bộ".split())
# Words that end a counted noun ("5 khu công nghiệp, 14 ..." / "40 HTX và 120 tổ hợp tác").
_NOUN_STOP = frozenset("và với của cho đến trên dưới từ là có được đã đang sẽ so trong ngoài tại ở theo để khi mà này "
                       "đó hoặc hay gồm mỗi trở đạt chiếm tăng giảm vào nhằm thuộc bằng lên xuống còn cùng về như sau "
                       "trước nhưng thì".split())
# Counted things that are never targets: time spans, meetings, documents, ordinals of a kind.
_NOT_COUNTED = frozenset("ngày tháng năm quý tuần giờ phút giây lần buổi khóa kỳ tuổi sao điều khoản chương mục bước "
                         "vòng".split())
_NOT_COUNTED_PAIRS = frozenset("đại biểu|điểm cầu|điểm phần|nghị quyết|kết luận|quyết định|chỉ tiêu|văn bản|đồng chí"
                               .split("|"))
_COMPARATORS = {"không dưới": ">=", "ít nhất": ">=", "tối thiểu": ">=", "không vượt quá": "<=", "không quá": "<=",
                "tối đa": "<=", "trên": ">", "hơn": ">", "vượt": ">", "dưới": "<", "khoảng": "~", "gần": "~",
                "xấp xỉ": "~", "chừng": "~", "từ": ">="}
_COMPARATOR_RE = re.compile(rf"(?:\b(?:{'|'.join(sorted(_COMPARATORS, key=len, reverse=True))})\s+){{1,2}}$", re.I)
_AFTER_RE = re.compile(r"\s+trở (lên|xuống)\b")
_CURRENCY = {"đô la mỹ": "USD", "đô-la mỹ": "USD", "đô la": "USD", "usd": "USD"}
_MAGNITUDE = {"tỉ": "tỷ", "ngàn": "nghìn", "ngàn tỷ": "nghìn tỷ"}

# Commitment and time, matched against the lower-cased sentence (cheaper than re.I on Vietnamese).
_CUE_RE = re.compile(r"chỉ tiêu|(?<!chương trình )mục tiêu(?!\s*[,;.])|phấn đấu|đề ra|đặt ra")
# (?=[...]) prefixes name the first letters so that the engine skips to them (several times faster).
_WEAK_RE = re.compile(r"(?=[sd])(?:(?<!\w)sẽ\b|dự kiến)")
_ACHIEVED_RE = re.compile(r"(?=[hv])(?<!\w)(?:hoàn thành|vượt|về đích)(?:\s+\S+){0,2}?\s+"
                          r"(?:chỉ tiêu|mục tiêu|kế hoạch)")
_PAST_RE = re.compile(r"(?=[đhưstv])(?<!\w)(?:đã\b|đến nay\b|đến hết\b|vừa qua\b|so với cùng kỳ|tháng đầu năm"
                      r"|(?<!thực )(?<!phát )(?<!xuất )(?<!thể )hiện (?:nay|có|đạt|đang|chiếm|ở mức)\b"
                      r"|ước (?:đạt|chiếm|khoảng|tính)\b)")
_YEAR_RE = re.compile(r"(?<![\w/.-])(năm\s+)?((?:19|20)\d\d)\b(?!-\d)")  # "năm 2030", "đến 2030"
# Before "năm 2030": a horizon (ignored), "vào" (the year qualifies the value before it), "đến/tới/
# cuối" (a deadline for what follows); anything else is a plain mention of a year.
_YEAR_LEAD_RE = re.compile(r"(?:(tầm nhìn\s+)|(vào\s+)|\b(?:đến|tới|cuối|hết)\s+)(?:(?:đến|tới)\s+)?"
                           r"(?:cuối\s+|hết\s+)?$")
_PERIOD_RE = re.compile(r"\b(?:giai đoạn|thời kỳ)\s+(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)\b")
_DIGIT_RE = re.compile(r"\d")

# Indicator wording: the year phrase is dropped (the year is a field of its own), then the verb chain
# before the value ("phấn đấu đạt", "giảm còn"); the text after the last cue is the indicator.
_YEAR_PHRASE_RE = re.compile(r"\b(?:(?:đến|vào|tới|trong)\s+)?(?:cuối\s+|hết\s+)?năm\s+(?:19|20)\d\d\b"
                             r"|\b(?:đến|vào|tới)\s+(?:cuối\s+)?(?:19|20)\d\d\b(?!-\d)", re.I)
_TAIL_VERB_RE = re.compile(r"\b(?:phấn đấu|giảm còn|giảm xuống|tăng lên|nâng lên|đạt|là|chiếm|có|gồm|còn|lên|xuống|"
                           r"bằng|đón|sẽ|được|với|ở mức|duy trì|trong đó|theo đó|thêm)$", re.I)
_CUT_RE = re.compile(r"\b(?:đề ra|đặt ra|đặt mục tiêu|chỉ tiêu|mục tiêu|phấn đấu|cho biết|nhấn mạnh|sẽ|dự kiến|"
                     r"(?<!so )với|gồm|trong đó|theo đó|trong số đó)\b|;", re.I)
_INTRO_RE = re.compile(r"^\W*(?:(?:Theo|Đến|Về|Trong|Tại|Riêng|Đối với|Bên cạnh|Ngoài ra|Mục tiêu|Cũng|Giai đoạn|"
                       r"Năm)\b[^,]{0,60},\s*|(?:và|hoặc|còn|trong đó|theo đó|được|sẽ|nâng|có|đạt|là)(?:\s+|$))", re.I)
_TRAIL_RE = re.compile(r"(?:\s+(?:của toàn tỉnh|của tỉnh|toàn tỉnh|trên địa bàn|từ|trên|dưới|khoảng))+$|[\s,;:–-]+$",
                       re.I)
_SPEAKER_RE = re.compile(r"(?:Ông|Bà|Đồng chí)\b.*,")
_FILLER_WORDS = frozenset("tỉnh toàn của thành phố huyện quy hoạch phương án chương trình liên minh ban sở".split())
# The thing a share is of ("100% xã đạt chuẩn"): words only, up to a clause break.
_FOLLOW_RE = re.compile(r" (?!(?:và|hoặc|so|vào|đến|để|nhằm|trong|của|với|là|đạt|trở|tăng|giảm)\b)"
                        r"([^\W\d_]+(?:[ -]+[^\W\d_]+)*?)"
                        r"(?=\s+(?:(?:và|so với|để|nhằm|trong năm)\b|(?:vào|đến|tới)\s+(?:năm|cuối|\d))"
                        r"|\s*[,;.:()]|\s*$|\s+\d)")


@dataclass(frozen=True, slots=True)
class Target:
    """One quantified target, pointing at the verbatim sentence that states it."""

    file: str  # bulletin file name
    position: int  # paragraph position in the bulletin
    start: int  # sentence span [start, end) within the paragraph text
    end: int
    indicator: str  # what is measured, in the bulletin's words
    value: str  # as written: "từ 50-55%", "trên 3%", "4.520 đô la Mỹ", "5 khu công nghiệp"
    low: float | None
    high: float | None
    comparator: str  # = > < >= <= ~ range
    unit: str  # %, USD, tỷ đồng, ha, km, or the counted noun
    year: int | None  # deadline, stated or inherited from the paragraph


@dataclass(frozen=True, slots=True)
class _Facts:
    """What one sentence says about time and commitment."""

    cue: bool
    past: bool
    weak: bool
    due: tuple[tuple[int, int, bool], ...]  # (offset, year, points back) of "đến năm Y" / "vào năm Y"
    bare: tuple[tuple[int, int], ...]  # (offset, year) of other "năm Y"
    period: int | None  # end of "giai đoạn 2021-2030"

    @property
    def years(self) -> list[int]:
        return [y for _, y, _ in self.due] + [y for _, y in self.bare] + ([self.period] if self.period else [])

    @property
    def committed(self) -> bool:
        """A goal cue, or a deadline/plan word with a year: the sentence's years are target years."""
        return self.cue or (not self.past and bool(self.due or (self.weak and self.years)))


def _facts(sentence: str) -> _Facts:
    low, due, bare = sentence.lower(), [], []
    digits = _DIGIT_RE.search(low) is not None
    for m in _YEAR_RE.finditer(low) if digits else ():
        lead = _YEAR_LEAD_RE.search(low, max(0, m.start() - 24), m.start())
        if (lead and lead.group(1)) or not (lead or m.group(1)):
            continue  # "tầm nhìn đến năm 2050" is a horizon; a bare "2030" is a year only after "đến/vào"
        if lead:
            due.append((m.start(), int(m.group(2)), bool(lead.group(2))))
        else:
            bare.append((m.start(), int(m.group(2))))
    period = _PERIOD_RE.search(low) if digits else None
    achieved = bool(_ACHIEVED_RE.search(low))
    return _Facts(bool(_CUE_RE.search(low)) and not achieved, achieved or bool(_PAST_RE.search(low)),
                  bool(_WEAK_RE.search(low)), tuple(due), tuple(bare), int(period.group(1)) if period else None)


def _is_target(f: _Facts, target_years: set[int], inherited: bool) -> bool:
    if f.committed:
        return True
    if f.past:
        return False
    stated = [y for _, y in f.bare] + ([f.period] if f.period else [])
    if stated:  # "Năm 2022, ... đạt 31,2%" is a result unless the bulletin ties 2022 to a goal
        return all(y in target_years for y in stated)
    return inherited


def _year_at(f: _Facts, offset: int, inherited: int | None) -> int | None:
    """The deadline of a quantity: "... 12% vào năm 2025" points back, "đến năm 2030 ... 20%" forward;
    then other years of the sentence (the nearest before it), its period, the paragraph's year."""
    back = [y for at, y, points_back in f.due if points_back and at > offset]
    for found in ([(at, y) for at, y, _ in f.due], list(f.bare)):
        before = [y for at, y in found if at < offset]
        if found and not back:
            return before[-1] if before else found[0][1]
    return back[0] if back else f.period or inherited


def extract_targets(file: str, paragraphs: Sequence[str]) -> list[Target]:
    """The targets of one bulletin, given its body paragraph texts in order (positions 0..n-1)."""
    # A paragraph without digits states no quantity and no year: nothing to find, nothing to pass on.
    spans = [sentence_spans(text) if _DIGIT_RE.search(text) else [] for text in paragraphs]
    facts = [[_facts(text[a:b]) for a, b in para] for text, para in zip(paragraphs, spans)]
    target_years = {y for para in facts for f in para if f.committed for y in f.years}
    out: list[Target] = []
    for position, text in enumerate(paragraphs):
        active, year = False, None  # a paragraph's goal context carries to its later sentences
        for (a, b), f in zip(spans[position], facts[position]):
            active = _is_target(f, target_years, active)
            if not active:
                year = None
                continue
            out += _sentence_targets(file, position, text, (a, b), f, year)
            stated = sorted([(at, y) for at, y, _ in f.due] + list(f.bare))
            year = (stated[-1][1] if stated else f.period) or year
    return out


def _sentence_targets(file: str, position: int, text: str, span: tuple[int, int], f: _Facts,
                      inherited: int | None) -> list[Target]:
    a, b = span
    sentence = text[a:b]
    masked = _MASK_RE.sub(lambda m: "§" * len(m.group(0)), sentence)
    out: list[Target] = []
    lead = begin = 0
    for m in _QTY_RE.finditer(masked):
        unit = _unit(sentence, m.end())
        if unit is None or m.start() < lead or _NAMED_RE.search(sentence, max(0, m.start() - 12), m.start()):
            continue
        name, unit_end, noun, follow = unit
        if out and _PER_GAP_RE.fullmatch(sentence, lead, m.start()):  # "11 bác sĩ trên 10.000 dân"
            out[-1] = replace(out[-1], value=sentence[begin:unit_end],
                              unit=f"{out[-1].unit}{sentence[lead:m.start()]}{sentence[m.start():unit_end]}")
            lead = unit_end
            continue
        if m.group(0) == "1" and _just_before(_DENOMINATOR_RE, sentence, m.start()):
            continue  # "giá trị sản xuất trên 1 ha": a denominator, not a value
        at, comparator = _comparator(sentence, m)
        if _just_before(_QUALIFIER_RE, sentence, at):
            continue
        base = _share_base(follow)
        # "đến năm 2025 đạt 70%, đến năm 2030 đạt 80%": the second value measures the same thing
        before = _CONTRIBUTES_RE.sub("", sentence[lead:at]) if name.startswith("%") else sentence[lead:at]
        indicator = _indicator(before, noun, "" if base else follow) or (out[-1].indicator if out else name)
        value_end = unit_end + _qualifier_chars(follow, base, indicator)
        if after := _AFTER_RE.match(sentence, value_end):
            comparator, value_end = (">=" if after.group(1) == "lên" else "<="), after.end()
        low, high = _bounds(m, comparator)
        out.append(Target(file, position, a, b, indicator, sentence[at:value_end], low, high, comparator, name,
                          _year_at(f, m.start(), inherited)))
        begin, lead = at, max(value_end, unit_end + (len(follow) + 1 if follow else 0))
    return out


def _just_before(pattern: re.Pattern[str], sentence: str, at: int) -> re.Match[str] | None:
    """`pattern` (a short word, then spaces, then the end) matched right before `at`: searched from a few characters
    before the spaces, not from the sentence's start (that was quadratic in a sentence of thousands of figures)."""
    word_end = at
    while word_end > 0 and sentence[word_end - 1].isspace():
        word_end -= 1
    return pattern.search(sentence, max(0, word_end - 8), at)


def _unit(sentence: str, at: int) -> tuple[str, int, str, str] | None:
    """(normalised unit, end offset, the counted noun or '', noun phrase after a %) or None for a bare number."""
    if m := _PCT_RE.match(sentence, at):
        follow = _FOLLOW_RE.match(sentence, m.end())
        return m.group(0).strip(), m.end(), "", follow.group(1) if follow else ""
    if m := _MEASURE_RE.match(sentence, at):
        magnitude, unit, per = m.groups()
        unit = _CURRENCY.get(unit.lower(), unit)
        if magnitude:
            unit = f"{_MAGNITUDE.get(magnitude, magnitude)} {unit}"
        return unit + (per or ""), m.end(), "", ""
    return _counted(sentence, at)


def _counted(sentence: str, at: int) -> tuple[str, int, str, str] | None:
    """A counted noun after the number ("5 khu công nghiệp", "8,6 triệu lượt khách"), up to five words."""
    magnitude = _MAGNITUDE_RE.match(sentence, at)
    pos, words = (magnitude.end() if magnitude else at), list[str]()
    while len(words) < 5 and (w := _WORD_RE.match(sentence, pos)) and w.group(1).lower() not in _NOUN_STOP:
        words.append(w.group(1))
        pos = w.end()
    low = [w.lower().replace("khoá", "khóa") for w in words]
    if not words or low[0] in _NOT_COUNTED or " ".join(low[:2]) in _NOT_COUNTED_PAIRS:
        return None
    noun = " ".join(words)
    per = _PER_RE.match(sentence, pos)
    if per:  # "18 triệu hành khách/năm" is a rate: a measure whose indicator is its subject
        pos = per.end()
    unit = (f"{_MAGNITUDE.get(magnitude.group(1), magnitude.group(1))} " if magnitude else "") + noun
    return unit + (per.group(0) if per else ""), pos, "" if per else noun, ""


def _share_base(follow: str) -> str:
    """The base of a share after its % ("GRDP" of "20% GRDP của tỉnh"), else ''."""
    cleaned = _clean(follow)
    return cleaned if cleaned.split()[:1] and cleaned.split()[0].lower() in _SHARE_BASES else ""


def _qualifier_chars(follow: str, base: str, indicator: str) -> int:
    """How many characters after the unit belong to the value: the base of a share, or a short phrase
    after a % that the indicator does not already hold ("trên 90% số hộ"); 0 for none."""
    qualifier = base or _clean(follow)
    if not qualifier or not follow.startswith(qualifier) or (not base and qualifier in indicator):
        return 0
    return 1 + len(qualifier) if base or len(qualifier.split()) <= _QUALIFIER_WORDS else 0


def _comparator(sentence: str, m: re.Match[str]) -> tuple[int, str]:
    """Where the value as written begins ("từ 50-55%", "không dưới 12%"), and its comparator."""
    before = _COMPARATOR_RE.search(sentence, max(0, m.start() - 24), m.start())
    if before is None:
        return m.start(), "range" if m.group(2) or m.group(3) else "="
    phrase = before.group(0).lower()
    found = [op for word, op in _COMPARATORS.items() if word in phrase and word != "từ"]
    return before.start(), "range" if m.group(2) or m.group(3) else (found or [">="])[0]


def _number(raw: str) -> float:
    """'4.520' -> 4520, '41,45' -> 41.45 (Vietnamese separators)."""
    return float(raw.replace(".", "").replace(",", "."))


def _bounds(m: re.Match[str], comparator: str) -> tuple[float | None, float | None]:
    first, second = _number(m.group(1)), m.group(2) or m.group(3)
    if second:
        return first, _number(second)
    return (None if comparator in ("<", "<=") else first), (None if comparator in (">", ">=") else first)


def _clean(segment: str) -> str:
    """A segment without introductory clauses, leading links and trailing 'of the province'."""
    segment = segment.strip()
    while (intro := _INTRO_RE.match(segment)) and intro.end() > 0:
        segment = segment[intro.end() :].strip()
    cut = max(0, len(segment) - 40)  # only the end can trail: do not scan the whole segment
    segment = (segment[:cut] + _TRAIL_RE.sub("", segment[cut:])).strip(" ,;:()")
    if _SPEAKER_RE.match(segment):
        return ""  # a speaker ("Ông X, Giám đốc Sở Y"), not what is measured
    return segment


def _is_filler(segment: str) -> bool:
    """Empty, a proper name ("Kiên Giang", "Quy hoạch") or a generic actor ("toàn tỉnh")."""
    words = segment.split()
    return all(w[:1].isupper() or w.lower() in _FILLER_WORDS for w in words)


def _indicator(lead: str, noun: str, follow: str) -> str:
    """What the quantity measures, from the words before it (and after it for "100% xã đạt chuẩn")."""
    core = " ".join(_YEAR_PHRASE_RE.sub(" ", lead[-300:]).split()).rstrip(" ,")  # bounded work per value
    verbs = False
    for _ in range(6):  # one verb at a time ("phấn đấu đạt"): a single regex would backtrack badly
        if (tail := _TAIL_VERB_RE.search(core, max(0, len(core) - 12))) is None:
            break
        core, verbs = core[: tail.start()].rstrip(" ,"), True
    pieces = [_clean(p) for p in _CUT_RE.split(core)]
    touching = "" if verbs else pieces[-1]  # an action right before the value: "thành lập mới" 40 HTX
    touching = "" if _is_filler(touching) else touching
    subject = next((p for p in reversed(pieces) if not _is_filler(p)), "")
    follow = _clean(follow)
    if noun.lower() in _CLASSIFIERS and subject:
        return subject[-160:]
    if noun:
        return f"{touching} {noun}" if touching and len(touching.split()) <= 4 else noun
    if follow and (touching or not subject):
        return f"{touching} {follow}".strip()
    return subject[-160:]


_FIELD_NAMES = tuple(f.name for f in fields(Target))


def targets_to_json(targets: Iterable[Target]) -> list[dict[str, Any]]:
    # Not dataclasses.asdict: its deep copies were a third of an incremental build at 100k paragraphs.
    return [{name: getattr(t, name) for name in _FIELD_NAMES} for t in targets]


def targets_from_json(rows: Iterable[dict[str, Any]]) -> list[Target]:
    """Targets from targets_to_json's output; ValueError on a malformed row (an old or edited index)."""
    names = [f.name for f in fields(Target)]
    out = []
    for row in rows:
        if not isinstance(row, dict) or set(row) != set(names):
            raise ValueError(f"malformed target row: {row!r:.200}")
        low, high, year = row["low"], row["high"], row["year"]
        out.append(Target(
            str(row["file"]), int(row["position"]), int(row["start"]), int(row["end"]), str(row["indicator"]),
            str(row["value"]), None if low is None else float(low), None if high is None else float(high),
            str(row["comparator"]), str(row["unit"]), None if year is None else int(year),
        ))
    return out
