"""The answer composer: the sentence that answers, quoted verbatim, or a plain "no answer"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Literal

import numpy as np

from index.answer.asked import asked_failure
from index.answer.candidates import Candidate, Scoring, ranked_candidates
from index.answer.checks import first_failure
from index.answer.confidence import DeclineModel, default_model, signals
from index.answer.failure import Failure
from index.answer.features import asks_now, holds_answer, period_of, subjects
from index.answer.instances import instance_failure
from index.answer.model import Answer, Decline, Source
from index.answer.roles import asked_post
from index.retrieval.accents import restore
from index.retrieval.coverage import (
    bulletin_has,
    numeral_forms,
    plenum_terms,
    text_terms,
    word_weights,
)
from index.retrieval.embed import Embedder
from index.retrieval.query import Query, analyze, pair_terms, question_text
from index.retrieval.ranking import Meaning, retrieve
from index.store.snapshot import Index
from index.targets.lookup import asks_for_target
from index.terms.lexicon import Lexicon
from index.terms.sentences import sentence_spans
from index.text import has_diacritics

# Calibrated with `nqbot eval` on tests/data/questions.jsonl (see README).
DECLINE_BELOW = 0.5
PARAGRAPHS = 6
FOCUS_MIN_TERMS = 3
MAX_OTHERS = 2
CHECKED = 12  # candidates tried against the checks before declining
_NEXT_CUES = frozenset({"who", "docno", "number", "date"})
# Failures after which a lower-ranked sentence is often right: one naming the place, the kind of document, the
# measure or the unit asked ("tỷ lệ ... bao nhiêu phần trăm": a count above, the share below), the year
# itself rather than a span holding it ("giai đoạn 2021-2024" above, "năm 2024" below), or the titles of the
# person asked ("Đồng chí Đỗ Thanh Bình chỉ đạo ..." above, "Đỗ Thanh Bình - Ủy viên Trung ương Đảng" below).
_LOOK_FURTHER = frozenset({"place", "document", "measure", "unit", "period", "post"})
# Failures after which the next sentence of the same paragraph may state the fact in the measure, unit or kind
# of document asked ("... đã ban hành kế hoạch thực hiện ... Kế hoạch mang số 86-KH/TĐTN"); tried after a year
# failure too: an out-of-corpus question was answered on validate.
_STATED_NEXT = frozenset({"measure", "unit", "document"})
_PROVINCE_ASKED = Failure("scope", "tỉnh")
# Near-ties only: wider margins answered no more questions right and more of them wrong (blind tune split).
FALLBACK_MARGIN = 0.05


def _source(index: Index, candidate: Candidate) -> Source:
    bulletin = index.bulletin_of(candidate.paragraph)
    text = index.paragraphs[candidate.paragraph]
    return Source(
        quote=text[candidate.start : candidate.end], paragraph=text, file=bulletin.file, title=bulletin.title,
        url=bulletin.url, published=bulletin.published, score=round(candidate.score, 4),
    )


def _support(s: Scoring, candidate: Candidate) -> float:
    """Coverage of the question by the sentence, its paragraph and its title together.

    A word whose syllables are only scattered around ("dân ... số") does not count. When chat
    surrounds the question ("Em là sinh viên..., cho em hỏi ..."), the phrases that ask may carry it.
    """
    text = s.index.paragraphs[candidate.paragraph]
    layers = ((text_terms(text) | text_terms(s.index.bulletin_of(candidate.paragraph).title), 1.0),)
    full = s.coverage(layers, scattered=0.0)
    query = s.query
    if not query.focus or {t.phrase for t in query.terms} <= query.focus:
        return full
    mask = [query.terms[start].phrase in query.focus for start, _ in query.words]
    if sum(end - start for (start, end), m in zip(query.words, mask) if m) < FOCUS_MIN_TERMS:
        return full
    return max(full, s.coverage(layers, mask=mask, scattered=0.0))


def _passing(s: Scoring, best: Candidate) -> Callable[[Candidate], bool]:
    """Whether a candidate passes the checks, each checked once and only when asked (the checks cost more
    than the rest of a question: the margins and the other sources need the first few that pass)."""
    seen: dict[int, bool] = {id(best): True}

    def passes(candidate: Candidate) -> bool:
        if id(candidate) not in seen:
            seen[id(candidate)] = _failure(s, candidate) is None
        return seen[id(candidate)]

    return passes


def _others(s: Scoring, ranked: Iterable[Candidate], best: Candidate, limit: int, floor: float,
            ) -> tuple[Source, ...]:
    """Up to `limit` other bulletins' best sentences that also support an answer."""
    used = {s.index.bulletin_of(best.paragraph).file}
    out: list[Source] = []
    for candidate in ranked:
        if len(out) >= limit:
            break
        file = s.index.bulletin_of(candidate.paragraph).file
        if file in used or _support(s, candidate) < floor:
            continue
        used.add(file)
        out.append(_source(s.index, candidate))
    return tuple(out)


