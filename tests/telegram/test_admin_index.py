"""Reindexing from Telegram, hot reload after a shell reindex, and the question log with /thongke."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import bot.live
from bot.cli import main
from bot.live import LiveIndex
from bot.questionlog import DAY, open_question_log
from bot.telegram import admin_texts, texts
from bot.telegram.admin_render import render_report
from bot.telegram.app import post_init, post_shutdown
from bot.telegram.upkeep import Upkeep
from index.store.build import BuildReport, FileResult
from tests.support.harness import (
    ADMIN,
    USER,
    Harness,
    buttons,
    running,
    sent,
    settings,
    texts_of,
    to_chat,
)
from tests.support.sample_bulletins import (
    PORT_BULLETIN,
    PORT_FACT,
    PORT_QUESTION,
    PORT_URL,
)
from tests.support.telegram_html import check_message

SEED_QUESTION = "GRDP bình quân đầu người của Kiên Giang năm 2030 là bao nhiêu?"


def _report(calls: list[Any]) -> str:
    return check_message(to_chat(calls, ADMIN["id"])[-1].params["text"])


async def test_reindex_reports_counts_changes_time_and_failed_files(admin_bot: Harness, live: LiveIndex) -> None:
    corpus = live.corpus[0]
    (corpus / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")
    (corpus / "hong.txt").write_bytes(b"\x00 not a bulletin")
    (corpus / "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt").unlink()
    calls = await admin_bot.send("/reindex", user=ADMIN)
    started, report = [check_message(c.params["text"]) for c in sent(calls)]
    assert started == check_message(admin_texts.REINDEX_STARTED)
    assert report.startswith("✅ Đã lập chỉ mục: 3 bản tin, ") and " đoạn, trong " in report and " giây." in report
    assert "Thêm mới (1): cang.txt" in report and "Đã bỏ (1): t02_khu-cong-nghiep-thanh-loc-tac-cau.txt" in report
    assert "Tệp lỗi (không được lập chỉ mục) (1):\n• hong.txt: đây là tệp nhị phân, không phải văn bản" in report
    assert f'href="{PORT_URL}"' in texts_of(await admin_bot.send(PORT_QUESTION))[0]
    nothing = _report(await admin_bot.send("/reindex", user=ADMIN))
    assert "Không có bản tin nào thay đổi." in nothing


def test_failed_files_are_explained_in_vietnamese_by_code_else_in_the_librarys_words() -> None:
    results = (
        FileResult("a.txt", "failed", reason="not UTF-8 text (bad byte at offset 3)", code="not_utf8"),
        FileResult("b.md", "failed", reason="front matter key 'who': Extra inputs", code="bad_front_matter"),
        FileResult("c.txt", "failed", reason="same file name as another bulletin (/x/c.txt)", code="duplicate"),
        FileResult("d.txt", "failed", reason="a <new> problem & more", code="brand_new_code"),
        FileResult("e.txt", "failed", reason="no code at all", code=None),
    )
    report = check_message(render_report(BuildReport(results, (), 3, 30, 0, 0.5)))
    assert "• a.txt: tệp không phải văn bản UTF-8\n" in report
    assert "• b.md: khối khai báo +++ ở đầu tệp bị lỗi (front matter key 'who': Extra inputs)\n" in report
    assert "• c.txt: trùng tên tệp với một bản tin ở thư mục bản tin khác\n" in report
    assert "• d.txt: a <new> problem & more\n• e.txt: no code at all" in report
    assert set(admin_texts.BULLETIN_ERRORS) == {"binary", "not_utf8", "empty", "no_url", "no_title", "no_body",
                                               "bad_front_matter", "too_large", "duplicate", "unreadable"}


async def test_a_failed_reindex_keeps_the_old_index_serving_and_on_disk(admin_bot: Harness, live: LiveIndex) -> None:
    engine, on_disk = live.engine, live.index_path.read_bytes()
    for path in live.corpus[0].iterdir():
        path.write_bytes(b"\x00 broken")  # no usable bulletin left: the build fails
    report = _report(await admin_bot.send("/reindex", user=ADMIN))
    assert report.startswith("❌ Lập chỉ mục thất bại: ") and "Chỉ mục cũ vẫn đang được dùng" in report
    assert live.engine is engine and live.index_path.read_bytes() == on_disk
    assert "<blockquote>" in texts_of(await admin_bot.send(SEED_QUESTION))[0]


@pytest.fixture
def gated_rebuild(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Holds every reindex (with its lock taken) until the test opens the gate."""
    entered, gate = threading.Event(), threading.Event()
    original = bot.live.rebuild

    def rebuild(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert gate.wait(30)
        return original(*args, **kwargs)

    monkeypatch.setattr(bot.live, "rebuild", rebuild)
    return entered, gate


async def test_questions_are_answered_during_a_reindex_from_the_old_index_then_the_new(
    admin_bot: Harness, live: LiveIndex, gated_rebuild: tuple[threading.Event, threading.Event]
) -> None:
    entered, gate = gated_rebuild
    (live.corpus[0] / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")
    reindex = asyncio.create_task(admin_bot.send("/reindex", user=ADMIN))
    assert await asyncio.to_thread(entered.wait, 30)
    askers = [{**USER, "id": USER["id"] + n} for n in range(12)]
    questions = [SEED_QUESTION, PORT_QUESTION] * 6
    during = await asyncio.gather(*(admin_bot.send(q, user=u) for u, q in zip(askers, questions)))
    busy = await admin_bot.send("/reindex", user=ADMIN)  # told, not queued
    gate.set()
    calls = await reindex
    after = await admin_bot.send(PORT_QUESTION)
    replies = [to_chat(c, u["id"]) for c, u in zip(during, askers)]
    assert all(len(r) == 1 for r in replies)  # none lost
    assert all("<blockquote>" in r[0].params["text"] for r in replies[0::2])  # the old index answered...
    assert all(PORT_FACT not in r[0].params["text"] for r in replies[1::2])  # ...without the new bulletin
    assert texts_of(busy) == [admin_texts.REINDEX_BUSY]
    assert "Thêm mới (1): cang.txt" in _report(calls)
    assert PORT_FACT in texts_of(after)[0]


async def test_an_index_replaced_by_nqbot_index_in_a_shell_is_picked_up(admin_bot: Harness, live: LiveIndex) -> None:
    (live.corpus[0] / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")
    command = ["index", "--corpus", str(live.corpus[0]), "--index", str(live.index_path)]
    assert await asyncio.to_thread(main, command) == 0
    assert PORT_FACT not in texts_of(await admin_bot.send(PORT_QUESTION))[0]  # not before the check
    upkeep = Upkeep(live, admin_bot.question_log, reload_seconds=5.0)
    await upkeep.tick()
    assert PORT_FACT in texts_of(await admin_bot.send(PORT_QUESTION))[0]


async def test_the_running_bot_checks_the_index_file_on_its_own(live: LiveIndex) -> None:
    config = settings(admins={"ids": [ADMIN["id"]]}, paths={"reload_seconds": 0.05})
    async with running(live.engine, config, live) as bot:
        await post_init(bot.app)  # what run_polling does: starts the upkeep task
        try:
            (live.corpus[0] / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")
            before = live.engine
            assert await asyncio.to_thread(main, ["index", "--corpus", str(live.corpus[0]),
                                                  "--index", str(live.index_path)]) == 0
            deadline = time.monotonic() + 10
            while live.engine is before and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            assert PORT_FACT in texts_of(await bot.send(PORT_QUESTION))[0]
        finally:
            await post_shutdown(bot.app)
        upkeep = bot.app.bot_data.upkeep
        assert upkeep is not None and upkeep._task is None


async def test_thongke_shows_the_figures_of_a_known_log(admin_bot: Harness) -> None:
    log, now = admin_bot.question_log, time.time()
    rows = [("GRDP 2030?", True, 10.0, now - 3600), ("Giá vàng hôm nay?", False, 20.0, now - 7200),
            ("giá VÀNG hôm nay", False, 30.0, now - 2 * DAY), ("Lịch cúp điện", False, 40.0, now - 3 * DAY),
            ("KCN?", True, 50.0, now - 10 * DAY)]
    ids = [log.log(1, "private", q, a, "x.txt" if a else None, 0.9 if a else 0.1, ms, now=t) for q, a, ms, t in rows]
    log.feedback(ids[0], 1)
    log.feedback(ids[1], -1)
    plain = check_message(texts_of(await admin_bot.send("/thongke", user=ADMIN))[0])
    assert plain.startswith("📊 Thống kê câu hỏi\nCâu hỏi 24 giờ qua: 2\nCâu hỏi 7 ngày qua: 4\n")
    for line in ("Tỷ lệ trả lời được (7 ngày): 25%", "Thời gian trả lời trung vị: 25 ms",
                 "Phản hồi (7 ngày): 👍 1 · 👎 1", "1. giá vàng hôm nay (2 lần)", "2. lịch cúp điện (1 lần)"):
        assert line in plain


async def test_questions_in_chats_are_logged_without_user_ids(admin_bot: Harness) -> None:
    group = {"id": -100500, "type": "supergroup", "title": "Văn phòng"}
    await admin_bot.send(SEED_QUESTION)
    await admin_bot.send(f"/hoi {PORT_QUESTION}", chat=group)
    await admin_bot.send("👍🙂")  # nothing to search: not a question
    await admin_bot.send("x" * 1200)  # refused as too long: not composed
    await admin_bot.inline(SEED_QUESTION)  # inline queries are not logged
    rows = admin_bot.question_log._db.execute(
        "SELECT chat_type, user_hash, question, answered, file, score, latency_ms FROM questions ORDER BY id"
    ).fetchall()
    assert [(r[0], r[3]) for r in rows] == [("private", 1), ("supergroup", 0)]
    assert rows[0][2] == "grdp bình quân đầu người của kiên giang năm 2030 là bao nhiêu"
    assert rows[0][4] == "000_5f5dbc906775ed97.txt" and 0.5 <= rows[0][5] <= 1 and rows[0][6] > 0
    assert rows[1][4] is None and rows[0][1] == rows[1][1] == admin_bot.question_log.user_hash(USER["id"])
    dump = "\n".join(admin_bot.question_log._db.iterdump())
    # As a value of its own: a timestamp (1.796077824242e+09) or a hash may hold the same digits.
    assert re.search(rf"(?<![\w.+]){USER['id']}(?![\w.])", dump) is None


async def test_a_broken_question_log_does_not_cost_the_answer(
    admin_bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    admin_bot.question_log.close()
    [reply] = sent(await admin_bot.send(SEED_QUESTION))
    assert "<blockquote>" in reply.params["text"]
    assert [label for label, _ in buttons(reply)] == [texts.SEE_PARAGRAPH]  # no votes without a row
    assert "could not write the question log" in caplog.text


async def test_upkeep_prunes_at_start_up_and_then_daily(live: LiveIndex, tmp_path: Path) -> None:
    log = open_question_log(tmp_path / "q.sqlite", retention_days=30)
    clock = [1000.0]
    upkeep = Upkeep(live, log, reload_seconds=0, clock=lambda: clock[0])
    old = time.time() - 31 * DAY
    log.log(1, "private", "cũ", False, None, None, 1.0, now=old)
    await upkeep.tick()
    log.log(1, "private", "cũ nữa", False, None, None, 1.0, now=old)
    await upkeep.tick()  # the same day: not yet
    assert log.stats(now=old + 1).week == 1
    clock[0] += DAY
    await upkeep.tick()
    assert log.stats(now=old + 1).week == 0
    log.close()


async def test_min_coverage_replaces_the_composers_threshold(live: LiveIndex) -> None:
    question = "Hội nghị triển khai chương trình hành động của Tỉnh ủy Kiên Giang diễn ra ngày nào?"
    weak = "Tỷ giá đô la Mỹ hôm nay"  # below the composer's 0.5: declined by default
    coverage = live.engine.ask(question).coverage
    weak_coverage = live.engine.ask(weak, decline_below=0.0).coverage
    assert 0.5 < coverage < 1 and 0 < weak_coverage < 0.5
    cases = ((question, coverage + 0.001, False), (question, coverage - 0.001, True), (question, 0.0, True),
             (weak, 0.0, False), (weak, weak_coverage - 0.001, True))
    for asked, threshold, answered in cases:
        async with running(live.engine, settings(answers={"min_coverage": threshold}), live) as bot:
            text = texts_of(await bot.send(asked))[0]
        assert ("<blockquote>" in text) is answered, (asked, threshold)
