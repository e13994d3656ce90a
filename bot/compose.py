"""The answer composer: the sentence that answers, quoted verbatim, or a plain "no answer"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon import Lexicon
from index.query import Query, analyze
from index.search import Hit, TextTerms, bigram_coverage, coverage, retrieve, text_terms, word_credits
from index.sentences import sentence_spans
from index.tokenize import fold_term
from index.serving import Index

from .answer import Answer, Decline, Source

# Calibrated with `nqbot eval` on tests/data/questions.jsonl (see README).
DECLINE_BELOW = 0.5
WEIGHTS = {
    "coverage": 0.6, "residual": 0.5, "bigrams": 0.15, "paragraph": 0.2, "cue": 0.3, "year": 0.1, "province": 0.15,
}
# Credit for query terms found around the sentence rather than in it (retrieval-lessons §2).
CONTEXT_CREDIT = {"title": 1.0, "paragraph": 0.5, "bulletin": 0.35}
PARAGRAPHS = 6
FOCUS_MIN_TERMS = 3
MAX_OTHERS = 2

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


@dataclass(frozen=True, slots=True)
class Candidate:
    paragraph: int
    start: int
    end: int
    score: float
    coverage: float  # of the sentence, with its title, paragraph and bulletin as weaker context
    features: dict[str, float]  # the weighted parts of the score, for `nqbot ask --explain`


def _cue_met(query: Query, sentence: str, terms: TextTerms) -> float:
    """1 when the sentence holds what the question asks for; for counts, a number next to the thing counted."""
    if not query.cues:
        return 0.0
    if query.cues == {"number"}:
        return _number_fit(query, sentence, terms)
    return 1.0 if any(_CUES[c].search(sentence) for c in query.cues if c in _CUES) else 0.0


def _number_fit(query: Query, sentence: str, terms: TextTerms) -> float:
    """How well the sentence's numbers fit a "bao nhiêu" question.

    A count ("bao nhiêu hợp tác xã") wants a number before the thing counted ("412 HTX"); a share
    ("tỷ lệ ... bao nhiêu") a percentage after what it measures; a value ("tăng trưởng bao nhiêu")
    a number near any word of the question. 1 for that, 0.4 for a number of the right kind
    elsewhere, 0 for none or the wrong kind.
    """
    options = {fold_term(o[0]) for g in query.groups for o in g.options if len(o) == 1}
    if query.counting:
        found = len(query.counting & terms.counted) / len(query.counting)
        if found or options & terms.counted:
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


def _year_fit(query: Query, sentence: TextTerms, paragraph: TextTerms) -> float:
    if not query.years:
        return 0.0
    asked = set(query.years)
    if asked & sentence.years:
        return 1.0
    if sentence.years:
        return -1.0
    return 0.5 if asked & paragraph.years else 0.0


def _province_clash(query: Query, present: TextTerms, lexicon: Lexicon) -> float:
    """1 when the sentence (or its title) is about another province than the one asked about."""
    if not query.provinces:
        return 0.0
    bigrams = lexicon.province_bigrams
    named = {bigrams[b] for b in present.bigrams & bigrams.keys()}
    return 1.0 if named and not named & set(query.provinces) else 0.0


def _named_places(query: Query, bulletin: TextTerms, title: TextTerms, lexicon: Lexicon) -> TextTerms:
    """The asked provinces this bulletin mentions anywhere: a bulletin is about its province, so a
    sentence saying "toàn tỉnh" answers for it. Not when its title names another province."""
    if _province_clash(query, title, lexicon):
        return TextTerms(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
    pairs = frozenset(p for p in query.provinces if p in bulletin.bigrams)
    syllables = frozenset(s for p in pairs for s in p.split())
    return TextTerms(syllables, syllables, pairs, frozenset(), frozenset(), frozenset())


def _bulletin_terms(index: Index, bulletin: int) -> TextTerms:
    record = index.bulletins[bulletin]
    terms = text_terms(record.title)
    for paragraph in record.paragraph_ids:
        terms = terms | text_terms(index.paragraphs[paragraph])
    return terms


def _sentence_score(
    index: Index, lexicon: Lexicon, query: Query, hit: Hit, top: float, context: tuple[TextTerms, ...]
) -> list[Candidate]:
    title, para, bulletin = context
    places = _named_places(query, bulletin, title, lexicon)
    text = index.paragraphs[hit.paragraph]
    # What the sentence must add to its title: the question's words the title does not hold.
    residual = [c < 1.0 for c in word_credits(query, ((title, 1.0),))]
    out = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        own = text_terms(sentence)
        layers = ((own, 1.0), (title, CONTEXT_CREDIT["title"]), (para, CONTEXT_CREDIT["paragraph"]),
                  (bulletin, CONTEXT_CREDIT["bulletin"]), (places, 1.0))
        cov = coverage(index, query, layers)
        features = {
            "coverage": cov,
            "residual": coverage(index, query, ((own, 1.0),), residual, of_all=True),
            "bigrams": bigram_coverage(query, own | title),
            "paragraph": hit.score / top if top > 0 else 0.0,
            "cue": _cue_met(query, sentence, own),
            "year": _year_fit(query, own, para),
            "province": -_province_clash(query, own | title, lexicon),
        }
        score = sum(WEIGHTS[name] * value for name, value in features.items() if name != "residual")
        out.append(Candidate(hit.paragraph, start, end, score, cov, features))
    return out


def _candidates(index: Index, lexicon: Lexicon, query: Query, hits: list[Hit]) -> list[Candidate]:
    top = max(h.score for h in hits)
    out: list[Candidate] = []
    for hit in hits:
        b = int(index.para_bulletin[hit.paragraph])
        context = (text_terms(index.bulletins[b].title), text_terms(index.paragraphs[hit.paragraph]),
                   _bulletin_terms(index, b))
        out += _sentence_score(index, lexicon, query, hit, top, context)
    out = _with_residual(index, out)
    out.sort(key=lambda c: -c.score)
    return out


def _with_residual(index: Index, candidates: list[Candidate]) -> list[Candidate]:
    """Add the residual feature as a shortfall against the best sentence of the same bulletin: it
    tells the sentences of one bulletin apart by what they add to its title, and leaves the
    comparison between bulletins to the other features."""
    best: dict[int, float] = {}
    for c in candidates:
        b = int(index.para_bulletin[c.paragraph])
        best[b] = max(best.get(b, 0.0), c.features["residual"])
    out = []
    for c in candidates:
        shortfall = c.features["residual"] - best[int(index.para_bulletin[c.paragraph])]
        features = {**c.features, "residual": shortfall}
        out.append(Candidate(c.paragraph, c.start, c.end, c.score + WEIGHTS["residual"] * shortfall, c.coverage, features))
    return out


def _source(index: Index, candidate: Candidate) -> Source:
    bulletin = index.bulletin_of(candidate.paragraph)
    text = index.paragraphs[candidate.paragraph]
    return Source(
        quote=text[candidate.start : candidate.end], paragraph=text, file=bulletin.file, title=bulletin.title,
        url=bulletin.url, published=bulletin.published, score=round(candidate.score, 4),
    )


def _support(index: Index, query: Query, candidate: Candidate) -> float:
    """Coverage of the question by the sentence, its paragraph and its title together.

    When chat surrounds the question ("Em là sinh viên..., cho em hỏi ..."), the phrases holding
    the question itself may carry it alone.
    """
    text = index.paragraphs[candidate.paragraph]
    title = index.bulletin_of(candidate.paragraph).title
    layers = ((text_terms(text) | text_terms(title), 1.0),)
    # A word whose syllables are only scattered around ("dân ... số") does not support an answer.
    full = coverage(index, query, layers, scattered=0.0)
    if not query.focus or len(query.focus) == len({t.phrase for t in query.terms}):
        return full
    mask = [query.terms[start].phrase in query.focus for start, _ in query.words]
    if sum(end - start for (start, end), m in zip(query.words, mask) if m) < FOCUS_MIN_TERMS:
        return full
    return max(full, coverage(index, query, layers, mask, scattered=0.0))


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


def _missing_numbers(index: Index, query: Query, candidate: Candidate) -> tuple[str, ...]:
    """Identifying numbers of the question the answering bulletin never states ("Trung ương 8" vs "6")."""
    if not query.identifiers:
        return ()
    bulletin = _bulletin_terms(index, int(index.para_bulletin[candidate.paragraph]))
    return tuple(n for n in query.identifiers if n not in bulletin.folded)


def _missing_provinces(index: Index, query: Query, candidate: Candidate) -> tuple[str, ...]:
    """Provinces the question names that the answering bulletin never mentions: its figures are
    another province's, not the ones asked for."""
    bulletin = _bulletin_terms(index, int(index.para_bulletin[candidate.paragraph]))
    return tuple(p for p in query.provinces if p not in bulletin.bigrams)


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
    ranked = _candidates(index, lexicon, query, hits)
    best = ranked[0]
    missing = _missing_numbers(index, query, best) + _missing_provinces(index, query, best)
    if missing:
        return Answer.declined(question, Decline.UNKNOWN_NAME, unknown=missing)
    support = _support(index, query, best)
    if support < DECLINE_BELOW:
        return Answer.declined(question, Decline.NO_MATCH, coverage=round(support, 4))
    return Answer.from_sources(question, _source(index, best), _others(index, query, ranked, best), round(support, 4))
