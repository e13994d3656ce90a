"""Admins add bulletins (document or /them), confirm, replace, remove and restore them from Telegram."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.corpus_admin import TRASH
from bot.live import LiveIndex
from bot.telegram import admin_texts
from tests.support.harness import (
    ADMIN,
    Harness,
    button_data,
    buttons,
    running,
    sent,
    settings,
    texts_of,
)
from tests.support.sample_bulletins import (
    PORT_BULLETIN,
    PORT_FACT,
    PORT_FRONT_MATTER,
    PORT_QUESTION,
    PORT_TITLE,
    PORT_URL,
)
from tests.support.telegram_html import check_message

HTX = "t06_hop-tac-xa.txt"
HTX_QUESTION = "Toàn tỉnh có bao nhiêu HTX đến hết tháng 6/2023?"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


async def _answer_text(bot: Harness, question: str) -> str:
    return texts_of(await bot.send(question))[0]


async def _upload(bot: Harness, name: str = "Cảng biển Hòn Chông.txt", data: str = PORT_BULLETIN) -> list:
    return sent(await bot.document(name, data.encode(), user=ADMIN))


async def test_an_uploaded_bulletin_is_previewed_saved_on_lưu_and_answers_questions(
    admin_bot: Harness, live: LiveIndex
) -> None:
    assert PORT_FACT not in await _answer_text(admin_bot, PORT_QUESTION)
    [preview] = await _upload(admin_bot)
    plain = check_message(preview.params["text"])
    for shown in (f"Tiêu đề: {PORT_TITLE}", "Ngày: 05/09/2023 08:30", f"URL: {PORT_URL}", "Số đoạn: 2",
                  "Câu đầu: Sáng 5/9, tỉnh khởi công", "Tên tệp: cang-bien-hon-chong.txt"):
        assert shown in plain
    assert [label for label, _ in buttons(preview)] == [admin_texts.SAVE, admin_texts.CANCEL]
    assert not (live.corpus[0] / "cang-bien-hon-chong.txt").exists()  # nothing before "Lưu"
    calls = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    [edit] = sent(calls, "editMessageText")
    assert check_message(edit.params["text"]).startswith("💾 Đã lưu cang-bien-hon-chong.txt")
    [report] = sent(calls)
    assert "Thêm mới (1): cang-bien-hon-chong.txt" in check_message(report.params["text"])
    assert (live.corpus[0] / "cang-bien-hon-chong.txt").read_bytes() == PORT_BULLETIN.encode()
    answer = await _answer_text(admin_bot, PORT_QUESTION)
    assert PORT_FACT in answer and f'href="{PORT_URL}"' in answer


async def test_a_bad_file_gets_the_reason_and_nothing_is_written(admin_bot: Harness, live: LiveIndex) -> None:
    before = _files(live.corpus[0])
    cases = [
        ("rac.txt", b"\x00\x01\x02 binary", "đây là tệp nhị phân"),
        ("latin1.txt", "Tiêu đề\n\nĐoạn".encode("cp1258", errors="replace") + b"\xff\xfe", "không phải văn bản UTF-8"),
        ("khong-url.txt", "Tiêu đề bản tin\n\nMột đoạn văn không có nguồn.".encode(), "không có dòng URL nguồn"),
        ("rong.md", b"   \n", "tệp rỗng"),
        ("sai.md", b'+++\ntitle = "x"\nwho = 1\n+++\nBody.\n', "khối khai báo +++ ở đầu tệp bị lỗi"),
    ]
    for name, data, reason in cases:
        [reply] = sent(await admin_bot.document(name, data, user=ADMIN))
        plain = check_message(reply.params["text"])
        assert plain.startswith("❌ Không đọc được bản tin này: ") and reason in plain, (name, plain)
        assert plain.endswith("Chưa có gì được lưu.") and buttons(reply) == []
    assert _files(live.corpus[0]) == before and len(admin_bot.app.bot_data.pending) == 0


async def test_only_text_files_within_the_cap_are_downloaded(live: LiveIndex) -> None:
    config = settings(admins={"ids": [ADMIN["id"]], "max_upload_bytes": 2048})
    async with running(live.engine, config, live) as bot:
        [pdf] = sent(await bot.document("ban-tin.pdf", b"%PDF-1.4", user=ADMIN))
        [unnamed] = sent(await bot.document(None, PORT_BULLETIN.encode(), user=ADMIN))
        [big] = sent(await bot.document("to.txt", b"a" * 5000, user=ADMIN))
        assert not [c for c in bot.request.calls if c.method == "getFile"]  # refused before downloading
        [lying] = sent(await bot.document("nho.txt", b"a" * 5000, user=ADMIN, size=100))
    assert pdf.params["text"] == unnamed.params["text"] == admin_texts.NOT_A_BULLETIN_FILE
    assert check_message(big.params["text"]) == "Tệp quá lớn (5.000 byte); giới hạn là 2.048 byte."
    assert check_message(lying.params["text"]) == check_message(big.params["text"])


async def test_the_configured_cap_applies_to_files_and_pastes(live: LiveIndex) -> None:
    extra = "\n".join(f"\nĐoạn bổ sung số {n} về hạ tầng cảng biển Hòn Chông và dịch vụ hậu cần." for n in range(8000))
    large = (PORT_BULLETIN + extra).encode()
    assert 600 * 1024 < len(large) < 1024 * 1024  # over the parser's old 512 KiB cap
    config = settings(admins={"ids": [ADMIN["id"]], "max_upload_bytes": 1024 * 1024})
    async with running(live.engine, config, live) as bot:
        [preview] = sent(await bot.document("cang-lon.txt", large, user=ADMIN))
    assert "Tên tệp: cang-lon.txt" in check_message(preview.params["text"])
    pasted = PORT_BULLETIN + "\n".join(f"\nĐoạn thêm {n} về cảng." for n in range(60))
    assert 2048 < len(pasted.encode()) and len(pasted) < 4096
    config = settings(admins={"ids": [ADMIN["id"]], "max_upload_bytes": 2048})
    async with running(live.engine, config, live) as bot:
        [refused] = sent(await bot.send(f"/them\n{pasted}", user=ADMIN))
    assert check_message(refused.params["text"]) == (
        "❌ Không đọc được bản tin này: tệp vượt giới hạn kích thước cho phép (admins.max_upload_bytes)\n"
        "Chưa có gì được lưu.")


async def test_front_matter_markdown_is_understood(admin_bot: Harness) -> None:
    [preview] = await _upload(admin_bot, "Cảng.MD", PORT_FRONT_MATTER)
    plain = check_message(preview.params["text"])
    assert f"Tiêu đề: {PORT_TITLE}" in plain and f"URL: {PORT_URL}" in plain and "Tên tệp: cang.md" in plain


async def test_them_with_the_bulletin_in_the_same_message(admin_bot: Harness, live: LiveIndex) -> None:
    [preview] = sent(await admin_bot.send(f"/them\n{PORT_BULLETIN}", user=ADMIN))
    name = "2023-09-05_khoi-cong-cang-bien-nuoc-sau-thu-nghiem-hon-chong-e2b3e82c.txt"  # date, title, URL hash
    assert f"Tên tệp: {name}" in check_message(preview.params["text"])
    await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    assert (live.corpus[0] / name).read_text(encoding="utf-8") == PORT_BULLETIN.strip()
    assert PORT_FACT in await _answer_text(admin_bot, PORT_QUESTION)


async def test_them_then_the_next_message_is_the_bulletin(admin_bot: Harness) -> None:
    [prompt] = sent(await admin_bot.send("/them", user=ADMIN))
    assert "tin nhắn tiếp theo" in check_message(prompt.params["text"]) and "/huy" in prompt.params["text"]
    [preview] = sent(await admin_bot.send(PORT_BULLETIN, user=ADMIN))
    assert f"Tiêu đề: {PORT_TITLE}" in check_message(preview.params["text"])  # not answered as a question
    [answer] = sent(await admin_bot.send(HTX_QUESTION, user=ADMIN))  # only the one message
    assert "412 HTX" in check_message(answer.params["text"])


async def test_huy_and_the_timeout_end_the_wait_for_a_paste(live: LiveIndex) -> None:
    async with running(live.engine, settings(admins={"ids": [ADMIN["id"]], "confirm_minutes": 0.001}), live) as bot:
        await bot.send("/them", user=ADMIN)
        assert texts_of(await bot.send("/huy", user=ADMIN)) == [admin_texts.PASTE_CANCELLED]
        assert texts_of(await bot.send("/huy", user=ADMIN)) == [admin_texts.NOTHING_TO_CANCEL]
        await bot.send("/them", user=ADMIN)
        await asyncio.sleep(0.1)  # past the 0.06 s allowed
        [answer] = sent(await bot.send(HTX_QUESTION, user=ADMIN))
        assert "412 HTX" in check_message(answer.params["text"])


async def test_cancel_writes_nothing_and_the_buttons_die(admin_bot: Harness, live: LiveIndex) -> None:
    before = _files(live.corpus[0])
    [preview] = await _upload(admin_bot)
    calls = await admin_bot.press(button_data(preview, admin_texts.CANCEL), on=preview.result, user=ADMIN)
    assert sent(calls, "editMessageText")[0].params["text"] == admin_texts.CANCELLED
    [alert] = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    assert alert.params["text"] == admin_texts.EXPIRED
    assert _files(live.corpus[0]) == before


async def test_the_same_name_asks_to_replace_and_the_old_file_goes_to_the_trash(
    admin_bot: Harness, live: LiveIndex
) -> None:
    old = (live.corpus[0] / HTX).read_bytes()
    new = old.replace(b"412 HTX", b"415 HTX")
    [preview] = sent(await admin_bot.document(HTX, new, user=ADMIN))
    calls = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
    [ask] = sent(calls, "editMessageText")
    assert f"• {HTX} (cùng tên tệp)" in check_message(ask.params["text"]) and not sent(calls)
    assert [label for label, _ in buttons(ask)] == [admin_texts.REPLACE, admin_texts.CANCEL]
    assert (live.corpus[0] / HTX).read_bytes() == old  # not before "Thay thế"
    calls = await admin_bot.press(button_data(ask, admin_texts.REPLACE), on=ask.result, user=ADMIN)
    assert "Thay đổi (1): t06_hop-tac-xa.txt" in check_message(sent(calls)[0].params["text"])
    assert (live.corpus[0] / HTX).read_bytes() == new and (live.corpus[0] / TRASH / HTX).read_bytes() == old
    assert "415 HTX" in check_message(await _answer_text(admin_bot, HTX_QUESTION))


async def test_the_same_url_asks_to_replace_and_hủy_keeps_the_old_one(admin_bot: Harness, live: LiveIndex) -> None:
    [first] = await _upload(admin_bot)
    await admin_bot.press(button_data(first, admin_texts.SAVE), on=first.result, user=ADMIN)
    changed = PORT_BULLETIN.replace("2.700", "2.750")
    for choice, expected in ((admin_texts.CANCEL, "2.700"), (admin_texts.REPLACE, "2.750")):
        [preview] = await _upload(admin_bot, "cang-moi.txt", changed)
        calls = await admin_bot.press(button_data(preview, admin_texts.SAVE), on=preview.result, user=ADMIN)
        [ask] = sent(calls, "editMessageText")
        assert "• cang-bien-hon-chong.txt (cùng URL)" in check_message(ask.params["text"])
        calls = await admin_bot.press(button_data(ask, choice), on=ask.result, user=ADMIN)
        assert f"{expected} tỷ đồng" in check_message(await _answer_text(admin_bot, PORT_QUESTION))
    report = check_message(sent(calls)[0].params["text"])
    assert "Thêm mới (1): cang-moi.txt" in report and "Đã bỏ (1): cang-bien-hon-chong.txt" in report
    assert _files(live.corpus[0] / TRASH) == ["cang-bien-hon-chong.txt"]


async def test_remove_after_confirmation_then_restore_from_the_trash(admin_bot: Harness, live: LiveIndex) -> None:
    assert "412 HTX" in check_message(await _answer_text(admin_bot, HTX_QUESTION))
    [confirm] = sent(await admin_bot.send(f"/xoa {HTX}", user=ADMIN))
    assert "Xóa bản tin này?" in check_message(confirm.params["text"])
    assert [label for label, _ in buttons(confirm)] == [admin_texts.REMOVE, admin_texts.CANCEL]
    calls = await admin_bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)
    assert f"Đã bỏ (1): {HTX}" in check_message(sent(calls)[0].params["text"])
    assert not (live.corpus[0] / HTX).exists() and (live.corpus[0] / TRASH / HTX).exists()
    assert "412 HTX" not in check_message(await _answer_text(admin_bot, HTX_QUESTION))
    [listing] = sent(await admin_bot.send("/khoiphuc", user=ADMIN))
    assert f"1. Kinh tế tập thể, hợp tác xã tiếp tục khẳng định vai trò\n    {HTX} · đã xóa lúc " in check_message(
        listing.params["text"])
    [(_, data), (cancel, _)] = buttons(listing)
    assert cancel == admin_texts.CANCEL
    calls = await admin_bot.press(data, on=listing.result, user=ADMIN)
    assert [c.method for c in calls if c.method != "answerCallbackQuery"] == [
        "editMessageReplyMarkup", "sendMessage", "sendMessage"]
    assert f"Thêm mới (1): {HTX}" in check_message(sent(calls)[1].params["text"])
    assert "412 HTX" in check_message(await _answer_text(admin_bot, HTX_QUESTION))
    assert texts_of(await admin_bot.send("/khoiphuc", user=ADMIN)) == [admin_texts.TRASH_EMPTY]


async def test_xoa_finds_by_title_words_and_offers_a_choice(admin_bot: Harness, live: LiveIndex) -> None:
    assert texts_of(await admin_bot.send("/xoa", user=ADMIN)) == [admin_texts.XOA_USAGE]
    [none] = sent(await admin_bot.send("/xoa giá vàng", user=ADMIN))
    assert check_message(none.params["text"]).startswith("Không tìm thấy bản tin nào khớp với «giá vàng»")
    [single] = sent(await admin_bot.send("/xoa hop tac xa", user=ADMIN))  # without diacritics too
    assert HTX in check_message(single.params["text"])
    [choice] = sent(await admin_bot.send("/xoa t0", user=ADMIN))
    labels = [label for label, _ in buttons(choice)]
    assert len(labels) == 3 and labels[0].startswith("🗑 1. ") and labels[-1] == admin_texts.CANCEL
    calls = await admin_bot.press(buttons(choice)[1][1], on=choice.result, user=ADMIN)
    assert "Đã bỏ (1): t06_hop-tac-xa.txt" in check_message(sent(calls)[0].params["text"])
    calls = await admin_bot.press(buttons(single)[0][1], on=single.result, user=ADMIN)  # removed meanwhile
    assert [c.method for c in calls] == ["editMessageText", "answerCallbackQuery"]
    assert check_message(calls[0].params["text"]) == f"Tệp {HTX} không còn trong thư mục bản tin."


async def test_khoiphuc_by_name_and_a_blocked_restore(admin_bot: Harness, live: LiveIndex) -> None:
    corpus = live.corpus[0]
    for _ in range(2):  # two removals of the same name: the trash keeps both
        [confirm] = sent(await admin_bot.send(f"/xoa {HTX}", user=ADMIN))
        await admin_bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)
        if not (corpus / HTX).exists():
            (corpus / HTX).write_bytes((corpus / TRASH / HTX).read_bytes())
    assert _files(corpus / TRASH) == ["t06_hop-tac-xa.2.txt", HTX]
    [blocked] = sent(await admin_bot.send(f"/khoiphuc {HTX}", user=ADMIN))
    assert check_message(blocked.params["text"]).startswith(f"Trong thư mục bản tin đang có tệp {HTX}.\nThay thế")
    assert [label for label, _ in buttons(blocked)] == [admin_texts.REPLACE, admin_texts.CANCEL]  # not a failure
    [none] = sent(await admin_bot.send("/khoiphuc khong-co", user=ADMIN))
    assert check_message(none.params["text"]) == "Không có tệp nào trong thùng rác khớp với «khong-co»."
