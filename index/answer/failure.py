"""Why a candidate sentence cannot answer: what every check returns (checks.py, years.py, asked.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a candidate cannot answer, in the user's words where possible ("năm 2021", "Cà Mau")."""

    # "year" | "period" (a span holding the year) | "scope" | "district" (the province's figure for a district's
    # question) | "place" | "unit" | "post" | "name" (a numbered meeting or place never named); from asked.py:
    # "document" | "measure" | "thing" (what a measure is of)
    kind: str
    what: str
