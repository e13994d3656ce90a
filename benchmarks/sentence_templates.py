"""The sentences of the synthetic paragraphs: a dozen templates (meetings, indicators, targets with
document numbers, counts, projects, deadlines, quotes, reasons, venues), each filled from
`slot_values` and returning the facts it states, from which the questions are made.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks import slot_values as S
from benchmarks import vocab as V

MIN_SYLLABLES, MAX_SYLLABLES = 40, 80


@dataclass(frozen=True)
class Fact:
    """A question a sentence answers: `answer` is a substring of the sentence."""

    question: str
    answer: str
    cue: str  # number | date | who | where | docno | ""


@dataclass
class ParagraphSpec:
    text: str
    facts: list[Fact] = field(default_factory=list)


Sentence = tuple[str, list[Fact]]


def _s_meeting(rng: random.Random) -> Sentence:
    agency, event, verb, topic = S.AGENCY(rng), S.EVENT(rng), S.VERB(rng), S.TOPIC(rng)
    person, position = S.person(rng), S.POSITION(rng)
    text = (
        f"{S.day(rng)}, {agency} tổ chức {event} {verb} {topic}. "
        f"Đồng chí {person} - {position} chủ trì {event}."
    )
    return text, [Fact(f"Ai chủ trì {event} {verb} {topic} của {agency}?", person, "who")]


def _s_metric(rng: random.Random) -> Sentence:
    metric, unit, lo, hi = S.METRIC(rng)
    place, period, year = S.place(rng), S.QUARTER(rng), S.year(rng, 2022, 2025)
    amount = S.amount(rng, unit, lo, hi)
    text = (
        f"{S.OPENER(rng)} {metric} {period} {year} của {place} đạt {amount}, "
        f"{rng.choice(V.CHANGES)} {S.pct(rng)} so với cùng kỳ năm trước."
    )
    return text, [Fact(f"{S.cap(metric)} {period} {year} của {place} đạt bao nhiêu?", amount, "number")]


def _s_target(rng: random.Random) -> Sentence:
    metric, unit, lo, hi = S.METRIC(rng)
    doc, number = S.docno(rng)
    issuer, place, year = S.ISSUER(rng), S.place(rng), S.year(rng, 2025, 2030)
    amount = S.amount(rng, unit, lo, hi)
    text = f"Theo {doc} số {number} của {issuer}, đến năm {year}, {place} phấn đấu {metric} đạt {amount}."
    return text, [
        Fact(f"Đến năm {year}, {metric} của {place} phấn đấu đạt bao nhiêu?", amount, "number"),
        Fact(f"{doc} về {metric} của {place} đến năm {year} có số hiệu là gì?", number, "docno"),
    ]


def _s_count(rng: random.Random) -> Sentence:
    place, entity, entity2 = S.place(rng), S.ENTITY(rng), S.ENTITY(rng)
    n = rng.randint(3, 400)
    k = rng.randint(1, n)
    text = f"{S.OPENER(rng)} {place} có {n} {entity}, trong đó có {k} {entity2} {S.STATUS(rng)}."
    return text, [Fact(f"{S.cap(place)} có bao nhiêu {entity}?", f"{n} {entity}", "number")]


def _s_project(rng: random.Random) -> Sentence:
    project, ward, district, company = S.project(rng), S.ward(rng), S.district(rng), S.company(rng)
    amount, year = S.decimal(rng.uniform(50, 40000), 0), S.year(rng, 2024, 2030)
    text = (
        f"{S.cap(project)} tại {ward}, {district} do {company} làm chủ đầu tư, có tổng mức đầu tư "
        f"{amount} tỷ đồng, dự kiến hoàn thành vào năm {year}."
    )
    return text, [
        Fact(f"Tổng mức đầu tư của {project} tại {ward} là bao nhiêu?", f"{amount} tỷ đồng", "number"),
        Fact(f"Ai làm chủ đầu tư {project} tại {ward}, {district}?", company, "who"),
        Fact(f"Khi nào {project} tại {ward} hoàn thành?", str(year), "date"),
    ]


def _s_deadline(rng: random.Random) -> Sentence:
    agency, subjects, verb, topic, date = S.AGENCY(rng), S.SUBJECT(rng), S.VERB(rng), S.TOPIC(rng), S.date(rng)
    text = f"{agency} đề nghị {subjects} {verb} {topic} {S.ADVERBIAL(rng)}, hoàn thành trước ngày {date}."
    return text, [Fact(f"{subjects} phải {verb} {topic} trước ngày nào?", date, "date")]


def _s_general(rng: random.Random) -> Sentence:
    text = (
        f"{S.OPENER(rng)} {S.SUBJECT(rng)} {S.VERB(rng)} {S.TOPIC(rng)} {S.ADVERBIAL(rng)}, "
        f"{S.VERB(rng)} {S.TOPIC(rng)} và {S.TOPIC(rng)}."
    )
    return text, []


def _s_task(rng: random.Random) -> Sentence:
    place, topic = S.place(rng), S.TOPIC(rng)
    text = f"{S.cap(place)} xác định {topic} là nhiệm vụ trọng tâm, gắn với {S.TOPIC(rng)} và {S.TOPIC(rng)}."
    return text, [Fact(f"Nhiệm vụ trọng tâm của {place} là gì?", topic, "")]


def _s_quote(rng: random.Random) -> Sentence:
    topic, verb, person = S.TOPIC(rng), S.VERB(rng), S.person(rng)
    text = f"“{S.cap(topic)} là nhiệm vụ lâu dài, cần được {verb} {S.ADVERBIAL(rng)}”, đồng chí {person} nhấn mạnh."
    return text, []


def _s_reason(rng: random.Random) -> Sentence:
    entity, place, reason = S.ENTITY(rng), S.place(rng), S.REASON(rng)
    text = f"Tuy nhiên, một số {entity} tại {place} còn chậm tiến độ {reason}."
    return text, [Fact(f"Vì sao {entity} tại {place} chậm tiến độ?", reason, "")]


def _s_period(rng: random.Random) -> Sentence:
    y1 = rng.choice((2016, 2021, 2021, 2026))
    place, verb, entity = S.place(rng), S.VERB(rng), S.ENTITY(rng)
    n, amount = rng.randint(2, 300), S.decimal(rng.uniform(10, 20000), 0)
    text = f"Giai đoạn {y1}-{y1 + 4}, {place} đã {verb} {n} {entity} với tổng kinh phí hơn {amount} tỷ đồng."
    return text, [Fact(f"Giai đoạn {y1}-{y1 + 4}, {place} đã {verb} bao nhiêu {entity}?", f"{n} {entity}", "number")]


def _s_venue(rng: random.Random) -> Sentence:
    event, topic, ward, district = S.EVENT(rng), S.TOPIC(rng), S.ward(rng), S.district(rng)
    n = rng.randint(50, 600)
    text = f"{S.cap(event)} về {topic} diễn ra tại {ward}, {district} với sự tham dự của hơn {n} đại biểu."
    return text, [Fact(f"{S.cap(event)} về {topic} diễn ra ở đâu?", f"{ward}, {district}", "where")]


_SENTENCES: tuple[tuple[Callable[[random.Random], Sentence], float], ...] = (
    (_s_general, 5.0), (_s_metric, 3.0), (_s_target, 2.0), (_s_count, 2.0), (_s_meeting, 1.5),
    (_s_project, 1.5), (_s_deadline, 1.5), (_s_task, 1.5), (_s_quote, 1.0), (_s_reason, 1.0),
    (_s_period, 1.5), (_s_venue, 1.0),
)
_SENTENCE_CUM = list(itertools.accumulate(w for _, w in _SENTENCES))


def _syllables(text: str) -> int:
    return len(text.split())


def paragraph(rng: random.Random) -> ParagraphSpec:
    """A paragraph of 40-80 syllables of template sentences, with the facts they state."""
    target = rng.randint(MIN_SYLLABLES, MAX_SYLLABLES)
    sentences: list[str] = []
    facts: list[Fact] = []
    count = 0
    while count < target - 8:
        make = rng.choices(_SENTENCES, cum_weights=_SENTENCE_CUM)[0][0]
        text, new = make(rng)
        n = _syllables(text)
        if sentences and count + n > target + 12:
            if count >= MIN_SYLLABLES:
                break
            continue
        sentences.append(text)
        facts += new
        count += n
    return ParagraphSpec(" ".join(sentences), facts)
