"""Looking targets up: by keywords (`/chitieu`, `nqbot targets --query`) and for a question the
composer is answering (which target sentences state what it asks for)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from index.retrieval.query import Query
from index.targets.rules import Target
from index.terms.lexicon import Lexicon, folded_words
from index.terms.tokenize import fold_term

_ASKS_RE = re.compile(r"\b(?:chi tieu|muc tieu|phan dau|dat muc|muc nao|ke hoach)\b")


# Folded filler of queries and questions: "/chitieu đến năm 2030", "chỉ tiêu ... là bao nhiêu?"
_QUERY_DROP_RE = re.compile(r"\b(?:chi tieu|muc tieu|bao nhieu|la gi|the nao|nam|den|vao|"
                            r"cua|la|ve|dat|may|co|duoc|hoi|cho|biet|khong|nhu)\b")


_YEAR_WORD_RE = re.compile(r"(?:19|20)\d\d")
_GOAL_PAIRS = frozenset({"chi tieu", "muc tieu", "phan dau"})
_TIME_WORDS = frozenset({"nam", "dat"})  # "năm 2030", "đạt": every target has a year and a value


def sort_key(t: Target) -> tuple[int, int, str, int, int]:
    """By deadline (none last), then bulletin, then place in the bulletin."""
    return (0 if t.year is not None else 1, t.year or 0, t.file, t.position, t.start)


def group_by_year(targets: Iterable[Target]) -> list[tuple[int | None, list[Target]]]:
    """Targets grouped by deadline year, earliest first; targets without a year come last."""
    groups: dict[int | None, list[Target]] = {}
    for t in sorted(targets, key=sort_key):
        groups.setdefault(t.year, []).append(t)
    return list(groups.items())


def _query_words(query: str, lexicon: Lexicon | None) -> tuple[list[str], set[int]]:
    """Folded keywords without filler ("chỉ tiêu", "bao nhiêu", "đến năm") or the home province (every
    target is about it), and the years asked."""
    text = f" {' '.join(folded_words(query))} "
    if lexicon is not None and lexicon.home:
        text = text.replace(f" tinh {lexicon.home} ", " ").replace(f" {lexicon.home} ", " ")
    kept = _QUERY_DROP_RE.sub(" ", text).split()
    years = {int(w) for w in kept if _YEAR_WORD_RE.fullmatch(w)}
    return [w for w in kept if not _YEAR_WORD_RE.fullmatch(w)], years


def _haystack(text: str, lexicon: Lexicon | None) -> set[str]:
    """Folded syllables of a text, plus the expansions of its abbreviations (KCN -> khu công nghiệp)."""
    words = set(folded_words(text))
    expansions = lexicon.abbreviations if lexicon is not None else {}
    for key in [w for w in words if w in expansions]:
        words.update(fold_term(s) for expansion in expansions[key] for s in expansion)
    return words


def _found(word: str, hay: set[str], lexicon: Lexicon | None) -> bool:
    """The word, or every word of one of its expansions when it is an abbreviation ("kcn")."""
    options = lexicon.abbreviations.get(word, ()) if lexicon is not None else ()
    return word in hay or any(all(fold_term(s) in hay for s in option) for option in options)


def _measured(t: Target, lexicon: Lexicon | None) -> set[str]:
    """What a target measures, for matching: indicator and unit ("%" also as "phần trăm")."""
    return _haystack(f"{t.indicator} {t.unit}" + (" phần trăm" if "%" in t.unit else ""), lexicon)


def filter_targets(targets: Iterable[Target], query: str, *, lexicon: Lexicon | None = None,
                   sentence_of: Callable[[Target], str] | None = None) -> list[Target]:
    """Targets whose indicator (or unit) holds every word of the query, diacritics and tone placement
    optional ("do thi hoa"); a year in the query keeps that deadline only. When no indicator matches
    and `sentence_of` is given, the quoted sentences are searched instead. Ordered by year, then file.
    """
    words, years = _query_words(query, lexicon)
    pool = [t for t in sorted(targets, key=sort_key) if not years or t.year in years]
    hits = [t for t in pool if all(_found(w, _measured(t, lexicon), lexicon) for w in words)]
    if hits or sentence_of is None:
        return hits
    return [t for t in pool if all(_found(w, _haystack(sentence_of(t), lexicon), lexicon) for w in words)]


def says_goal(query: Query) -> bool:
    """The question says it asks for a goal ("chỉ tiêu", "mục tiêu", "phấn đấu", "kế hoạch")."""
    return bool(_ASKS_RE.search(" ".join(folded_words(query.text))))


def asks_for_target(query: Query) -> bool:
    """The question asks for a goal: it says so (says_goal) or asks for a quantity by a year ("GRDP năm 2030
    bao nhiêu?"). "Có bao nhiêu HTX?" asks what there is now."""
    return says_goal(query) or bool(query.years and "number" in query.cues)


Key = tuple[str, int, int, int]  # (file, paragraph position, start, end) of a sentence


def _question_words(query: Query, lexicon: Lexicon) -> tuple[list[str], set[int]]:
    """The folded content words of an analysed question that a target's indicator should hold (goal
    words, time words and the home province left out: every target is about it), and its years."""
    folded = [t.folded for t in query.terms]
    drop: set[int] = set()
    home = lexicon.home.split()
    for i in range(len(folded)):
        if " ".join(folded[i : i + 2]) in _GOAL_PAIRS:
            drop |= {i, i + 1}
        if home and folded[i : i + len(home)] == home:
            drop |= set(range(i - (i > 0 and folded[i - 1] == "tinh"), i + len(home)))
    years = {int(y) for t in folded for y in _YEAR_WORD_RE.findall(t)}
    words = [w for i, w in enumerate(folded) if i not in drop and w not in _TIME_WORDS and not _YEAR_WORD_RE.search(w)]
    return words, years


def question_scores(targets: Iterable[Target], query: Query, lexicon: Lexicon) -> dict[Key, float]:
    """For the composer: per target sentence, the best share of the question's words that a target's
    indicator and unit hold; a year in the question must be the target's year.
    "Chỉ tiêu đô thị hóa đến 2030?" gives 1.0 to the 50-55% sentence and nothing to the GRDP one."""
    words, years = _question_words(query, lexicon)
    scores: dict[Key, float] = {}
    for t in targets:
        if words and (not years or t.year in years):
            share = sum(_found(w, _measured(t, lexicon), lexicon) for w in words) / len(words)
            key = (t.file, t.position, t.start, t.end)
            scores[key] = max(scores.get(key, 0.0), share)
    return {key: share for key, share in scores.items() if share > 0}
