"""Replacing a file in one step, so that a crash at any moment leaves the old file or the new one.

A writer holds an advisory lock (flock) on its temporary file until the rename: a temporary file
nobody holds was left by a killed process, and `sweep_temporaries` removes it at the next start.
"""

from __future__ import annotations

import fcntl
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)


def write_atomically(path: Path, write: Callable[[BinaryIO], object], mode: int | None = None) -> None:
    """Write through `write` into a temporary file beside `path`, fsync it, rename it over `path`,
    then fsync the folder. On any error the temporary file is removed and `path` is untouched.

    `mode`: the new file's permission bits (default 0600, as mkstemp creates it)."""
    _write_then(path, write, mode, lambda tmp: os.replace(tmp, path))


def write_exclusively(path: Path, write: Callable[[BinaryIO], object], mode: int | None = None) -> None:
    """Like `write_atomically`, but never replaces an existing `path`: FileExistsError instead.

    The finished file is hard-linked to `path`, which fails when the name exists even if another
    process created it a moment ago (O_EXCL semantics, with the contents complete when it appears).
    """
    _write_then(path, write, mode, lambda tmp: _link_new(tmp, path))


def _link_new(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check and rename (callers hold their own lock)
        if path.exists():
            raise FileExistsError(f"{path} exists") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _write_then(path: Path, write: Callable[[BinaryIO], object], mode: int | None,
                publish: Callable[[str], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = _locked_temporary(path)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb", closefd=False) as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        publish(tmp_name)  # still locked: a sweep cannot take the file between the write and the rename
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    _fsync_dir(path.parent)


def _locked_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, locked by this process; retried if a sweep removed it
    in the instant between its creation and the lock."""
    while True:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: no sweep can take the file either
            return fd, tmp_name
        try:
            if os.stat(tmp_name).st_ino == os.fstat(fd).st_ino:
                return fd, tmp_name
        except FileNotFoundError:
            pass
        os.close(fd)


def sweep_temporaries(path: Path) -> list[str]:
    """Remove the temporary files a killed writer left beside `path`; returns their names.

    A file some live process is writing is locked, and skipped."""
    swept = []
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            fd = os.open(tmp, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            tmp.unlink()  # while locked: no writer can have adopted it
            swept.append(tmp.name)
        except OSError:  # locked by a live writer, or not ours to remove
            continue
        finally:
            os.close(fd)
    if swept:
        log.info("removed %d temporary file(s) left by an interrupted write beside %s", len(swept), path)
    return swept


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
