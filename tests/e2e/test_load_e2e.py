"""100 users x 5 questions at once against the real bot process, and the same load against an echo bot.

Correctness is asserted (every question answered, citing the bulletin the question set names); speed is
only measured: answered messages per second for both, written to var/e2e-throughput.json and printed.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from index.answer.plain import EMPTY_QUESTION, NO_ANSWER
from index.answer.smalltalk import small_talk
from index.engine import Engine
from tests.support.e2e import (
    HERE,
    ROOT,
    BotProcess,
    bot_calls,
    nqbot_command,
    start_process,
    stop,
    wait_polling,
    write_config,
)
from tests.support.emu_client import FakeUser, ReplyRouter
from tests.support.sample_bulletins import questions
from tests.support.telegram_html import check_message

pytestmark = pytest.mark.slow

USERS, PER_USER = 100, 5
BOT_TOKEN = "717171:e2e-load_bot"
ECHO_TOKEN = "818181:e2e-load_echo"
RESULTS = ROOT / "var" / "e2e-throughput.json"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Expected:
    question: str
    url: str | None  # None: the bot must say it has no answer
    must: str | None

    def met_by(self, reply: dict[str, Any]) -> bool:
        text = reply["message"]["text"]
        plain = nfc(check_message(text))
        if self.url is None:  # small talk ("xin chào", "bạn tên gì") gets a short reply of its own (issue 13)
            return NO_ANSWER in plain or EMPTY_QUESTION in plain or small_talk(self.question) is not None
        return f'href="{self.url}"' in text and nfc(self.must or "") in plain


def question_pool(engine: Engine) -> list[Expected]:
    """Questions of the project's sets that the composer gets right on this index (this test is about the bot)."""
    pool = []
    for row in questions():
        answer = engine.ask(row["q"])
        if len(row["q"]) > 1000 or "\n" in row["q"]:
            continue
        if row["doc"] is None and not answer.answered:
            pool.append(Expected(row["q"], None, None))
        elif row["doc"] and answer.file == row["doc"] and nfc(row["must"]) in nfc(answer.best.quote if answer.best else ""):
            bulletin = engine.index.by_file(row["doc"])
            assert bulletin is not None and bulletin.url
            pool.append(Expected(row["q"], bulletin.url, row["must"]))
    return pool


def _matched(replies: list[dict[str, Any]], expected: list[Expected]) -> bool:
    """Replies may arrive in any order: some pairing must satisfy every expectation."""
    return any(all(e.met_by(r) for e, r in zip(order, replies)) for order in itertools.permutations(expected))


async def play(http: httpx.AsyncClient, emulator: str, token: str, plan: list[list[Expected]],
               check: Callable[[list[dict[str, Any]], list[Expected]], bool]) -> float:
    """Every user sends all its questions at once; returns answered messages per second."""
    users = [FakeUser(http, emulator, token, 50_000 + n) for n in range(len(plan))]
    async with ReplyRouter(http, emulator, token) as router:
        started = time.perf_counter()
        await asyncio.gather(*(u.send(e.question) for u, asked in zip(users, plan) for e in asked))
        replies = await asyncio.gather(*(router.replies(u.chat["id"], len(asked), timeout=120)
                                         for u, asked in zip(users, plan)))
        elapsed = time.perf_counter() - started
    failures = [u.chat["id"] for u, got, asked in zip(users, replies, plan) if not check(got, asked)]
    assert not failures, f"{len(failures)} users got wrong replies, e.g. chat {failures[0]}"
    return sum(map(len, plan)) / elapsed


def _echoed(replies: list[dict[str, Any]], asked: list[Expected]) -> bool:
    return sorted(r["message"]["text"] for r in replies) == sorted(e.question for e in asked)


async def _measure(command: list[str], token: str, folder: Path, emulator: str, http: httpx.AsyncClient,
                   plan: list[list[Expected]], check: Callable[..., bool]) -> tuple[float, BotProcess]:
    bot = start_process(command, token, folder)
    try:
        await asyncio.to_thread(wait_polling, emulator, bot)
        return await play(http, emulator, token, plan, check), bot
    finally:
        stop(bot.process)


async def test_100_users_5_questions_each_all_answered_and_measured_against_echo(
    emulator: str, index_path: Path, engine: Engine, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    pool = question_pool(engine)
    assert len(pool) >= 100, "the question set should offer plenty of distinct questions"
    plan = [[pool[(user * PER_USER + k) % len(pool)] for k in range(PER_USER)] for user in range(USERS)]
    config = write_config(tmp_path, emulator, index_path)
    echo_rate, _ = await _measure([sys.executable, str(HERE / "echo_bot.py"), str(config)], ECHO_TOKEN, tmp_path,
                                  emulator, http, plan, _echoed)
    bot_rate, bot = await _measure(nqbot_command(config), BOT_TOKEN, tmp_path, emulator, http, plan, _matched)
    bot.assert_clean_log()
    figures = {"users": USERS, "questions_per_user": PER_USER, "messages": USERS * PER_USER,
               "bot_msgs_per_s": round(bot_rate, 1), "echo_msgs_per_s": round(echo_rate, 1),
               "ratio": round(bot_rate / echo_rate, 2),
               "typing_indicators": len(bot_calls(emulator, BOT_TOKEN, "sendChatAction"))}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"\nthroughput: {figures}")
