"""Deterministic synthetic Vietnamese bulletins (the seed's layout) and questions about them.

Bulletin i depends only on (seed, i): a corpus of 1,000 paragraphs is the beginning of the one of
10,000, and questions can be regenerated without reading the files. Paragraphs hold 40-80 syllables
of template sentences filled from `vocab` with a Zipf-like law (common words in a large share of
the paragraphs; a long tail of names, places, amounts, dates and document numbers such as
1289/QĐ-TTg). Every sentence that states a fact also yields a question about it.

    python -m benchmarks.generate --paragraphs 100000 --out /tmp/corpus --seed 1
    python -m benchmarks.generate --paragraphs 100000 --seed 1 --questions 300 --questions-out q.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks import vocab as V

NBSP_SEPARATOR = "\n\n\u00a0\n\n"
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 8, 12
MIN_SYLLABLES, MAX_SYLLABLES = 40, 80


class Zipf:
    """Draws items with weight 1 / (rank + 1) ** s (rank 0 is the first item)."""

    def __init__(self, items: Sequence, s: float = 1.0) -> None:
        self.items = tuple(items)
        weights = [1.0 / (r + 1) ** s for r in range(len(self.items))]
        self.cum = list(itertools.accumulate(weights))

    def __call__(self, rng: random.Random):  # type: ignore[no-untyped-def]
        return rng.choices(self.items, cum_weights=self.cum)[0]


_TOPIC = Zipf(V.TOPICS, 0.9)
_VERB = Zipf(V.VERBS, 0.9)
_AGENCY = Zipf(V.AGENCIES, 1.0)
_SUBJECT = Zipf(V.SUBJECTS, 0.8)
_ADVERBIAL = Zipf(V.ADVERBIALS, 0.8)
_EVENT = Zipf(V.EVENTS, 1.0)
_POSITION = Zipf(V.POSITIONS, 0.9)
_ISSUER = Zipf(V.ISSUERS, 1.0)
_METRIC = Zipf(V.METRICS, 0.7)
_ENTITY = Zipf(V.ENTITIES, 0.9)
_STATUS = Zipf(V.STATUSES, 0.8)
_DOC = Zipf(V.DOC_TYPES, 1.0)
_DOC_CODE = Zipf(V.DOC_ISSUER_CODES, 1.0)
_SURNAME = Zipf(V.SURNAMES, 1.1)
_MIDDLE = Zipf(V.MIDDLE_NAMES, 1.0)
_NAME = Zipf(V.NAME_SYLLABLES, 0.8)
_DISTRICT = Zipf(V.DISTRICTS, 0.9)
_OPENER = Zipf(V.OPENERS, 0.8)
_QUARTER = Zipf(V.QUARTERS, 0.8)
_PROJECT = Zipf(V.PROJECT_KINDS, 0.9)
_COMPANY = Zipf(V.COMPANY_KINDS, 1.0)
_REASON = Zipf(V.REASONS, 0.9)


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


@dataclass
class BulletinSpec:
    number: int
    file: str
    site: str
    section: str
    title: str
    published: datetime
    url: str
    credit: str
    caption: str | None
    paragraphs: list[ParagraphSpec]


# --------------------------------------------------------------------------- text pieces


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _decimal(value: float, decimals: int) -> str:
    """Vietnamese number format: 98.600 and 8,5."""
    if decimals == 0:
        return f"{round(value):,}".replace(",", ".")
    whole, frac = f"{value:.{decimals}f}".split(".")
    whole = f"{int(whole):,}".replace(",", ".")
    frac = frac.rstrip("0")
    return f"{whole},{frac}" if frac else whole


def _value(rng: random.Random, lo: float, hi: float) -> str:
    value = rng.uniform(lo, hi)
    if hi <= 100:
        return _decimal(value, rng.choice((0, 1, 1, 2)))
    if hi <= 1000:
        return _decimal(value, rng.choice((0, 0, 1)))
    return _decimal(round(value, -1 if hi < 100000 else -2), 0)


_COUNTED = frozenset(("xã", "doanh nghiệp", "hợp tác xã", "sản phẩm", "lao động", "thuê bao", "tấn", "ha"))


def _amount(rng: random.Random, unit: str, lo: float, hi: float) -> str:
    if unit in _COUNTED:
        return f"{_decimal(rng.uniform(lo, hi), 0)} {unit}"
    value = _value(rng, lo, hi)
    return f"{value}%" if unit == "%" else f"{value} {unit}"


def _pct(rng: random.Random, lo: float = 0.5, hi: float = 30.0) -> str:
    return _decimal(rng.uniform(lo, hi), rng.choice((0, 1, 1, 2))) + "%"


def _year(rng: random.Random, lo: int = 2021, hi: int = 2030) -> int:
    return rng.randint(lo, hi)


def _date(rng: random.Random, year: int | None = None) -> str:
    year = year or _year(rng, 2022, 2026)
    sep = rng.choice("/-")
    return f"{rng.randint(1, 28)}{sep}{rng.randint(1, 12)}{sep}{year}"


def _docno(rng: random.Random) -> tuple[str, str]:
    name, code = _DOC(rng)
    issuer = _DOC_CODE(rng)
    if issuer in ("TU", "TW") and rng.random() < 0.6:
        return name, f"{rng.randint(1, 60):02d}-{code}/{issuer}"
    return name, f"{rng.randint(1, 3999)}/{code}-{issuer}"


def _person(rng: random.Random) -> str:
    middle = _MIDDLE(rng)
    given = _NAME(rng)
    if rng.random() < 0.3:
        return f"{_SURNAME(rng)} {given}"
    return f"{_SURNAME(rng)} {middle} {given}"


def _proper(rng: random.Random, syllables: int = 2) -> str:
    return " ".join(_NAME(rng) for _ in range(syllables))


def _district(rng: random.Random) -> str:
    name = _DISTRICT(rng)
    if name in ("Rạch Giá", "Hà Tiên", "Phú Quốc"):
        return rng.choice(("TP. ", "thành phố ")) + name
    return "huyện " + name


def _ward(rng: random.Random) -> str:
    return f"{rng.choice(V.WARD_KINDS)} {_proper(rng, rng.choice((1, 2, 2, 2)))}"


def _place(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return "tỉnh"
    if roll < 0.45:
        return f"tỉnh {V.PROVINCE}"
    if roll < 0.8:
        return _district(rng)
    return f"{_ward(rng)}, {_district(rng)}"


def _company(rng: random.Random) -> str:
    return f"{_COMPANY(rng)} {_proper(rng, rng.choice((2, 2, 3)))}"


def _project(rng: random.Random) -> str:
    return f"{_PROJECT(rng)} {_proper(rng, 2)}"


def _day(rng: random.Random) -> str:
    return f"{rng.choice(V.TIMES_OF_DAY)} {rng.randint(1, 28)}-{rng.randint(1, 12)}"


# --------------------------------------------------------------------------- sentences

Sentence = tuple[str, list[Fact]]


def _s_meeting(rng: random.Random) -> Sentence:
    agency, event, verb, topic = _AGENCY(rng), _EVENT(rng), _VERB(rng), _TOPIC(rng)
    person, position = _person(rng), _POSITION(rng)
    text = (
        f"{_day(rng)}, {agency} tổ chức {event} {verb} {topic}. "
        f"Đồng chí {person} - {position} chủ trì {event}."
    )
    return text, [Fact(f"Ai chủ trì {event} {verb} {topic} của {agency}?", person, "who")]


def _s_metric(rng: random.Random) -> Sentence:
    metric, unit, lo, hi = _METRIC(rng)
    place, period, year = _place(rng), _QUARTER(rng), _year(rng, 2022, 2025)
    amount = _amount(rng, unit, lo, hi)
    text = (
        f"{_OPENER(rng)} {metric} {period} {year} của {place} đạt {amount}, "
        f"{rng.choice(V.CHANGES)} {_pct(rng)} so với cùng kỳ năm trước."
    )
    return text, [Fact(f"{_cap(metric)} {period} {year} của {place} đạt bao nhiêu?", amount, "number")]


def _s_target(rng: random.Random) -> Sentence:
    metric, unit, lo, hi = _METRIC(rng)
    doc, number = _docno(rng)
    issuer, place, year = _ISSUER(rng), _place(rng), _year(rng, 2025, 2030)
    amount = _amount(rng, unit, lo, hi)
    text = f"Theo {doc} số {number} của {issuer}, đến năm {year}, {place} phấn đấu {metric} đạt {amount}."
    return text, [
        Fact(f"Đến năm {year}, {metric} của {place} phấn đấu đạt bao nhiêu?", amount, "number"),
        Fact(f"{doc} về {metric} của {place} đến năm {year} có số hiệu là gì?", number, "docno"),
    ]


def _s_count(rng: random.Random) -> Sentence:
    place, entity, entity2 = _place(rng), _ENTITY(rng), _ENTITY(rng)
    n = rng.randint(3, 400)
    k = rng.randint(1, n)
    text = f"{_OPENER(rng)} {place} có {n} {entity}, trong đó có {k} {entity2} {_STATUS(rng)}."
    return text, [Fact(f"{_cap(place)} có bao nhiêu {entity}?", f"{n} {entity}", "number")]


def _s_project(rng: random.Random) -> Sentence:
    project, ward, district, company = _project(rng), _ward(rng), _district(rng), _company(rng)
    amount, year = _decimal(rng.uniform(50, 40000), 0), _year(rng, 2024, 2030)
    text = (
        f"{_cap(project)} tại {ward}, {district} do {company} làm chủ đầu tư, có tổng mức đầu tư "
        f"{amount} tỷ đồng, dự kiến hoàn thành vào năm {year}."
    )
    return text, [
        Fact(f"Tổng mức đầu tư của {project} tại {ward} là bao nhiêu?", f"{amount} tỷ đồng", "number"),
        Fact(f"Ai làm chủ đầu tư {project} tại {ward}, {district}?", company, "who"),
        Fact(f"Khi nào {project} tại {ward} hoàn thành?", str(year), "date"),
    ]


def _s_deadline(rng: random.Random) -> Sentence:
    agency, subjects, verb, topic, date = _AGENCY(rng), _SUBJECT(rng), _VERB(rng), _TOPIC(rng), _date(rng)
    text = f"{agency} đề nghị {subjects} {verb} {topic} {_ADVERBIAL(rng)}, hoàn thành trước ngày {date}."
    return text, [Fact(f"{subjects} phải {verb} {topic} trước ngày nào?", date, "date")]


def _s_general(rng: random.Random) -> Sentence:
    text = (
        f"{_OPENER(rng)} {_SUBJECT(rng)} {_VERB(rng)} {_TOPIC(rng)} {_ADVERBIAL(rng)}, "
        f"{_VERB(rng)} {_TOPIC(rng)} và {_TOPIC(rng)}."
    )
    return text, []


def _s_task(rng: random.Random) -> Sentence:
    place, topic = _place(rng), _TOPIC(rng)
    text = f"{_cap(place)} xác định {topic} là nhiệm vụ trọng tâm, gắn với {_TOPIC(rng)} và {_TOPIC(rng)}."
    return text, [Fact(f"Nhiệm vụ trọng tâm của {place} là gì?", topic, "")]


def _s_quote(rng: random.Random) -> Sentence:
    topic, verb, person = _TOPIC(rng), _VERB(rng), _person(rng)
    text = f"“{_cap(topic)} là nhiệm vụ lâu dài, cần được {verb} {_ADVERBIAL(rng)}”, đồng chí {person} nhấn mạnh."
    return text, []


def _s_reason(rng: random.Random) -> Sentence:
    entity, place, reason = _ENTITY(rng), _place(rng), _REASON(rng)
    text = f"Tuy nhiên, một số {entity} tại {place} còn chậm tiến độ {reason}."
    return text, [Fact(f"Vì sao {entity} tại {place} chậm tiến độ?", reason, "")]


def _s_period(rng: random.Random) -> Sentence:
    y1 = rng.choice((2016, 2021, 2021, 2026))
    place, verb, entity = _place(rng), _VERB(rng), _ENTITY(rng)
    n, amount = rng.randint(2, 300), _decimal(rng.uniform(10, 20000), 0)
    text = f"Giai đoạn {y1}-{y1 + 4}, {place} đã {verb} {n} {entity} với tổng kinh phí hơn {amount} tỷ đồng."
    return text, [Fact(f"Giai đoạn {y1}-{y1 + 4}, {place} đã {verb} bao nhiêu {entity}?", f"{n} {entity}", "number")]


def _s_venue(rng: random.Random) -> Sentence:
    event, topic, ward, district = _EVENT(rng), _TOPIC(rng), _ward(rng), _district(rng)
    n = rng.randint(50, 600)
    text = f"{_cap(event)} về {topic} diễn ra tại {ward}, {district} với sự tham dự của hơn {n} đại biểu."
    return text, [Fact(f"{_cap(event)} về {topic} diễn ra ở đâu?", f"{ward}, {district}", "where")]


_SENTENCES: tuple[tuple[Callable[[random.Random], Sentence], float], ...] = (
    (_s_general, 5.0), (_s_metric, 3.0), (_s_target, 2.0), (_s_count, 2.0), (_s_meeting, 1.5),
    (_s_project, 1.5), (_s_deadline, 1.5), (_s_task, 1.5), (_s_quote, 1.0), (_s_reason, 1.0),
    (_s_period, 1.5), (_s_venue, 1.0),
)
_SENTENCE_CUM = list(itertools.accumulate(w for _, w in _SENTENCES))


def _syllables(text: str) -> int:
    return len(text.split())


def _paragraph(rng: random.Random) -> ParagraphSpec:
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


def _title(rng: random.Random, year: int) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"{_cap(_place(rng))} {_VERB(rng)} {_TOPIC(rng)} năm {year}"
    if roll < 0.55:
        return f"{_cap(_EVENT(rng))} {_TOPIC(rng)} giai đoạn {year}-{year + 5}"
    if roll < 0.8:
        return f"{_AGENCY(rng)} {_VERB(rng)} {_TOPIC(rng)}"
    return f"{_cap(_TOPIC(rng))}: {_VERB(rng)} {_TOPIC(rng)} tại {_district(rng)}"


def _slug(text: str) -> str:
    from index.text import fold

    words = "".join(ch if ch.isalnum() else " " for ch in fold(text).lower()).split()
    return "-".join(words[:8]) or "ban-tin"


def _bulletin_rng(seed: int, number: int) -> random.Random:
    return random.Random(f"nqbot-bench-{seed}-{number}")


def bulletin(seed: int, number: int, max_paragraphs: int | None = None) -> BulletinSpec:
    """Bulletin `number` of the corpus of `seed` (its first `max_paragraphs` paragraphs, if given)."""
    rng = _bulletin_rng(seed, number)
    count = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)  # first draw: _bulletin_numbers relies on it
    if max_paragraphs is not None:
        count = min(count, max_paragraphs)
    published = datetime(2022, 1, 1, 6, 0) + timedelta(days=rng.randint(0, 4 * 365), minutes=rng.randint(0, 14 * 60))
    title = _title(rng, published.year)
    paragraphs = [_paragraph(rng) for _ in range(count)]
    slug = _slug(title)
    author = rng.choice(V.AUTHORS)
    caption = f"Quang cảnh {_EVENT(rng)}. Ảnh: {author}" if rng.random() < 0.35 else None
    return BulletinSpec(
        number=number,
        file=f"b{number:07d}_{slug}.txt",
        site=rng.choice(V.SITES),
        section=rng.choice(V.SECTIONS),
        title=title,
        published=published,
        url=f"{V.DOMAIN}/tin-tuc/{number}/{slug}.html",
        credit=f"{author} (theo tin.example.test)",
        caption=caption,
        paragraphs=paragraphs,
    )


def bulletins(paragraphs: int, seed: int = 1) -> Iterator[BulletinSpec]:
    """Bulletins holding exactly `paragraphs` paragraphs in all (the last one may be cut short)."""
    left, number = paragraphs, 0
    while left > 0:
        spec = bulletin(seed, number, left)
        left -= len(spec.paragraphs)
        number += 1
        yield spec


def render(spec: BulletinSpec) -> str:
    """The file text, in the seed bulletin's layout."""
    head = [
        spec.site, "", spec.section, "", "Xem với cỡ chữAA", "", spec.title, "",
        f"({spec.published:%H:%M} | {spec.published:%d/%m/%Y})", "",
    ]
    body = [p.text for p in spec.paragraphs]
    first = body[0] + (f"\n\n{spec.caption}" if spec.caption else "")
    text = "\n".join(head) + "\n" + NBSP_SEPARATOR.join([first, *body[1:]])
    return unicodedata.normalize("NFC", f"{text}\n\n{spec.url}\n\n{spec.credit}")


