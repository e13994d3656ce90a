"""Corpus sites for tests: a served corpus folder in tmp_path, test bulletins, a folder that refuses writes,
and a way to make two threads meet inside a corpus change."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot import corpus_admin
from bot.live import LiveIndex
from index.engine import open_engine
from tests.support.paths import SEED_DIR, SEED_FILE, TEST_CORPUS


def live_index(tmp_path: Path, names: tuple[str, ...] = ()) -> LiveIndex:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / SEED_FILE, corpus)
    for name in names:
        shutil.copy(TEST_CORPUS / name, corpus)
    engine, _ = open_engine(tmp_path / "index.zip", [corpus])
    return LiveIndex(engine, tmp_path / "index.zip", [corpus])


NEW = """https://tin.example.test/test/cang-bien-moi
Khởi công cảng biển nước sâu thử nghiệm tại Kiên Lương
Ngày 5/9/2023
Sáng 5/9, tỉnh khởi công cảng biển nước sâu thử nghiệm Hòn Chông với tổng vốn 2.700 tỷ đồng.
""".encode()


CHANGED = NEW.replace(b"2.700", b"2.750")


MEETING_SECONDS = 1.0  # how long the first of two racing saves waits for the second at the barrier


def meet_inside(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Two threads calling corpus_admin.<name> wait for each other there (until the timeout)."""
    barrier = threading.Barrier(2, timeout=MEETING_SECONDS)
    real = getattr(corpus_admin, name)

    def meeting(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return result

    monkeypatch.setattr(corpus_admin, name, meeting)


def make_read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder refuses every write, as a read-only mount does. Root ignores permission bits, so
    under root the os calls that write there fail with EROFS; otherwise the folder is chmod 0555."""
    if os.geteuid() != 0:
        folder.chmod(0o555)  # the `writable_again` fixture gives the write bit back
        return
    root = os.path.abspath(folder)

    def refuse(path: Any) -> None:
        name = os.path.abspath(os.fsdecode(path))
        if name == root or name.startswith(root + os.sep):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), name)

    real_open = os.open

    def open_for_reading(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_for_reading)
    for name in ("replace", "rename", "link", "unlink", "mkdir"):
        real = getattr(os, name)

        def refused(*args: Any, _real: Callable[..., Any] = real, **kwargs: Any) -> Any:
            for arg in args:
                if isinstance(arg, (str, os.PathLike)):
                    refuse(arg)
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, refused)
