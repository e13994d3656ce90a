"""The answer the composer returns; renderers (terminal, Telegram HTML, JSON) only read it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Decline(StrEnum):
    """Why there is no answer; renderers pick the Vietnamese wording."""

    EMPTY = "empty"  # nothing searchable in the question (emoji only, markup only, greetings)
    NO_MATCH = "no_match"  # the corpus does not cover the question well enough
    UNKNOWN_NAME = "unknown_name"  # the question names a place or document the corpus never mentions
    OTHER_YEAR = "other_year"  # the bulletins state the figure for other years only
    OTHER_SCOPE = "other_scope"  # they state it for another level only (the country, the region, the province)
    OTHER_PLACE = "other_place"  # they state it for other places, not the province or district asked about


class Source(BaseModel):
    """A quoted sentence with the bulletin it comes from."""

    model_config = ConfigDict(frozen=True)

    quote: str
    paragraph: str
    file: str
    title: str
    url: str | None
    published: datetime | None
    score: float


class Answer(BaseModel):
    """What the composer found: the best source (absent when it declines), up to a few others, and why
    it declined. `to_json` is the documented flat form of `nqbot ask --json`."""

    model_config = ConfigDict(frozen=True)

    question: str
    answered: bool
    best: Source | None = None
    coverage: float = 0.0
    others: tuple[Source, ...] = Field(default=())
    reason: Decline | None = None
    unknown: tuple[str, ...] = ()  # what the bot could not find, in the user's words ("Trung ương 8", "năm 2021")
    nearest: Source | None = None  # with a decline: the closest fact, for another year or level, labelled as such
    period: str | None = None  # the year of the quoted figure, when the question named none ("số liệu năm 2023")
    confidence: float | None = None  # the decline model's probability that the quote is right (None: model off)
    unsure: bool = False  # answered, but with a confidence under confidence.SURE: shown with a caution

    @property
    def file(self) -> str | None:
        """The bulletin quoted, if any (what evaluation and logs key on)."""
        return self.best.file if self.best else None

    @classmethod
    def declined(cls, question: str, reason: Decline, coverage: float = 0.0, unknown: tuple[str, ...] = (),
                 nearest: Source | None = None) -> Answer:
        return cls(
            question=question, answered=False, reason=reason, coverage=coverage, unknown=unknown, nearest=nearest
        )

    def to_json(self) -> dict[str, Any]:
        """answered, quote, paragraph, file, title, url, published, score, coverage, others, reason, unknown,
        nearest, period, confidence, unsure (README, Commands)."""
        best = self.best.model_dump(mode="json") if self.best else dict.fromkeys(_SOURCE_FIELDS)
        if not self.best:
            best["score"] = 0.0
        return {
            "question": self.question, "answered": self.answered, **best, "coverage": self.coverage,
            "others": [s.model_dump(mode="json") for s in self.others],
            "reason": self.reason.value if self.reason else None, "unknown": list(self.unknown),
            "nearest": self.nearest.model_dump(mode="json") if self.nearest else None, "period": self.period,
            "confidence": self.confidence, "unsure": self.unsure,
        }


_SOURCE_FIELDS = tuple(Source.model_fields)
