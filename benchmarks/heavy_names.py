"""The open vocabulary of the `heavy` corpus profile: names drawn by rank from a Zipf–Mandelbrot law
over an unbounded range, each rank always spelled the same way.

`rank(rng, s, q)` draws r with P(r) ∝ (r + q) ** -s (the continuous law, inverted: no table, no
upper bound), so a name recurs across bulletins with its Zipf weight while ranks never seen before
keep turning up as the corpus grows; the number of distinct names after n draws grows about as
n ** (1 / s) (Heaps' law). The spellings:
- `vietnamese(r)`: two or three syllables of given names and places ("Phước Lâm", "Tân Hòa Điền"):
  no new syllable, but new bigrams and pyvi compounds;
- `coined(r)`: syllables outside Vietnamese spelling, as in Khmer-derived hamlets and brand names
  ("Sraôm", "Kompeang"): new single terms, the heaviest part of the tail;
- `person(r)`, `hamlet(r)`, `company(r)`, `project(r)`, `brand(r)`, `document(r)`: the entities the
  sentences name, built from the above.
Everything is fiction written for benchmarks.
"""

from __future__ import annotations

import random

from benchmarks import vocab as V

SYLLABLES = tuple(dict.fromkeys(V.NAME_SYLLABLES))  # 181 distinct
_ONSETS = ("K", "Kr", "Pr", "Tr", "S", "Sr", "Ch", "M", "R", "L", "Br", "Gl", "Ph", "Đ", "Th", "Kh", "Pô", "Rơ")
_NUCLEI = ("a", "o", "e", "i", "u", "ô", "â", "ơ", "ea", "ao", "ei", "oa", "ư", "ay")
_CODAS = ("", "ng", "m", "n", "k", "p", "t", "l", "r", "ch", "nh", "s")
_COINED = len(_ONSETS) * len(_NUCLEI) * len(_CODAS)  # 3,024 coined syllables
_MULT = 2_654_435_761  # odd and prime to the sizes below: (r * _MULT) % size is a bijection


def rank(rng: random.Random, s: float, q: float, limit: int = 1 << 40) -> int:
    """A rank from the Zipf–Mandelbrot law P(r) ∝ (r + q) ** -s, s > 1, unbounded (below `limit`)."""
    u = rng.random()
    r = int(q * ((1.0 - u) ** (-1.0 / (s - 1.0)) - 1.0))
    return r % limit


def _digits(x: int, base: int, count: int) -> list[int]:
    out = []
    for _ in range(count):
        x, d = divmod(x, base)
        out.append(d)
    return out


def vietnamese(r: int, syllables: int | None = None) -> str:
    """A name of Vietnamese syllables for rank r: two syllables for 3 ranks in 4, else three."""
    n = len(SYLLABLES)
    count = syllables or (3 if (r * _MULT >> 7) % 4 == 0 else 2)
    x = ((r + 1) * _MULT) % n**count
    return " ".join(SYLLABLES[d] for d in _digits(x, n, count))


def _coined_syllable(i: int) -> str:
    o, rest = divmod(i, len(_NUCLEI) * len(_CODAS))
    v, c = divmod(rest, len(_CODAS))
    return _ONSETS[o] + _NUCLEI[v] + _CODAS[c]


def coined(r: int) -> str:
    """A word outside Vietnamese spelling for rank r ("Sraôm", "Kompeang"): one coined syllable for the
    first ranks, two joined (a new single term) beyond."""
    x = (r * _MULT) % (_COINED * _COINED)
    first, second = divmod(x, _COINED)
    word = _coined_syllable(first) + ("" if r < 600 else _coined_syllable(second).lower())
    return word


def person(r: int) -> str:
    surname = V.SURNAMES[(r * 7919) % len(V.SURNAMES)]
    middle = V.MIDDLE_NAMES[(r * 104729) % len(V.MIDDLE_NAMES)]
    return f"{surname} {middle} {vietnamese(r, 1 + (r % 3 == 0))}"


def hamlet(r: int) -> str:
    kind = ("ấp", "ấp", "xã", "khu phố", "tổ dân phố", "phum")[r % 6]
    return f"{kind} {coined(r) if r % 2 == 0 else vietnamese(r)}"


def company(r: int) -> str:
    kind = ("Công ty TNHH", "Công ty cổ phần", "Hợp tác xã", "Tập đoàn", "Công ty TNHH MTV")[r % 5]
    name = coined(r) if r % 4 == 0 else vietnamese(r)
    return f"{kind} {name}" + (" " + coined(r + 7) if r % 9 == 0 else "")


def project(r: int) -> str:
    kind = V.PROJECT_KINDS[(r * 31) % len(V.PROJECT_KINDS)].removeprefix("dự án ")
    return f"{kind} {vietnamese(r)}"


def project_code(r: int) -> str:
    return f"KG-{2015 + r % 12}-{r % 9973:04d}"


def brand(r: int) -> str:
    return coined(r) + ("" if r % 2 else " " + vietnamese(r, 1))


def document(r: int) -> tuple[str, str]:
    """A document type and its number ("Quyết định", "1289/2023/QĐ-UBND")."""
    name, code = V.DOC_TYPES[r % len(V.DOC_TYPES)]
    issuer = V.DOC_ISSUER_CODES[(r // 7) % len(V.DOC_ISSUER_CODES)]
    number = 1 + (r * 2_971) % 4_999
    return name, (f"{number}/{2015 + r % 12}/{code}-{issuer}" if r % 2 else f"{number}/{code}-{issuer}")
