"""The `heavy` corpus profile (issue 14): bulletins whose vocabulary keeps growing with the corpus,
and eight-word questions about them.

Every sentence names people, hamlets, companies, projects, products or documents drawn by rank from
`heavy_names` (Zipf–Mandelbrot over an unbounded range: old names recur, new ones keep coming, as
in a real news archive); the glue is the default profile's policy vocabulary. Paragraphs are about
275 characters (the mean of real bulletins); questions about eight words, with diacritics, without
them, as keywords or chatty. Bulletin i depends only on (seed, i), as in the default profile, and the
files have the seed bulletin's layout (`synthetic_bulletins.bulletin_text`).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks import heavy_names as N
from benchmarks import slot_values as S
from benchmarks import vocab as V
from benchmarks.sentence_templates import Fact, ParagraphSpec
from benchmarks.synthetic_bulletins import MAX_PARAGRAPHS, MIN_PARAGRAPHS, BulletinSpec, CorpusInfo, write_specs
from benchmarks.synthetic_questions import Question

MEAN_CHARS, SD_CHARS = 275, 70
Sentence = tuple[str, list[Fact]]


# Each kind of name with its law: (s, q) of P(r) ∝ (r + q) ** -s. Smaller s: a heavier tail.
def _person(rng: random.Random) -> str:
    return N.person(N.rank(rng, 1.1, 40))


def _place(rng: random.Random) -> str:
    return f"{N.hamlet(N.rank(rng, 1.1, 30))}, {S.district(rng)}" if rng.random() < 0.5 else N.hamlet(
        N.rank(rng, 1.1, 30))


def _company(rng: random.Random) -> str:
    return N.company(N.rank(rng, 1.1, 25))


def _s_person(rng: random.Random) -> Sentence:
    who, position, place, verb, entity = _person(rng), S.POSITION(rng), _place(rng), S.VERB(rng), S.ENTITY(rng)
    n = rng.randint(2, 90)
    text = f"Ông {who}, {position}, cho biết {place} đã {verb} {n} {entity}."
    short = place.split(",")[0]
    return text, [Fact(f"{S.cap(short)} có bao nhiêu {entity}?", f"{n} {entity}", "number")]


def _s_project(rng: random.Random) -> Sentence:
    r = N.rank(rng, 1.15, 15)
    name, code, place, owner = N.project(r), N.project_code(r), _place(rng), _company(rng)
    amount = S.decimal(rng.uniform(20, 30000), 0)
    text = f"Dự án {name} ({code}) tại {place} do {owner} làm chủ đầu tư, tổng vốn {amount} tỷ đồng."
    proper = N.vietnamese(r)  # people ask about "dự án Diệp Thoa", not its full kind
    return text, [Fact(f"Ai làm chủ đầu tư dự án {proper}?", owner, "who"),
                  Fact(f"Dự án {proper} có tổng vốn bao nhiêu?", f"{amount} tỷ đồng", "number")]


def _s_brand(rng: random.Random) -> Sentence:
    brand, maker, stars, year = N.brand(N.rank(rng, 1.15, 15)), _company(rng), rng.randint(3, 5), S.year(rng)
    text = f"Sản phẩm {brand} của {maker} được công nhận đạt chuẩn OCOP {stars} sao năm {year}."
    return text, [Fact(f"Sản phẩm {brand} đạt chuẩn OCOP mấy sao?", f"{stars} sao", "number")]


def _s_document(rng: random.Random) -> Sentence:
    doc, number = N.document(N.rank(rng, 1.15, 60))
    issuer, place, verb, topic = S.ISSUER(rng), _place(rng), S.VERB(rng), S.TOPIC(rng)
    text = f"Theo {doc} số {number} của {issuer}, {place} {verb} {topic} {S.ADVERBIAL(rng)}."
    return text, [Fact(f"{doc} số {number} giao {place.split(',')[0]} làm gì?", topic, "")]


def _s_meeting(rng: random.Random) -> Sentence:
    agency, place, who = S.AGENCY(rng), _place(rng), _person(rng)
    text = f"{S.day(rng)}, đoàn công tác của {agency} làm việc tại {place} với ông {who}."
    return text, [Fact(f"Ông {who} tiếp đoàn ở đâu?", place, "where")]


def _s_count(rng: random.Random) -> Sentence:
    place, topic, partner, n = _place(rng).split(",")[0], S.TOPIC(rng), _company(rng), rng.randint(5, 900)
    text = f"Đến nay, {place} có {n} hộ tham gia mô hình {topic} liên kết với {partner}."
    return text, [Fact(f"{S.cap(place)} có bao nhiêu hộ tham gia?", f"{n} hộ", "number")]


def _s_general(rng: random.Random) -> Sentence:
    return f"{S.OPENER(rng)} {S.SUBJECT(rng)} {S.VERB(rng)} {S.TOPIC(rng)} {S.ADVERBIAL(rng)}.", []


_SENTENCES: tuple[tuple[Callable[[random.Random], Sentence], float], ...] = (
    (_s_general, 2.0), (_s_person, 1.5), (_s_project, 1.5), (_s_brand, 1.0), (_s_document, 1.5),
    (_s_meeting, 1.0), (_s_count, 1.5),
)
_CUM = list(itertools.accumulate(w for _, w in _SENTENCES))


def paragraph(rng: random.Random) -> ParagraphSpec:
    """Sentences until the paragraph is about as long as drawn (mean 275 characters)."""
    target = min(560, max(110, int(rng.gauss(MEAN_CHARS, SD_CHARS))))
    sentences: list[str] = []
    facts: list[Fact] = []
    length = -1
    while length < target - 60:
        text, new = rng.choices(_SENTENCES, cum_weights=_CUM)[0][0](rng)
        sentences.append(text)
        facts += new
        length += 1 + len(text)
    return ParagraphSpec(" ".join(sentences), facts)


def _title(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"{S.cap(S.TOPIC(rng))} tại {N.hamlet(N.rank(rng, 1.1, 30))}"
    if roll < 0.7:
        return f"{_company(rng)} {S.VERB(rng)} {S.TOPIC(rng)}"
    return f"Khởi công dự án {N.project(N.rank(rng, 1.15, 15))}"


def _slug(text: str) -> str:
    from index.text import fold

    words = "".join(ch if ch.isalnum() else " " for ch in fold(text).lower()).split()
    return "-".join(words[:8]) or "ban-tin"


def _rng(seed: int, number: int) -> random.Random:
    return random.Random(f"nqbot-heavy-{seed}-{number}")


def bulletin(seed: int, number: int, max_paragraphs: int | None = None) -> BulletinSpec:
    """Bulletin `number` of the heavy corpus of `seed` (its first `max_paragraphs` paragraphs, if given)."""
    rng = _rng(seed, number)
    count = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)  # first draw: bulletin_numbers relies on it
    count = count if max_paragraphs is None else min(count, max_paragraphs)
    published = datetime(2022, 1, 1, 6, 0) + timedelta(days=rng.randint(0, 4 * 365), minutes=rng.randint(0, 14 * 60))
    title = _title(rng)
    paragraphs = [paragraph(rng) for _ in range(count)]
    slug, author = _slug(title), rng.choice(V.AUTHORS)
    return BulletinSpec(
        number=number, file=f"h{number:07d}_{slug}.txt", site=rng.choice(V.SITES), section=rng.choice(V.SECTIONS),
        title=title, published=published, url=f"{V.DOMAIN}/tin/{number}/{slug}.html",
        credit=f"{author} (theo tin.example.test)", caption=None, paragraphs=paragraphs,
    )


def bulletin_numbers(paragraphs: int, seed: int) -> Iterator[tuple[int, int | None]]:
    """(bulletin number, paragraph cap) of every bulletin, without rendering the paragraphs."""
    left, number = paragraphs, 0
    while left > 0:
        n = _rng(seed, number).randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        yield number, (left if n > left else None)
        left -= min(n, left)
        number += 1


def bulletins(paragraphs: int, seed: int = 1) -> Iterator[BulletinSpec]:
    """Bulletins holding exactly `paragraphs` paragraphs in all (the last one may be cut short)."""
    for number, cap in bulletin_numbers(paragraphs, seed):
        yield bulletin(seed, number, cap)


def write_corpus(paragraphs: int, out: Path, seed: int = 1) -> CorpusInfo:
    return write_specs(bulletins(paragraphs, seed), out)


_QUESTION_WORDS = frozenset("bao nhiêu ai gì đâu ở mấy làm đã có".split())


def _variant(rng: random.Random, fact: Fact, file: str) -> Question:
    from index.text import fold

    roll, base = rng.random(), fact.question
    if roll < 0.45:
        return Question(base, "accented", file, fact.answer, fact.cue)
    if roll < 0.75:
        return Question(fold(base).lower().rstrip("?"), "plain", file, fact.answer, fact.cue)
    if roll < 0.9:
        words = [w.strip("?,") for w in base.split()]
        return Question(" ".join(w for w in words if w.lower() not in _QUESTION_WORDS), "keywords", file,
                        fact.answer, fact.cue)
    prefix = rng.choice(("Cho mình hỏi ", "Xin hỏi ", "Bot ơi, "))
    return Question(prefix + base[:1].lower() + base[1:], "chatty", file, fact.answer, fact.cue)


def questions(paragraphs: int, seed: int = 1, count: int = 300) -> list[Question]:
    """`count` questions about facts of the heavy corpus of (paragraphs, seed), spread over its bulletins."""
    numbers = list(bulletin_numbers(paragraphs, seed))
    rng = random.Random(f"nqbot-heavy-questions-{seed}-{paragraphs}")
    out: list[Question] = []
    while len(out) < count:
        spec = bulletin(seed, *rng.choice(numbers))
        facts = [f for p in spec.paragraphs for f in p.facts]
        if facts:
            out.append(_variant(rng, rng.choice(facts), spec.file))
    return out
