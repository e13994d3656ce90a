"""A "no answer" that helps: what the question asked that no bulletin holds, whether it is outside what
the bot covers at all, and a few nearby questions the bot *can* answer.

Suggestions come from the closest facts: the same question for a year the bulletins do state, and the
targets whose indicator shares the question's words or that stand in its closest passages ("Chỉ tiêu
tỷ lệ đô thị hóa đến 2030?"). Each is asked before it is offered: only questions that get an answer are.
Telegram-free; the bot shows them as buttons.
"""

from __future__ import annotations

import re
import unicodedata

from index.answer.checks import province_failure
from index.answer.compose import DECLINE_BELOW, compose
from index.answer.model import Answer, Decline
from index.retrieval.coverage import years_of
from index.retrieval.query import Query, analyze
from index.retrieval.ranking import retrieve
from index.store.snapshot import Index
from index.targets.rules import Target
from index.terms.lexicon import Lexicon
from index.text import clean_input, fold

SUGGESTIONS = 3
MAX_CHARS = 60  # a suggestion is a button label: short enough to read whole on a phone
_TRIED = 12  # candidate questions asked at most, per decline
_PASSAGES = 4
MIN_SHARED = 0.45  # of the question's idf mass, for a target to count as close to it
YEAR_SWAPS = 2  # the question again for at most this many other years
NEAR = 0.5  # a declined question whose best sentence covered this much of it was near an answer
# Folded: what people ask a provincial bot that no bulletin of the action programme will answer.
_OUT_OF_SCOPE_RE = re.compile(
    r"\b(?:thoi tiet|du bao thoi tiet|mua bao|nhiet do|bao so \d+|cup dien|mat dien|cat dien|lich cat dien|"
    r"lich cup dien|xo so|ket qua xo so|vietlott|so de|lo de|bong da|ty so|gia vang|ty gia|gia xang|gia dau|"
    r"chung khoan|gia lua hom nay|tu vi|boi toan|cung hoang dao|cong thuc nau|nau an|phim|bai hat|"
    r"ban do duong di|ket xe|tuyen dung)\b"
)
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def _folded(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text).lower()).split())


def out_of_scope(question: str) -> bool:
    """Weather, power cuts, lottery and the like: outside anything the bulletins cover."""
    return bool(_OUT_OF_SCOPE_RE.search(_folded(clean_input(question, 500))))


def missing_words(index: Index, lexicon: Lexicon, question: str) -> tuple[str, ...]:
    """The question's words that no bulletin has, as the user typed them (lower case)."""
    query = analyze(question, index, lexicon)
    out = []
    for start, end in query.words:
        terms = query.terms[start:end]
        if any(index.folded.df(t.folded) == 0 and index.titles.df(t.folded) == 0 for t in terms):
            out.append(" ".join(t.accented for t in terms))
    return tuple(dict.fromkeys(out))


def in_users_words(question: str, name: str) -> str:
    """`name` as the question typed it ("ca mau" -> "Cà Mau"), or `name` when the question does not hold it."""
    text = unicodedata.normalize("NFC", question)
    at = fold(text).lower().find(fold(name).lower())
    return text[at : at + len(name)] if at >= 0 else name


def _content(text: str) -> set[str]:
    return {w for w in (_folded(m) for m in _WORD_RE.findall(text)) if len(w) > 1}


def _indicator(target: Target) -> str:
    text = " ".join(target.indicator.split())
    return text[0].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def _target_question(target: Target) -> str:
    return f"Chỉ tiêu {_indicator(target)} đến {target.year}?" if target.year else f"Chỉ tiêu {_indicator(target)}?"


def _home_targets(index: Index, lexicon: Lexicon, query: Query, targets: list[Target]) -> list[Target]:
    """Targets of the province asked about (the home province unless the question names another)."""
    out = []
    for t in targets:
        bulletin = index.by_file(t.file)
        if bulletin is None or t.position >= bulletin.count:
            continue
        sentence = index.paragraphs[bulletin.first + t.position][t.start : t.end]
        home = province_failure(query, lexicon, sentence, bulletin.title, home_by_default=True) is None
        if home and 2 <= len(t.indicator.split()) <= 10:
            out.append(t)
    return out


