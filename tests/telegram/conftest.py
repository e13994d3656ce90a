"""Fixtures: real indexes from the real corpus, and a real Application on a recording transport.

`eval_engine` and `seed_engine` come from tests/conftest.py.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.live import LiveIndex
from index.engine import Engine, open_engine
from tests.support.harness import ADMIN, Harness, live_copy, running, settings
from tests.support.sample_bulletins import ROOT, SEED, write_long_bulletin

# The admin tests' corpus: the seed and two test bulletins, in a folder the tests may change.
_TESTS = ROOT / "tests" / "data" / "corpus"
ADMIN_CORPUS = (SEED / "000_5f5dbc906775ed97.txt", _TESTS / "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt",
                _TESTS / "t06_hop-tac-xa.txt")


@pytest.fixture(scope="session")
def engine(eval_engine: Engine) -> Engine:
    """The seed plus the fictional test bulletins (built once by tests/conftest.py)."""
    return eval_engine


@pytest.fixture(scope="session")
def long_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The seed plus the long bulletin."""
    folder = tmp_path_factory.mktemp("long-corpus")
    write_long_bulletin(folder)
    built, _ = open_engine(tmp_path_factory.mktemp("long-index") / "index.zip", [SEED, folder])
    return built


@pytest.fixture
async def bot(engine: Engine) -> AsyncIterator[Harness]:
    async with running(engine, settings()) as harness:
        yield harness


@pytest.fixture(scope="session")
def admin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder and its index, built once; each admin test works on a copy."""
    folder = tmp_path_factory.mktemp("admin-site")
    (folder / "corpus").mkdir()
    for path in ADMIN_CORPUS:
        shutil.copy(path, folder / "corpus")
    open_engine(folder / "index.zip", [folder / "corpus"])
    return folder


@pytest.fixture
def live(admin_site: Path, tmp_path: Path) -> LiveIndex:
    """A copy of the admin site, served live: reindexes, uploads and removals change only this copy."""
    return live_copy(admin_site, tmp_path / "site")


@pytest.fixture
async def admin_bot(live: LiveIndex) -> AsyncIterator[Harness]:
    """The bot on the live copy, with ADMIN as its only admin."""
    async with running(live.engine, settings(admins={"ids": [ADMIN["id"]]}), live) as harness:
        yield harness