@dataclass(frozen=True)
class CorpusInfo:
    folder: Path
    files: int
    paragraphs: int
    bytes: int


def write_corpus(paragraphs: int, out: Path, seed: int = 1) -> CorpusInfo:
    """Write the bulletins of `paragraphs` paragraphs into `out` (created; existing files overwritten)."""
    out.mkdir(parents=True, exist_ok=True)
    files = total = size = 0
    for spec in bulletins(paragraphs, seed):
        data = render(spec).encode("utf-8")
        (out / spec.file).write_bytes(data)
        files += 1
        total += len(spec.paragraphs)
        size += len(data)
    return CorpusInfo(out, files, total, size)


def touch_bulletin(path: Path, edit: int = 1) -> None:
    """Change one bulletin the way an admin would: a sentence added to its second paragraph."""
    text = path.read_text(encoding="utf-8")
    parts = text.split(NBSP_SEPARATOR)
    at = 1 if len(parts) > 2 else 0
    parts[at] += f" Thông tin này được cập nhật lần thứ {edit} theo báo cáo mới của Sở Kế hoạch và Đầu tư."
    path.write_text(NBSP_SEPARATOR.join(parts), encoding="utf-8")


# --------------------------------------------------------------------------- questions


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
        for form in (long, _cap(long), long.lower()):
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


