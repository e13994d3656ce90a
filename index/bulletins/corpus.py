"""Reading corpus folders: every .txt/.md file is one bulletin; bad files are reported, not fatal."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from index.bulletins.models import Bulletin
from index.bulletins.parse import parse_bulletin
from index.errors import BulletinError, CorpusError, describe

log = logging.getLogger(__name__)
SUFFIXES = (".txt", ".md")


def corpus_files(folders: Sequence[Path]) -> list[Path]:
    """Bulletin files of the folders, sorted by name; hidden files are skipped."""
    files = []
    for folder in folders:
        if not folder.is_dir():
            raise CorpusError(f"corpus folder {folder} does not exist")
        files += [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith(".")]
    return sorted(files, key=lambda p: p.name)


def unique_files(folders: Sequence[Path]) -> tuple[list[Path], list[BulletinError]]:
    """Bulletin files by name; a second file with a name already seen is an error."""
    files: list[Path] = []
    errors: list[BulletinError] = []
    seen: set[str] = set()
    for path in corpus_files(folders):
        if path.name in seen:
            errors.append(BulletinError(path.name, f"same file name as another bulletin ({path})", "duplicate"))
            continue
        files.append(path)
        seen.add(path.name)
    return files, errors


def read_bytes(path: Path) -> bytes:
    """The file's bytes; any failure to read them is this file's BulletinError."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BulletinError(path.name, f"cannot read ({exc.strerror or exc})", "unreadable") from exc
    except Exception as exc:  # MemoryError on a huge file, ...: still only this file's problem
        raise BulletinError(path.name, f"cannot read ({describe(exc)})", "unreadable") from exc


def read_files(folders: Sequence[Path]) -> tuple[list[tuple[str, bytes]], list[BulletinError]]:
    """The bytes of every bulletin file, by name; unreadable and duplicate names are errors."""
    paths, errors = unique_files(folders)
    files: list[tuple[str, bytes]] = []
    for path in paths:
        try:
            files.append((path.name, read_bytes(path)))
        except BulletinError as exc:
            errors.append(exc)
    return files, errors


def read_corpus(folders: Sequence[Path]) -> tuple[list[Bulletin], list[BulletinError]]:
    """Every bulletin that parses, and an error naming each file that does not."""
    files, errors = read_files(folders)
    bulletins: list[Bulletin] = []
    for name, data in files:
        try:
            bulletins.append(parse_bulletin(name, data))
        except BulletinError as exc:
            log.warning("skipping bulletin %s", exc)
            errors.append(exc)
    return bulletins, errors
