"""The answer the composer returns; renderers (terminal, Telegram HTML, JSON) only read it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Decline(StrEnum):
    """Why there is no answer; renderers pick the Vietnamese wording."""

    EMPTY = "empty"  # nothing searchable in the question (emoji only, markup only, greetings)
    NO_MATCH = "no_match"  # the corpus does not cover the question well enough
    UNKNOWN_NAME = "unknown_name"  # the question names a place or document the corpus never mentions


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
    model_config = ConfigDict(frozen=True)

    question: str
    answered: bool
    quote: str | None = None
    paragraph: str | None = None
    file: str | None = None
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    score: float = 0.0
    coverage: float = 0.0
    others: tuple[Source, ...] = Field(default=())
    reason: Decline | None = None
    unknown: tuple[str, ...] = ()  # names that made the bot decline

    @classmethod
    def declined(cls, question: str, reason: Decline, coverage: float = 0.0, unknown: tuple[str, ...] = ()) -> Answer:
        return cls(question=question, answered=False, reason=reason, coverage=coverage, unknown=unknown)

    @classmethod
    def from_sources(cls, question: str, best: Source, others: tuple[Source, ...], coverage: float) -> Answer:
        return cls(
            question=question, answered=True, quote=best.quote, paragraph=best.paragraph, file=best.file,
            title=best.title, url=best.url, published=best.published, score=best.score, coverage=coverage,
            others=others,
        )
