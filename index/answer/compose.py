"""The answer composer: the sentence that answers, quoted verbatim, or a plain "no answer"."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.answer.checks import Failure, first_failure
from index.answer.features import cue_fit, holds_answer, province_clash, year_fit
from index.answer.model import Answer, Decline, Source
from index.retrieval.accents import restore
from index.retrieval.coverage import (
    SCATTERED_CREDIT,
    TextTerms,
    best_credits,
    bigram_coverage,
    bulletin_has,
    bulletin_terms,
    covered_share,
    layer_credits,
    numeral_forms,
    plenum_terms,
    sentence_terms,
    text_terms,
    word_weights,
)
from index.retrieval.embed import Embedder
from index.retrieval.query import Query, analyze
from index.retrieval.ranking import Hit, retrieve
from index.store.snapshot import Index
from index.targets.lookup import asks_for_target, question_scores
from index.terms.lexicon import Lexicon

# Calibrated with `nqbot eval` on tests/data/questions.jsonl (see README).
DECLINE_BELOW = 0.5
WEIGHTS = {
    "coverage": 0.6, "residual": 0.5, "bigrams": 0.15, "paragraph": 0.2, "cue": 0.3, "year": 0.1, "province": 0.15,
    "target": 0.2, "meaning": 0.2,
}
# Credit for query words found around the sentence rather than in it (docs/retrieval-lessons.md §2).
CONTEXT_CREDIT = {"title": 1.0, "paragraph": 0.5, "bulletin": 0.35}
PARAGRAPHS = 6
FOCUS_MIN_TERMS = 3
MAX_OTHERS = 2
CHECKED = 12  # candidates tried against the checks before declining
_NEXT_CUES = frozenset({"who", "docno", "number", "date"})
_LOOK_FURTHER = frozenset({"place"})  # failures after which a lower-ranked sentence is often right
# Near-ties only: wider margins answered no more questions right and more of them wrong (blind tune split).
FALLBACK_MARGIN = 0.05
_NOTHING = TextTerms(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


@dataclass(frozen=True, slots=True)
class Candidate:
    paragraph: int
    start: int
    end: int
    score: float
    coverage: float  # of the sentence, with its title, paragraph and bulletin as weaker context
    features: dict[str, float]  # the parts of the score, for explaining a ranking


@dataclass
class _Scoring:
    """One question against one index: what every sentence is scored with, computed once."""

    index: Index
    lexicon: Lexicon
    query: Query
    weights: list[float]
    asks_target: bool  # the question asks for a quantity or a goal (checked once, not per paragraph)
    bulletins: dict[int, TextTerms] = field(default_factory=dict)
    # Credits per text, by identity: a title or paragraph is credited once, not once per sentence.
    credited: dict[tuple[int, float], tuple[TextTerms, list[float]]] = field(default_factory=dict)

    def bulletin(self, number: int) -> TextTerms:
        """The question's terms that occur anywhere in the bulletin (title included)."""
        if number not in self.bulletins:
            self.prepare([number])
        return self.bulletins[number]

    def prepare(self, numbers: list[int]) -> None:
        """Look the question's terms up in several bulletins at once (one search per term)."""
        todo = [n for n in dict.fromkeys(numbers) if n not in self.bulletins]
        for number, terms in bulletin_terms(self.index, self.query, todo).items():
            self.bulletins[number] = terms | text_terms(self.index.bulletins[number].title)

    def credits(self, present: TextTerms, scattered: float = SCATTERED_CREDIT) -> list[float]:
        key = (id(present), scattered)
        if key not in self.credited:  # the stored text keeps its id from being reused meanwhile
            self.credited[key] = (present, layer_credits(self.query, present, scattered))
        return self.credited[key][1]

    def coverage(
        self, layers: tuple[tuple[TextTerms, float], ...], mask: list[bool] | None = None, of_all: bool = False,
        scattered: float = SCATTERED_CREDIT,
    ) -> float:
        vectors = [(self.credits(present, scattered), weight) for present, weight in layers]
        return covered_share(self.weights, best_credits(vectors), mask, of_all) if self.weights else 0.0


def _named_places(s: _Scoring, bulletin: TextTerms, title: TextTerms) -> TextTerms:
    """The asked provinces this bulletin mentions anywhere: a bulletin is about its province, so a
    sentence saying "toàn tỉnh" answers for it. Not when its title names another province."""
    if province_clash(s.query, title, s.lexicon):
        return _NOTHING
    pairs = frozenset(p for p in s.query.provinces if p in bulletin.bigrams)
    syllables = frozenset(w for p in pairs for w in p.split())
    return TextTerms(syllables, syllables, pairs, frozenset(), frozenset(), frozenset())


