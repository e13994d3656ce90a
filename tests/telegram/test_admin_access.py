"""Who is an admin: everyone else is refused politely, logged with user id and command, and nothing runs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.live import LiveIndex
from bot.telegram import admin_texts
from tests.support.harness import (
    ADMIN,
    GROUP,
    USER,
    Harness,
    buttons,
    running,
    sent,
    settings,
    texts_of,
)
from tests.support.sample_bulletins import PORT_BULLETIN
from tests.support.telegram_html import check_message

ADMIN_COMMANDS = ["/reindex", "/thongke", "/them", f"/them {PORT_BULLETIN}", "/huy", "/xoa hop-tac-xa",
                  "/khoiphuc", "/khoiphuc t06_hop-tac-xa.txt"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_admin_commands_from_anyone_else_are_refused_logged_and_never_run(
    admin_bot: Harness, live: LiveIndex, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    before, engine = _snapshot(live.index_path.parent), live.engine
    caplog.set_level(logging.INFO)
    for chat in (None, GROUP):
        [reply] = sent(await admin_bot.send(command, chat=chat))
        assert reply.params["text"] == admin_texts.NOT_ADMIN
    refusals = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    name = command.split()[0]
    assert refusals == [f"refused {name} from user {USER['id']}: not an admin"] * 2
    assert _snapshot(live.index_path.parent) == before and live.engine is engine
    assert len(admin_bot.app.bot_data.pending) == 0
    # Nothing was left waiting either: the user's next text is an ordinary question.
    assert "<blockquote>" in sent(await admin_bot.send("GRDP bình quân đầu người năm 2030?"))[0].params["text"]


@pytest.mark.parametrize("data", ["save|abcdefgh", "repl|abcdefgh", "rm|abcdefgh", "rs|abcdefgh", "cancel|x"])
async def test_admin_buttons_pressed_by_anyone_else_are_refused(
    admin_bot: Harness, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    start = sent(await admin_bot.send("/start"))[0].result
    [alert] = await admin_bot.press(data, on=start)
    assert alert.params["text"] == admin_texts.NOT_ADMIN and alert.params["show_alert"] is True
    assert any(str(USER["id"]) in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


async def test_a_document_from_a_non_admin_is_declined_and_not_even_downloaded(
    admin_bot: Harness, live: LiveIndex, caplog: pytest.LogCaptureFixture
) -> None:
    before = _snapshot(live.index_path.parent)
    [reply] = sent(await admin_bot.document("cang.txt", PORT_BULLETIN.encode()))
    assert reply.params["text"] == admin_texts.NOT_ADMIN_DOCUMENT
    assert "refused document upload from user 4242: not an admin" in caplog.text
    # In a group, a file is not addressed to the bot: no reply at all.
    assert await admin_bot.document("cang.txt", PORT_BULLETIN.encode(), chat=GROUP) == []
    assert not [c for c in admin_bot.request.calls if c.method == "getFile"]
    assert _snapshot(live.index_path.parent) == before


async def test_admins_work_in_private_chats_only(admin_bot: Harness) -> None:
    [reply] = sent(await admin_bot.send("/thongke", user=ADMIN, chat=GROUP))
    assert reply.params["text"] == admin_texts.PRIVATE_ONLY  # the group would see the users' questions
    assert await admin_bot.document("cang.txt", PORT_BULLETIN.encode(), user=ADMIN, chat=GROUP) == []


async def test_help_shows_admins_their_commands(admin_bot: Harness) -> None:
    plain = check_message(texts_of(await admin_bot.send("/help", user=ADMIN))[0])
    for command in ("/xoa", "/khoiphuc", "/reindex", "/thongke", "/them"):
        assert command in plain
    assert "/reindex" not in check_message(texts_of(await admin_bot.send("/help"))[0])
    assert "/reindex" not in check_message(texts_of(await admin_bot.send("/help", user=ADMIN, chat=GROUP))[0])


async def test_a_button_of_one_admin_does_not_work_for_another(live: LiveIndex) -> None:
    other = {**ADMIN, "id": ADMIN["id"] + 1}
    async with running(live.engine, settings(admins={"ids": [ADMIN["id"], other["id"]]}), live) as bot:
        [preview] = sent(await bot.document("cang.txt", PORT_BULLETIN.encode(), user=ADMIN))
        save = dict(buttons(preview))[admin_texts.SAVE]
        [alert] = await bot.press(save, on=preview.result, user=other)
        assert alert.params["text"] == admin_texts.EXPIRED
        assert not (live.corpus[0] / "cang.txt").exists()
