"""Fixtures: real indexes from the real corpus, and a real Application on a recording transport.

`eval_engine` and `seed_engine` come from tests/conftest.py.
"""

from __future__ import annotations

from typing import AsyncIterator

import pytest

from bot.engine import Engine, open_engine
from harness import Harness, RecordingFeedback, running, settings
from sample_bulletins import SEED, write_long_bulletin


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
def feedback() -> RecordingFeedback:
    return RecordingFeedback()


@pytest.fixture
async def bot(engine: Engine, feedback: RecordingFeedback) -> AsyncIterator[Harness]:
    async with running(engine, settings(), feedback) as harness:
        yield harness
