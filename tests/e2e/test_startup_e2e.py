"""`nqbot run` start-up: webhook mode behind a secret, and one-line errors for a bad token or API."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.support.e2e import (
    bot_calls,
    free_port,
    nqbot_command,
    start_process,
    stop,
    wait_for,
    write_config,
)
from tests.support.emu_client import FakeUser
from tests.support.telegram_html import check_message

WEBHOOK_TOKEN = "515151:e2e-webhook_token"
REJECTED_TOKEN = "616161:e2e-rejected_token"
SECRET = "e2e-secret_0123456789"


async def test_webhook_mode_serves_updates_and_refuses_requests_without_the_secret(
    emulator: str, index_path: Path, tmp_path: Path, http: httpx.AsyncClient
) -> None:
    port = free_port()
    hook = f"http://127.0.0.1:{port}/nqbot/hook"
    extra = f'[webhook]\nlisten = "127.0.0.1"\nport = {port}\nurl = "{hook}"\nsecret_token = "{SECRET}"\n'
    bot = start_process(nqbot_command(write_config(tmp_path, emulator, index_path, extra), "--webhook"),
                        WEBHOOK_TOKEN, tmp_path)
    try:
        # Listening: a POST without Telegram's secret header is refused (403) by the bot's server.
        wait_for(lambda: httpx.post(hook, json={}, timeout=1).status_code == 403, bot.process)
        [registered] = bot_calls(emulator, WEBHOOK_TOKEN, "setWebhook")
        assert registered["url"] == hook and registered["secret_token"] == SECRET
        user = FakeUser(http, emulator, WEBHOOK_TOKEN, 2001)
        await user.send("/start")
        [reply] = await user.wait_replies(1)
        assert check_message(reply["message"]["text"]).startswith("Xin chào Lan!")
        assert httpx.get(f"http://127.0.0.1:{port}/other", timeout=2).status_code == 404
    finally:
        stop(bot.process)
    log = bot.log_text()
    assert SECRET not in log and WEBHOOK_TOKEN not in log
    assert "Traceback" not in log and "ERROR" not in log, log


class _Unauthorized(BaseHTTPRequestHandler):
    """Answers every Bot API call as Telegram does for a revoked token."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def unauthorized_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run_to_exit(api: str, index_path: Path, folder: Path) -> tuple[int, str]:
    bot = start_process(nqbot_command(write_config(folder, api, index_path)), REJECTED_TOKEN, folder)
    try:
        code = bot.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        stop(bot.process)
        raise
    return code, bot.log_text()


def test_a_rejected_token_is_a_one_line_error_without_the_token(
    unauthorized_api: str, index_path: Path, tmp_path: Path
) -> None:
    code, output = _run_to_exit(unauthorized_api, index_path, tmp_path)
    assert code == 1
    assert output.strip().splitlines()[-1] == (
        "nqbot: error: the Bot API rejected the bot token (check TELEGRAM_BOT_TOKEN)"
    )
    assert "Traceback" not in output and REJECTED_TOKEN not in output


def test_an_unreachable_api_is_a_one_line_error(index_path: Path, tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    code, output = _run_to_exit(closed, index_path, tmp_path)
    assert code == 1
    last = output.strip().splitlines()[-1]
    assert last.startswith(f"nqbot: error: Bot API at {closed}/bot: ")
    assert "Traceback" not in output and REJECTED_TOKEN not in output
