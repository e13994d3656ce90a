"""Two /reindex in quick succession (issue 13): the second gets exactly one "already running" reply,
even when it arrives while the first is still sending "started" (the race the busy check used to lose)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.live import LiveIndex
from bot.telegram import admin_texts
from tests.support.harness import ADMIN, Harness, texts_of
from tests.support.telegram_html import check_message


async def test_a_second_reindex_while_the_first_says_started_is_told_once(
    admin_bot: Harness, live: LiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, gate = asyncio.Event(), asyncio.Event()
    send = admin_bot.request.do_request

    async def slow_started(url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Telegram is slow to take the first "started" reply: the first /reindex waits there."""
        params = request_data.parameters if request_data is not None else {}
        if url.endswith("/sendMessage") and params.get("text") == admin_texts.REINDEX_STARTED and not entered.is_set():
            entered.set()
            await gate.wait()
        return await send(url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(admin_bot.request, "do_request", slow_started)
    first = asyncio.create_task(admin_bot.send("/reindex", user=ADMIN))
    await asyncio.wait_for(entered.wait(), 30)
    second = await admin_bot.send("/reindex", user=ADMIN)
    gate.set()
    await first
    assert texts_of(second) == [admin_texts.REINDEX_BUSY]
    everything = [c.params["text"] for c in admin_bot.request.calls if c.method == "sendMessage"]
    assert everything.count(admin_texts.REINDEX_BUSY) == 1 and everything.count(admin_texts.REINDEX_STARTED) == 1
    assert check_message(everything[-1]).startswith("✅ Đã lập chỉ mục: 3 bản tin")
    assert not live.busy  # the slot is free again


async def test_a_reindex_whose_started_reply_fails_frees_the_slot(
    admin_bot: Harness, live: LiveIndex
) -> None:
    admin_bot.request.refuse_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await admin_bot.send("/reindex", user=ADMIN, allow_errors=True)
    assert [type(e).__name__ for e in admin_bot.errors] == ["Forbidden"]
    admin_bot.errors.clear()
    assert not live.busy
    assert check_message(texts_of(await admin_bot.send("/reindex", user=ADMIN))[-1]).startswith("✅ Đã lập chỉ mục")
