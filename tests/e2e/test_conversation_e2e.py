"""The real `nqbot run` process, polling the offline emulator, played by fake users."""

from __future__ import annotations

import asyncio
import html
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.telegram import texts
from index.answer.plain import NO_ANSWER
from index.engine import Engine
from tests.support.e2e import (
    BOT_USERNAME,
    BotProcess,
    bot_calls,
    nqbot_command,
    start_process,
    stop,
    wait_polling,
    write_config,
)
from tests.support.emu_client import FakeUser
from tests.support.telegram_html import check_message, opening

TOKEN = "424242:e2e-conversation_token"
QUESTION = "Đến năm 2030 Kiên Giang có bao nhiêu cụm công nghiệp?"
GROUP = {"id": -1001234, "type": "supergroup", "title": "Phòng Tổng hợp"}


@pytest.fixture(scope="module")
def bot(emulator: str, index_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    folder = tmp_path_factory.mktemp("conversation")
    process = start_process(nqbot_command(write_config(folder, emulator, index_path)), TOKEN, folder)
    try:
        wait_polling(emulator, process)
        yield process
    finally:
        stop(process.process)


def _user(http: httpx.AsyncClient, emulator: str, user_id: int, **kwargs: object) -> FakeUser:
    return FakeUser(http, emulator, TOKEN, user_id, **kwargs)  # type: ignore[arg-type]


def _text(reply: dict) -> str:
    message = reply["message"]
    assert message["parse_mode"] == "HTML"
    return message["text"]


async def test_start_greets_offers_examples_and_commands_are_set(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine
) -> None:
    user = _user(http, emulator, 1001)
    await user.send("/start")
    [reply] = await user.wait_replies(1)
    plain = check_message(_text(reply))
    assert plain.startswith("Xin chào Lan!") and f"{len(engine.index.bulletins)} bản tin" in plain
    keyboard = reply["message"]["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == list(texts.EXAMPLES)
    [commands] = bot_calls(emulator, TOKEN, "setMyCommands")
    described = {c["command"]: c["description"] for c in json.loads(str(commands["commands"]))}
    assert described == {c.command: c.description for c in texts.COMMANDS}
    bot.assert_clean_log()


async def test_a_question_is_answered_with_quote_and_link_and_the_paragraph_button_works(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine
) -> None:
    expected = engine.ask(QUESTION)
    user = _user(http, emulator, 1002)
    await user.send(QUESTION)
    [reply] = await user.wait_replies(1)
    text = _text(reply)
    assert check_message(text).startswith(opening(expected))
    assert f'<a href="{expected.best.url}">{html.escape(expected.best.title)}</a>' in text
    buttons = {b["text"]: b["callback_data"] for b in reply["message"]["reply_markup"]["inline_keyboard"][0]}
    await user.press(reply, buttons[texts.SEE_PARAGRAPH])
    [paragraph] = await user.wait_replies(1)
    assert check_message(_text(paragraph)).endswith(expected.best.paragraph)
    bot.assert_clean_log()


async def test_group_talk_without_mention_is_ignored_a_mention_is_answered(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine
) -> None:
    member = _user(http, emulator, 1003, chat=GROUP)
    await member.send(QUESTION)
    await member.send(f"@{BOT_USERNAME} {QUESTION}", mention=f"@{BOT_USERNAME}")
    [reply] = await member.wait_replies(1)
    assert check_message(_text(reply)).startswith(opening(engine.ask(QUESTION)))
    await asyncio.sleep(1.0)  # anything the first message might have caused has arrived by now
    with pytest.raises(TimeoutError):
        await member.wait_replies(1, timeout=1.0)
    group_messages = [c for c in bot_calls(emulator, TOKEN, "sendMessage") if str(c["chat_id"]) == str(GROUP["id"])]
    assert len(group_messages) == 1
    bot.assert_clean_log()


@pytest.mark.parametrize("question", [
    "<b>GRDP</b> bình quân đầu người của Kiên Giang năm 2030?",
    "<script>alert(1)</script> & <a href=\"https://evil.example/\">x</a>",
    "**Tỷ lệ đô thị hóa** của Kiên Giang năm 2025 theo nghị quyết HĐND tỉnh là bao nhiêu? 🤔\u200b",
])
async def test_markup_input_is_answered_with_valid_html(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine, question: str
) -> None:
    expected = engine.ask(question)
    user = _user(http, emulator, 1100 + len(question))
    await user.send(question)
    [reply] = await user.wait_replies(1)
    plain = check_message(_text(reply))  # the emulator's own HTML check accepted it too
    assert (expected.best.quote if expected.best else NO_ANSWER) in plain
    bot.assert_clean_log()


async def test_over_long_text_gets_the_limit_message(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient
) -> None:
    user = _user(http, emulator, 1200)
    await user.send("Kiên Giang " * 500)
    [reply] = await user.wait_replies(1)
    assert check_message(_text(reply)).startswith("Câu hỏi của bạn dài")
    bot.assert_clean_log()


async def _edits_to(emulator: str, chat_id: int, timeout: float = 10.0) -> list[dict]:
    """editMessageText calls the bot made in one chat, once there is at least one."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        edits = [c for c in bot_calls(emulator, TOKEN, "editMessageText") if str(c["chat_id"]) == str(chat_id)]
        if edits or asyncio.get_running_loop().time() > deadline:
            return edits
        await asyncio.sleep(0.1)


async def test_chitieu_shows_the_urban_target_with_its_link_and_turns_pages(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine
) -> None:
    user = _user(http, emulator, 1300)
    await user.send("/chitieu đô thị hóa")
    [reply] = await user.wait_replies(1)
    text = _text(reply)
    plain = check_message(text)
    assert plain.startswith("🎯 Chỉ tiêu của chương trình hành động — “đô thị hóa”")
    assert "Đến năm 2030" in plain and "Tỷ lệ đô thị hóa: từ 50-55%" in plain
    assert "Tỷ lệ đô thị hóa đạt từ 50-55%." in plain  # the seed's sentence, quoted verbatim
    seed = engine.index.by_file("000_5f5dbc906775ed97.txt")
    assert seed is not None and seed.url
    assert f'<a href="{html.escape(seed.url, quote=True)}">{html.escape(seed.title, quote=False)}</a>' in text
    await user.send("/chitieu")
    [listing] = await user.wait_replies(1)
    [[after]] = listing["message"]["reply_markup"]["inline_keyboard"]
    assert after["text"] == texts.NEXT
    await user.press(listing, after["callback_data"])
    [edit] = await _edits_to(emulator, 1300)
    assert "· Trang 2/" in check_message(str(edit["text"]))
    bot.assert_clean_log()
