"""The answer composer: the sentence that answers, quoted verbatim, or a plain "no answer"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon import Lexicon
from index.query import Query, analyze
from index.search import Hit, TextTerms, bigram_coverage, coverage, retrieve, text_terms
from index.sentences import sentence_spans
from index.serving import Index

from .answer import Answer, Decline, Source

# Calibrated with `nqbot eval` on tests/data/questions.jsonl (see README).
DECLINE_BELOW = 0.62
WEIGHTS = {"coverage": 0.6, "bigrams": 0.15, "paragraph": 0.2, "cue": 0.1, "year": 0.1}
PARAGRAPHS = 6
MAX_OTHERS = 2

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*\s*%|\d+(?:[.,]\d+)*\s+(?!năm\b)\w|(?<!năm )(?<!\d)\d+(?:[.,]\d+)+")
_DATE_RE = re.compile(r"\b(?:ngày|tháng|năm)\s+\d|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?|\b(?:19|20)\d\d\b", re.I)
_WHO_RE = re.compile(
    r"\b(?:đồng chí|ông|bà|Ban|Sở|Ủy ban|Uỷ ban|UBND|HĐND|Tỉnh ủy|Tỉnh uỷ|Bộ|Chính phủ|Thủ tướng|Chủ tịch|"
    r"Bí thư|Giám đốc|Phó)\b|[A-ZĐ]\w+ [A-ZĐ]\w+ [A-ZĐ]\w+"
)
_WHERE_RE = re.compile(r"\b(?:tại|ở|trên địa bàn)\s+[A-ZĐÂ-Ỹ]", re.U)
_DOCNO_RE = re.compile(r"\d+[-/][A-ZĐ]")
_CUES = {"number": _NUMBER_RE, "date": _DATE_RE, "who": _WHO_RE, "where": _WHERE_RE, "docno": _DOCNO_RE}


@dataclass(frozen=True, slots=True)
class Candidate:
    paragraph: int
    start: int
    end: int
    score: float
    coverage: float  # of the sentence with its bulletin title


def _cue_met(query: Query, sentence: str) -> float:
    if not query.cues:
        return 0.0
    return 1.0 if any(_CUES[c].search(sentence) for c in query.cues if c in _CUES) else 0.0


def _year_fit(query: Query, sentence: TextTerms, paragraph: TextTerms) -> float:
    if not query.years:
        return 0.0
    asked = set(query.years)
    if asked & sentence.years:
        return 1.0
    if sentence.years:
        return -1.0
    return 0.5 if asked & paragraph.years else 0.0


def _candidates(index: Index, query: Query, hits: list[Hit]) -> list[Candidate]:
    top = max(h.score for h in hits)
    out = []
    for hit in hits:
        text = index.paragraphs[hit.paragraph]
        title = text_terms(index.bulletin_of(hit.paragraph).title)
        para = text_terms(text)
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            present = text_terms(sentence) | title
            cov = coverage(index, query, present)
            score = (
                WEIGHTS["coverage"] * cov
                + WEIGHTS["bigrams"] * bigram_coverage(query, present)
                + WEIGHTS["paragraph"] * (hit.score / top if top > 0 else 0.0)
                + WEIGHTS["cue"] * _cue_met(query, sentence)
                + WEIGHTS["year"] * _year_fit(query, present, para)
            )
            out.append(Candidate(hit.paragraph, start, end, score, cov))
    out.sort(key=lambda c: -c.score)
    return out


def _source(index: Index, candidate: Candidate) -> Source:
    bulletin = index.bulletin_of(candidate.paragraph)
    text = index.paragraphs[candidate.paragraph]
    return Source(
        quote=text[candidate.start : candidate.end], paragraph=text, file=bulletin.file, title=bulletin.title,
        url=bulletin.url, published=bulletin.published, score=round(candidate.score, 4),
    )


def _support(index: Index, query: Query, candidate: Candidate) -> float:
    """Coverage of the question by the sentence, its paragraph and its title together."""
    text = index.paragraphs[candidate.paragraph]
    title = index.bulletin_of(candidate.paragraph).title
    return coverage(index, query, text_terms(text) | text_terms(title))


def _others(index: Index, query: Query, ranked: list[Candidate], best: Candidate) -> tuple[Source, ...]:
    used = {index.bulletin_of(best.paragraph).file}
    out = []
    for candidate in ranked:
        file = index.bulletin_of(candidate.paragraph).file
        if file in used or _support(index, query, candidate) < DECLINE_BELOW:
            continue
        used.add(file)
        out.append(_source(index, candidate))
        if len(out) == MAX_OTHERS:
            break
    return tuple(out)


def compose(index: Index, lexicon: Lexicon, question: str) -> Answer:
    """Answer a question from the index, or decline with the reason."""
    query = analyze(question, index, lexicon)
    if query.empty:
        return Answer.declined(question, Decline.EMPTY)
    if query.unknown_names:
        return Answer.declined(question, Decline.UNKNOWN_NAME, unknown=query.unknown_names)
    hits = retrieve(index, query, PARAGRAPHS)
    if not hits:
        return Answer.declined(question, Decline.NO_MATCH)
    ranked = _candidates(index, query, hits)
    best = ranked[0]
    support = _support(index, query, best)
    if support < DECLINE_BELOW:
        return Answer.declined(question, Decline.NO_MATCH, coverage=round(support, 4))
    return Answer.from_sources(question, _source(index, best), _others(index, query, ranked, best), round(support, 4))
