"""End-to-end fixtures: the offline Bot API emulator, the index, an HTTP client for fake users."""

from __future__ import annotations

import os
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from index.engine import Engine, open_engine
from tests.support.e2e import CORPORA, HERE, free_port, npm_ci, stop, wait_for


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running emu.js (stopped at the end of the session)."""
    npm_ci()
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "STORE_TIMEOUT": "600"}
    with (tmp_path_factory.mktemp("emulator") / "emu.log").open("wb") as log:
        process = subprocess.Popen(["node", "emu.js"], cwd=HERE, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: httpx.post(f"{base}/getStatus", json={"token": "-"}, timeout=1).is_success, process)
            yield base
        finally:
            stop(process)


@pytest.fixture(scope="session")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index of the seed plus the test bulletins, built once; the bots load it."""
    path = tmp_path_factory.mktemp("index") / "index.zip"
    open_engine(path, CORPORA)
    return path


@pytest.fixture(scope="session")
def engine(index_path: Path) -> Engine:
    """The same index in this process, to know what the bot should answer."""
    return open_engine(index_path, CORPORA)[0]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        yield client