def _target_scores(s: _Scoring, paragraph: int) -> dict[tuple[int, int], float]:
    """For a question that asks for a quantity or a goal: how well each target sentence of the
    paragraph matches it (issue: "Chỉ tiêu đô thị hóa đến 2030?" quotes the 50-55% sentence)."""
    targets = s.index.targets_in(paragraph)
    if not targets or not s.asks_target:
        return {}
    scores = question_scores(targets, s.query, s.lexicon)
    return {(start, end): score for (_, _, start, end), score in scores.items()}


def _sentences(s: _Scoring, hit: Hit, top: float) -> list[Candidate]:
    number = int(s.index.para_bulletin[hit.paragraph])
    text = s.index.paragraphs[hit.paragraph]
    para, sentences = sentence_terms(text)
    title, bulletin = text_terms(s.index.bulletins[number].title), s.bulletin(number)
    places = _named_places(s, bulletin, title)
    targets = _target_scores(s, hit.paragraph)
    # What a sentence must add to its title: the question's words the title does not hold.
    residual = [c < 1.0 for c in s.credits(title)]
    out = []
    for start, end, own in sentences:
        layers = ((own, 1.0), (title, CONTEXT_CREDIT["title"]), (para, CONTEXT_CREDIT["paragraph"]),
                  (bulletin, CONTEXT_CREDIT["bulletin"]), (places, 1.0))
        features = {
            "coverage": s.coverage(layers),
            "residual": s.coverage(((own, 1.0),), mask=residual, of_all=True),
            "bigrams": bigram_coverage(s.query, own | title),
            "paragraph": hit.score / top if top > 0 else 0.0,
            "cue": cue_fit(s.query, text[start:end], own),
            "year": year_fit(s.query, own, para),
            "province": -province_clash(s.query, own | title, s.lexicon),
            "target": targets.get((start, end), 0.0),
            "meaning": max(-1.0, min(1.0, hit.meaning / 3)),
        }
        score = sum(WEIGHTS[name] * value for name, value in features.items() if name != "residual")
        out.append(Candidate(hit.paragraph, start, end, score, features["coverage"], features))
    return out


def _with_residual(index: Index, candidates: list[Candidate]) -> list[Candidate]:
    """Add the residual as a shortfall against the best sentence of the same bulletin: it tells the
    sentences of one bulletin apart by what they add to its title, and leaves the comparison
    between bulletins to the other features."""
    best: dict[int, float] = {}
    for c in candidates:
        b = int(index.para_bulletin[c.paragraph])
        best[b] = max(best.get(b, 0.0), c.features["residual"])
    out = []
    for c in candidates:
        shortfall = c.features["residual"] - best[int(index.para_bulletin[c.paragraph])]
        features = {**c.features, "residual": shortfall}
        score = c.score + WEIGHTS["residual"] * shortfall
        out.append(Candidate(c.paragraph, c.start, c.end, score, c.coverage, features))
    return out


def _candidates(s: _Scoring, hits: list[Hit]) -> list[Candidate]:
    top = max(h.score for h in hits)
    s.prepare([int(s.index.para_bulletin[h.paragraph]) for h in hits])
    out: list[Candidate] = []
    for hit in hits:
        out += _sentences(s, hit, top)
    return sorted(_with_residual(s.index, out), key=lambda c: -c.score)


def _source(index: Index, candidate: Candidate) -> Source:
    bulletin = index.bulletin_of(candidate.paragraph)
    text = index.paragraphs[candidate.paragraph]
    return Source(
        quote=text[candidate.start : candidate.end], paragraph=text, file=bulletin.file, title=bulletin.title,
        url=bulletin.url, published=bulletin.published, score=round(candidate.score, 4),
    )


def _support(s: _Scoring, candidate: Candidate) -> float:
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


def _others(s: _Scoring, ranked: list[Candidate], best: Candidate, limit: int, floor: float) -> tuple[Source, ...]:
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


