"""/thongke sends a chart beside its figures (issue 13): questions per day over 30 days, the share
answered, 👍/👎 — drawn in a worker thread, on the real Application with the real question log."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from bot import stats_chart
from bot.questionlog import DAY
from bot.stats_chart import ChartError
from bot.telegram import admin, admin_texts
from tests.support.harness import ADMIN, Harness, sent
from tests.support.images import png_size
from tests.support.telegram_html import check_message


def fill_log(bot: Harness) -> None:
    log, now = bot.question_log, time.time()
    for days_ago, answered, vote in [(0, True, 1), (0, False, -1), (1, True, None), (12, True, 1), (40, True, 1)]:
        row = log.log(1, "private", "câu hỏi", answered, None, 0.5, 10.0, now=now - days_ago * DAY)
        if vote is not None:
            log.feedback(row, vote)


async def test_thongke_sends_the_figures_then_the_chart_drawn_off_the_event_loop(
    admin_bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_log(admin_bot)
    drawn: list[tuple[bool, list[Any]]] = []
    loop_thread = threading.get_ident()

    def recording_chart(days: list[Any]) -> bytes:
        drawn.append((threading.get_ident() != loop_thread, days))
        return stats_chart.chart_png(days)

    monkeypatch.setattr(admin, "chart_png", recording_chart)
    calls = await admin_bot.send("/thongke", user=ADMIN)
    assert [c.method for c in calls if c.method in ("sendMessage", "sendPhoto")] == ["sendMessage", "sendPhoto"]
    assert check_message(sent(calls)[0].params["text"]).startswith("📊 Thống kê câu hỏi\nCâu hỏi 24 giờ qua: 2")
    [photo] = sent(calls, "sendPhoto")
    assert photo.params["caption"] == admin_texts.STATS_CHART
    width, height = png_size(photo.files["photo"])
    assert width >= 800 and height >= 450
    [(in_worker, days)] = drawn
    assert in_worker  # matplotlib never runs on the event loop
    assert len(days) == 30 and [d.questions for d in days][-2:] == [1, 2] and days[-13].questions == 1
    assert (days[-1].answered, days[-1].thumbs_up, days[-1].thumbs_down) == (1, 1, 1)
    assert sum(d.questions for d in days) == 4  # the question of 40 days ago is outside the chart


async def test_the_figures_stand_alone_when_the_chart_cannot_be_drawn(
    admin_bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(days: list[Any]) -> bytes:
        raise ChartError("no matplotlib")

    monkeypatch.setattr(admin, "chart_png", broken)
    calls = await admin_bot.send("/thongke", user=ADMIN)
    assert [c.method for c in calls if c.method.startswith("send")] == ["sendMessage"]
    assert check_message(sent(calls)[0].params["text"]).startswith("📊 Thống kê câu hỏi")
