"""/chitieu in private chats and groups, on a real Application with the real index of the real corpus."""

from __future__ import annotations

import html
import re
import threading
from typing import Any

import pytest

from bot.telegram import target_pages, texts
from bot.telegram.target_pages import TargetButton, index_stamp
from index.engine import Engine
from index.targets.lookup import filter_targets
from index.targets.table import make_rows, sentence_getter, sources_from_index
from tests.support.harness import (
    GROUP,
    Call,
    Harness,
    button_data,
    buttons,
    sent,
    utf16_len,
)
from tests.support.telegram_html import check_message, parse

SEED_URL_PART = "kiengiang.gov.vn/trang/TinTuc/17/33654"
URBAN = "Tỷ lệ đô thị hóa: từ 50-55%"
OTHER_USER = {"id": 5151, "is_bot": False, "first_name": "Minh"}


def _expected(engine: Engine, keywords: str) -> list[Any]:
    """The rows the library finds for these keywords: what the pages must show."""
    sources = sources_from_index(engine.index)
    found = filter_targets(engine.index.targets, keywords, lexicon=engine.lexicon, sentence_of=sentence_getter(sources))
    return make_rows(found, sources)


def _check_page(call: Call) -> str:
    """Valid Telegram HTML within 4096 units (raw markup too), buttons within 64 bytes; the plain text."""
    text = call.params["text"]
    assert utf16_len(text) <= 4096
    assert all(len(data.encode()) <= 64 for _, data in buttons(call))
    return check_message(text)


async def _every_page(bot: Harness, command: str, **where: Any) -> list[Call]:
    """The first page, then every page reached by pressing « Sau » until there is none."""
    [page] = sent(await bot.send(command, **where))
    pages = [page]
    while texts.NEXT in dict(buttons(pages[-1])):
        calls = await bot.press(button_data(pages[-1], texts.NEXT), on=pages[-1].result)
        assert [c.method for c in calls] == ["editMessageText", "answerCallbackQuery"]
        assert "text" not in calls[1].params  # no toast: just the next page
        pages.append(calls[0])
    return pages


def _years(plain: str) -> list[int]:
    return [int(y) for y in re.findall(r"^Đến năm (\d{4})", plain, flags=re.MULTILINE)]


async def test_chitieu_lists_every_target_by_year_in_valid_pages(bot: Harness, engine: Engine) -> None:
    pages = await _every_page(bot, "/chitieu")
    rows = _expected(engine, "")
    plains = [_check_page(p) for p in pages]
    assert len(pages) > 2 and all(f"{len(rows)} chỉ tiêu · Trang {n}/{len(pages)}" in p
                                  for n, p in enumerate(plains, start=1))
    years = [y for p in plains for y in _years(p)]
    assert years == sorted(years) and set(years) == {r.target.year for r in rows}
    shown = "\n".join(plains)
    for row in rows:  # every target: value, its sentence quoted, its bulletin linked
        assert row.target.value in shown and row.sentence in shown
        assert f'href="{html.escape(row.url, quote=True)}"' in "".join(p.params["text"] for p in pages)
    assert [label for label, _ in buttons(pages[0])] == [texts.NEXT]
    assert [label for label, _ in buttons(pages[1])] == [texts.PREVIOUS, texts.NEXT]
    assert [label for label, _ in buttons(pages[-1])] == [texts.PREVIOUS]


async def test_previous_goes_back_and_a_double_press_changes_nothing(bot: Harness) -> None:
    [first] = sent(await bot.send("/chitieu"))
    [second, _] = await bot.press(button_data(first, texts.NEXT), on=first.result)
    [back, ack] = await bot.press(button_data(second, texts.PREVIOUS), on=second.result)
    assert back.params["text"] == first.params["text"] and buttons(back) == buttons(first)
    assert ack.method == "answerCallbackQuery"
    bot.request.refuse_next("editMessageText", 400, "Bad Request: message is not modified")
    again = await bot.press(button_data(second, texts.PREVIOUS), on=second.result)
    assert [c.method for c in again] == ["editMessageText", "answerCallbackQuery"]


@pytest.mark.parametrize("keywords", ["đô thị hóa", "do thi hoa", "ĐÔ THỊ HOÁ", "tỷ lệ đô thị hoá"])
async def test_keywords_find_the_urban_target_with_or_without_diacritics(
    bot: Harness, engine: Engine, keywords: str
) -> None:
    [reply] = sent(await bot.send(f"/chitieu {keywords}"))
    plain = _check_page(reply)
    assert plain.startswith(f"🎯 Chỉ tiêu của chương trình hành động — “{keywords}”")
    assert f"{len(_expected(engine, keywords))} chỉ tiêu" in plain
    assert URBAN in plain and "Tỷ lệ đô thị hóa đạt từ 50-55%." in plain
    assert SEED_URL_PART in reply.params["text"]
    assert "khu công nghiệp" not in plain  # only what the keywords name
    assert buttons(reply) == []  # one page


