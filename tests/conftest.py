"""Shared fixtures: the real corpus, the real lexicon, real indexes built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine, rebuild
from index.lexicon import Lexicon, load_lexicon
from index.serving import Index

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "corpus"
SEED_FILE = "000_5f5dbc906775ed97.txt"
TEST_CORPUS = ROOT / "tests" / "data" / "corpus"
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"


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
