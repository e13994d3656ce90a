"""What makes a sentence a good answer beyond word coverage: answer-type cues, years, provinces."""

from __future__ import annotations

import functools
import re

from index.answer.roles import PERSON_RE
from index.answer.tense import GOAL_RE, IS_RE
from index.answer.years import compared_years
from index.retrieval.coverage import TextTerms
from index.retrieval.query import Query
from index.terms.lexicon import Lexicon, folded_words
from index.terms.tokenize import fold_term
from index.text import folded_lower

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*\s*%|\d+(?:[.,]\d+)*\s+(?!năm\b)\w|(?<!năm )(?<!\d)\d+(?:[.,]\d+)+")
_PERCENT_RE = re.compile(r"\d+(?:[.,]\d+)*\s*%")
_DATE_RE = re.compile(r"\b(?:ngày|tháng|năm)\s+\d|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?|\b(?:19|20)\d\d\b", re.I)
_WHO_RE = re.compile(
    r"\b(?:đồng chí|ông|bà|Ban|Sở|Ủy ban|Uỷ ban|UBND|HĐND|Tỉnh ủy|Tỉnh uỷ|Bộ|Chính phủ|Thủ tướng|Chủ tịch|"
    r"Bí thư|Giám đốc|Phó)\b|[A-ZĐ]\w+ [A-ZĐ]\w+ [A-ZĐ]\w+"
)
_WHERE_RE = re.compile(r"\b(?:tại|ở|trên địa bàn)\s+[A-ZĐÂ-Ỹ]", re.U)
_DOCNO_RE = re.compile(r"\d+[-/][A-ZĐ]")
# A document's whole number: "178/2024/NĐ-CP", "236/KH-UBND", "28-CTr/TU", "09-NQ/HU".
DOCUMENT_NUMBER_RE = re.compile(r"\b\d+(?:/(?:19|20)\d\d)?[-/][A-ZĐ][\wĐđ]*(?:[-/][A-ZĐ][\wĐđ]*)*")
# What a meeting or document is about: "tập trung thảo luận về ...", "gồm ...", "nội dung: ...".
_TOPIC_RE = re.compile(
    r"\b(?:về việc|về|gồm|bao gồm|tập trung|nội dung|chủ đề|xoay quanh|đề cập|thảo luận|cho ý kiến)\b|:", re.I)
# The kind of a place below the province, capitalised when it opens a sentence, then the words of its name ("Xã Lại
# Sơn", "huyện An Minh", "TP. Phú Quốc"); a name starts with an upper-case letter ("Huyện ủy" is a body). What
# "xã nào", "huyện nào", "địa phương nào" ask for, and what makes a figure a district's (districts.local_failure). The
# name is read ahead, so "xã thuộc huyện Kiên Hải" still finds "huyện Kiên Hải".
LOCAL_PLACE_RE = re.compile(
    r"\b(?:[Hh]uyện|[Tt]hành phố|TP\.?|[Tt]hị xã|[Tt]hị trấn|[Xx]ã|[Pp]hường|[Qq]uận|[Ấấ]p)\s+"
    r"(?=((?:[^\W\d_]+ ?){1,3}))")
_CUES = {"number": _NUMBER_RE, "date": _DATE_RE, "who": _WHO_RE, "where": _WHERE_RE, "docno": _DOCNO_RE,
         "topic": _TOPIC_RE, "place": LOCAL_PLACE_RE}


def names_place(query: Query, sentence: str) -> bool:
    """The sentence names a place, by its kind and capitalised name, that the question does not name."""
    for match in LOCAL_PLACE_RE.finditer(sentence):
        words = match.group(1).split()
        name = " ".join(words[: next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))])
        if name and folded_lower(name) not in query.places:
            return True
    return False


