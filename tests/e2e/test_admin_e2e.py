"""An admin adds a bulletin through the real `nqbot run` process on the emulator; a non-admin cannot."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.telegram import admin_texts
from index.engine import open_engine
from tests.support.e2e import (
    CORPORA,
    BotProcess,
    bot_calls,
    nqbot_command,
    start_process,
    stop,
    wait_polling,
    write_config,
)
from tests.support.emu_client import FakeUser
from tests.support.sample_bulletins import (
    PORT_BULLETIN,
    PORT_FACT,
    PORT_QUESTION,
    PORT_TITLE,
    PORT_URL,  # from tests/telegram,
)
from tests.support.telegram_html import check_message

TOKEN = "525252:e2e-admin_token"
ADMIN_ID, USER_ID = 3002, 3001
UPLOAD = "Cảng biển Hòn Chông.txt"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus the bot may change (a copy of the seed and test bulletins) and its index."""
    folder = tmp_path_factory.mktemp("admin-e2e")
    (folder / "corpus").mkdir()
    for source in CORPORA:
        for path in source.iterdir():
            if path.is_file():
                shutil.copy(path, folder / "corpus")
    open_engine(folder / "index.zip", [folder / "corpus"])
    return folder


@pytest.fixture(scope="module")
def bot(emulator: str, site: Path) -> Iterator[BotProcess]:
    config = write_config(site, emulator, site / "index.zip", f"[admins]\nids = [{ADMIN_ID}]\n", [site / "corpus"])
    process = start_process(nqbot_command(config), TOKEN, site)
    try:
        wait_polling(emulator, process)
        yield process
    finally:
        stop(process.process)


def _text(reply: dict[str, Any]) -> str:
    return check_message(reply["message"]["text"])


def _buttons(reply: dict[str, Any]) -> dict[str, str]:
    keyboard = reply["message"].get("reply_markup") or {"inline_keyboard": []}
    return {b["text"]: b["callback_data"] for row in keyboard["inline_keyboard"] for b in row}


async def test_a_non_admins_upload_changes_nothing(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, site: Path
) -> None:
    before = sorted(p.name for p in (site / "corpus").iterdir())
    user = FakeUser(http, emulator, TOKEN, USER_ID)
    await user.send_document(UPLOAD, PORT_BULLETIN.encode())
    [reply] = await user.wait_replies(1)
    assert _text(reply) == admin_texts.NOT_ADMIN_DOCUMENT
    await user.send("/reindex")
    [refused] = await user.wait_replies(1)
    assert _text(refused) == admin_texts.NOT_ADMIN
    assert bot_calls(emulator, TOKEN, "getFile") == []  # the file was not even fetched
    assert sorted(p.name for p in (site / "corpus").iterdir()) == before
    await user.send(PORT_QUESTION)
    [answer] = await user.wait_replies(1)
    assert PORT_FACT not in _text(answer)
    assert f"refused document upload from user {USER_ID}" in bot.log_text()
    bot.assert_clean_log()


async def test_an_admin_uploads_confirms_and_the_bulletin_answers_with_its_link(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, site: Path
) -> None:
    admin = FakeUser(http, emulator, TOKEN, ADMIN_ID, first_name="Hùng")
    await admin.send_document(UPLOAD, PORT_BULLETIN.encode())
    [preview] = await admin.wait_replies(1)
    assert f"Tiêu đề: {PORT_TITLE}" in _text(preview) and f"URL: {PORT_URL}" in _text(preview)
    await admin.press(preview, _buttons(preview)[admin_texts.SAVE])
    [report] = await admin.wait_replies(1, timeout=60)
    assert "Thêm mới (1): cang-bien-hon-chong.txt" in _text(report)
    assert (site / "corpus" / "cang-bien-hon-chong.txt").read_bytes() == PORT_BULLETIN.encode()
    user = FakeUser(http, emulator, TOKEN, USER_ID)
    await user.send(PORT_QUESTION)
    [answer] = await user.wait_replies(1)
    assert _text(answer).startswith("Sáng 5/9, tỉnh khởi công") and PORT_FACT in _text(answer)
    assert f'<a href="{PORT_URL}">{PORT_TITLE}</a>' in answer["message"]["text"]
    bot.assert_clean_log()
