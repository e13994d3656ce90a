"""Shared fixtures: the real corpus, the real lexicon, real indexes built once per session."""

from __future__ import annotations

import os

import pytest

from index.engine import Engine, rebuild
from index.store.snapshot import Index
from index.terms.lexicon import Lexicon, load_lexicon
from tests.support.paths import SEED_DIR, TEST_CORPUS

# Tests answer lexically unless they ask for the embedder themselves (tests/test_semantic.py, the
# semantic eval floors): encoding every test corpus again in every test would multiply the suite's time.
# Subprocesses (the CLI, the bot in the end-to-end tests) inherit it.
os.environ.setdefault("NQBOT_SEMANTIC", "0")


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon) -> Index:
    path = tmp_path_factory.mktemp("seed") / "index.zip"
    index, _ = rebuild([SEED_DIR], path, lexicon)
    return index


@pytest.fixture(scope="session")
def eval_index(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon) -> Index:
    path = tmp_path_factory.mktemp("eval") / "index.zip"
    index, _ = rebuild([SEED_DIR, TEST_CORPUS], path, lexicon)
    return index


@pytest.fixture(scope="session")
def seed_engine(seed_index: Index, lexicon: Lexicon) -> Engine:
    return Engine(seed_index, lexicon)


@pytest.fixture(scope="session")
def eval_engine(eval_index: Index, lexicon: Lexicon) -> Engine:
    return Engine(eval_index, lexicon)
