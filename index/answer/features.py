"""What makes a sentence a good answer beyond word coverage: answer-type cues, years, provinces."""

from __future__ import annotations

import re

from index.retrieval.coverage import TextTerms
from index.retrieval.query import Query
from index.terms.lexicon import Lexicon
from index.terms.tokenize import fold_term

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*\s*%|\d+(?:[.,]\d+)*\s+(?!năm\b)\w|(?<!năm )(?<!\d)\d+(?:[.,]\d+)+")
_PERCENT_RE = re.compile(r"\d+(?:[.,]\d+)*\s*%")
_DATE_RE = re.compile(r"\b(?:ngày|tháng|năm)\s+\d|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?|\b(?:19|20)\d\d\b", re.I)
_WHO_RE = re.compile(
    r"\b(?:đồng chí|ông|bà|Ban|Sở|Ủy ban|Uỷ ban|UBND|HĐND|Tỉnh ủy|Tỉnh uỷ|Bộ|Chính phủ|Thủ tướng|Chủ tịch|"
    r"Bí thư|Giám đốc|Phó)\b|[A-ZĐ]\w+ [A-ZĐ]\w+ [A-ZĐ]\w+"
)
_WHERE_RE = re.compile(r"\b(?:tại|ở|trên địa bàn)\s+[A-ZĐÂ-Ỹ]", re.U)
_DOCNO_RE = re.compile(r"\d+[-/][A-ZĐ]")
_CUES = {"number": _NUMBER_RE, "date": _DATE_RE, "who": _WHO_RE, "where": _WHERE_RE, "docno": _DOCNO_RE}


def cue_fit(query: Query, sentence: str, terms: TextTerms) -> float:
    """1 when the sentence holds what the question asks for (a number, a date, a name...)."""
    cues = query.cues & _CUES.keys()  # "what" says nothing about the answer's shape
    if not cues:
        return 0.0
    if cues == {"number"}:
        return number_fit(query, sentence, terms)
    return 1.0 if any(_CUES[c].search(sentence) for c in cues) else 0.0


_PERSON_RE = re.compile(r"\b(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+[A-ZĐÂ-Ỹ]|[A-ZĐ]\w+ [A-ZĐ]\w+ [A-ZĐ]\w+")
_STRICT = {"who": _PERSON_RE, "docno": _DOCNO_RE, "date": _DATE_RE, "number": _NUMBER_RE}


def holds_answer(query: Query, sentence: str) -> bool:
    """The sentence holds a thing of the kind asked: a person for "ai", a document number for "số
    mấy", a date, a number (stricter than cue_fit: "Ban Chỉ đạo" is not who chaired)."""
    cues = query.cues & _STRICT.keys()
    return not cues or any(_STRICT[c].search(sentence) for c in cues)


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
        return 1.0 if options & terms.counted else found
    else:
        wanted = {t.folded for t in query.terms} | options
        if wanted & (terms.measured if query.percent else terms.counted | terms.measured):
            return 1.0
    percent = bool(_PERCENT_RE.search(sentence))
    if query.percent:
        return 0.4 if percent else 0.0
    plain = bool(terms.counted) or bool(_NUMBER_RE.search(_PERCENT_RE.sub(" ", sentence)))
    return 0.4 if plain or (percent and not query.counting) else 0.0


def year_fit(query: Query, sentence: TextTerms, paragraph: TextTerms) -> float:
    """1 when the sentence names the year asked, -1 when it names only other years."""
    if not query.years:
        return 0.0
    asked = set(query.years)
    if asked & sentence.years:
        return 1.0
    if sentence.years:
        return -1.0
    return 0.5 if asked & paragraph.years else 0.0


def provinces_in(present: TextTerms, lexicon: Lexicon) -> set[str]:
    bigrams = lexicon.province_bigrams
    return {bigrams[b] for b in present.bigrams & bigrams.keys()}


def province_clash(query: Query, present: TextTerms, lexicon: Lexicon) -> float:
    """1 when the text is about another province than the one asked about (a question naming
    none asks about the corpus's home province)."""
    asked = set(query.provinces) or ({lexicon.home} if lexicon.home else set())
    named = provinces_in(present, lexicon)
    return 1.0 if asked and named and not named & asked else 0.0
