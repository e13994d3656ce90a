"""Checks on the kind of thing a question asks for: a figure at all, a document's number (documents.py), the
measure of the quantity it asks ("bao nhiêu tấn" is not answered by "12.300 ha"), a count rather than a share,
what that measure or rate is of ("xuất khẩu gạo" is not "xuất khẩu thủy sản", "tỷ lệ che phủ rừng" is not "tỷ lệ
đô thị hóa"), an average, output rather than capacity, what was achieved rather than a target, a share of GRDP
rather than of another whole. `asked_failure` runs them in order.
"""

from __future__ import annotations

import functools
import itertools
import re

from index.answer.documents import asked_document_kind, document_failure, number_failure
from index.answer.failure import Failure
from index.answer.features import DOCUMENT_NUMBER_RE, PEOPLE_COUNT_RE, PEOPLE_UNITS
from index.answer.tense import asks_actual, asks_done, only_goal, only_plan
from index.answer.years import stated_figures
from index.retrieval.focus import SPEAKERS
from index.retrieval.query import Query
from index.text import folded_text


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return folded_text(text.replace("²", "2").replace("³", "3"))  # "m²", "m³"


# Measures, folded: what "bao nhiêu <unit>" asks for, and the units a figure of that measure is written in.
_MEASURES = {
    "mass": ("tan(?! binh| sinh vien)|kg|kilogam", "tan|kg|kilogam|ta"),  # "bao nhiêu tân binh" counts people
    "area": ("ha|hecta|hec ta|m2|km2|met vuong", "ha|hecta|m2|km2|met vuong"),
    "length": ("km|kilomet|met(?! vuong| khoi)", "km|kilomet|m|met(?! vuong| khoi)"),
    "volume": ("m3|lit|met khoi", "m3|lit|met khoi"),
    "power": ("mw|kw|kwh|gw|megawatt", "mw|kw|kwh|gw|megawatt|mwp|kwp"),
    "people": ("nguoi|lao dong|dan|cu dan|nhan khau", PEOPLE_UNITS),  # stated: features.PEOPLE_COUNT_RE
}
_ASKED_MEASURE_RES = {name: re.compile(rf"\b(?:bao nhieu|may|bn)\s+(?:{asked})\b")
                      for name, (asked, _) in _MEASURES.items()}
_STATED_MEASURE_RES = {name: re.compile(rf"\d(?:[.,]?\d)*\s*(?:(?:nghin|ngan|trieu|ty|van)\s+)?(?:{units})\b")
                       for name, (_, units) in _MEASURES.items() if name != "people"}
_STATED_MEASURE_RES["people"] = PEOPLE_COUNT_RE  # one reading of a count of people (features.number_fit too)
# Trade turnover, revenue, loans outstanding, capital, cost and price are sums of money whatever words come between
# them and "bao nhiêu" (unless the question counts something else: "bao nhiêu dự án").
_ASKED_MEASURE_RES["money"] = re.compile(
    r"\b(?:kim ngach|doanh thu|du no|von|kinh phi|chi phi|ngan sach|tong muc dau tu|gia ban|gia thue|muc gia"
    r"|don gia)\b")
# A capacity ("công suất bao nhiêu") is stated as a rate or a power, or named: "12.000 tấn nguyên liệu/năm",
# "24.000 m3/ngày đêm", "1.500 MW", "công suất 64,8 MWp".
_ASKED_MEASURE_RES["capacity"] = re.compile(r"\bcong suat\b")
_STATED_MEASURE_RES["capacity"] = re.compile(r"\bcong suat\b|\d[\d.,]*\s*(?:mw|kw|gw|mwp|kwp)\b"
                                             r"|\d[\d.,]*\s*[^\d\s]*(?:\s+\w+){0,2}\s*/\s*(?:nam|ngay|gio|thang)\b")
_STATED_MEASURE_RES["money"] = re.compile(
    r"\d[\d.,]*\s*(?:(?:nghin|ngan|trieu|ty|ti)\s+)?(?:dong|usd|do la)\b|\d[\d.,]*\s*(?:ty|trieu)\b")