def _holds(cue: str, pattern: re.Pattern[str], query: Query, sentence: str) -> bool:
    """The sentence holds the cue's kind of answer; a date other than the question's own year ("Ngày hội việc làm
    năm 2025 tổ chức khi nào?" is not answered by "... năm 2025"); a place other than the question's."""
    if cue == "place":
        return names_place(query, sentence)
    if cue == "date":
        sentence = DOCUMENT_NUMBER_RE.sub(" ", sentence)  # "Nghị định số 178/2024/NĐ-CP" names no date
        if query.years:
            sentence = re.sub(rf"(?:\b[Nn]ăm\s+)?\b(?:{'|'.join(query.years)})\b(?![-/]\d)", " ", sentence)
    return bool(pattern.search(sentence))


def cue_fit(query: Query, sentence: str, terms: TextTerms) -> float:
    """How much of what the question asks for the sentence holds (a number, a date, a name...): the share of the
    kinds asked ("khi nào, ở đâu" asks two)."""
    cues = query.cues & _CUES.keys()  # "what" says nothing about the answer's shape
    if not cues:
        return 0.0
    if cues == {"number"}:
        return number_fit(query, sentence, terms)
    return sum(_holds(c, _CUES[c], query, sentence) for c in cues) / len(cues)


_STRICT = {"who": PERSON_RE, "docno": _DOCNO_RE, "date": _DATE_RE, "number": _NUMBER_RE, "place": LOCAL_PLACE_RE}


def holds_answer(query: Query, sentence: str) -> bool:
    """The sentence holds every thing of the kind asked: a person for "ai", a document number for "số
    mấy", a date ("số mấy, ngày nào" asks both), a number (stricter than cue_fit: "Ban Chỉ đạo" is not who
    chaired)."""
    cues = query.cues & _STRICT.keys()
    if "docno" in cues:  # "mang số mấy" is answered by a document's number, not by any figure ("khóa XIII", "6")
        cues -= {"number"}
    return all(_holds(c, _STRICT[c], query, sentence) for c in cues)


# The people a figure counts, folded (a regex alternation): "bao nhiêu người" is answered by "246 giáo viên".
PEOPLE_UNITS = ("nguoi|lao dong|can bo|dang vien|hoc vien|hoc sinh|sinh vien|cong nhan|hoi vien|thanh vien|ca nhan"
                "|giao vien|bac si|khach|du khach|luot khach|luot nguoi|nhan khau|dai bieu"
                "|dan|cu dan|benh nhan|nguoi lao dong|nguoi dan|truong hop|doi tuong|bi can|nan nhan|thi sinh|tre em"
                "|cong chuc|vien chuc|doan vien|nguoi cao tuoi|cong dan|thanh nien|ngu dan|nong dan|phu nu"
                "|quan nhan|chien si|tan binh|nguoi benh|giang vien|nha giao|cuu chien binh|tinh nguyen vien"
                "|nhan vien|dieu duong|duoc si|y si|cu tri|thuyen vien|chu tau|dan quan|kiem lam|tin do|chuc sac"
                "|pham nhan|em|tre|chau|hoc tro|ung vien")
PEOPLE_COUNT_RE = re.compile(rf"\d(?:[.,]?\d)*\s*(?:(?:nghin|ngan|trieu|van)\s+)?(?:{PEOPLE_UNITS})\b")


_PEOPLE_WORDS = tuple(frozenset(unit.split()) for unit in PEOPLE_UNITS.split("|"))


def _counts_people(sentence: str) -> bool:
    return bool(PEOPLE_COUNT_RE.search(folded_lower(sentence)))


def _people_answer(counting: frozenset[str], sentence: str, terms: TextTerms) -> bool:
    """A count of people answers a question counting people in other words: "bao nhiêu người" by "246 giáo
    viên", and "thiếu bao nhiêu giáo viên" by "số giáo viên còn thiếu của tỉnh là 2.385 người" (the sentence
    names who it counts)."""
    if counting == {"nguoi"}:
        return _counts_people(sentence)
    # Two syllables at least: "dân" alone is also "dân số", "dân cư".
    return len(counting) > 1 and counting in _PEOPLE_WORDS and "nguoi" in terms.counted and counting <= terms.folded


