"""Adding, removing and restoring bulletin files in the corpus folders, without losing anything.
Blocking: the bot runs these in a worker thread.

New files are checked by parsing them first and written atomically; a file with the same name or
the same URL is never overwritten silently (the caller must ask to replace); removed files go to
a trash folder from which they can be restored. New bulletins are written to the first folder;
conflicts, removals and the trash span all folders (a bulletin with the same name in two folders
would make the index reject one of them).

Every change holds the corpus lock (bot/corpus_lock.py, which also does the low-level writes), so
that two admins, or the bot and an `nqbot` in a shell, never both pass the conflict check before
either writes. A save that is not a replace never overwrites a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.corpus_lock import CorpusChangeError, corpus_lock, replace_file, write_new
from bot.title_match import title_matcher
from bot.trash import DELETED, REPLACED, TRASH, forget, note, original_name, trash_entries
from index.bulletins.corpus import SUFFIXES, corpus_files
from index.bulletins.models import Bulletin
from index.bulletins.parse import parse_bulletin
from index.errors import BulletinError
from index.store.snapshot import Index
from index.terms.lexicon import Lexicon
from index.text import fold

MAX_BULLETIN_BYTES = 512 * 1024
_SAFE_NAME_RE = re.compile(r"[^a-z0-9._-]+")
_STEM_CHARS = 70  # of a pasted bulletin's made-up name, before its hash
_NAME_MAX = 255  # bytes in one file name (Linux file systems): a longer query cannot name a file


class RestoreBlocked(CorpusChangeError):
    """A file of the trashed file's name is in the corpus: restoring it would replace that file."""


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


def add_bulletin(corpus: Path, bulletin: Bulletin, data: bytes, replace: bool = False) -> list[str]:
    """Write the bulletin's file into one folder, finding conflicts by reading its files (no index);
    with `replace`, the bulletins it conflicts with go to the trash.

    Returns the names moved to the trash. Raises CorpusChangeError on a conflict without `replace`.
    """
    replacing = [c.file for _, c in find_conflicts([corpus], None, bulletin)] if replace else []
    return list(save([corpus], None, bulletin, data, replacing).trashed)


def _write_bulletin(folders: Sequence[Path], name: str, data: bytes, in_place: bool, generated: bool) -> str:
    """Write `data` into the first folder as `name`, over the file of that name only when `in_place`
    (the old one is copied to the trash first); a made-up name that is taken gets a number."""
    if in_place:
        _stash(folders[0], name)
        replace_file(folders[0] / name, data)
        return name
    return write_new(folders, name, data, generated)


def _stash(corpus: Path, name: str) -> str:
    """Copy a file about to be overwritten into the trash (the old version stays restorable)."""
    trash = corpus / TRASH
    trash.mkdir(exist_ok=True)
    target = _free_name(trash, name)
    shutil.copy2(corpus / name, trash / target)
    note(corpus, target, name, REPLACED)
    return target


def _free_name(folder: Path, name: str) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem}.{n}{suffix}"
    return candidate


def remove_bulletin(corpus: Path, name: str, lock: Path | None = None) -> str:
    """Move a bulletin to the trash folder, holding the lock of `lock` (the first corpus folder;
    default `corpus`); returns its name there."""
    with corpus_lock(lock or corpus, corpus):
        return _to_trash(corpus, name)


def _to_trash(corpus: Path, name: str, reason: str = DELETED) -> str:
    """Move a bulletin into the trash under a free name, and record when and why."""
    source = corpus / Path(name).name
    if not source.is_file():
        raise CorpusChangeError(f"no bulletin named {name}")
    trash = corpus / TRASH
    trash.mkdir(exist_ok=True)
    target = _free_name(trash, source.name)
    os.replace(source, trash / target)
    note(corpus, target, source.name, reason)
    return target


def trashed(corpus: Path) -> list[str]:
    trash = corpus / TRASH
    return sorted(p.name for p in trash.iterdir() if p.is_file()) if trash.is_dir() else []


def restore_bulletin(corpus: Path, trashed_name: str, lock: Path | None = None, replace: bool = False) -> str:
    """Move a file back from the trash under its original name; returns that name (see restore_version)."""
    return restore_version(corpus, trashed_name, lock, replace)[0]


def restore_version(corpus: Path, trashed_name: str, lock: Path | None = None,
                    replace: bool = False) -> tuple[str, str | None]:
    """Move a file back from the trash under its original name, holding the lock of `lock` (default
    `corpus`). A file of that name in the corpus is moved to the trash first (as replaced) when
    `replace`, else RestoreBlocked is raised and nothing changes. Returns the name in the corpus and,
    when a file was replaced, that file's name in the trash."""
    replaced = None
    with corpus_lock(lock or corpus, corpus):
        source = corpus / TRASH / Path(trashed_name).name
        if not source.is_file():
            raise CorpusChangeError(f"no bulletin named {trashed_name} in the trash")
        original = next((e.original for e in trash_entries([corpus]) if e.name == source.name),
                        original_name(source.name))
        if (corpus / original).exists():
            if not replace:
                raise RestoreBlocked(f"{original} exists in the corpus; remove it first")
            replaced = _to_trash(corpus, original, REPLACED)
        os.replace(source, corpus / original)
        forget(corpus, source.name)
        return original, replaced


