"""Adding, removing and restoring bulletin files in the corpus folder, without losing anything.

New files are checked by parsing them first and written atomically; a file with the same name or
the same URL is never overwritten silently (the caller must ask to replace); removed files go to
a trash folder from which they can be restored.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from index.corpus import SUFFIXES, corpus_files
from index.errors import BulletinError, NqbotError
from index.files import write_atomically
from index.models import Bulletin
from index.parse import parse_bulletin
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
