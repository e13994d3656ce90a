"""What the trash knows about each file in it: the name it had, when it went to the trash and why
(removed with /xoa, or replaced by a newer bulletin), so that /khoiphuc can list versions apart.

The record is one small JSON file per corpus folder, `.trash.json` beside the `.trash/` folder (hidden,
and not .txt/.md, so never read as a bulletin; outside the trash, so never listed as a trashed file).
It is changed only by code holding the corpus lock (bot/corpus_admin.py), and replaced atomically, so
a reader never sees half of it. A trashed file the record does not know (trashed by an older nqbot, or
copied in by hand) is still listed: its time is the file's ctime (a rename updates it), its reason
unknown, its original name read back from its trash name ("a.2.txt" was "a.txt").
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from index.bulletins.parse import parse_bulletin
from index.errors import BulletinError
from index.store.atomic import write_atomically
from index.text import fold

log = logging.getLogger(__name__)

TRASH = ".trash"
RECORD = ".trash.json"
DELETED, REPLACED = "deleted", "replaced"  # why a file went to the trash
_VERSION = 1


@dataclass(frozen=True)
class Trashed:
    """A file in the trash of a corpus folder, one version of a bulletin."""

    folder: Path  # the corpus folder whose trash holds it
    name: str  # its name in the trash ("a.2.txt")
    original: str  # the name it had, and gets back on restore ("a.txt")
    trashed_at: datetime  # naive local time
    reason: str | None  # DELETED, REPLACED, or None when not recorded
    title: str = ""

    @property
    def blocked(self) -> bool:
        """A file of its original name is in its folder: restoring it means replacing that one."""
        return (self.folder / self.original).exists()


def original_name(trashed_name: str) -> str:
    """The name a trashed file had, read from its trash name alone ("a.2.txt" was "a.txt")."""
    stem, suffix = os.path.splitext(trashed_name)
    return re.sub(r"\.\d+$", "", stem) + suffix


def _read(folder: Path) -> dict[str, dict[str, Any]]:
    """The folder's record: trash name -> {original, reason, trashed_at}; empty when missing or unreadable."""
    try:
        data = json.loads((folder / RECORD).read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring the trash record %s: %s", folder / RECORD, exc)
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {k: v for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}


def _write(folder: Path, files: dict[str, dict[str, Any]]) -> None:
    """Replace the record (the caller holds the corpus lock), keeping only files still in the trash.

    A record that cannot be written is logged, not raised: the file has moved already, and the listing
    falls back to what the file system says."""
    kept = {name: entry for name, entry in files.items() if (folder / TRASH / name).is_file()}
    body = json.dumps({"version": _VERSION, "files": kept}, ensure_ascii=False, indent=1).encode()
    try:
        write_atomically(folder / RECORD, lambda out: out.write(body), mode=0o644)
    except OSError as exc:
        log.warning("cannot update the trash record %s: %s", folder / RECORD, exc)


def note(folder: Path, trash_name: str, original: str, reason: str) -> None:
    """Record that `original` went to the trash as `trash_name` now, and why. Under the corpus lock."""
    files = _read(folder)
    files[trash_name] = {"original": original, "reason": reason,
                         "trashed_at": datetime.now().isoformat(timespec="microseconds")}
    _write(folder, files)


def forget(folder: Path, trash_name: str) -> None:
    """Drop a file that left the trash from the record. Under the corpus lock."""
    files = _read(folder)
    if files.pop(trash_name, None) is not None:
        _write(folder, files)


def _title(path: Path) -> str:
    try:
        return parse_bulletin(path.name, path.read_bytes()).title
    except (BulletinError, OSError):
        return ""


def _entry(folder: Path, path: Path, recorded: dict[str, Any] | None) -> Trashed:
    """Raises OSError when the file left the trash since the folder was listed."""
    when, reason, original = None, None, original_name(path.name)
    if recorded is not None:
        try:
            when = datetime.fromisoformat(str(recorded.get("trashed_at")))
        except ValueError:
            when = None
        reason = recorded.get("reason") if recorded.get("reason") in (DELETED, REPLACED) else None
        original = str(recorded.get("original") or original)
    if when is None:
        when = datetime.fromtimestamp(path.stat().st_ctime)
    return Trashed(folder, path.name, Path(original).name, when.replace(tzinfo=None), reason)


def trash_entries(folders: Sequence[Path]) -> list[Trashed]:
    """Every file in the folders' trash, most recently trashed first (titles not read yet)."""
    found = []
    for folder in folders:
        trash = folder / TRASH
        if not trash.is_dir():
            continue
        recorded = _read(folder)
        for path in trash.iterdir():
            try:
                if path.is_file():
                    found.append(_entry(folder, path, recorded.get(path.name)))
            except OSError:  # restored (or removed by hand) meanwhile
                continue
    return sorted(found, key=lambda e: e.trashed_at, reverse=True)


def trash_entry(folder: Path, name: str) -> Trashed | None:
    """The trashed file `name` of one corpus folder, with its title; None when it is not in the trash."""
    found = next((e for e in trash_entries([folder]) if e.name == name), None)
    return with_title(found) if found is not None else None


def with_title(entry: Trashed) -> Trashed:
    return Trashed(entry.folder, entry.name, entry.original, entry.trashed_at, entry.reason,
                   _title(entry.folder / TRASH / entry.name))


@dataclass(frozen=True)
class TrashMatch:
    """What a /khoiphuc query names in the trash: entries newest first (titles read), how many in all,
    and whether the query is one bulletin's original name (then the first entry is its newest version)."""

    entries: list[Trashed]
    total: int
    by_original: bool = False


def find_in_trash(folders: Sequence[Path], query: str = "", limit: int = 8) -> TrashMatch:
    """Without a query, the whole trash. With one: the versions of the bulletin of that original name
    (its oldest version's trash name is the same, "a.txt"; the newest is meant); else the file of that
    trash name ("a.2.txt"); else the files whose names contain it (diacritics optional)."""
    entries = trash_entries(folders)
    versions = [e for e in entries if e.original == query] if query else []
    chosen = versions or [e for e in entries if e.name == query]
    if not chosen:
        wanted = fold(query).lower()
        chosen = [e for e in entries if wanted in e.name.lower()]
    shown = [with_title(e) for e in chosen[:limit]]
    return TrashMatch(shown, len(chosen), by_original=bool(versions))