PASTED = "ban-tin.txt"  # provisional name of a pasted bulletin, until its title names it


@dataclass(frozen=True)
class Located:
    """A bulletin file in a folder (or in its trash), with its title when known."""

    folder: Path
    name: str
    title: str


def pasted_bulletin(data: bytes, limit: int) -> Bulletin:
    """A bulletin pasted as a message (at most `limit` bytes), named after its date, its title and a
    short hash of its URL: two bulletins whose titles begin alike still get names of their own."""
    bulletin = check_bulletin(PASTED, data, limit=limit)
    date = f"{bulletin.published:%Y-%m-%d}_" if bulletin.published else ""
    title = re.sub(r"[/\\.]+", " ", bulletin.title)
    stem = safe_name(f"{date}{title}.txt").removesuffix(".txt")[:_STEM_CHARS].rstrip("-._")
    digest = hashlib.sha256((bulletin.url or "").encode() or data).hexdigest()[:8]
    return bulletin.model_copy(update={"file": f"{stem}-{digest}.txt"})


def find_conflicts(
    folders: Sequence[Path], index: Index | None, bulletin: Bulletin, generated: bool = False
) -> list[tuple[Path, Conflict]]:
    """The files a new bulletin would replace: the same URL, or the same name unless the bot made the
    name up (`generated`: a clash of made-up names is no reason to replace anything).

    URLs come from the serving index; only files it does not know (saved since the last reindex)
    are read. One listing of the folders finds the names."""
    known = {record.file: record.url for record in index.bulletins} if index is not None else {}
    found = []
    for path in corpus_files(folders):
        if path.name == bulletin.file and not generated:
            found.append((path.parent, Conflict(path.name, "name")))
        elif bulletin.url is not None and bulletin.url == (known[path.name] if path.name in known else _url(path)):
            found.append((path.parent, Conflict(path.name, "url")))
    return found


def _url(path: Path) -> str | None:
    try:
        return parse_bulletin(path.name, path.read_bytes()).url
    except (BulletinError, OSError):
        return None


@dataclass(frozen=True)
class Saved:
    file: str  # the name written: a made-up name that was taken gets a number
    trashed: tuple[str, ...]  # what it replaced, by their names in the trash


def save(
    folders: Sequence[Path], index: Index | None, bulletin: Bulletin, data: bytes,
    replacing: Collection[str] = (), generated: bool = False,
) -> Saved:
    """Write a new bulletin into the first folder, under the corpus lock; the files in `replacing`
    (the conflicts the admin agreed to replace) go to the trash.

    Raises CorpusChangeError on any other conflict, such as one that appeared after the admin looked
    (nothing is written), and CorpusWriteError when the folder refuses the change.
    """
    with corpus_lock(folders[0]):
        found = find_conflicts(folders, index, bulletin, generated)
        unexpected = [f"{c.file} ({c.reason})" for _, c in found if c.file not in replacing]
        if unexpected:
            raise CorpusChangeError(f"{bulletin.file} would replace {', '.join(unexpected)}")
        in_place = any(f == folders[0] and c.file == bulletin.file for f, c in found)
        name = _write_bulletin(folders, bulletin.file, data, in_place, generated)
        moved = [_to_trash(f, c.file, REPLACED) for f, c in found if not (f == folders[0] and c.file == bulletin.file)]
    return Saved(name, tuple(moved))


def _folder_of(folders: Sequence[Path], name: str) -> Path | None:
    return next((f for f in folders if (f / name).is_file()), None)


def _may_name_a_file(text: str) -> bool:
    """Whether `text` could be a file's name in a folder; asking the file system about anything
    longer than a name may be fails (ENAMETOOLONG) instead of saying "no such file"."""
    try:
        encoded = os.fsencode(text)
    except UnicodeEncodeError:  # a lone surrogate: no file has that name
        return False
    return text == Path(text).name and 0 < len(encoded) <= _NAME_MAX


def find_bulletins(folders: Sequence[Path], index: Index, query: str, lexicon: Lexicon | None = None) -> list[Located]:
    """Bulletins named by a file name (indexed or not), a URL, part of the title or file name, or (with
    the `lexicon`) words of the title in any order, diacritics optional, abbreviations and synonyms
    standing for their full forms (bot/title_match.py)."""
    query = query.strip()
    folder = _folder_of(folders, query) if _may_name_a_file(query) else None
    if folder is not None:
        record = index.by_file(query)
        return [Located(folder, query, record.title if record else "")]
    wanted = fold(query).lower()
    in_title = title_matcher(query, lexicon) if lexicon is not None else None
    found = []
    for record in index.bulletins:
        if (record.url == query or wanted in fold(record.title).lower() or wanted in record.file.lower()
                or (in_title is not None and in_title(record.title))):
            folder = _folder_of(folders, record.file)
            if folder is not None:
                found.append(Located(folder, record.file, record.title))
    return found
