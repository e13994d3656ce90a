"""Issue 13 end to end: the real `nqbot run` on the offline emulator, talked to as a colleague would.

A multi-turn conversation understood in context, a list answer (and its /chitieu button), a "no answer"
that helps (and a suggested question pressed), and questions over the rate limit that wait their turn.
Each user reads the bot's reply before typing the next message, as people do: the emulator numbers a
chat's messages in order, as Telegram does, and that is how the bot tells a follow-up from a burst.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.telegram import texts
from index.answer.plain import NO_ANSWER, UNSURE
from index.engine import Engine
from tests.support.e2e import BotProcess, nqbot_command, start_process, stop, wait_polling, write_config
from tests.support.emu_client import FakeUser
from tests.support.telegram_html import check_message, opening

TOKEN = "434343:e2e-dialogue_token"
SLOW_TOKEN = "454545:e2e-dialogue_slow"
GRDP_2030 = "GRDP bình quân đầu người năm 2030 là bao nhiêu?"
KCN = "Kiên Giang có bao nhiêu khu công nghiệp?"
QUEUED = ("Tỷ lệ đô thị hóa đến năm 2030?", KCN, "Đến năm 2030 Kiên Giang có bao nhiêu cụm công nghiệp?")


def _start(emulator: str, index_path: Path, folder: Path, token: str, extra: str = "") -> BotProcess:
    process = start_process(nqbot_command(write_config(folder, emulator, index_path, extra)), token, folder)
    wait_polling(emulator, process)
    return process


@pytest.fixture(scope="module")
def bot(emulator: str, index_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    process = _start(emulator, index_path, tmp_path_factory.mktemp("dialogue"), TOKEN)
    try:
        yield process
    finally:
        stop(process.process)


@pytest.fixture(scope="module")
def slow_bot(emulator: str, index_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """One question per user every 5 seconds, five may wait."""
    extra = "[limits]\nquestions = 1\nper_seconds = 5.0\nqueued = 5\n"
    process = _start(emulator, index_path, tmp_path_factory.mktemp("dialogue-slow"), SLOW_TOKEN, extra)
    try:
        yield process
    finally:
        stop(process.process)


def _plain(reply: dict[str, Any]) -> str:
    assert reply["message"]["parse_mode"] == "HTML"
    return check_message(reply["message"]["text"])


def _buttons(reply: dict[str, Any]) -> dict[str, str]:
    rows = (reply["message"].get("reply_markup") or {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _ask(user: FakeUser, text: str) -> dict[str, Any]:
    await user.send(text)
    [reply] = await user.wait_replies(1)
    return reply


async def test_a_multi_turn_conversation_is_understood_in_context(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine
) -> None:
    user = FakeUser(http, emulator, TOKEN, 2001)
    assert _plain(await _ask(user, GRDP_2030)).startswith(opening(engine.ask(GRDP_2030)))
    urban = _plain(await _ask(user, "vậy tỷ lệ đô thị hóa?"))
    understood = "Về tỷ lệ đô thị hóa năm 2030:\n"
    assert urban.startswith(understood)
    # Cà Mau's bulletin states its own rate: the composer may add its caution, never anything else.
    assert urban.removeprefix(understood).removeprefix(f"⚠️ {UNSURE}\n").startswith("Tỷ lệ đô thị hóa đạt từ 50-55%.")
    earlier = _plain(await _ask(user, "còn năm 2025 thì sao?"))
    assert earlier.startswith("Về tỷ lệ đô thị hóa năm 2025:\nTỷ lệ đô thị hóa của tỉnh đến cuối năm 2025 đạt 41,45%.")
    source = _plain(await _ask(user, "nguồn ở đâu?"))
    assert source.startswith(f"Về tỷ lệ đô thị hóa năm 2025:\n{texts.SOURCE_OF}")
    new = _plain(await _ask(user, KCN))  # a new question right after the follow-ups
    assert new.startswith(opening(engine.ask(KCN)))
    bot.assert_clean_log()


async def test_a_list_question_gets_a_list_and_a_targets_question_the_table(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient
) -> None:
    user = FakeUser(http, emulator, TOKEN, 2002)
    solutions = _plain(await _ask(user, "có những giải pháp nào"))
    assert solutions.startswith("📋") and "1. “Các giải pháp trọng tâm trong thời gian tới gồm:”" in solutions
    assert "2. “Huy động nguồn lực xã hội hóa, nhất là từ doanh nghiệp và con em xa quê.”" in solutions
    targets = await _ask(user, "các chỉ tiêu đến 2030")
    assert _plain(targets).startswith("🎯 Các chỉ tiêu về “2030”")
    await user.press(targets, _buttons(targets)["🎯 Xem bảng: /chitieu 2030"])
    [table] = await user.wait_replies(1)
    assert _plain(table).startswith("🎯 Chỉ tiêu của chương trình hành động — “2030”")
    bot.assert_clean_log()


async def test_a_decline_helps_and_its_suggestions_are_answered(
    bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine
) -> None:
    user = FakeUser(http, emulator, TOKEN, 2003)
    decline = await _ask(user, "Nghị quyết Trung ương 8 nói gì?")
    lines = _plain(decline).splitlines()
    assert lines[:2] == [NO_ANSWER, "Các bản tin hiện có không nhắc đến: Trung ương 8."]
    assert texts.YOU_CAN_ASK in lines
    [(question, data), *_] = _buttons(decline).items()
    await user.press(decline, data)
    [answer] = await user.wait_replies(1)
    assert _plain(answer).startswith(f"❓ {question}\n{opening(engine.ask(question))}")
    weather = _plain(await _ask(user, "Thời tiết Phú Quốc ngày mai"))
    assert weather.endswith("theo các bản tin đã có.") and texts.YOU_CAN_ASK not in weather
    bot.assert_clean_log()


async def test_questions_over_the_limit_wait_their_turn(
    slow_bot: BotProcess, emulator: str, http: httpx.AsyncClient, engine: Engine
) -> None:
    user = FakeUser(http, emulator, SLOW_TOKEN, 2004)
    for question in QUEUED:  # typed at once, before any answer
        await user.send(question)
    replies = [_plain(r) for r in await user.wait_replies(4, timeout=30)]
    notices = [r for r in replies if r.startswith("Bạn hỏi hơi nhanh")]
    answers = [r for r in replies if r not in notices]
    assert len(notices) == 1 and len(answers) == 3  # one notice, and no question dropped
    assert [any(a.startswith(opening(engine.ask(q))) for a in answers) for q in QUEUED] == [True] * 3
    slow_bot.assert_clean_log()
