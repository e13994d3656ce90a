"""What fills the slots of the synthetic sentences: words drawn from `vocab` with a Zipf-like law, and
the long tail built from them (people, places, companies, projects, amounts, dates, document numbers).

Every function draws from the `random.Random` it is given, in a fixed order, so that a bulletin
depends only on its generator's seed.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from typing import Any

from benchmarks import vocab as V


class Zipf:
    """Draws items with weight 1 / (rank + 1) ** s (rank 0 is the first item)."""

    def __init__(self, items: Sequence, s: float = 1.0) -> None:
        self.items = tuple(items)
        weights = [1.0 / (r + 1) ** s for r in range(len(self.items))]
        self.cum = list(itertools.accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:
        return rng.choices(self.items, cum_weights=self.cum)[0]


TOPIC = Zipf(V.TOPICS, 0.9)
VERB = Zipf(V.VERBS, 0.9)
AGENCY = Zipf(V.AGENCIES, 1.0)
SUBJECT = Zipf(V.SUBJECTS, 0.8)
ADVERBIAL = Zipf(V.ADVERBIALS, 0.8)
EVENT = Zipf(V.EVENTS, 1.0)
POSITION = Zipf(V.POSITIONS, 0.9)
ISSUER = Zipf(V.ISSUERS, 1.0)
METRIC = Zipf(V.METRICS, 0.7)
ENTITY = Zipf(V.ENTITIES, 0.9)
STATUS = Zipf(V.STATUSES, 0.8)
DOC = Zipf(V.DOC_TYPES, 1.0)
DOC_CODE = Zipf(V.DOC_ISSUER_CODES, 1.0)
SURNAME = Zipf(V.SURNAMES, 1.1)
MIDDLE = Zipf(V.MIDDLE_NAMES, 1.0)
NAME = Zipf(V.NAME_SYLLABLES, 0.8)
DISTRICT = Zipf(V.DISTRICTS, 0.9)
OPENER = Zipf(V.OPENERS, 0.8)
QUARTER = Zipf(V.QUARTERS, 0.8)
PROJECT = Zipf(V.PROJECT_KINDS, 0.9)
COMPANY = Zipf(V.COMPANY_KINDS, 1.0)
REASON = Zipf(V.REASONS, 0.9)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def decimal(value: float, decimals: int) -> str:
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
        return decimal(value, rng.choice((0, 1, 1, 2)))
    if hi <= 1000:
        return decimal(value, rng.choice((0, 0, 1)))
    return decimal(round(value, -1 if hi < 100000 else -2), 0)


_COUNTED = frozenset(("xã", "doanh nghiệp", "hợp tác xã", "sản phẩm", "lao động", "thuê bao", "tấn", "ha"))


def amount(rng: random.Random, unit: str, lo: float, hi: float) -> str:
    if unit in _COUNTED:
        return f"{decimal(rng.uniform(lo, hi), 0)} {unit}"
    value = _value(rng, lo, hi)
    return f"{value}%" if unit == "%" else f"{value} {unit}"


def pct(rng: random.Random, lo: float = 0.5, hi: float = 30.0) -> str:
    return decimal(rng.uniform(lo, hi), rng.choice((0, 1, 1, 2))) + "%"


def year(rng: random.Random, lo: int = 2021, hi: int = 2030) -> int:
    return rng.randint(lo, hi)


def date(rng: random.Random, in_year: int | None = None) -> str:
    in_year = in_year or year(rng, 2022, 2026)
    sep = rng.choice("/-")
    return f"{rng.randint(1, 28)}{sep}{rng.randint(1, 12)}{sep}{in_year}"


def docno(rng: random.Random) -> tuple[str, str]:
    """A document type and its number, such as ("Quyết định", "1289/QĐ-TTg")."""
    name, code = DOC(rng)
    issuer = DOC_CODE(rng)
    if issuer in ("TU", "TW") and rng.random() < 0.6:
        return name, f"{rng.randint(1, 60):02d}-{code}/{issuer}"
    return name, f"{rng.randint(1, 3999)}/{code}-{issuer}"


def person(rng: random.Random) -> str:
    middle = MIDDLE(rng)
    given = NAME(rng)
    if rng.random() < 0.3:
        return f"{SURNAME(rng)} {given}"
    return f"{SURNAME(rng)} {middle} {given}"


def proper(rng: random.Random, syllables: int = 2) -> str:
    return " ".join(NAME(rng) for _ in range(syllables))


def district(rng: random.Random) -> str:
    name = DISTRICT(rng)
    if name in ("Rạch Giá", "Hà Tiên", "Phú Quốc"):
        return rng.choice(("TP. ", "thành phố ")) + name
    return "huyện " + name


def ward(rng: random.Random) -> str:
    return f"{rng.choice(V.WARD_KINDS)} {proper(rng, rng.choice((1, 2, 2, 2)))}"


def place(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return "tỉnh"
    if roll < 0.45:
        return f"tỉnh {V.PROVINCE}"
    if roll < 0.8:
        return district(rng)
    return f"{ward(rng)}, {district(rng)}"


def company(rng: random.Random) -> str:
    return f"{COMPANY(rng)} {proper(rng, rng.choice((2, 2, 3)))}"


def project(rng: random.Random) -> str:
    return f"{PROJECT(rng)} {proper(rng, 2)}"


def day(rng: random.Random) -> str:
    return f"{rng.choice(V.TIMES_OF_DAY)} {rng.randint(1, 28)}-{rng.randint(1, 12)}"
