"""Questions about the facts of the synthetic bulletins, in the forms users type: with diacritics,
without them, with abbreviations, chatty, as keywords, or about a province outside the corpus (where
"no answer" is the right reply).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from benchmarks import vocab as V
from benchmarks.sentence_templates import Fact
from benchmarks.slot_values import cap
from benchmarks.synthetic_bulletins import bulletin, bulletin_numbers


@dataclass(frozen=True)
class Question:
    q: str
    variant: str  # accented | plain | abbreviated | chatty | keywords | unknown_place
    file: str | None  # the bulletin the fact comes from (None: no answer expected)
    answer: str | None
    cue: str

    def json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def _plain(text: str) -> str:
    from index.text import fold

    return fold(text).lower()


def _abbreviate(text: str) -> str:
    out = text
    for long, short in V.QUESTION_ABBREVIATIONS:
        for form in (long, cap(long), long.lower()):
            out = out.replace(form, short)
    return out


def _keywords(text: str) -> str:
    drop = {"bao", "nhiêu", "là", "gì", "ai", "nào", "đâu", "ở", "khi", "của", "có", "đạt", "về", "trước", "ngày"}
    words = [w.strip("?,") for w in text.split()]
    return " ".join(w for w in words if w.lower() not in drop)


def _variant(rng: random.Random, fact: Fact, file: str) -> Question:
    roll = rng.random()
    base = fact.question
    if roll < 0.40:
        return Question(base, "accented", file, fact.answer, fact.cue)
    if roll < 0.65:
        return Question(_plain(base).rstrip("?") + rng.choice(("", "?", " vay")), "plain", file, fact.answer, fact.cue)
    if roll < 0.78 and _abbreviate(base) != base:
        return Question(_abbreviate(base), "abbreviated", file, fact.answer, fact.cue)
    if roll < 0.90:
        prefix, suffix = rng.choice(V.QUESTION_PREFIXES), rng.choice(V.QUESTION_SUFFIXES)
        body = base.rstrip("?")
        body = body[:1].lower() + body[1:] if prefix else body
        return Question(prefix + body + suffix, "chatty", file, fact.answer, fact.cue)
    return Question(_keywords(base), "keywords", file, fact.answer, fact.cue)


def _unknown_place(rng: random.Random, fact: Fact) -> Question:
    """The fact's question about a province outside the corpus: no answer expected."""
    other = rng.choice(V.OTHER_PROVINCES)
    return Question(fact.question.replace("tỉnh", f"tỉnh {other}", 1), "unknown_place", None, None, fact.cue)


def questions(paragraphs: int, seed: int = 1, count: int = 300, unknown_share: float = 0.05) -> list[Question]:
    """`count` questions about facts of the corpus of (paragraphs, seed), spread over its bulletins.

    A share of them names a place outside the province, where "no answer" is the right reply.
    """
    specs = list(bulletin_numbers(paragraphs, seed))
    rng = random.Random(f"nqbot-questions-{seed}-{paragraphs}")
    out: list[Question] = []
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        number, max_paragraphs = rng.choice(specs)
        spec = bulletin(seed, number, max_paragraphs)
        facts = [(f, spec.file) for p in spec.paragraphs for f in p.facts]
        if not facts:
            continue
        fact, file = rng.choice(facts)
        if rng.random() < unknown_share and "tỉnh" in fact.question:
            out.append(_unknown_place(rng, fact))
        else:
            out.append(_variant(rng, fact, file))
    return out
