"""List questions get lists: "các chỉ tiêu đến 2030", "những nhiệm vụ chính", "có những giải pháp nào".

A question about targets gets the targets it names (the bot shows them as a table with a button to
`/chitieu`); any other list question gets up to five sentences, each quoted verbatim with its bulletin,
best first, no sentence twice. A question that asks for one fact is not a list question, and a list
question with fewer than two good sentences is answered as usual (one quote): `list_answer` returns None.

Built on the public pieces only: the composer's answer (`compose`), `analyze` and `retrieve`, coverage
and the checks a quoted sentence must pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.answer.checks import first_failure, province_failure
from index.answer.compose import DECLINE_BELOW, PARAGRAPHS, compose
from index.answer.model import Source
from index.retrieval.coverage import covered_share, layer_credits, sentence_terms, text_terms, word_weights
from index.retrieval.query import Query, analyze
from index.retrieval.ranking import retrieve
from index.store.snapshot import Index
from index.targets.lookup import filter_targets
from index.targets.rules import Target
from index.targets.table import BulletinSource, TargetRow, make_rows
from index.terms.lexicon import Lexicon
from index.terms.sentences import sentence_spans
from index.text import clean_input, fold

LIST_ITEMS = 5
ITEM_CHARS = 400  # an item paragraph after "... gồm:" longer than this is quoted by its first sentence
_LIST_RE = re.compile(
    r"^(?:(?:cho (?:minh|toi|em) (?:hoi|biet)|xin hoi|hay) )?(?:cac|nhung) "
    r"|\b(?:co|gom|bao gom|la) nhung\b|\bnhung (?:gi|\w+(?: \w+){0,3} (?:nao|gi))\b"
    r"|\bcac \w+(?: \w+){0,3} (?:nao|gi)\b|\b(?:liet ke|ke ten|ke ra)\b"
)
_TARGET_RE = re.compile(r"\b(?:chi tieu|muc tieu)\b")
# Verbs that ask for a list and are no search words ("Liệt kê các tuyến quốc lộ"), as typed, marks optional.
_LIST_VERBS_RE = re.compile(r"\b(?:li[eệ]t k[eê]|k[eể] (?:t[eê]n|ra)|h[aã]y)\b", re.IGNORECASE)
# Folded words a /chitieu search does without: list and goal words, question words, the home province.
_NOT_KEYWORDS = frozenset("cac nhung co nao gi la ve cua den toi nam vao chinh chu yeu trong tam tinh hay "
                          "chi tieu muc tieu liet ke ke ten ra gom bao hoi minh toi em cho biet duoc dat".split())


@dataclass(frozen=True, slots=True)
class TargetList:
    keywords: str  # the /chitieu search that shows them ("2030", "nông thôn mới")
    rows: tuple[TargetRow, ...]


@dataclass(frozen=True, slots=True)
class ListAnswer:
    question: str
    items: tuple[Source, ...] = ()  # verbatim sentences, best first
    targets: TargetList | None = None


def _folded(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text).lower()).split())


def asks_for_list(question: str) -> bool:
    """The question asks for several things ("các ...", "những ... nào", "có những ...", "liệt kê")."""
    return bool(_LIST_RE.search(_folded(clean_input(question, 500))))


def _keywords(question: str, lexicon: Lexicon) -> str:
    """The words of a question about targets that a /chitieu search needs ("2030", "nông thôn mới")."""
    words = re.findall(r"\w+", clean_input(question, 500))
    home = set(lexicon.home.split())
    return " ".join(w for w in words if fold(w).lower() not in _NOT_KEYWORDS | home)


class _Sources(dict[str, BulletinSource]):
    """Bulletins by file, read from the index as make_rows asks for them (not the whole index up front)."""

    def __init__(self, index: Index) -> None:
        super().__init__()
        self._index = index

    def __missing__(self, file: str) -> BulletinSource:
        b = self._index.by_file(file)
        if b is None:
            raise KeyError(file)
        self[file] = BulletinSource(b.title, b.url, self._index.paragraphs[b.first : b.first + b.count], b.published)
        return self[file]

    def get(self, file: str, default: BulletinSource | None = None) -> BulletinSource | None:  # type: ignore[override]
        try:
            return self[file]
        except KeyError:
            return default


def target_list(index: Index, lexicon: Lexicon, question: str) -> TargetList | None:
    """The targets a question about targets names, the home province's unless it names another."""
    if not _TARGET_RE.search(_folded(question)):
        return None
    keywords = _keywords(question, lexicon)
    sources = _Sources(index)

    def sentence(t: Target) -> str:
        source = sources.get(t.file)
        return source.paragraphs[t.position][t.start : t.end] if source and t.position < len(source.paragraphs) else ""

    query = analyze(question, index, lexicon)
    targets = filter_targets(index.targets, keywords, lexicon=lexicon, sentence_of=sentence)
    rows = [r for r in make_rows(targets, sources)
            if province_failure(query, lexicon, r.sentence, r.title, home_by_default=True) is None]
    return TargetList(keywords, tuple(rows)) if rows else None


