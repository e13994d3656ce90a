"""Pydantic models at the library's edges: bulletins as parsed from files, and their front matter."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from index.bulletins.dates import stated_date, vietnam_local


class Paragraph(BaseModel):
    """One body paragraph, verbatim (NFC, trimmed), with its position in the bulletin."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1)
    position: int = Field(ge=0)


class Bulletin(BaseModel):
    """A parsed bulletin: metadata plus body paragraphs. Page chrome and captions are not paragraphs."""

    model_config = ConfigDict(frozen=True)

    file: str = Field(min_length=1)
    title: str = Field(min_length=1)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    published: datetime | None = None
    credit: str | None = None
    site: str | None = None
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1)
    captions: tuple[str, ...] = ()
    fingerprint: str = Field(min_length=8)

    @field_validator("published", mode="before")
    @classmethod
    def _naive_local(cls, value: object) -> object:
        # One kind of date in every index: naive Vietnam local time (see index.bulletins.dates).
        if value is not None and not isinstance(value, datetime):
            raise ValueError(f"published must be a datetime, not {type(value).__name__}")
        return None if value is None else vietnam_local(value)


class FrontMatter(BaseModel):
    """The optional TOML block between `+++` lines where an admin states metadata explicitly."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    date: datetime | None = None
    source: str | None = None
    credit: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _local_date(cls, value: object) -> datetime | None:
        # Before pydantic's own parsing, which takes `date = 12` for a Unix time in UTC (an aware datetime).
        return None if value is None else stated_date(value)