def _shared(index: Index, words: set[str], indicator: str) -> float:
    """The idf-weighted share of the question's words an indicator holds ("số" alone weighs little)."""
    total = sum(index.idf(w) for w in words)
    return sum(index.idf(w) for w in words & _content(indicator)) / total if total else 0.0


def _close_targets(index: Index, lexicon: Lexicon, query: Query, near: bool) -> list[Target]:
    """Targets whose indicator holds the question's weightier words, then, when the question came `near`
    an answer, those of its closest passages and of their bulletins."""
    words = _content(query.text) - _content(lexicon.home)
    shared = [(_shared(index, words, t.indicator), t) for t in index.targets]
    ranked = [t for share, t in sorted(shared, key=lambda p: -p[0]) if share >= MIN_SHARED]
    if near:
        hits = retrieve(index, query, _PASSAGES)
        ranked += [t for hit in hits for t in index.targets_in(hit.paragraph)]
        files = [index.bulletin_of(hit.paragraph).file for hit in hits]
        ranked += sorted((t for t in index.targets if t.file in files), key=lambda t: files.index(t.file))
    return _home_targets(index, lexicon, query, list(dict.fromkeys(ranked)))


def _other_years(answer: Answer, question: str, index: Index, targets: list[Target]) -> list[str]:
    """The question again, for the years the bulletins do state for it (a decline for another year)."""
    asked = _YEAR_RE.findall(question)
    if answer.reason != Decline.OTHER_YEAR or len(asked) != 1:
        return []
    stated = [str(t.year) for t in targets[:_PASSAGES] if t.year]  # targets first: they are what is planned
    stated += sorted(years_of(answer.nearest.quote), reverse=True) if answer.nearest else []
    years = [y for y in dict.fromkeys(stated) if y not in asked][:YEAR_SWAPS]
    return [question.replace(asked[0], year) for year in years]


def _home_instead(answer: Answer, lexicon: Lexicon) -> list[str]:
    """The question again for the home province, when it named a place the bulletins do not cover."""
    home = next((" ".join(w.capitalize() for w in p) for p in lexicon.provinces
                 if " ".join(fold(w) for w in p) == lexicon.home), "")
    if not home or answer.reason not in (Decline.UNKNOWN_NAME, Decline.OTHER_PLACE):
        return []
    out = []
    for name in answer.unknown:
        if _folded(name) in lexicon.place_names:
            typed = in_users_words(answer.question, name)
            out.append(unicodedata.normalize("NFC", answer.question).replace(typed, home))
    return out


def _short(question: str) -> str:
    """One line, starting with a capital: a button label."""
    text = " ".join(question.split())
    return text[:1].upper() + text[1:]


def suggestions(index: Index, lexicon: Lexicon, answer: Answer, limit: int = SUGGESTIONS,
                decline_below: float = DECLINE_BELOW) -> tuple[str, ...]:
    """Up to `limit` questions near a declined one that the bulletins answer; none when it is out of scope."""
    if answer.answered or answer.reason == Decline.EMPTY or out_of_scope(answer.question):
        return ()
    query = analyze(answer.question, index, lexicon)
    # A name the bulletins lack ("Trung ương 8") leaves the rest of the question near their passages.
    near = answer.coverage >= NEAR or answer.reason == Decline.UNKNOWN_NAME
    targets = _close_targets(index, lexicon, query, near)
    candidates = (_other_years(answer, answer.question, index, targets) + _home_instead(answer, lexicon)
                  + [_target_question(t) for t in targets])
    out: list[str] = []
    for candidate in dict.fromkeys(_short(c) for c in candidates[:_TRIED]):
        if len(out) >= limit:
            break
        if len(candidate) <= MAX_CHARS and compose(index, lexicon, candidate, 0, decline_below).answered:
            out.append(candidate)
    return tuple(out)