def _mismatches(s: Scoring, candidate: Candidate) -> tuple[str, ...]:
    """What the question names that the answering bulletin never states: a numbered resolution
    ("Trung ương 8" when it speaks of 6), or the province asked about (its figures are another's)."""
    number = int(s.index.para_bulletin[candidate.paragraph])
    bulletin = s.bulletin(number)
    named = [n for n in s.query.identifiers if n not in s.query.plenums]
    numbers = tuple(
        n for n in named if n not in bulletin.folded and not bulletin_has(s.index, number, numeral_forms(n))
    )
    plenums = tuple(f"Trung ương {n}" for n in s.query.plenums  # named in a paragraph or in the title
                    if not bulletin_has(s.index, number, plenum_terms(n))
                    and not bulletin.bigrams & set(plenum_terms(n)))
    provinces = tuple(p for p in s.query.provinces if p != s.lexicon.home and p not in bulletin.bigrams)
    return numbers + plenums + provinces


_DECLINE_OF = {"year": Decline.OTHER_YEAR, "period": Decline.OTHER_YEAR, "scope": Decline.OTHER_SCOPE,
               "place": Decline.OTHER_PLACE, "name": Decline.UNKNOWN_NAME, "unit": Decline.NO_MATCH,
               "post": Decline.NO_MATCH, "document": Decline.NO_MATCH, "measure": Decline.NO_MATCH,
               "thing": Decline.NO_MATCH}


def _context(index: Index, paragraph: int) -> str:
    return f"{index.paragraphs[paragraph]} {index.bulletin_of(paragraph).title}"


def _failure(s: Scoring, candidate: Candidate) -> Failure | None:
    missing = _mismatches(s, candidate)
    if missing:
        return Failure("name", ", ".join(missing))
    text = s.index.paragraphs[candidate.paragraph]
    sentence = text[candidate.start : candidate.end]
    # The sentence after may state the number of the document asked (it is then quoted with it: _with_next).
    following = text[slice(*_next_sentence(text, candidate.end))] if "docno" in s.query.cues else ""
    return (first_failure(s.query, s.lexicon, s.index, candidate.paragraph, (candidate.start, candidate.end))
            or asked_failure(s.query, sentence, following)
            or instance_failure(s.index, s.query.asked, sentence, _context(s.index, candidate.paragraph)))


def _choose(s: Scoring, ranked: list[Candidate]) -> tuple[Candidate | None, Failure | None]:
    """The best candidate that passes the checks (issue: try the next candidates before declining),
    and why the best one failed."""
    first: Failure | None = None
    for candidate in ranked[:CHECKED]:
        # A sentence without the place asked about may be followed by one about it ("Phú Quốc được định
        # hướng..."); other failures are mostly followed by wrong answers, so only near-ties are tried.
        far = candidate.score < ranked[0].score - FALLBACK_MARGIN
        if first is not None and not _looks_further(first) and far:
            break
        failure = _failure(s, candidate)
        if failure is None:
            return candidate, first
        if first is None and failure.kind in _STATED_NEXT and (joined := _continued(s, candidate)) is not None:
            return joined, failure
        first = first or failure
    return None, first


def _looks_further(failure: Failure) -> bool:
    """Whether a lower-ranked sentence is worth trying after the best failed so (see _LOOK_FURTHER): also after
    a figure for only the country or the region when the province's was asked, its own figure often being
    further down ("Theo Ủy ban Trung ương ..., toàn quốc khoảng 82%" above "... của tỉnh đạt 90,3%"). Not the
    other way round: below a province's figure, a national question found other national figures (validate)."""
    return failure.kind in _LOOK_FURTHER or failure == _PROVINCE_ASKED


def _continued(s: Scoring, top: Candidate) -> Candidate | None:
    """The best sentence with the one after it, when the best names the fact but not in the measure, unit or
    kind of document asked and the next one goes on about it, sharing a word of the question, and states it
    ("Công ty ... vừa đưa vào vận hành dây chuyền ... Dây chuyền có công suất 9.000 tấn thành phẩm/năm")."""
    text = s.index.paragraphs[top.paragraph]
    start, end = _next_sentence(text, top.end)
    asked = set(pair_terms(s.query.terms, "folded"))
    shared = asked & text_terms(text[top.start : top.end]).bigrams & text_terms(text[start:end]).bigrams
    return _joined(s, top, start, end) if shared else None


def _next_sentence(text: str, after: int) -> tuple[int, int]:
    """The span of the first sentence of the paragraph text that starts at or after `after`; (0, 0): none."""
    return next(((a, b) for a, b in sentence_spans(text) if a >= after), (0, 0))


def _joined(s: Scoring, best: Candidate, start: int, end: int) -> Candidate | None:
    """The best sentence quoted with the next one, [start, end) of its paragraph, when that one holds what is
    asked and passes the checks."""
    text = s.index.paragraphs[best.paragraph]
    if end <= start or not holds_answer(s.query, text[start:end]):
        return None
    return None if _failure(s, replace(best, start=start, end=end)) is not None else replace(best, end=end)