# Households, read with their accents ("hồ sơ", "họ" and "hỗ trợ" fold to "ho" too): "bao nhiêu hộ" is answered
# by a number of households, not a sum of money given to each.
_HOUSEHOLDS_ASKED_RE = re.compile(r"\b(?:bao nhiêu|mấy|bn) hộ\b(?! (?:chiếu|khẩu))", re.I)
_STATED_MEASURE_RES["households"] = re.compile(r"\d(?:[.,]?\d)*\s*(?:(?:nghin|ngan|trieu|van)\s+)?ho\b")


# How much a sum rose or fell may be answered in per cent ("giá bán tăng khoảng bao nhiêu": "tăng 20%").
_CHANGE_RE = re.compile(r"\b(?:tang|giam)(?: them| len| xuong)?(?: khoang| duoc)? (?:bao nhieu|may|bn)\b")


# Words after "bao nhiêu" that are units or sums, not things counted ("bao nhiêu tỷ đồng", "bao nhiêu 1 m2").
_UNIT_SYLLABLES = frozenset(
    "tan kg kilogam ta ha hecta hec m2 km2 met vuong km kilomet m m3 lit khoi mw kw kwh gw megawatt "
    "ti ty trieu dong tien usd do la nghin ngan mot".split())


def _counts_things(query: Query) -> bool:
    return any(not (w in _UNIT_SYLLABLES or w.isdigit()) for w in query.counting)


@functools.lru_cache(maxsize=64)  # asked of every candidate of one question
def asked_measure(query: Query) -> str | None:
    """The measure a "bao nhiêu" question asks in: "bao nhiêu tấn lúa một hecta" asks a mass."""
    # Abbreviations' readings come after the text: "KNXK ... bao nhiêu" asks a sum, as "kim ngạch" does.
    readings = " ".join(" ".join(option) for group in query.groups for option in group.options)
    folded = f"{_folded(query.text)} . {_folded(readings)}"
    found = [(m.start(), name) for name, r in _ASKED_MEASURE_RES.items() if (m := r.search(folded))
             and not (name == "money" and (_counts_things(query) or _CHANGE_RE.search(folded)))]
    if not found and _HOUSEHOLDS_ASKED_RE.search(query.text):
        found = [(0, "households")]
    return min(found)[1] if found and "number" in query.cues and not query.percent else None


# Numbers spelled out ("hai khu kinh tế", "ba trăm"); "một" and "năm" are too often no number to count as one.
# Accented: folded, "sau" (after) and "tu" (from) would be read as numbers.
_SPELLED_RE = re.compile(r"\b(?:hai|ba|bốn|tư|sáu|bảy|tám|chín|mười|chục|trăm|nghìn|ngàn|triệu|tỷ|một nửa|gấp đôi)\b",
                         re.I)


# Numbers that name rather than count: a plenum, a term ("Nghị quyết Trung ương 6 khóa XIII", "lần thứ 5"), a year,
# a document ("số 28-CTr/TU", "178/2024/NĐ-CP": features.DOCUMENT_NUMBER_RE, read first).
_NAMING_RE = re.compile(r"\b(?:trung ương|tw|khóa|khoá|lần thứ|hội nghị)\s*\d+|\b(?:19|20)\d\d\b", re.I)


# A date counts nothing ("Thông báo số 1092-TB/TU ngày 12/2/2025"): a day, a day and month, a full date.
_DATE_RE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bngày\s+\d{1,2}(?:/\d{1,2})?\b|\btháng\s+\d{1,2}\b", re.I)


def figure_failure(query: Query, sentence: str, following: str = "") -> Failure | None:
    """A sentence with no figure at all ("... đến nay chưa có tổ chức đảng nào"), or only numbers that name a
    plenum, a year or a document ("Các cấp ủy ... quán triệt ... Nghị quyết Trung ương 6"), does not answer "bao
    nhiêu"; nor "số mấy" unless the sentence `following` it has one (it is then quoted with it). A document's
    number asked is documents.number_failure's; "đường dây nóng số mấy" asks a figure."""
    if not query.cues & {"number", "docno"} or asked_document_kind(query) is not None:
        return None
    text = sentence if "number" in query.cues else f"{sentence} {following}"
    dateless = text if "docno" in query.cues else _DATE_RE.sub(" ", text)
    counted = _NAMING_RE.sub(" ", DOCUMENT_NUMBER_RE.sub(" ", dateless))
    return None if any(ch.isdigit() for ch in counted) or _SPELLED_RE.search(counted) else Failure("measure", "số")


