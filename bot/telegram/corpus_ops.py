"""Corpus changes over every corpus folder, for the admin handlers. Blocking: run them in a worker thread.

New bulletins are written to the first folder; conflicts, removals and the trash span all folders
(a bulletin with the same name in two folders would make the index reject one of them).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from index.errors import BulletinError
from index.models import Bulletin
from index.parse import parse_bulletin
from index.serving import Index
from index.text import fold

from ..corpus_admin import (
    TRASH, Conflict, CorpusChangeError, add_bulletin, check_bulletin, conflicts, remove_bulletin, safe_name, trashed,
)

PASTED = "ban-tin.txt"  # provisional name of a pasted bulletin, until its title names it


@dataclass(frozen=True)
class Located:
    """A bulletin file in a folder (or in its trash), with its title when known."""

    folder: Path
    name: str
    title: str


def pasted_bulletin(data: bytes, limit: int) -> Bulletin:
    """A bulletin pasted as a message (at most `limit` bytes), named after its date and title."""
    bulletin = check_bulletin(PASTED, data, limit=limit)
    date = f"{bulletin.published:%Y-%m-%d}_" if bulletin.published else ""
    title = re.sub(r"[/\\.]+", " ", bulletin.title)[:70]
    return bulletin.model_copy(update={"file": safe_name(f"{date}{title}.txt")})


def conflicts_anywhere(folders: Sequence[Path], bulletin: Bulletin) -> list[tuple[Path, Conflict]]:
    return [(folder, c) for folder in folders for c in conflicts(folder, bulletin)]


def save(folders: Sequence[Path], bulletin: Bulletin, data: bytes, replace: bool) -> None:
    """Write the bulletin into the first folder; with `replace`, what it conflicts with goes to the trash.

    Raises CorpusChangeError on a conflict without `replace` (one may appear after the admin looked).
    """
    found = conflicts_anywhere(folders, bulletin)
    if found and not replace:
        raise CorpusChangeError(f"{bulletin.file} conflicts with {', '.join(c.file for _, c in found)}")
    for folder, conflict in found:
        if folder != folders[0]:
            remove_bulletin(folder, conflict.file)
    add_bulletin(folders[0], bulletin, data, replace=replace)


def _folder_of(folders: Sequence[Path], name: str) -> Path | None:
    return next((f for f in folders if (f / name).is_file()), None)


def find_bulletins(folders: Sequence[Path], index: Index, query: str) -> list[Located]:
    """Bulletins named by a file name (indexed or not), a URL, or words of the title or file name."""
    query = query.strip()
    folder = _folder_of(folders, Path(query).name) if query == Path(query).name else None
    if folder is not None:
        record = index.by_file(query)
        return [Located(folder, query, record.title if record else "")]
    wanted = fold(query).lower()
    found = []
    for record in index.bulletins:
        if record.url == query or wanted in fold(record.title).lower() or wanted in record.file.lower():
            folder = _folder_of(folders, record.file)
            if folder is not None:
                found.append(Located(folder, record.file, record.title))
    return found


def _title(path: Path) -> str:
    try:
        return parse_bulletin(path.name, path.read_bytes()).title
    except (BulletinError, OSError):
        return ""


def original_name(trashed_name: str) -> str:
    """The name a trashed file gets back on restore ("a.2.txt" was "a.txt"), as corpus_admin restores it."""
    stem, suffix = os.path.splitext(trashed_name)
    return re.sub(r"\.\d+$", "", stem) + suffix


def trash_listing(folders: Sequence[Path], query: str = "", limit: int = 8) -> tuple[list[Located], int]:
    """Up to `limit` trashed files, most recently trashed first, and how many there are in all.

    With a `query`: the file of that exact name, else the files whose names contain it.
    """
    paths = [folder / TRASH / name for folder in folders for name in trashed(folder)]
    paths.sort(key=lambda p: p.stat().st_ctime, reverse=True)  # a move (rename) updates ctime
    exact = [p for p in paths if p.name == query]
    chosen = exact or [p for p in paths if fold(query).lower() in p.name.lower()]
    return [Located(p.parent.parent, p.name, _title(p)) for p in chosen[:limit]], len(chosen)
