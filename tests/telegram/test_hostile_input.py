"""Any message text is safe: markup, entities, zero-width and bidi marks, emoji, other scripts, 5,000 characters.

Every reply must pass the Telegram HTML checker (the fake transport answers 400 otherwise, which would
surface as a handler error) and say what the real composer says for that text.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.telegram import texts
from index.answer.plain import EMPTY_QUESTION, NO_ANSWER
from index.engine import Engine
from tests.support.harness import GROUP, Harness, sent, utf16_len
from tests.support.sample_bulletins import questions
from tests.support.telegram_html import check_message

EXTRA = [
    "What is Kien Giang's GRDP per capita target for 2030?",
    "坚江省2030年人均GRDP是多少？",
    "Какой ВРП на душу населения в 2030 году?",
    "\u202eمرحبا\u202c GRDP 2030",
    "_*[GRDP](http://x.example)*_ `code` ~~gạch~~ ||spoiler|| > trích",
    "\u200b\u200c\u200d\ufeff\u2060",
    "👨\u200d👩\u200d👧\u200d👦" * 100,
    "<" * 900 + "&" * 90,
    "GRDP\n\n\n2030\r\n\tKiên Giang\u0007",
    "x" * 5000,
    "Sóc Trăng <b>GRDP</b> năm 2030 & Bạc Liêu?",
]
INPUTS = [q["q"] for q in questions("injection")] + EXTRA


def _expected(engine: Engine, question: str, limit: int = 1000) -> str:
    """What the reply must contain: the limit notice, or what the real composer makes of the text."""
    if len(question.strip()) > limit:
        return texts.TOO_LONG.format(length=len(question.strip()), limit=limit)
    answer = engine.ask(question)
    if answer.answered:
        return (answer.best.quote if answer.best else "")
    return EMPTY_QUESTION if answer.reason == "empty" else NO_ANSWER


def _only_reply(calls: list[Any]) -> str:
    replies = sent(calls)
    assert len(replies) == 1, [c.method for c in calls]
    return check_message(replies[0].params["text"])


@pytest.mark.parametrize("question", INPUTS, ids=range(len(INPUTS)))
async def test_hostile_text_in_private(bot: Harness, engine: Engine, question: str) -> None:
    assert _expected(engine, question) in _only_reply(await bot.send(question))


@pytest.mark.parametrize("question", INPUTS, ids=range(len(INPUTS)))
async def test_hostile_text_in_a_group(bot: Harness, engine: Engine, question: str) -> None:
    text = f"@NqbotTestBot {question}"
    mention = [{"type": "mention", "offset": 0, "length": utf16_len("@NqbotTestBot")}]
    reply = _only_reply(await bot.send(text, chat=GROUP, entities=mention))
    assert _expected(engine, question.strip()) in reply
    if not question.startswith("/") and question.strip():
        assert _expected(engine, question.strip()) in _only_reply(await bot.send(f"/hoi {question}", chat=GROUP))


@pytest.mark.parametrize("question", [q for q in INPUTS if len(q) <= 256], ids=lambda q: str(INPUTS.index(q)))
async def test_hostile_text_inline(bot: Harness, question: str) -> None:
    [call] = await bot.inline(question)  # the fake transport checks each article's HTML
    assert call.method == "answerInlineQuery"
    assert len(call.params["results"]) or call.params["button"]["start_parameter"] == "inline"
