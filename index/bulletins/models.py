"""Pydantic models at the library's edges: bulletins as parsed from files, and their front matter."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator


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
    def _date_only(cls, value: object) -> object:
        # TOML has a native date type and admins also write "2023-05-10"; both mean midnight.
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day)
        if isinstance(value, str) and len(value.strip()) == 10:
            return value.strip() + "T00:00:00"
        return value
