"""What /chitieu shows: the serving index's targets as Telegram pages, and what its page buttons carry.

Resolving sentences, filtering thousands of targets and rendering are blocking work (run them in a
worker thread); their pages are kept per index, so turning a page is a lookup. A page button carries
the page number, a stamp of the target list it belongs to (a reindex that changed the bulletins changes
the stamp) and, for a keyword search, a short token for the keywords kept here: Telegram caps callback
data at 64 bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.telegram.target_html import targets_html_pages
from index.store.snapshot import Index
from index.targets.table import (
    BulletinSource,
    select_rows,
    sources_from_index,
)
from index.terms.lexicon import Lexicon

STAMP_CHARS = 6
TOKEN_CHARS = 8
CACHED_SEARCHES = 16  # keyword searches whose pages are kept, per index (the full list counts as one)
KEYWORDS_TTL = 2 * 24 * 3600.0  # a keyword search's buttons work this long after their last use
MAX_KEYWORDS = 5000  # keyword searches remembered at most (the oldest are forgotten first)
_BUTTON_RE = re.compile(r"^(\d{1,6})\|([0-9A-Za-z_-]{1,16})\|([0-9A-Za-z_-]{0,16})$")


def _short_hash(text: str, chars: int) -> str:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:chars]


def index_stamp(index: Index) -> str:
    """Names an index's target list: the same bulletins (by content) and extraction rules give the same
    stamp, so a reindex that changed nothing, or a restart, keeps old page buttons working."""
    bulletins = "\n".join(f"{b.file}\t{b.fingerprint}" for b in index.bulletins)
    return _short_hash(f"{index.targets_rules}\n{bulletins}", STAMP_CHARS)


@dataclass(frozen=True, slots=True)
class TargetButton:
    """What a /chitieu page button carries: the page to show, the list's stamp, the keywords' token."""

    page: int
    stamp: str
    token: str = ""  # "" for the whole list

    def encode(self) -> str:
        return f"{self.page}|{self.stamp}|{self.token}"

    @classmethod
    def decode(cls, text: str) -> TargetButton | None:
        match = _BUTTON_RE.match(text)
        return cls(int(match.group(1)), match.group(2), match.group(3)) if match else None


@dataclass(frozen=True, slots=True)
class Pages:
    stamp: str  # of the index the pages come from
    texts: tuple[str, ...]  # Telegram HTML; empty when no target matched the keywords


@dataclass
class _Snapshot:
    index: Index
    stamp: str
    sources: dict[str, BulletinSource]
    pages: OrderedDict[str, tuple[str, ...]] = field(default_factory=OrderedDict)  # by keywords ("" = all)


def render_pages(index: Index, sources: dict[str, BulletinSource], lexicon: Lexicon, keywords: str) -> tuple[str, ...]:
    """All pages of the list (no keywords) or of the targets the keywords find; () when none is found."""
    rows = select_rows(index, lexicon, keywords, sources)
    if keywords and not rows:
        return ()
    return tuple(targets_html_pages(rows, query=keywords or None))


class TargetCatalog:
    """The /chitieu pages of the serving index, rendered once per index and keywords (the last few).

    Called from worker threads: the lock guards the cache, never the rendering.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None

    def _snapshot_of(self, index: Index) -> _Snapshot:
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or snapshot.index is not index:  # a reindex or reload swapped the index
                snapshot = self._snapshot = _Snapshot(index, index_stamp(index), sources_from_index(index))
            return snapshot

    def pages(self, index: Index, lexicon: Lexicon, keywords: str = "") -> Pages:
        """Blocking: run it in a worker thread."""
        snapshot = self._snapshot_of(index)
        with self._lock:
            found = snapshot.pages.get(keywords)
            if found is not None:
                snapshot.pages.move_to_end(keywords)
        if found is None:
            found = render_pages(index, snapshot.sources, lexicon, keywords)
            with self._lock:
                snapshot.pages[keywords] = found
                while len(snapshot.pages) > CACHED_SEARCHES:
                    snapshot.pages.popitem(last=False)
        return Pages(snapshot.stamp, found)


class SavedKeywords:
    """Keywords of /chitieu searches, by the short token their page buttons carry.

    The token is a hash of the keywords, so the same search reuses it. A search is forgotten `ttl`
    seconds after its buttons were last used, or when more than `limit` are kept (least recently used
    first). Only the event loop touches it, so it needs no lock.
    """

    def __init__(self, ttl: float = KEYWORDS_TTL, limit: int = MAX_KEYWORDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.limit = limit
        self._clock = clock
        self._entries: OrderedDict[str, tuple[str, float]] = OrderedDict()  # token -> (keywords, expires)

    def save(self, keywords: str) -> str:
        token = _short_hash(keywords, TOKEN_CHARS)
        self._keep(token, keywords)
        while len(self._entries) > self.limit:
            self._entries.popitem(last=False)
        return token

    def get(self, token: str) -> str | None:
        """The keywords behind a token (and another `ttl` for them), or None when forgotten."""
        entry = self._entries.get(token)
        if entry is None or entry[1] <= self._clock():
            self._entries.pop(token, None)
            return None
        self._keep(token, entry[0])
        return entry[0]

    def _keep(self, token: str, keywords: str) -> None:
        self._entries[token] = (keywords, self._clock() + self.ttl)
        self._entries.move_to_end(token)

    def __len__(self) -> int:
        return len(self._entries)