_AVERAGE_ASKED_RE = re.compile(r"\b(?:binh quan|trung binh|bq)\b")
_AVERAGE_RE = re.compile(r"\b(?:binh quan|trung binh|bq|moi|dau nguoi|hang nam|moi nam)\b|/")


def average_failure(query: Query, sentence: str) -> Failure | None:
    """An average asked ("doanh thu bình quân mỗi HTX") is not answered by one instance's figure."""
    if _AVERAGE_ASKED_RE.search(_folded(query.text)) and not _AVERAGE_RE.search(_folded(sentence)):
        return Failure("measure", "bình quân")
    return None


# Output asked ("sản lượng xi măng", "sản xuất được bao nhiêu tấn") is not capacity ("tổng công suất 1,8 triệu
# tấn/năm"), unless the sentence states output too.
_OUTPUT_ASKED_RE = re.compile(r"\b(?:san luong|san xuat duoc|khai thac duoc|thu hoach duoc)\b")
_OUTPUT_RE = re.compile(r"\b(?:san luong|san xuat|khai thac|thu hoach|dat|dua ra|cung cap|tieu thu)\b")


def output_failure(query: Query, sentence: str) -> Failure | None:
    folded = _folded(sentence)
    if (_OUTPUT_ASKED_RE.search(_folded(query.text)) and "cong suat" in folded
            and not _OUTPUT_RE.search(folded.replace("cong suat", " "))):
        return Failure("measure", "sản lượng")
    return None


def measure_failure(query: Query, sentence: str) -> Failure | None:
    """A sentence with no figure in the measure asked ("bao nhiêu người" and only "1.500 MW", "2,2 tỷ USD")
    does not answer."""
    measure = asked_measure(query)
    if measure is None:
        return None
    folded = _folded(sentence)
    if measure in ("mass", "volume"):  # a capacity ("công suất 400 tấn/ngày") is not the amount made or used
        folded = _CAPACITY_FIGURE_RE.sub(" ", folded)
    return None if _STATED_MEASURE_RES[measure].search(folded) else Failure("measure", measure)


_CAPACITY_FIGURE_RE = re.compile(r"\bcong suat(?: thiet ke| xu ly| toi da)?(?: (?:la|dat|khoang|gan|hon|tren|len|den))*"
                                 r" \d[\d.,]*\s*\S+")


# What a measure is of: "kim ngạch xuất khẩu gạo", "sản lượng xi măng", "năng suất lúa", "nhà máy sản xuất
# surimi". A sentence measuring the same of something else ("kim ngạch xuất khẩu thủy sản", "cơ sở sản xuất
# nước mắm") does not answer for the thing asked, unless it names that too.
_HEADS = ("kim ngach xuat khau", "kim ngach nhap khau", "xuat khau", "nhap khau", "san luong", "nang suat",
          "dien tich", "gia tri san xuat", "san xuat", "che bien", "nuoi trong", "khai thac", "tieu thu")
_WHOLE = frozenset({("hang", "hoa"), ("hang",), ("chung",), ("toan", "bo")})  # "xuất khẩu hàng hóa": all
_OF_ALL = r"(?:hang hoa |chung )?(?:(?:cua )?(?:toan|ca) tinh|cua tinh)\b"  # "xuất khẩu (hàng hóa) của toàn tỉnh"
_SKIPPED = (("binh", "quan"), ("trung", "binh"), ("thuc", "te"))  # between a measure and its thing
# Syllables that end the name of the thing: question words, prepositions, places, time, amounts.
_NOT_THING = frozenset(
    "bao nhieu may bn gi nao duoc tren moi qua cua cho voi den tai o tu trong ngoai va la dat cac ca toan nam "
    "tinh huyen thanh pho xa thi tran khoang uoc hang tang giam chu yeu nay nhung hon so dau cuoi thang quy "
    "vao nhu the ra sao thi de ma khi gan hien co cung lai len xuong muc tong binh"
    " chung tuong ung".split())  # what a rate is said to be, not what it is of: "tỷ lệ chung", "các tỷ lệ tương ứng"


_HEAD_RE = re.compile(r"\b(" + "|".join(_HEADS) + r")\b(?=((?: [a-z0-9]+){0,4}))")


