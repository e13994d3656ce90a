"""The corpus lock and the low-level writes made under it (bot/corpus_admin.py decides what to write).

Every change to the corpus holds `corpus_lock`: a lock of this process and an advisory file lock
(flock) on a hidden file in the first corpus folder, so that two admins, or the bot and an `nqbot`
in a shell, never both pass a conflict check before either writes. An OSError while the lock is held
becomes CorpusWriteError, which says whether the folder is read-only.

A new bulletin is written exclusively (never over an existing file) with the permissions of the
folder's other bulletins; replacing a file in place is an atomic rename that keeps its permissions.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index.bulletins.corpus import corpus_files
from index.errors import NqbotError
from index.store.atomic import write_atomically, write_exclusively

log = logging.getLogger(__name__)

LOCK_FILE = ".nqbot.lock"  # in the first corpus folder; hidden, so never read as a bulletin
DEFAULT_MODE = 0o644  # a new bulletin's permissions when its folder has no bulletin to copy them from
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_in_process = threading.Lock()  # the bot's worker threads take turns before taking the file lock
_NUMBERED_TRIES = 100  # "name-2.txt" ... before a made-up name is given up


class CorpusChangeError(NqbotError):
    """A change to the corpus that cannot be made (no such file, name taken in the trash...)."""


class CorpusWriteError(CorpusChangeError):
    """The file system refused the change (a read-only folder, a full disk...)."""

    def __init__(self, folder: Path, exc: OSError) -> None:
        self.folder = folder  # the corpus folder being changed
        self.read_only = exc.errno in _READ_ONLY
        self.reason = exc.strerror or str(exc)
        super().__init__(f"cannot change {exc.filename or folder}: {self.reason}")


@contextmanager
def corpus_lock(folder: Path, changing: Path | None = None) -> Iterator[None]:
    """Hold the corpus lock (in the first corpus folder) while changing the folder `changing` (default
    the same); an OSError in taking the lock, or while holding it, is raised as CorpusWriteError."""
    with _in_process:
        fd = _open_lock(folder)
        try:
            _flock(fd, folder)
            yield
        except OSError as exc:
            raise CorpusWriteError(changing or folder, exc) from exc
        finally:
            os.close(fd)  # releases the file lock


def _flock(fd: int, folder: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:
        if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        log.warning("%s has no file locks: only this process's own changes exclude each other", folder)


def _open_lock(folder: Path) -> int:
    try:
        return os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        try:  # someone else's lock file: a read-only descriptor can hold the lock all the same
            return os.open(folder / LOCK_FILE, os.O_RDONLY)
        except OSError:
            raise CorpusWriteError(folder, exc) from exc


def replace_file(path: Path, data: bytes) -> None:
    """Write `data` over the existing file `path` in one step, keeping its permissions."""
    write_atomically(path, lambda out: out.write(data), mode=stat.S_IMODE(path.stat().st_mode))


def write_new(folders: Sequence[Path], name: str, data: bytes, generated: bool) -> str:
    """Write `data` into the first folder as `name`, never over an existing file; returns the name
    written. A made-up (`generated`) name that is taken in any folder gets a number instead.

    Raises CorpusChangeError when the name appeared after the caller's conflict check."""
    folder = folders[0]
    mode = new_file_mode(folder)
    for candidate in _numbered(name) if generated else [name]:
        if generated and any((f / candidate).exists() for f in folders):
            continue
        try:
            write_exclusively(folder / candidate, lambda out: out.write(data), mode=mode)
            return candidate
        except FileExistsError:
            continue
    raise CorpusChangeError(f"{name} already exists in {folder}")  # it appeared after the check


def _numbered(name: str) -> Iterator[str]:
    stem, suffix = os.path.splitext(name)
    yield name
    yield from (f"{stem}-{n}{suffix}" for n in range(2, _NUMBERED_TRIES))


def new_file_mode(folder: Path) -> int:
    """The permissions of the folder's bulletins, else 0644: a saved bulletin is readable by whoever
    reads the shipped ones, not only by the bot's user (a temporary file is created 0600)."""
    for path in corpus_files([folder]):
        return stat.S_IMODE(path.stat().st_mode)
    return DEFAULT_MODE
