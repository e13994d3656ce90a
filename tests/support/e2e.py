"""Starting and stopping the processes the end-to-end tests play against (emulator, nqbot, echo bot).

Everything listens on 127.0.0.1 only, on free ports.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.paths import E2E as HERE
from tests.support.paths import ROOT

CORPORA = [ROOT / "corpus", ROOT / "tests" / "data" / "corpus"]
BOT_USERNAME = "TestNameBot"  # what the emulator's getMe answers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def npm_ci() -> None:
    """Install the emulator's npm packages on a fresh machine (CI runs `npm ci` itself)."""
    if not (HERE / "node_modules" / "telegram-test-api").is_dir():
        npm = shutil.which("npm")
        assert npm, "npm is needed for the Telegram emulator (Node 20)"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (python-telegram-bot shuts down cleanly on it), then kill if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def wait_for(ready: Callable[[], bool], process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before it was ready")
        try:
            if ready():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError("process not ready in time")


@dataclass
class BotProcess:
    token: str
    log: Path
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def assert_clean_log(self) -> None:
        text = self.log_text()
        assert "Traceback" not in text and "ERROR" not in text, text[-3000:]
        assert self.token not in text, "the token leaked into the log"


def write_config(folder: Path, emulator: str, index: Path, extra: str = "",
                 corpora: list[Path] = CORPORA) -> Path:
    """A config for a bot on the emulator; its question log lives in `folder` (one per bot)."""
    path = folder / "nqbot.toml"
    corpus = ", ".join(f'"{c}"' for c in corpora)
    path.write_text(
        f'[telegram]\nbase_url = "{emulator}/bot"\nbase_file_url = "{emulator}/file/bot"\nrate_limiter = false\n'
        f"concurrent_updates = 32\nconnection_pool_size = 16\n"
        f'[paths]\ncorpus = [{corpus}]\nindex = "{index}"\n'
        f'[question_log]\npath = "{folder / "questions.sqlite"}"\n{extra}',
        encoding="utf-8",
    )
    return path


def nqbot_command(config: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "bot", "-v", "run", "--config", str(config), *options]


def start_process(command: list[str], token: str, folder: Path) -> BotProcess:
    """Start a bot with a clean environment (no NQBOT_*/TELEGRAM_* from the developer's shell), answering
    as the tests' own engines do (lexically: tests/conftest.py)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NQBOT_", "TELEGRAM_"))}
    env["NQBOT_SEMANTIC"] = os.environ.get("NQBOT_SEMANTIC", "0")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    log = folder / f"bot-{token.split(':')[0]}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT,
                                   env={**env, "TELEGRAM_BOT_TOKEN": token})
    return BotProcess(token, log, process)


def wait_polling(emulator: str, bot: BotProcess) -> None:
    """Until the bot's first getUpdates reached the emulator (start-up done, updates flowing)."""
    def polling() -> bool:
        status = httpx.post(f"{emulator}/getStatus", json={"token": bot.token}, timeout=2).json()["result"]
        return status["lastPoll"] is not None

    try:
        wait_for(polling, bot.process)
    except (RuntimeError, TimeoutError) as exc:
        raise AssertionError(f"{exc}\n{bot.log_text()[-3000:]}") from None


def bot_calls(emulator: str, token: str, method: str) -> list[dict[str, object]]:
    """Bot API calls of `method` the emulator received from this bot, with their bodies."""
    response = httpx.post(f"{emulator}/getCalls", json={"token": token, "method": method}, timeout=5)
    return [call["body"] for call in response.json()["result"]]
