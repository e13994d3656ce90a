"""The in-memory index that answers questions: immutable, swapped whole on reindex."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from index.retrieval.bm25 import AnyField, Field
from index.store.mapped import Paragraphs
from index.store.vectors import AnyVectors
from index.targets.rules import Target
from index.terms.tokenize import fold_term

FORMAT_NAME = "nqbot-index"
FORMAT_VERSION = 3  # 2: targets.json; 3: paragraph_offsets.npy, stored members aligned (read memory-mapped)


@dataclass(frozen=True, slots=True)
class BulletinRecord:
    """A bulletin's metadata and the range of its paragraphs in the index."""

    file: str
    title: str
    url: str | None
    published: datetime | None
    credit: str | None
    fingerprint: str
    first: int  # index of its first paragraph
    count: int  # number of paragraphs
    stops: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    size: int = 0  # the file's size and modification time when indexed: unchanged files are not reread
    mtime_ns: int = 0
    # Named facilities of each kind in its paragraphs and title (index/terms/facilities.py); None in an
    # index written before records held them.
    facilities: dict[str, list[str]] | None = field(default=None, hash=False, compare=False)

    @property
    def paragraph_ids(self) -> range:
        return range(self.first, self.first + self.count)


@dataclass(frozen=True)
class Removal:
    """What a delta takes away from its base: bulletins removed or replaced, and for each BM25 field the
    base term ids their paragraphs hold with how many of them hold each (for live document frequencies)."""

    base: str  # identity of the base index it applies to
    files: frozenset[str]
    dead: dict[str, tuple[np.ndarray, np.ndarray]]  # "accented" / "folded" -> (term ids, dead paragraphs)


@dataclass(frozen=True)
class Layers:
    """What a layered index is made of, for the next delta: the base and the delta, both as saved."""

    base: Index
    delta: Index
    removal: Removal


@dataclass(frozen=True)
class Index:
    """Bulletins, paragraph texts and the three BM25 fields (accented, folded, titles)."""

    tokenizer_version: str
    built_at: datetime
    bulletins: tuple[BulletinRecord, ...]
    # Read-only texts (index.store.mapped.Paragraphs): decoded from the mapped index file on access when
    # loaded; any sequence of str given here is encoded once into that form.
    paragraphs: Sequence[str]
    para_bulletin: np.ndarray  # int32: paragraph -> bulletin (-1: a dead paragraph of a layered index)
    accented: AnyField  # over paragraphs
    folded: AnyField  # over paragraphs, terms without diacritics
    fold_of: np.ndarray  # int32: accented term id -> folded term id (reused by incremental builds)
    titles: Field  # over bulletins, folded title terms
    folded_stops: frozenset[str]  # folded syllables whose usual accented form is a stopword
    targets: tuple[Target, ...] = ()  # quantified targets (chỉ tiêu) the bulletins state
    targets_rules: int = 0  # the extraction rules' version the targets come from
    vectors: AnyVectors | None = None  # paragraph vectors for retrieval by meaning (absent: lexical only)
    identity: str = ""  # of a base index file: a delta names the base it applies to
    # A base with a delta over it (index.store.layers): paragraphs of removed or changed bulletins stay
    # in the base, dead (`live` False) until the next fold. None: every paragraph is live.
    live: np.ndarray | None = None
    layers: Layers | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.paragraphs, Paragraphs):  # built in memory: UTF-8 bytes, not 2-4 bytes a letter
            object.__setattr__(self, "paragraphs", Paragraphs.of(self.paragraphs))

    @property
    def newest(self) -> datetime | None:
        dates = [b.published for b in self.bulletins if b.published]
        return max(dates) if dates else None

    def bulletin_of(self, paragraph: int) -> BulletinRecord:
        return self.bulletins[int(self.para_bulletin[paragraph])]

    @functools.cached_property
    def _targets_by_paragraph(self) -> dict[tuple[str, int], list[Target]]:
        table: dict[tuple[str, int], list[Target]] = {}
        for target in self.targets:
            table.setdefault((target.file, target.position), []).append(target)
        return table

    def targets_in(self, paragraph: int) -> list[Target]:
        """The targets stated in one paragraph (by its index-wide number)."""
        record = self.bulletin_of(paragraph)
        return self._targets_by_paragraph.get((record.file, paragraph - record.first), [])

    @functools.cached_property
    def accent_forms(self) -> dict[str, tuple[str, ...]]:
        """Folded syllable -> the single syllables of the corpus that fold to it (for accent restoration)."""
        forms: dict[str, list[str]] = {}
        for term in self.accented.live_terms():
            if term.isalpha():
                forms.setdefault(fold_term(term), []).append(term)
        return {folded: tuple(terms) for folded, terms in forms.items()}

    def idf(self, folded: str) -> float:
        """A positive idf over paragraphs (of a folded term); words the corpus never has get the maximum."""
        n = self.folded.n_live
        df = self.folded.df(folded)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    @property
    def live_count(self) -> int:
        """Paragraphs of the live bulletins (a layered index also holds dead ones)."""
        return len(self.paragraphs) if self.live is None else int(self.live.sum())

    @property
    def live_ids(self) -> np.ndarray:
        """Every live paragraph's number."""
        return np.arange(len(self.paragraphs)) if self.live is None else np.flatnonzero(self.live)

    def by_file(self, name: str) -> BulletinRecord | None:
        return next((b for b in self.bulletins if b.file == name), None)