def _paragraph_of(index: Index, source: Source) -> int | None:
    bulletin = index.by_file(source.file)
    if bulletin is None:
        return None
    return next((p for p in bulletin.paragraph_ids if index.paragraphs[p] == source.paragraph), None)


def _source(index: Index, paragraph: int, span: tuple[int, int], score: float) -> Source:
    b = index.bulletin_of(paragraph)
    text = index.paragraphs[paragraph]
    return Source(quote=text[span[0] : span[1]], paragraph=text, file=b.file, title=b.title, url=b.url,
                  published=b.published, score=round(score, 4))


def _following(index: Index, intro: Source) -> list[Source]:
    """The items after a sentence that introduces them ("Các giải pháp trọng tâm ... gồm:")."""
    paragraph = _paragraph_of(index, intro)
    if paragraph is None or not intro.quote.rstrip().endswith(":"):
        return []
    bulletin = index.bulletin_of(paragraph)
    out = []
    for number in range(paragraph + 1, min(bulletin.first + bulletin.count, paragraph + LIST_ITEMS)):
        text = index.paragraphs[number]
        spans = sentence_spans(text)
        span = (0, len(text)) if len(text) <= ITEM_CHARS or not spans else spans[0]
        out.append(_source(index, number, span, intro.score))
    return out


def _scored_sentences(index: Index, lexicon: Lexicon, query: Query, floor: float) -> list[Source]:
    """Sentences of the best paragraphs that cover the question (with their title) and pass the checks,
    best covered first."""
    weights = word_weights(index, query)
    found: list[tuple[float, int, Source]] = []
    for rank, hit in enumerate(retrieve(index, query, PARAGRAPHS)):
        title = text_terms(index.bulletin_of(hit.paragraph).title)
        for start, end, own in sentence_terms(index.paragraphs[hit.paragraph])[1]:
            share = covered_share(weights, [max(a, b) for a, b in zip(layer_credits(query, own, 0.0),
                                                                      layer_credits(query, title, 0.0))])
            if share >= floor and any(layer_credits(query, own, 0.0)) and first_failure(
                    query, lexicon, index, hit.paragraph, (start, end)) is None:
                found.append((-share, rank, _source(index, hit.paragraph, (start, end), share)))
    return [source for *_, source in sorted(found, key=lambda f: (f[0], f[1]))]


def _distinct(sources: list[Source]) -> list[Source]:
    """No sentence twice: the same words, or one quote inside another of the same paragraph."""
    out: list[Source] = []
    for source in sources:
        key = " ".join(source.quote.split())
        if any(key == " ".join(o.quote.split()) or (o.paragraph == source.paragraph and (
                source.quote in o.quote or o.quote in source.quote)) for o in out):
            continue
        out.append(source)
    return out


def list_answer(
    index: Index, lexicon: Lexicon, question: str, decline_below: float = DECLINE_BELOW
) -> ListAnswer | None:
    """The list a list question asks for, or None (not a list question, or fewer than two items)."""
    if not asks_for_list(question):
        return None
    targets = target_list(index, lexicon, question)
    if targets is not None:
        return ListAnswer(question, targets=targets)
    asked = " ".join(_LIST_VERBS_RE.sub(" ", question).split())
    answer = compose(index, lexicon, asked, LIST_ITEMS - 1, decline_below)
    if answer.best is None:
        return None
    query = analyze(asked, index, lexicon)
    items = [answer.best, *_following(index, answer.best), *answer.others,
             *_scored_sentences(index, lexicon, query, decline_below)]
    chosen = _distinct(items)[:LIST_ITEMS]
    return ListAnswer(question, items=tuple(chosen)) if len(chosen) >= 2 else None