@functools.lru_cache(maxsize=64)  # read once per question, not per candidate sentence
def _counted_expansions(query: Query) -> tuple[frozenset[str], ...]:
    """What an initialism counted stands for, folded, its first three words (those a number's count holds): "bn
    QNXN" -> {quan, nhan, xuat}. Initialisms only: a synonym of the counted word ("tiền" ~ "kinh phí") counts no
    more than the word."""
    out = []
    for group in query.groups:
        typed = next((t.folded for t in query.terms[group.start : group.end] if t.folded in query.counting), None)
        for option in group.options if typed else ():
            words = [fold_term(w) for w in option]
            if len(words) > 1 and "".join(w[0] for w in words) == typed:
                out.append(frozenset(words[:3]))
    return tuple(out)


def number_fit(query: Query, sentence: str, terms: TextTerms) -> float:
    """How well the sentence's numbers fit a "bao nhiêu" question.

    A count ("bao nhiêu hợp tác xã") wants a number before the thing counted ("412 HTX"); a share
    ("tỷ lệ ... bao nhiêu") a percentage after what it measures; a value ("tăng trưởng bao nhiêu")
    a number near any word of the question. 1 for that, 0.4 for a number of the right kind
    elsewhere, 0 for none or the wrong kind.
    """
    options = {fold_term(o[0]) for g in query.groups for o in g.options if len(o) == 1}
    if query.counting:
        # "bao nhiêu hợp tác xã" names what is counted: a number of something else does not answer it.
        found = len(query.counting & terms.counted) / len(query.counting)
        if options & terms.counted or any(words <= terms.counted for words in _counted_expansions(query)):
            return 1.0
        return 1.0 if _people_answer(query.counting, sentence, terms) else found
    else:
        wanted = {t.folded for t in query.terms} | options
        if wanted & (terms.measured if query.percent else terms.counted | terms.measured):
            return 1.0
    percent = bool(_PERCENT_RE.search(sentence))
    if query.percent:
        return 0.4 if percent else 0.0
    plain = bool(terms.counted) or bool(_NUMBER_RE.search(_PERCENT_RE.sub(" ", sentence)))
    return 0.4 if plain or (percent and not query.counting) else 0.0


def provinces_in(present: TextTerms, lexicon: Lexicon) -> set[str]:
    bigrams = lexicon.province_bigrams
    return {bigrams[b] for b in present.bigrams & bigrams.keys()}


def province_clash(query: Query, present: TextTerms, lexicon: Lexicon) -> float:
    """1 when the text is about another province than the one asked about (a question naming
    none asks about the corpus's home province)."""
    asked = set(query.provinces) or ({lexicon.home} if lexicon.home else set())
    named = provinces_in(present, lexicon)
    return 1.0 if asked and named and not named & asked else 0.0


# Words that open a predicate right after its subject: "Phú Quốc được định hướng...", "TP. Hà Tiên là...".
_PREDICATES = frozenset(
    "la duoc se tro thanh co dat don phan dau dat hien dang da van con dinh huong tiep tuc can".split())


def subjects(text: str, places: tuple[str, ...]) -> set[str]:
    """The places (folded names) that are the subject of a clause of the text: followed, within two words,
    by a predicate ("Kiên Lương hiện có", "Phú Quốc được định hướng"), not merely listed."""
    words = list(folded_words(text))
    found = set()
    for place in places:
        name = place.split()
        for i in range(len(words) - len(name) + 1):
            if words[i : i + len(name)] == name and _PREDICATES & set(words[i + len(name) : i + len(name) + 2]):
                found.add(place)
                break
    return found


def subject_fit(asked: set[str], sentence: str, places: tuple[str, ...]) -> float:
    """1 when a place the question is about (its subject) is also the sentence's subject."""
    return 1.0 if asked and asked & subjects(sentence, places) else 0.0


# A sentence that goes on from the one before it: "Trong đó, ...", "Riêng ...", "Kế hoạch này ...".
_CONTINUES_RE = re.compile(r"^(?:Trong (?:đó|số (?:đó|này))|Cụ thể|Riêng|Số này|Con số này)\b|^\w+(?: \w+){0,2} này\b"
                           # "Sang năm 2023, tỷ lệ này tăng lên 90,7%": the measure of the sentence before.
                           r"|^[^,.]{1,30}, (?:tỷ lệ|con số|chỉ số|mức|tỷ trọng|giá trị|tổng số) này\b")