async def test_a_year_keeps_that_deadline_only(bot: Harness, engine: Engine) -> None:
    pages = await _every_page(bot, "/chitieu 2025")
    plains = [_check_page(p) for p in pages]
    assert len(pages) > 1 and {y for p in plains for y in _years(p)} == {2025}
    assert all(f"{len(_expected(engine, '2025'))} chỉ tiêu" in p for p in plains)
    [urban] = sent(await bot.send("/chitieu đô thị hóa 2030"))
    plain = _check_page(urban)
    assert URBAN in plain and "41,45%" not in plain and _years(plain) == [2030]


async def test_keyword_pages_keep_the_keywords_in_a_short_token(bot: Harness) -> None:
    pages = await _every_page(bot, "/chitieu 2025")
    data = button_data(pages[0], texts.NEXT)
    button = TargetButton.decode(data.partition("|")[2])
    assert button is not None and button.token and len(data.encode()) <= 64
    assert bot.app.bot_data.target_keywords.get(button.token) == "2025"
    assert all(check_message(p.params["text"]).startswith("🎯 Chỉ tiêu của chương trình hành động — “2025”")
               for p in pages)


async def test_forgotten_keywords_and_forged_buttons_get_a_polite_answer(bot: Harness, engine: Engine) -> None:
    [first] = sent(await bot.send("/chitieu"))
    stamp = index_stamp(engine.index)
    [alert] = await bot.press(f"tgt|1|{stamp}|unknown1", on=first.result)  # e.g. the bot restarted
    assert alert.params["text"] == texts.TARGETS_EXPIRED and alert.params["show_alert"] is True
    for data in ("tgt|x", "tgt|1|bad stamp|", "tgt|1|" + "a" * 40 + "|"):
        [ack] = await bot.press(data, on=first.result)
        assert ack.method == "answerCallbackQuery" and ack.params["text"] == texts.BUTTON_EXPIRED, data
    [last, _] = await bot.press(f"tgt|999|{stamp}|", on=first.result)  # past the end: the last page
    assert [label for label, _ in buttons(last)] == [texts.PREVIOUS]


async def test_no_match_is_polite_and_suggests_chitieu_alone(bot: Harness) -> None:
    for keywords in ("giá vàng", "<b>x</b> & <a href='y'>"):
        [reply] = sent(await bot.send(f"/chitieu {keywords}"))
        plain = check_message(reply.params["text"])
        assert plain == parse(texts.TARGETS_NO_MATCH.format(query=html.escape(keywords, quote=False)))
        assert "/chitieu không kèm từ khóa" in plain and buttons(reply) == []


async def test_overlong_keywords_get_the_length_limit(bot: Harness) -> None:
    [reply] = sent(await bot.send("/chitieu " + "đô thị " * 200))
    assert check_message(reply.params["text"]).startswith("Câu hỏi của bạn dài")


async def test_filtering_runs_off_the_event_loop(bot: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    render = target_pages.render_pages

    def recording(*args: Any) -> tuple[str, ...]:
        threads.append(threading.current_thread())
        return render(*args)

    monkeypatch.setattr(target_pages, "render_pages", recording)
    sent(await bot.send("/chitieu khu công nghiệp"))
    assert threads and threading.main_thread() not in threads


async def test_help_and_the_command_menu_offer_chitieu(bot: Harness) -> None:
    plain = check_message(sent(await bot.send("/help"))[0].params["text"])
    assert "/chitieu – các chỉ tiêu theo mốc thời gian" in plain and "/chitieu <từ khóa>" in plain
    assert "chitieu" in {c.command for c in texts.COMMANDS}


async def test_in_a_group_chitieu_answers_as_a_reply_and_pages_turn_for_anyone(bot: Harness) -> None:
    message = bot.message("/chitieu đô thị hóa", chat=GROUP)
    [reply] = sent(await bot.feed({"message": message}))
    assert URBAN in _check_page(reply)
    assert reply.params["reply_parameters"]["message_id"] == message["message_id"]
    [addressed] = sent(await bot.send("/chitieu@NqbotTestBot do thi hoa", chat=GROUP))
    assert URBAN in check_message(addressed.params["text"])
    assert await bot.send("/chitieu@OtherBot do thi hoa", chat=GROUP) == []
    assert await bot.send("chitieu do thi hoa", chat=GROUP) == []  # not addressed
    [listing] = sent(await bot.send("/chitieu", chat=GROUP))
    calls = await bot.press(button_data(listing, texts.NEXT), on=listing.result, user=OTHER_USER)
    assert [c.method for c in calls] == ["editMessageText", "answerCallbackQuery"]
    assert "Trang 2/" in _check_page(calls[0])


async def test_chitieu_counts_against_the_per_user_limit_once_told(bot: Harness) -> None:
    # Browsing the table counts against the button limit, not the question limit (issue 13).
    bot.app.bot_data.buttons.limit = 1
    replies = [sent(await bot.send("/chitieu do thi hoa", chat=GROUP)) for _ in range(3)]
    assert [len(r) for r in replies] == [1, 1, 0]
    assert replies[1][0].params["text"].startswith("Bạn hỏi hơi nhanh")