@functools.lru_cache(maxsize=4096)  # the question's, read against every candidate
def _things(folded: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each measure the (folded) text names (its last two syllables: "kim ngạch xuất khẩu" is "xuất khẩu") and
    the syllables naming what it is of, up to two."""
    out = []
    for match in _HEAD_RE.finditer(folded):
        head, words = tuple(match.group(1).split()), match.group(2).split()
        skip = next((len(k) for k in _SKIPPED if tuple(words[: len(k)]) == k), 0)
        thing = tuple(itertools.takewhile(lambda w: w not in _NOT_THING and w.isalpha(), words[skip : skip + 2]))
        out.append((head[-2:], () if thing in _WHOLE else thing))
    return tuple(out)


def thing_failure(query: Query, sentence: str) -> Failure | None:
    """A sentence measuring what the question measures of another thing, and not naming the thing asked; or,
    when the question asks for the whole ("kim ngạch xuất khẩu của toàn tỉnh"), measuring only a part of it
    that the question does not name ("kim ngạch xuất khẩu thủy sản")."""
    folded = _folded(sentence)
    question = _folded(query.text)
    present, words = set(re.findall(r"[a-z0-9]+", folded)), set(question.split())
    stated = _things(folded)
    for measure, asked in _things(question):
        others = [thing for head, thing in stated if head == measure]
        if asked and not present & set(asked) and any(t and not set(t) & set(asked) for t in others):
            return Failure("thing", " ".join(asked))
        whole = not asked and re.search(rf"\b{' '.join(measure)} {_OF_ALL}", question)
        if whole and others and all(t and not words & set(t) for t in others):
            return Failure("thing", " ".join(measure))
    return None


# "bao nhiêu tàu cá" counts; a sentence whose figures are all shares ("Cà Mau tăng trưởng 7,21%") states no count,
# unless the thing counted follows a share ("hỗ trợ 100% chi phí"). "chiếm bao nhiêu" asks a share; "bn" before
# the speaker ("chào bn, mình là ...") is "bạn".
_SPEAKERS = frozenset(folded_text(w) for w in SPEAKERS) | {"ban"}
# The word after "bao nhiêu": a preposition there asks a share ("đóng góp bao nhiêu trong nền kinh tế").
_AFTER_ASKING_RE = re.compile(r"\b(?:bao nhiêu|bao nhieu|mấy|bn) (\w+)")


@functools.lru_cache(maxsize=64)  # the question's, read against every candidate
def _counted(query: Query) -> frozenset[str]:
    """The things a question counts ("bao nhiêu tàu cá"); none when it asks a share or a measure."""
    if query.percent or asked_measure(query) or re.search(r"\bchiem\b", _folded(query.text)):
        return frozenset()
    counted = frozenset(w for w in query.counting if not (w in _UNIT_SYLLABLES or w.isdigit() or w in _NOT_THING))
    shares = any(_folded(w) in _NOT_THING for w in _AFTER_ASKING_RE.findall(query.text.lower()))
    return frozenset() if counted & _SPEAKERS or shares else counted


def states_count_asked(query: Query, sentence: str) -> bool | None:
    """Whether a figure of the sentence counts the thing the question counts ("41.260 mũi" for "bao nhiêu mũi"),
    within the three words after it; None when the question counts no thing."""
    counted = _counted(query)
    if not counted:
        return None
    return any(set(re.findall(r"[a-z0-9]+", _folded(sentence[m.end() :]))[:3]) & counted
               for m in stated_figures(sentence))


def count_failure(query: Query, sentence: str) -> Failure | None:
    """A count asked is not answered by a sentence stating only shares of other things."""
    counted = _counted(query)
    if not counted:
        return None
    figures = stated_figures(sentence)
    if not figures or not all(m.group(1) for m in figures):
        return None
    after = {w for m in figures for w in _folded(sentence[m.end() :]).split()[:3]}
    return None if after & counted else Failure("measure", "số")


# Measures that are amounts of a thing ("sản lượng lúa", "kim ngạch xuất khẩu gạo"), not activities ("sản xuất").
_AMOUNTS = frozenset({("xuat", "khau"), ("nhap", "khau"), ("san", "luong"), ("nang", "suat"), ("dien", "tich")})


def bare_measure_failure(query: Query, sentence: str, context: str) -> Failure | None:
    """A measure asked of a thing ("kim ngạch xuất khẩu rau quả") is not answered by the bare measure ("kim ngạch
    xuất khẩu đạt 1,35 tỷ USD") when neither the sentence nor its paragraph and title (`context`) name the thing:
    that is the measure of the whole."""
    stated = _things(_folded(sentence))
    present = set(re.findall(r"[a-z0-9]+", _folded(f"{sentence} {context}")))
    for measure, asked in _things(_folded(query.text)):
        bare = [thing for head, thing in stated if head == measure]
        if measure in _AMOUNTS and asked and bare and not any(bare) and not present & set(asked):
            return Failure("thing", " ".join(asked))
    return None


# What a rate is of: the words after "tỷ lệ" in the question, up to five ("tỷ lệ che phủ rừng của tỉnh năm 2030").
_RATE_RE = re.compile(r"\b(?:ty|ti) le\b((?: [a-z0-9]+){0,5})")


@functools.lru_cache(maxsize=64)  # the question's, read against every candidate
def _rated(query: Query) -> tuple[str, ...]:
    """What the question's rate is of: the words after its "tỷ lệ", function words left out."""
    return tuple(w for w in " ".join(_RATE_RE.findall(_folded(query.text))).split()
                 if w not in _NOT_THING and w.isalpha())


_RANKED_RE = re.compile(r"\b(?:cao|thap) (?:nhat|hon)\b")


def rate_failure(query: Query, sentence: str) -> Failure | None:
    """A rate asked ("tỷ lệ che phủ rừng") is not answered by a sentence giving the rate of something else ("Tỷ lệ
    đô thị hóa đạt từ 50-55%") and naming none of what the question's rate is of."""
    asked = _rated(query)
    if not asked:
        return None
    folded = _RANKED_RE.sub(" ", _folded(sentence))  # "tỷ lệ thấp nhất" says how high, not what of
    if set(asked) & set(re.findall(r"[a-z0-9]+", folded)):
        return None
    stated = [tuple(itertools.takewhile(lambda w: w not in _NOT_THING and w.isalpha(), m.split()[:2]))
              for m in _RATE_RE.findall(folded)]
    return Failure("thing", " ".join(asked)) if any(stated) else None


def actual_failure(query: Query, sentence: str) -> Failure | None:
    """What was achieved ("doanh thu thực tế năm 2024") is not answered by a target for it."""
    if asks_actual(query) and only_goal(sentence) or asks_done(query) and only_plan(sentence):
        return Failure("measure", "thực tế")
    return None


# A share of the economy asked ("chiếm bao nhiêu % GRDP", "tỷ trọng công nghiệp trong GRDP"): a share of another
# whole ("Nhân lực lao động kinh tế số trong lực lượng lao động đạt trên 3%") does not answer.
_OF_ECONOMY_RE = re.compile(r"(?:%|\bphan tram|\btrong|\bcua) (?:co cau )?(?:grdp|gdp|tong san pham)\b"
                            r"|\bco cau (?:kinh te|grdp|gdp)\b")
_ECONOMY_SHARE_RE = re.compile(r"\b(?:grdp|gdp|tong san pham|co cau|ty trong)\b")


def economy_share_failure(query: Query, sentence: str) -> Failure | None:
    if query.percent and _OF_ECONOMY_RE.search(_folded(query.text)) and not _ECONOMY_SHARE_RE.search(_folded(sentence)):
        return Failure("measure", "GRDP")
    return None


def asked_failure(query: Query, sentence: str, following: str = "") -> Failure | None:
    """The first check of what is asked the sentence fails: a figure, a document's number (stated in the sentence
    or in the one `following` it), the kind of document, the measure, a count, what it is of, an average, output
    rather than capacity, achieved rather than planned, a share of GRDP, what a rate is of."""
    if (failure := number_failure(query, sentence, following) or figure_failure(query, sentence, following)):
        return failure
    for check in (document_failure, measure_failure, count_failure, thing_failure, average_failure,
                  output_failure, actual_failure, economy_share_failure, rate_failure):
        if (failure := check(query, sentence)) is not None:
            return failure
    return None
