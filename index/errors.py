"""Named errors of the index library; the CLI turns each into a one-line message."""

from __future__ import annotations

REASON_CHARS = 200  # an unexpected error's message as quoted in a one-line reason


def describe(exc: BaseException) -> str:
    """An unexpected exception as one line of bounded length (class and message), for a named error."""
    text = " ".join(f"{exc.__class__.__name__}: {exc}".split())
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


class NqbotError(Exception):
    """Base class of every error the library raises on purpose."""


class BulletinError(NqbotError):
    """A bulletin file that cannot be used; names the file and the reason."""

    def __init__(self, file: str, reason: str, code: str = "invalid") -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
        self.code = code  # stable key (binary, not_utf8, empty, no_url, ...) for translated messages


class IndexMissingError(NqbotError):
    """No index file where one was expected."""


class IndexFormatError(NqbotError):
    """An index file that is unreadable, truncated or of another format version."""


class IndexVersionError(IndexFormatError):
    """An index written by another version of the format: rebuild it from the corpus."""


class CorpusError(NqbotError):
    """A corpus folder that is missing or holds no usable bulletin."""


class LexiconError(NqbotError):
    """A lexicon data file (abbreviations, synonyms, stopwords) that cannot be read."""


class SegmenterError(NqbotError):
    """pyvi's installed model could not be read (pyvi missing, or a release whose model file differs)."""
