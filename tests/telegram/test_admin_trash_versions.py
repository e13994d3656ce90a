"""The trash keeps versions, and admin buttons cannot mislead (issue 13), on the real Application.

Each version in /khoiphuc shows its title, when it went to the trash and why (removed or replaced); two
versions never share a button label; /khoiphuc with a bulletin's name restores its newest version and
says so; a restore that would replace a file offers "Thay thế" instead of failing; and a button is used
up only when its action succeeded (a read-only folder leaves it working).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.corpus_admin import TRASH
from bot.live import LiveIndex
from bot.telegram import admin_texts
from bot.trash import RECORD
from tests.support.harness import ADMIN, Call, Harness, button_data, buttons, sent
from tests.support.sites import make_read_only
from tests.support.telegram_html import check_message

HTX = "t06_hop-tac-xa.txt"
TITLE = "Kinh tế tập thể, hợp tác xã tiếp tục khẳng định vai trò"


def _plain(call: Call) -> str:
    return check_message(call.params["text"])


async def _remove(bot: Harness, name: str = HTX) -> None:
    [confirm] = sent(await bot.send(f"/xoa {name}", user=ADMIN))
    calls = await bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)
    assert "Đã chuyển" in _plain(sent(calls, "editMessageText")[0])


async def _save(bot: Harness, data: bytes, name: str = HTX) -> None:
    """Upload a bulletin and save it, replacing the file of its name when there is one."""
    [preview] = sent(await bot.document(name, data, user=ADMIN))
    calls = await bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    asked = sent(calls, "editMessageText")[0]
    if admin_texts.REPLACE in dict(buttons(asked)):
        await bot.press(button_data(asked, admin_texts.REPLACE), on=asked.result, user=ADMIN)


def _version(original: bytes, n: int) -> bytes:
    return original.replace(b"412 HTX", f"41{n} HTX".encode())


async def _press_read_only(
    admin_bot: Harness, corpus: Path, monkeypatch: pytest.MonkeyPatch, data: str, on: Any
) -> list[Call]:
    """Press a button while the corpus folder refuses writes, then make it writable again."""
    make_read_only(corpus, monkeypatch)
    try:
        return await admin_bot.press(data, on=on, user=ADMIN)
    finally:
        monkeypatch.undo()
        corpus.chmod(0o755)

async def test_each_version_shows_its_title_when_and_why_and_labels_differ(admin_bot: Harness, live: LiveIndex) -> None:
    corpus = live.corpus[0]
    original = (corpus / HTX).read_bytes()
    await _remove(admin_bot)  # version 1: removed with /xoa
    await _save(admin_bot, _version(original, 5))  # a new file of that name
    await _save(admin_bot, _version(original, 6))  # version 2: replaced by a newer upload
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))
    plain = _plain(listing)
    assert plain.startswith("Thùng rác (2 tệp, mới nhất trước).")
    first, second = plain.split("\n1. ")[1].split("\n2. ")
    assert first.startswith(f"{TITLE}\n    t06_hop-tac-xa.2.txt · bị thay bằng bản mới lúc ")
    assert second.startswith(f"{TITLE}\n    {HTX} · đã xóa lúc ")
    assert f"Đang có tệp {HTX} cùng tên" in first and f"Đang có tệp {HTX} cùng tên" in second
    labels = [label for label, _ in buttons(listing)]
    assert len(labels) == 3 and len(set(labels)) == 3 and labels[-1] == admin_texts.CANCEL
    assert all(label.startswith(f"{admin_texts.REPLACE} ") and TITLE[:20] in label for label in labels[:2])
    record = json.loads((corpus / RECORD).read_text(encoding="utf-8"))["files"]
    assert {name: (e["original"], e["reason"]) for name, e in record.items()} == {
        HTX: (HTX, "deleted"), "t06_hop-tac-xa.2.txt": (HTX, "replaced")}


async def test_khoiphuc_with_the_original_name_restores_the_newest_version_and_says_so(
    admin_bot: Harness, live: LiveIndex
) -> None:
    corpus = live.corpus[0]
    original = (corpus / HTX).read_bytes()
    await _remove(admin_bot)
    await _save(admin_bot, _version(original, 7))
    await _remove(admin_bot)  # the trash: the original (t06_hop-tac-xa.txt) and the newer 417 (….2.txt)
    calls = await admin_bot.send(f"/khoiphuc {HTX}", user=ADMIN)
    said, report = [_plain(c) for c in sent(calls)]
    assert said.startswith(f"♻️ Đã khôi phục {HTX} – bản mới nhất trong 2 bản của tệp này trong thùng rác (đã xóa lúc ")
    assert "Thêm mới (1): t06_hop-tac-xa.txt" in report
    assert (corpus / HTX).read_bytes() == _version(original, 7)
    assert "417 HTX" in _plain(sent(await admin_bot.send("Toàn tỉnh có bao nhiêu HTX đến hết tháng 6/2023?"))[0])
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))  # the older version is still there
    assert _plain(listing).startswith("Thùng rác (1 tệp, mới nhất trước).") and f"{HTX} · đã xóa lúc" in _plain(listing)


async def test_a_blocked_restore_offers_thay_thế_and_the_file_there_goes_to_the_trash(
    admin_bot: Harness, live: LiveIndex
) -> None:
    corpus = live.corpus[0]
    original = (corpus / HTX).read_bytes()
    await _remove(admin_bot)
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))  # nothing in the way yet
    (corpus / HTX).write_bytes(_version(original, 8))  # then a file of that name appears
    calls = await admin_bot.press(buttons(listing)[0][1], on=listing.result, user=ADMIN)
    [asked] = sent(calls)
    assert _plain(asked).startswith(f"Trong thư mục bản tin đang có tệp {HTX}.\nThay thế tệp đó bằng bản trong")
    assert [label for label, _ in buttons(asked)] == [admin_texts.REPLACE, admin_texts.CANCEL]
    assert (corpus / HTX).read_bytes() == _version(original, 8)  # nothing changed, nothing failed
    calls = await admin_bot.press(button_data(asked, admin_texts.REPLACE), on=asked.result, user=ADMIN)
    said = _plain(sent(calls)[0])
    assert said.startswith(f"♻️ Đã khôi phục {HTX} (bản đã xóa lúc ")
    assert f"Tệp {HTX} đang có trước đó đã vào thùng rác." in said
    assert (corpus / HTX).read_bytes() == original
    assert [p.read_bytes() for p in (corpus / TRASH).iterdir()] == [_version(original, 8)]
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))
    assert "t06_hop-tac-xa.2.txt · bị thay bằng bản mới lúc " in _plain(listing)
    assert buttons(listing)[0][0].startswith(f"{admin_texts.REPLACE} 1. ")  # restoring it would replace again


async def test_a_button_is_used_up_only_when_its_action_succeeded(
    admin_bot: Harness, live: LiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = live.corpus[0]
    [confirm] = sent(await admin_bot.send(f"/xoa {HTX}", user=ADMIN))
    calls = await _press_read_only(admin_bot, corpus, monkeypatch, button_data(confirm, admin_texts.REMOVE), confirm.result)
    [refused] = sent(calls, "editMessageText")
    assert "chỉ cho phép đọc" in _plain(refused)
    assert buttons(refused) == buttons(confirm)  # still there...
    calls = await admin_bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)
    assert "Đã chuyển" in _plain(sent(calls, "editMessageText")[0])  # ...and still working
    assert (corpus / TRASH / HTX).exists()
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))
    calls = await _press_read_only(admin_bot, corpus, monkeypatch, buttons(listing)[0][1], listing.result)
    assert "chỉ cho phép đọc" in _plain(sent(calls)[0]) and not sent(calls, "editMessageReplyMarkup")
    calls = await admin_bot.press(buttons(listing)[0][1], on=listing.result, user=ADMIN)
    assert _plain(sent(calls)[0]).startswith(f"♻️ Đã khôi phục {HTX}") and (corpus / HTX).exists()
    [alert] = await admin_bot.press(buttons(listing)[0][1], on=listing.result, user=ADMIN)  # now used up
    assert alert.params["text"] == admin_texts.EXPIRED


async def test_a_save_refused_by_the_folder_can_be_pressed_again(
    admin_bot: Harness, live: LiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = live.corpus[0]
    data = _version((corpus / HTX).read_bytes(), 9).replace(b"trien-khai-luat", b"ban-moi")
    [preview] = sent(await admin_bot.document("ban-moi.txt", data, user=ADMIN))
    calls = await _press_read_only(admin_bot, corpus, monkeypatch, button_data(preview, admin_texts.SAVE), preview.result)
    [refused] = sent(calls, "editMessageText")
    assert "chỉ cho phép đọc" in _plain(refused) and buttons(refused) == buttons(preview)
    calls = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    assert _plain(sent(calls, "editMessageText")[0]).startswith("💾 Đã lưu ban-moi.txt")
    assert Path(corpus / "ban-moi.txt").read_bytes() == data


async def test_thay_thế_with_nothing_left_to_replace_just_restores_and_says_only_that(
    admin_bot: Harness, live: LiveIndex
) -> None:
    corpus = live.corpus[0]
    original = (corpus / HTX).read_bytes()
    await _remove(admin_bot)
    (corpus / HTX).write_bytes(_version(original, 3))
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))
    assert buttons(listing)[0][0].startswith(admin_texts.REPLACE)
    (corpus / HTX).unlink()  # gone before the press
    calls = await admin_bot.press(buttons(listing)[0][1], on=listing.result, user=ADMIN)
    said = _plain(sent(calls)[0])
    assert said.startswith(f"♻️ Đã khôi phục {HTX} (bản đã xóa lúc ") and "đã vào thùng rác" not in said
    assert (corpus / HTX).read_bytes() == original and not list((corpus / TRASH).iterdir())