def _target_year(index: Index, candidate: Candidate) -> int | None:
    """The deadline of a target stated in the candidate sentence (the target table's, which a sentence
    such as "Tỷ lệ đô thị hóa đạt từ 50-55%" inherits from its paragraph)."""
    years = [t.year for t in index.targets_in(candidate.paragraph)
             if candidate.start <= t.start < candidate.end and t.year is not None]
    return years[0] if years else None


def _with_next(s: Scoring, best: Candidate) -> Candidate:
    """When the sentence names the fact but not what is asked (who, which document, how many), and the
    next sentence of its paragraph holds it, quote both, in order ("... ban hành kế hoạch ... Kế
    hoạch này mang số 142-KH/TU")."""
    text = s.index.paragraphs[best.paragraph]
    if not s.query.cues & _NEXT_CUES or holds_answer(s.query, text[best.start : best.end]):
        return best
    return _joined(s, best, *_next_sentence(text, best.end)) or best


# The question's encoding runs on another core while the question is read and scored by BM25 (the
# encoder is most of a question's time with vectors: BENCHMARKS.md, "With vectors").
_ENCODING = ThreadPoolExecutor(max_workers=16, thread_name_prefix="nqbot-encode")  # as many as a batch holds


def _encoding(index: Index, lexicon: Lexicon, question: str, embedder: Embedder | None) -> Meaning:
    """A wait for the question's vector, started now; None without vectors."""
    if embedder is None or index.vectors is None:
        return None
    text = question_text(question, lexicon)

    def encode() -> np.ndarray:
        # e5 reads unaccented Vietnamese poorly: give it the question with the corpus's accents.
        return embedder.query(text if has_diacritics(text) else restore(index, lexicon, text))

    return _ENCODING.submit(encode).result


def _scoring(index: Index, lexicon: Lexicon, query: Query) -> Scoring:
    asks_target = asks_for_target(query)
    places = tuple(p for p in query.places if p != lexicon.home)
    return Scoring(index, lexicon, query, word_weights(index, query), asks_target,
                   0.0 if asks_target else asks_now(query), subjects(query.text, places), asked_post(query, lexicon))


def _failed(s: Scoring, question: str, ranked: list[Candidate], failure: Failure, decline_below: float) -> Answer:
    """No candidate passed the checks: say why the best one failed, with it as the nearest fact when it
    is a figure for another year or level."""
    top = ranked[0]
    support = _support(s, top)
    dated = failure.kind in ("year", "period", "scope")
    nearest = _source(s.index, top) if dated and support >= decline_below else None
    return Answer.declined(question, _DECLINE_OF[failure.kind], round(support, 4), (failure.what,), nearest)


def compose(
    index: Index, lexicon: Lexicon, question: str, others: int = MAX_OTHERS, decline_below: float = DECLINE_BELOW,
    embedder: Embedder | None = None, decline_model: DeclineModel | None | Literal["default"] = "default",
    trace: dict[str, float] | None = None,
) -> Answer:
    """Answer a question from the index, or decline with the reason.

    `others` bounds the other sources listed (inline mode shows more); `decline_below` is the support
    under which the composer says it has no answer; `decline_model` (None: off) the probability model of
    confidence.py. `trace`, when given, receives the signals of the chosen sentence (for fitting that model).
    """
    meaning = _encoding(index, lexicon, question, embedder)
    query = analyze(question, index, lexicon)
    if query.empty:
        return Answer.declined(question, Decline.EMPTY)
    if query.unknown_names:
        return Answer.declined(question, Decline.UNKNOWN_NAME, unknown=query.unknown_names)
    hits = retrieve(index, query, max(PARAGRAPHS, others + 1), meaning)
    if not hits:
        return Answer.declined(question, Decline.NO_MATCH)
    s = _scoring(index, lexicon, query)
    ranked = ranked_candidates(s, hits)
    best, failure = _choose(s, ranked)
    if best is None:
        assert failure is not None
        return _failed(s, question, ranked, failure, decline_below)
    support = _support(s, best)
    if support < decline_below:
        return Answer.declined(question, Decline.NO_MATCH, coverage=round(support, 4))
    passes = _passing(s, best)  # a rival that fails a check is none
    read = signals(index, ranked, passes, best, support, yearless=not query.years)
    if trace is not None:
        trace.update(read)
    model = default_model() if decline_model == "default" else decline_model
    confidence = None if model is None else model.probability(read)
    if model is not None and confidence is not None and confidence < model.threshold:
        return Answer.declined(question, Decline.NO_MATCH, coverage=round(support, 4))
    sources = _others(s, (c for c in ranked if passes(c)), best, others, decline_below)
    return _answer(s, question, _with_next(s, best), sources, round(support, 4), confidence)


def _answer(s: Scoring, question: str, chosen: Candidate, sources: tuple[Source, ...], support: float,
            confidence: float | None) -> Answer:
    """The quote, other bulletins that answer too, and which year the quoted figure is for."""
    quoted = _source(s.index, chosen)
    return Answer(question=question, answered=True, best=quoted, others=sources, coverage=support,
                  period=period_of(s.query, quoted.quote, _target_year(s.index, chosen)),
                  confidence=None if confidence is None else round(confidence, 4))