def questions(paragraphs: int, seed: int = 1, count: int = 300, unknown_share: float = 0.05) -> list[Question]:
    """`count` questions about facts of the corpus of (paragraphs, seed), spread over its bulletins.

    A share of them names a place outside the province, where "no answer" is the right reply.
    """
    specs = list(_bulletin_numbers(paragraphs, seed))
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
            place = rng.choice(V.OTHER_PROVINCES)
            q = fact.question.replace("tỉnh", f"tỉnh {place}", 1)
            out.append(Question(q, "unknown_place", None, None, fact.cue))
            continue
        out.append(_variant(rng, fact, file))
    return out


def _bulletin_numbers(paragraphs: int, seed: int) -> Iterator[tuple[int, int | None]]:
    """(bulletin number, paragraph cap) of every bulletin, without rendering the paragraphs."""
    left, number = paragraphs, 0
    while left > 0:
        n = _bulletin_rng(seed, number).randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        yield number, (left if n > left else None)
        left -= min(n, left)
        number += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="folder to write the bulletin files into")
    parser.add_argument("--questions", type=int, default=0, help="also make this many questions")
    parser.add_argument("--questions-out", type=Path, help="JSONL file for the questions (default: stdout)")
    args = parser.parse_args(argv)
    if args.out is not None:
        info = write_corpus(args.paragraphs, args.out, args.seed)
        print(f"{info.files} bulletins, {info.paragraphs} paragraphs, {info.bytes / 1e6:.1f} MB -> {info.folder}",
              file=sys.stderr)
    if args.questions:
        lines = "\n".join(q.json() for q in questions(args.paragraphs, args.seed, args.questions)) + "\n"
        if args.questions_out:
            args.questions_out.write_text(lines, encoding="utf-8")
        else:
            sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
