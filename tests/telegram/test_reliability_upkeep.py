"""Issue 10, items 1, 4, 8 and 12 (first half) on the real Application: a bulletin with an odd date or
nested front matter, a corrupt index file on disk, and the background upkeep that must outlive them.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main
from bot.live import LiveIndex
from bot.questionlog import DAY, open_question_log
from bot.telegram.app import post_init, post_shutdown
from bot.telegram.upkeep import Upkeep
from tests.support.harness import ADMIN, TOKEN, running, settings, texts_of
from tests.support.sample_bulletins import PORT_BULLETIN, PORT_FACT, PORT_QUESTION
from tests.support.telegram_html import check_message

BODY = "Tỉnh khởi công tuyến đê biển thử nghiệm dài 12 km tại huyện An Biên với tổng vốn 480 tỷ đồng."
DEEP_TOML = '+++\ntitle = "Bản tin lồng sâu"\nurl = "https://tin.example.test/sau"\nx = ' + "[" * 3000 + "]" * 3000 + \
    f"\n+++\n\n{BODY}\n"
WAIT = 30.0  # a generous bound on waiting for the background task; nothing here measures time


def dated(date: str, title: str) -> str:
    return f'+++\ntitle = "{title}"\nurl = "https://tin.example.test/{len(title)}"\ndate = {date}\n+++\n\n{BODY}\n'


def replace_file(path: Path, write: Callable[[Path], None]) -> None:
    """Replace `path` in one rename, as `nqbot index` does, so the watcher never sees half a file."""
    tmp = path.with_name(path.name + ".new")
    write(tmp)
    os.replace(tmp, path)


def corrupt_copy(good: Path, target: Path) -> None:
    """`good` with a params.json that is valid JSON but not an object."""
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, b"[]" if info.filename == "params.json" else old.read(info))


# Item 1: one bulletin's offset date no longer breaks /start and /nguon for everyone.

async def test_offset_dates_are_served_as_vietnam_time_and_a_number_date_is_refused(live: LiveIndex) -> None:
    corpus = live.corpus[0]
    (corpus / "de-bien.txt").write_text(dated("2099-12-10T02:15:00Z", "Đê biển An Biên"), encoding="utf-8")
    (corpus / "so.txt").write_text(dated("12", "Ngày là một con số"), encoding="utf-8")
    async with running(live.engine, settings(admins={"ids": [ADMIN["id"]]}), live) as bot:
        report = check_message(texts_of(await bot.send("/reindex", user=ADMIN))[-1])
        start = check_message(texts_of(await bot.send("/start"))[0])  # raised TypeError for every user
        sources = check_message(texts_of(await bot.send("/nguon"))[0])
    assert "Thêm mới (1): de-bien.txt" in report and "• so.txt: " in report and "'date'" in report
    assert "mới nhất ngày 10/12/2099" in start
    assert "1. Đê biển An Biên (10/12/2099 09:15)" in sources  # 02:15 UTC is 09:15 in Vietnam, newest first


# Item 8: a file whose front matter is nested too deeply is reported, and the rest indexed.

async def test_reindex_reports_a_deeply_nested_file_and_indexes_the_others(live: LiveIndex) -> None:
    corpus = live.corpus[0]
    (corpus / "sau.txt").write_text(DEEP_TOML, encoding="utf-8")
    (corpus / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")
    async with running(live.engine, settings(admins={"ids": [ADMIN["id"]]}), live) as bot:
        report = check_message(texts_of(await bot.send("/reindex", user=ADMIN))[-1])
        answer = texts_of(await bot.send(PORT_QUESTION))[0]
    assert report.startswith("✅ Đã lập chỉ mục: 4 bản tin") and "Thêm mới (1): cang.txt" in report
    assert "• sau.txt: khối khai báo +++ ở đầu tệp bị lỗi (front matter is nested too deeply)" in report
    assert PORT_FACT in answer


# Item 4: the background upkeep survives a corrupt index file and anything else a chore raises.

async def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"the upkeep task never got to: {what}"
        await asyncio.sleep(0.02)


async def test_a_corrupt_index_file_is_logged_and_a_good_one_placed_later_is_picked_up(
    live: LiveIndex, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = tmp_path / "good.zip"
    shutil.copy(live.index_path, good)
    config = settings(admins={"ids": [ADMIN["id"]]}, paths={"reload_seconds": 0.02})
    async with running(live.engine, config, live) as bot:
        await post_init(bot.app)  # starts the upkeep task, as run_polling does
        try:
            first = live.engine
            replace_file(live.index_path, lambda tmp: corrupt_copy(good, tmp))
            await _until(lambda: "cannot be loaded" in caplog.text, "log the corrupt file")
            assert f"{live.index_path}: not an nqbot index" in caplog.text and live.engine is first
            (live.corpus[0] / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")
            command = ["index", "--corpus", str(live.corpus[0]), "--index", str(live.index_path)]
            assert await asyncio.to_thread(main, command) == 0
            await _until(lambda: live.engine is not first, "load the good index")
            assert PORT_FACT in texts_of(await bot.send(PORT_QUESTION))[0]
            task = bot.app.bot_data.upkeep._task  # type: ignore[union-attr]
            assert task is not None and not task.done()
        finally:
            await post_shutdown(bot.app)


async def test_an_unforeseen_reload_failure_is_logged_and_pruning_goes_on(
    live: LiveIndex, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def reload_if_changed() -> bool:
        raise RuntimeError("the disk went away mid-read")

    monkeypatch.setattr(live, "reload_if_changed", reload_if_changed)
    log = open_question_log(tmp_path / "q.sqlite", retention_days=30)
    clock = [1000.0]
    upkeep = Upkeep(live, log, reload_seconds=5.0, clock=lambda: clock[0])
    old = time.time() - 31 * DAY
    log.log(1, "private", "cũ", False, None, None, 1.0, now=old)
    await upkeep.tick()  # raised RuntimeError, which ended the background task and skipped pruning
    assert log.stats(now=old + 1).week == 0
    log.log(1, "private", "cũ nữa", False, None, None, 1.0, now=old)
    clock[0] += DAY
    await upkeep.tick()
    assert log.stats(now=old + 1).week == 0  # still pruned a day later
    assert caplog.text.count("reloading the index file failed unexpectedly") == 2
    assert "RuntimeError: the disk went away mid-read" in caplog.text  # with its traceback
    log.close()


# Item 12 (first half): a corrupt index at start is one line naming the file.

def test_run_on_a_corrupt_index_is_one_line_naming_the_file_and_the_problem(
    live: LiveIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    index = tmp_path / "corrupt.zip"
    corrupt_copy(live.index_path, index)
    config = tmp_path / "bot.toml"
    config.write_text(f'[telegram]\nbase_url = "http://127.0.0.1:9/bot"\n[paths]\nindex = "{index}"\n'
                      f'corpus = ["{live.corpus[0]}"]\n', encoding="utf-8")
    assert main(["run", "--config", str(config)]) == 1  # raised AttributeError with a traceback
    assert capsys.readouterr().err == f"nqbot: error: {index}: not an nqbot index\n"
