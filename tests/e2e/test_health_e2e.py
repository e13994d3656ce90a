"""The health check of a real `nqbot run --webhook` (on the Bot API emulator), and `nqbot health` beside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.e2e import free_port, nqbot_command, start_process, stop, wait_for, write_config
from tests.support.paths import ROOT, SEED_DIR, SEED_FILE, TEST_CORPUS

TOKEN = "727272:e2e-health_token"
SECRET = "e2e-health-secret_0123456789"


def _health_command(config: Path) -> int:
    command = [sys.executable, "-m", "bot", "health", "--config", str(config)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120).returncode


def test_healthz_and_nqbot_health_report_the_index_and_its_drift(emulator: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / SEED_FILE, corpus)
    port = free_port()
    hook = f"http://127.0.0.1:{port}/nqbot/hook"
    extra = f'[webhook]\nlisten = "127.0.0.1"\nport = {port}\nurl = "{hook}"\nsecret_token = "{SECRET}"\n'
    config = write_config(tmp_path, emulator, tmp_path / "index.zip", extra, corpora=[corpus])
    bot = start_process(nqbot_command(config, "--webhook"), TOKEN, tmp_path)
    healthz = f"http://127.0.0.1:{port}/healthz"
    try:
        wait_for(lambda: httpx.get(healthz, timeout=5).status_code == 200, bot.process)  # index built at start
        report = httpx.get(healthz, timeout=5).json()
        assert report["ok"] is True and report["index"]["bulletins"] == 1 and report["corpus"]["matches_index"]
        assert _health_command(config) == 0
        shutil.copy(TEST_CORPUS / "t06_hop-tac-xa.txt", corpus)  # not yet indexed: the corpus drifted
        drifted = httpx.get(healthz, timeout=5)
        assert drifted.status_code == 503 and drifted.json()["corpus"]["files"] == ["t06_hop-tac-xa.txt"]
        assert _health_command(config) == 1
    finally:
        stop(bot.process)
    bot.assert_clean_log()