def _mismatches(s: _Scoring, candidate: Candidate) -> tuple[str, ...]:
    """What the question names that the answering bulletin never states: a numbered resolution
    ("Trung ương 8" when it speaks of 6), or the province asked about (its figures are another's)."""
    number = int(s.index.para_bulletin[candidate.paragraph])
    bulletin = s.bulletin(number)
    named = [n for n in s.query.identifiers if n not in s.query.plenums]
    numbers = tuple(
        n for n in named if n not in bulletin.folded and not bulletin_has(s.index, number, numeral_forms(n))
    )
    plenums = tuple(f"Trung ương {n}" for n in s.query.plenums if not bulletin_has(s.index, number, plenum_terms(n)))
    provinces = tuple(p for p in s.query.provinces if p != s.lexicon.home and p not in bulletin.bigrams)
    return numbers + plenums + provinces


_DECLINE_OF = {"year": Decline.OTHER_YEAR, "scope": Decline.OTHER_SCOPE, "place": Decline.OTHER_PLACE,
               "name": Decline.UNKNOWN_NAME, "unit": Decline.NO_MATCH}


def _failure(s: _Scoring, candidate: Candidate) -> Failure | None:
    missing = _mismatches(s, candidate)
    if missing:
        return Failure("name", ", ".join(missing))
    return first_failure(s.query, s.lexicon, s.index, candidate.paragraph, (candidate.start, candidate.end))


def _choose(s: _Scoring, ranked: list[Candidate]) -> tuple[Candidate | None, Failure | None]:
    """The best candidate that passes the checks (issue: try the next candidates before declining),
    and why the best one failed."""
    first: Failure | None = None
    for candidate in ranked[:CHECKED]:
        # A sentence without the place asked about may be followed by one about it ("Phú Quốc được định
        # hướng..."); other failures are mostly followed by wrong answers, so only near-ties are tried.
        far = candidate.score < ranked[0].score - FALLBACK_MARGIN
        if first is not None and first.kind not in _LOOK_FURTHER and far:
            break
        failure = _failure(s, candidate)
        if failure is None:
            return candidate, first
        first = first or failure
    return None, first


def _with_next(s: _Scoring, ranked: list[Candidate], best: Candidate) -> Candidate:
    """When the sentence names the fact but not what is asked (who, which document, how many), and the
    next sentence of its paragraph holds it, quote both, in order ("... ban hành kế hoạch ... Kế
    hoạch này mang số 142-KH/TU")."""
    text = s.index.paragraphs[best.paragraph]
    if not s.query.cues & _NEXT_CUES or holds_answer(s.query, text[best.start : best.end]):
        return best
    following = [c for c in ranked if c.paragraph == best.paragraph and c.start >= best.end]
    after = min(following, key=lambda c: c.start, default=None)
    if after is None or not holds_answer(s.query, text[after.start : after.end]) or _failure(s, after) is not None:
        return best
    return Candidate(best.paragraph, best.start, after.end, best.score, best.coverage, best.features)


def compose(
    index: Index, lexicon: Lexicon, question: str, others: int = MAX_OTHERS, decline_below: float = DECLINE_BELOW,
    embedder: Embedder | None = None,
) -> Answer:
    """Answer a question from the index, or decline with the reason.

    `others` bounds the other sources listed (inline mode shows more); `decline_below` is the
    support under which the composer says it has no answer.
    """
    query = analyze(question, index, lexicon)
    if query.empty:
        return Answer.declined(question, Decline.EMPTY)
    if query.unknown_names:
        return Answer.declined(question, Decline.UNKNOWN_NAME, unknown=query.unknown_names)
    meaning = None
    if embedder is not None and index.vectors is not None:
        # e5 reads unaccented Vietnamese poorly: give it the question with the corpus's accents.
        meaning = embedder.query(query.text if query.accented else restore(index, lexicon, query.text))
    hits = retrieve(index, query, max(PARAGRAPHS, others + 1), meaning)
    if not hits:
        return Answer.declined(question, Decline.NO_MATCH)
    s = _Scoring(index, lexicon, query, word_weights(index, query), asks_for_target(query))
    ranked = _candidates(s, hits)
    best, failure = _choose(s, ranked)
    if best is None:
        assert failure is not None
        top = ranked[0]
        support = _support(s, top)
        nearest = _source(index, top) if failure.kind in ("year", "scope") and support >= decline_below else None
        return Answer.declined(question, _DECLINE_OF[failure.kind], round(support, 4), (failure.what,), nearest)
    support = _support(s, best)
    if support < decline_below:
        return Answer.declined(question, Decline.NO_MATCH, coverage=round(support, 4))
    sources = _others(s, [c for c in ranked if _failure(s, c) is None], best, others, decline_below)
    quoted = _source(index, _with_next(s, ranked, best))
    return Answer(question=question, answered=True, best=quoted, others=sources, coverage=round(support, 4))