def continues(sentence: str) -> bool:
    """The sentence only makes sense with the one before it (it elaborates it or refers back to it)."""
    return bool(_CONTINUES_RE.match(sentence))


_STATED_YEAR_RE = re.compile(
    r"\b(đến hết|đến|tới|trong|vào|cuối|đầu)?\s*(?:năm |tháng \d{1,2}/)((?:19|20)\d\d)\b", re.I)


def period_of(query: Query, sentence: str, target_year: int | None = None) -> str | None:
    """Which year the quoted figure is for, when the question asked for a figure without naming a year
    ("tỷ lệ đô thị hóa là bao nhiêu?"): "chỉ tiêu đến năm 2030" for a goal (`target_year`: the deadline the
    target table found for the sentence, perhaps from its paragraph), "số liệu năm 2023" for a figure; None
    when the question names a year or nothing says which year."""
    if query.years or "number" not in query.cues:
        return None
    compared = compared_years(sentence)
    stated = [m for m in _STATED_YEAR_RE.finditer(sentence) if m.group(2) not in compared]
    found = [(m.group(1) or "").lower() for m in stated]
    years = list(dict.fromkeys(m.group(2) for m in stated))
    if not years:
        return None if target_year is None else f"chỉ tiêu đến năm {target_year}"
    if GOAL_RE.search(sentence) and not IS_RE.search(sentence):
        return "chỉ tiêu " + ("đến " if {"đến", "tới", "đến hết"} & set(found) else "") + "năm " + ", ".join(years)
    return "số liệu năm " + ", ".join(years)


# Part of a year: "6 tháng đầu năm", "9 tháng", "quý I", "đến ngày 30/6/2024", "tháng 5/2025".
_PART_OF_YEAR_RE = re.compile(
    r"\b(?:\d{1,2} tháng(?: đầu năm| cuối năm)?|đầu năm|giữa năm|quý [IV1-4]+|nửa đầu năm|tháng \d{1,2}/(?:19|20)\d\d"
    r"|(?:đến|tới)(?: hết)? ngày \d{1,2}[/.-](?:[1-9]|0[1-9]|1[01])[/.-](?:19|20)\d\d)\b", re.I)
_WHOLE_YEAR_RE = re.compile(r"\b(?:cả năm|trong năm|năm (?:19|20)\d\d|cuối năm)\b", re.I)


_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+")


def speaks_of_part_of_year(sentence: str, before: str = "", title: str = "", years: tuple[str, ...] = ()) -> bool:
    """The sentence speaks of part of a year: it says so, or, naming no period, the nearest earlier sentence of
    its paragraph that names one does ("Đến ngày 30/6/2024, ... Cùng thời điểm, cả nước ..."), or its title
    ("6 tháng đầu năm 2024, ..."). Of a sentence whose clauses give figures for several years, only the clauses
    naming the `years` asked are read ("năm 2023 toàn tỉnh sử dụng 52,3 triệu hóa đơn; 11 tháng năm 2024 ...")."""
    clauses = [clause for clause in sentence.split(";") if any(year in clause for year in years)]
    sentence = ";".join(clauses) or sentence
    for text in (sentence, *reversed(_SENTENCE_END_RE.split(before)), title):
        if _PART_OF_YEAR_RE.search(text):
            return True
        if _WHOLE_YEAR_RE.search(text):
            return False
    return False


def part_of_year_fit(question: str, sentence: str, before: str = "", title: str = "", years: tuple[str, ...] = ()
                     ) -> float:
    """-1 when one of the question and the sentence speaks of part of a year and the other does not
    ("cả năm 2024" is not answered by "6 tháng đầu năm 2024"), else 0. `before`: the paragraph before
    the sentence, `title`: its bulletin's (see speaks_of_part_of_year)."""
    asked, stated = bool(_PART_OF_YEAR_RE.search(question)), speaks_of_part_of_year(sentence, before, title, years)
    if asked == stated or not (_WHOLE_YEAR_RE.search(question) or asked):
        return 0.0
    return -1.0
