"""Compact references from a button to a quoted sentence, which survive restarts and notice reindexes.

A reference names the bulletin by a prefix of its content fingerprint, so an edited bulletin (new
fingerprint) or a removed one no longer resolves and the bot can say so instead of showing other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.answer.model import Source
from index.store.snapshot import BulletinRecord, Index

FINGERPRINT_CHARS = 16  # enough to tell bulletins apart; keeps callback data far below 64 bytes
_REF_RE = re.compile(r"^([0-9A-Za-z]{1,32}):(\d{1,5}):(\d{1,6})$")


@dataclass(frozen=True, slots=True)
class ParagraphRef:
    fingerprint: str
    position: int  # paragraph number within the bulletin
    start: int  # offset of the quoted sentence in the paragraph

    def encode(self) -> str:
        return f"{self.fingerprint}:{self.position}:{self.start}"

    @classmethod
    def decode(cls, text: str) -> ParagraphRef | None:
        match = _REF_RE.match(text)
        if match is None:
            return None
        return cls(match.group(1), int(match.group(2)), int(match.group(3)))


def locate(index: Index, source: Source) -> ParagraphRef | None:
    """Where the answer's paragraph sits in this index (None if the answer came from another index)."""
    bulletin = index.by_file(source.file)
    if bulletin is None:
        return None
    for position in range(bulletin.count):
        if index.paragraphs[bulletin.first + position] == source.paragraph:
            start = max(source.paragraph.find(source.quote), 0)
            return ParagraphRef(bulletin.fingerprint[:FINGERPRINT_CHARS], position, start)
    return None


def resolve(index: Index, ref: ParagraphRef) -> tuple[BulletinRecord, str] | None:
    """The bulletin and paragraph text, or None when a reindex changed or removed them."""
    bulletin = next((b for b in index.bulletins if b.fingerprint.startswith(ref.fingerprint)), None)
    if bulletin is None or ref.position >= bulletin.count:
        return None
    return bulletin, index.paragraphs[bulletin.first + ref.position]
