"""Reliability of the admin commands through the real Application (issue 10): racing saves, made-up
names, Hủy under a list, a read-only corpus, and an index found out of step with the corpus."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any

import pytest

from bot import corpus_admin
from bot.corpus_admin import TRASH, pasted_bulletin
from bot.live import LiveIndex
from bot.telegram import admin_texts
from bot.telegram.app import post_init, post_shutdown
from tests.support.harness import (
    ADMIN,
    Call,
    Harness,
    button_data,
    buttons,
    running,
    sent,
    settings,
    texts_of,
    to_chat,
)
from tests.support.sample_bulletins import PORT_BULLETIN, PORT_FACT, PORT_QUESTION, PORT_URL
from tests.support.sites import make_read_only, meet_inside
from tests.support.telegram_html import check_message

ADMIN2 = {"id": 9002, "is_bot": False, "first_name": "Mai", "language_code": "vi"}
HTX = "t06_hop-tac-xa.txt"
HTX_QUESTION = "Toàn tỉnh có bao nhiêu HTX đến hết tháng 6/2023?"
SHARED = "Tỉnh Kiên Giang triển khai kế hoạch phát triển kinh tế biển giai đoạn 2021 - 2025 tầm nhìn đến năm 2030"


def _edits(calls: list[Call]) -> list[str]:
    return [check_message(c.params["text"]) for c in sent(calls, "editMessageText")]


def _pasted(url: str, title: str, fact: str = "2.700 tỷ đồng") -> str:
    return f"{url}\n{title}\nNgày 5/9/2023\n\nSáng 5/9, tỉnh khởi công cảng biển với tổng vốn {fact}.\n"


async def _paste_and_save(bot: Harness, text: str) -> list[Call]:
    [preview] = sent(await bot.send(f"/them\n{text}", user=ADMIN))
    return await bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)


# Item 2: two admins saving the same name at the same moment.


async def test_two_admins_saving_one_name_at_once_one_is_saved_the_other_is_told(
    live: LiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = settings(admins={"ids": [ADMIN["id"], ADMIN2["id"]]})
    async with running(live.engine, config, live) as bot:
        [one] = sent(await bot.document("cang.txt", PORT_BULLETIN.encode(), user=ADMIN))
        [two] = sent(await bot.document("cang.txt", PORT_BULLETIN.replace("2.700", "2.750").encode(), user=ADMIN2))
        meet_inside(monkeypatch, "find_conflicts")  # both checks run before either writes, unless locked out
        await asyncio.gather(
            bot.press(button_data(one, admin_texts.SAVE), on=one.result, user=ADMIN),
            bot.press(button_data(two, admin_texts.SAVE), on=two.result, user=ADMIN2),
        )
        calls = bot.request.calls
    edits = [check_message(to_chat(calls, admin["id"], "editMessageText")[0].params["text"])
             for admin in (ADMIN, ADMIN2)]  # the two presses ran together: their calls are told apart by chat
    saved = [n for n, text in enumerate(edits) if text.startswith("💾 Đã lưu cang.txt")]
    assert len(saved) == 1 and edits[1 - saved[0]] == admin_texts.CONFLICT_APPEARED, edits
    expected = ("2.700", "2.750")[saved[0]]
    assert expected in (live.corpus[0] / "cang.txt").read_text(encoding="utf-8")
    assert not (live.corpus[0] / TRASH).exists()  # nothing silently replaced


# Item 9: made-up names clash only for the same URL; saving reads no indexed bulletin.


async def test_pasted_bulletins_whose_titles_begin_alike_are_both_saved(admin_bot: Harness, live: LiveIndex) -> None:
    first = _pasted("https://tin.example.test/bien/kien-luong", f"{SHARED} tại huyện Kiên Lương")
    second = _pasted("https://tin.example.test/bien/kien-hai", f"{SHARED} tại huyện Kiên Hải", "1.900 tỷ đồng")
    for text in (first, second):
        calls = await _paste_and_save(admin_bot, text)
        assert _edits(calls)[0].startswith("💾 Đã lưu 2023-09-05_tinh-kien-giang"), _edits(calls)  # no "Thay thế"
    saved = sorted(p.name for p in live.corpus[0].glob("2023-09-05_*"))
    assert len(saved) == 2 and not (live.corpus[0] / TRASH).exists()
    [preview] = sent(await admin_bot.send(f"/them\n{first.replace('2.700', '2.800')}", user=ADMIN))  # same URL
    calls = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    [ask] = sent(calls, "editMessageText")
    assert check_message(ask.params["text"]).count("(cùng URL)") == 1 and "cùng tên tệp" not in ask.params["text"]
    assert [label for label, _ in buttons(ask)] == [admin_texts.REPLACE, admin_texts.CANCEL]


async def test_a_clash_with_a_made_up_name_never_offers_to_replace(admin_bot: Harness, live: LiveIndex) -> None:
    text = _pasted("https://tin.example.test/bien/moi", SHARED)
    name = pasted_bulletin(text.encode(), 10_000).file
    other = _pasted("https://tin.example.test/bien/khac", SHARED, "5 tỷ đồng")
    [preview] = sent(await admin_bot.document(name, other.encode(), user=ADMIN))  # a file of that very name
    await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    calls = await _paste_and_save(admin_bot, text)
    numbered = name.removesuffix(".txt") + "-2.txt"
    assert _edits(calls)[0].startswith(f"💾 Đã lưu {numbered}")
    assert (live.corpus[0] / name).read_text(encoding="utf-8") == other  # the other bulletin is untouched
    assert not (live.corpus[0] / TRASH).exists()


async def test_saving_an_upload_reads_no_bulletin_the_index_knows(
    admin_bot: Harness, live: LiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    [preview] = sent(await admin_bot.document("cang.txt", PORT_BULLETIN.encode(), user=ADMIN))
    parsed: list[str] = []
    real = corpus_admin.parse_bulletin
    monkeypatch.setattr(corpus_admin, "parse_bulletin", lambda name, data: parsed.append(name) or real(name, data))
    calls = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    assert _edits(calls)[0].startswith("💾 Đã lưu cang.txt") and parsed == []
    assert PORT_FACT in texts_of(await admin_bot.send(PORT_QUESTION))[0]


# Item 10: Hủy under a list ends every button of it.


async def test_hủy_under_a_xoa_list_invalidates_every_choice(admin_bot: Harness, live: LiveIndex) -> None:
    [choice] = sent(await admin_bot.send("/xoa t0", user=ADMIN))
    labels = [label for label, _ in buttons(choice)]
    assert len(labels) == 3 and labels[-1] == admin_texts.CANCEL
    calls = await admin_bot.press(button_data(choice, admin_texts.CANCEL), on=choice.result, user=ADMIN)
    assert _edits(calls) == [admin_texts.CANCELLED]
    for _, data in buttons(choice)[:-1]:  # the first choice shared Hủy's token; the second did not
        [alert] = await admin_bot.press(data, on=choice.result, user=ADMIN)
        assert alert.method == "answerCallbackQuery" and alert.params["text"] == admin_texts.EXPIRED
    assert (live.corpus[0] / HTX).exists() and not (live.corpus[0] / TRASH).exists()
    assert len(admin_bot.app.bot_data.pending) == 0


async def _trash_two(bot: Harness) -> None:
    for name in (HTX, "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt"):
        [confirm] = sent(await bot.send(f"/xoa {name}", user=ADMIN))
        await bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)


async def test_a_khoiphuc_list_has_hủy_and_one_choice_ends_the_others(admin_bot: Harness, live: LiveIndex) -> None:
    await _trash_two(admin_bot)
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))
    choices = buttons(listing)
    assert len(choices) == 3 and choices[-1][0] == admin_texts.CANCEL
    calls = await admin_bot.press(button_data(listing, admin_texts.CANCEL), on=listing.result, user=ADMIN)
    assert _edits(calls) == [admin_texts.CANCELLED]
    for _, data in choices[:-1]:
        [alert] = await admin_bot.press(data, on=listing.result, user=ADMIN)
        assert alert.params["text"] == admin_texts.EXPIRED
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))
    await admin_bot.press(buttons(listing)[0][1], on=listing.result, user=ADMIN)  # restores one...
    [alert] = await admin_bot.press(buttons(listing)[1][1], on=listing.result, user=ADMIN)  # ...and only one
    assert alert.params["text"] == admin_texts.EXPIRED
    assert len(list((live.corpus[0] / TRASH).iterdir())) == 1


# Item 12 (second half): a read-only corpus folder says so.


async def test_a_read_only_corpus_folder_is_explained_on_save_xoa_and_khoiphuc(
    admin_bot: Harness, live: LiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = live.corpus[0]
    [confirm] = sent(await admin_bot.send(f"/xoa {HTX}", user=ADMIN))
    await admin_bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)
    [preview] = sent(await admin_bot.document("cang.txt", PORT_BULLETIN.encode(), user=ADMIN))
    [confirm] = sent(await admin_bot.send("/xoa t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", user=ADMIN))
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    make_read_only(corpus, monkeypatch)
    try:
        saved = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
        removed = await admin_bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)
        restored = await admin_bot.send(f"/khoiphuc {HTX}", user=ADMIN)
    finally:
        monkeypatch.undo()
        corpus.chmod(0o755)
    expected = admin_texts.CORPUS_READ_ONLY.format(folder=corpus)
    assert _edits(saved) == [check_message(expected)] and _edits(removed) == [check_message(expected)]
    assert [check_message(t) for t in texts_of(restored)] == [check_message(expected)]
    assert "chỉ cho phép đọc" in check_message(expected)
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before


# Item 3: at start and on a reload, an index out of step with the corpus is rebuilt and admins are told.


async def _told(bot: Harness, admin: int, count: int = 1) -> list[str]:
    deadline = time.monotonic() + 30
    while len(to_chat(bot.request.calls, admin)) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return [check_message(c.params["text"]) for c in to_chat(bot.request.calls, admin)]


async def test_changes_made_before_a_crash_are_indexed_at_start_and_admins_told(live: LiveIndex) -> None:
    corpus = live.corpus[0]
    (corpus / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")  # "Đã lưu", then kill -9
    (corpus / TRASH).mkdir()
    os.replace(corpus / HTX, corpus / TRASH / HTX)  # /xoa, then kill -9
    config = settings(admins={"ids": [ADMIN["id"]]}, paths={"reload_seconds": 3600})
    async with running(live.engine, config, live) as bot:
        await post_init(bot.app)
        try:
            [told] = await _told(bot, ADMIN["id"])
            assert PORT_FACT in texts_of(await bot.send(PORT_QUESTION))[0]
            assert "412 HTX" not in texts_of(await bot.send(HTX_QUESTION))[0]
        finally:
            await post_shutdown(bot.app)
    assert told.startswith("⚠️ Chỉ mục không khớp với thư mục bản tin")
    assert "1 tệp chưa có trong chỉ mục, 0 tệp đã đổi, 1 tệp không còn trong thư mục" in told
    assert "Thêm mới (1): cang.txt" in told and f"Đã bỏ (1): {HTX}" in told


async def test_an_index_reloaded_from_disk_is_checked_against_the_corpus(live: LiveIndex) -> None:
    stale = live.index_path.read_bytes()
    config = settings(admins={"ids": [ADMIN["id"]]}, paths={"reload_seconds": 3600})
    async with running(live.engine, config, live) as bot:
        await post_init(bot.app)
        try:
            assert await _told(bot, ADMIN["id"], 0) == []  # in step at start: nobody is bothered
            (live.corpus[0] / "cang.txt").write_text(PORT_BULLETIN, encoding="utf-8")
            (live.index_path.parent / "backup.zip").write_bytes(stale)  # an older index put back on disk
            os.replace(live.index_path.parent / "backup.zip", live.index_path)
            upkeep: Any = bot.app.bot_data.upkeep
            await upkeep.tick()
            [told] = await _told(bot, ADMIN["id"])
            assert PORT_FACT in texts_of(await bot.send(PORT_QUESTION))[0]
        finally:
            await post_shutdown(bot.app)
    assert "1 tệp chưa có trong chỉ mục" in told and "Thêm mới (1): cang.txt" in told
    assert PORT_URL not in told


async def test_a_repair_that_fails_tells_the_admins_to_reindex(live: LiveIndex, tmp_path: Path) -> None:
    for path in live.corpus[0].iterdir():
        if path.is_file():
            path.write_bytes(b"\x00 broken")  # every bulletin unusable: the reindex cannot succeed
    config = settings(admins={"ids": [ADMIN["id"]]}, paths={"reload_seconds": 3600})
    async with running(live.engine, config, live) as bot:
        before = live.engine
        await post_init(bot.app)
        await post_shutdown(bot.app)
        [told] = await _told(bot, ADMIN["id"])
    assert "3 tệp đã đổi" in told and "Lập chỉ mục lại không được" in told and "/reindex" in told
    assert live.engine is before
