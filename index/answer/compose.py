"""The answer composer: the sentence that answers, quoted verbatim, or a plain "no answer"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import numpy as np

from index.answer.candidates import Candidate, Scoring, ranked_candidates
from index.answer.choice import choose, failure_of, with_next
from index.answer.confidence import SURE, DeclineModel, default_model, signals
from index.answer.failure import Failure
from index.answer.features import period_of, subjects
from index.answer.model import Answer, Decline, Source
from index.answer.naming import names_in
from index.answer.polarity import asked_end, negated_words
from index.answer.roles import asked_post
from index.answer.tense import asks_now
from index.retrieval.accents import restore
from index.retrieval.coverage import (
    text_terms,
    word_weights,
)
from index.retrieval.embed import Embedder
from index.retrieval.message import question_text
from index.retrieval.query import Query, analyze
from index.retrieval.ranking import Hit, Meaning, retrieve
from index.store.snapshot import Index
from index.targets.lookup import asks_for_target
from index.terms.lexicon import Lexicon
from index.text import has_diacritics

# Calibrated with `nqbot eval` on tests/data/questions.jsonl (see README).
DECLINE_BELOW = 0.5
PARAGRAPHS = 6
FOCUS_MIN_TERMS = 3
MAX_OTHERS = 2
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
    """Whether a candidate passes the checks, only when asked (the checks cost more than the rest of a question:
    the margins and the other sources need the first few that pass); failure_of checks each span once."""
    return lambda candidate: candidate is best or failure_of(s, candidate) is None


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


_DECLINE_OF = {"year": Decline.OTHER_YEAR, "period": Decline.OTHER_YEAR, "scope": Decline.OTHER_SCOPE,
               "district": Decline.OTHER_SCOPE, "place": Decline.OTHER_PLACE, "name": Decline.UNKNOWN_NAME,
               "unit": Decline.NO_MATCH,
               "post": Decline.NO_MATCH, "document": Decline.NO_MATCH, "measure": Decline.NO_MATCH,
               "thing": Decline.NO_MATCH}


def _target_year(index: Index, candidate: Candidate) -> int | None:
    """The deadline of a target stated in the candidate sentence (the target table's, which a sentence
    such as "Tỷ lệ đô thị hóa đạt từ 50-55%" inherits from its paragraph)."""
    years = [t.year for t in index.targets_in(candidate.paragraph)
             if candidate.start <= t.start < candidate.end and t.year is not None]
    return years[0] if years else None


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
    local = tuple(p for p in places if p not in lexicon.province_names)
    return Scoring(index, lexicon, query, word_weights(index, query), asks_target,
                   0.0 if asks_target else asks_now(query), subjects(query.text, places), asked_post(query, lexicon),
                   negated_words(query.text), asked_end(query.text), local=local)


def _with_breakdowns(index: Index, local: tuple[str, ...], hits: list[Hit]) -> list[Hit]:
    """The hits, and after each the next paragraph of its bulletin when that one names a district asked: a
    province's total is often broken down by place in the paragraph after it ("Xét theo địa bàn, TP Rạch Giá dẫn đầu
    với 63 vụ, ..., huyện Giồng Riềng 16 vụ"), which shares few of the question's words itself."""
    if not local:
        return hits
    seen = {h.paragraph for h in hits}
    out = list(hits)
    for hit in hits:
        after = hit.paragraph + 1
        if after in seen or after >= len(index.paragraphs) or index.para_bulletin[after] != index.para_bulletin[
                hit.paragraph]:
            continue
        if names_in(index.paragraphs[after], set(local)):  # as names: "an minh" is not in "quan minh"
            out.append(Hit(after, hit.score, hit.meaning))
            seen.add(after)
    return out


def _failed(s: Scoring, question: str, ranked: list[Candidate], failure: Failure, decline_below: float) -> Answer:
    """No candidate passed the checks: say why the best one failed, with it as the nearest fact when it
    is a figure for another year or level."""
    top = ranked[0]
    support = _support(s, top)
    dated = failure.kind in ("year", "period", "scope", "district")
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
    ranked = ranked_candidates(s, _with_breakdowns(index, s.local if "number" in query.cues else (), hits))
    best, failure = choose(s, ranked)
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
    return _answer(s, question, with_next(s, best), sources, round(support, 4), confidence)


def _answer(s: Scoring, question: str, chosen: Candidate, sources: tuple[Source, ...], support: float,
            confidence: float | None) -> Answer:
    """The quote, other bulletins that answer too, and which year the quoted figure is for."""
    quoted = _source(s.index, chosen)
    return Answer(question=question, answered=True, best=quoted, others=sources, coverage=support,
                  period=period_of(s.query, quoted.quote, _target_year(s.index, chosen)),
                  confidence=None if confidence is None else round(confidence, 4),
                  unsure=confidence is not None and confidence < SURE)
