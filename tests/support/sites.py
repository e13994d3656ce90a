"""A corpus folder of the seed plus some test bulletins, indexed and served by a LiveIndex, in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

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
