"""Adding, removing and restoring bulletin files in the corpus folders, without losing anything.
Blocking: the bot runs these in a worker thread.

New files are checked by parsing them first and written atomically; a file with the same name or
the same URL is never overwritten silently (the caller must ask to replace); removed files go to
a trash folder from which they can be restored. New bulletins are written to the first folder;
conflicts, removals and the trash span all folders (a bulletin with the same name in two folders
would make the index reject one of them).
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from index.bulletins.corpus import SUFFIXES, corpus_files
from index.bulletins.models import Bulletin
from index.bulletins.parse import parse_bulletin
from index.errors import BulletinError, NqbotError
from index.store.atomic import write_atomically
from index.store.snapshot import Index
from index.text import fold

MAX_BULLETIN_BYTES = 512 * 1024
TRASH = ".trash"
_SAFE_NAME_RE = re.compile(r"[^a-z0-9._-]+")


class CorpusChangeError(NqbotError):
    """A change to the corpus that cannot be made (no such file, name taken in the trash...)."""


@dataclass(frozen=True)
class Conflict:
    """An existing bulletin the new one would replace, and why (same file name or same URL)."""

    file: str
    reason: str  # "name" | "url"


def safe_name(name: str, fallback: str = "bulletin") -> str:
    """A file name safe for the corpus folder: ASCII, no path, a .txt or .md suffix."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower() if suffix.lower() in SUFFIXES else ".txt"
    stem = _SAFE_NAME_RE.sub("-", fold(unicodedata.normalize("NFC", stem)).lower()).strip("-.") or fallback
    return stem[:80] + suffix


def check_bulletin(name: str, data: bytes, limit: int = MAX_BULLETIN_BYTES) -> Bulletin:
    """Parse an uploaded file as the index would; BulletinError says why it cannot be used."""
    if len(data) > limit:
        raise BulletinError(name, f"file too large ({len(data)} bytes, limit {limit})", "too_large")
    return parse_bulletin(name, data)


def conflicts(corpus: Path, bulletin: Bulletin) -> list[Conflict]:
    found = []
    for path in corpus_files([corpus]):
        if path.name == bulletin.file:
            found.append(Conflict(path.name, "name"))
            continue
        if bulletin.url is None:
            continue
        try:
            other = parse_bulletin(path.name, path.read_bytes())
        except (BulletinError, OSError):
            continue
        if other.url == bulletin.url:
            found.append(Conflict(path.name, "url"))
    return found


def add_bulletin(corpus: Path, bulletin: Bulletin, data: bytes, replace: bool = False) -> list[str]:
    """Write the bulletin's file; with `replace`, the bulletins it conflicts with go to the trash.

    Returns the names moved to the trash. Raises CorpusChangeError on a conflict without `replace`.
    """
    found = conflicts(corpus, bulletin)
    if found and not replace:
        names = ", ".join(f"{c.file} ({c.reason})" for c in found)
        raise CorpusChangeError(f"{bulletin.file} would replace {names}")
    moved = [remove_bulletin(corpus, c.file) for c in found if c.reason == "url"]
    if any(c.reason == "name" for c in found):
        _stash(corpus, bulletin.file)
    write_atomically(corpus / bulletin.file, lambda out: out.write(data))
    return moved


def _stash(corpus: Path, name: str) -> str:
    """Copy a file about to be overwritten into the trash (the old version stays restorable)."""
    trash = corpus / TRASH
    trash.mkdir(exist_ok=True)
    target = _free_name(trash, name)
    shutil.copy2(corpus / name, trash / target)
    return target


def _free_name(folder: Path, name: str) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem}.{n}{suffix}"
    return candidate


def remove_bulletin(corpus: Path, name: str) -> str:
    """Move a bulletin to the trash folder; returns its name there."""
    source = corpus / Path(name).name
    if not source.is_file():
        raise CorpusChangeError(f"no bulletin named {name}")
    trash = corpus / TRASH
    trash.mkdir(exist_ok=True)
    target = _free_name(trash, source.name)
    os.replace(source, trash / target)
    return target


def trashed(corpus: Path) -> list[str]:
    trash = corpus / TRASH
    return sorted(p.name for p in trash.iterdir() if p.is_file()) if trash.is_dir() else []


def restore_bulletin(corpus: Path, trashed_name: str) -> str:
    """Move a file back from the trash; returns its name in the corpus (never overwrites)."""
    source = corpus / TRASH / Path(trashed_name).name
    if not source.is_file():
        raise CorpusChangeError(f"no bulletin named {trashed_name} in the trash")
    stem, suffix = os.path.splitext(source.name)
    original = re.sub(r"\.\d+$", "", stem) + suffix
    if (corpus / original).exists():
        raise CorpusChangeError(f"{original} exists in the corpus; remove it first")
    os.replace(source, corpus / original)
    return original


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
