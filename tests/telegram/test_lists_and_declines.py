"""Issue 13: list questions get lists, and a "no answer" helps (what it could not find, what the bot
covers, nearby questions as buttons), on a real Application with the real index."""

from __future__ import annotations

import html
import re

import pytest

from bot.telegram import texts
from index.answer.plain import NO_ANSWER, REPHRASE_HINT
from index.engine import Engine
from tests.support.harness import Harness, buttons, running, sent, settings
from tests.support.telegram_html import check_message, opening

SOLUTIONS = "có những giải pháp nào"
TARGETS_2030 = "các chỉ tiêu đến 2030"


async def test_a_list_question_gets_up_to_five_verbatim_quotes_with_their_links(bot: Harness, engine: Engine) -> None:
    [reply] = sent(await bot.send(SOLUTIONS))
    text = reply.params["text"]
    plain = check_message(text)
    quotes = re.findall(r"^\d\. “(.*)”$", plain, flags=re.MULTILINE)
    assert 2 <= len(quotes) <= 5 and len(set(quotes)) == len(quotes)
    assert plain.startswith(texts.LIST_HEADING.replace("<b>", "").replace("</b>", "").format(count=len(quotes)))
    assert quotes[0] == "Các giải pháp trọng tâm trong thời gian tới gồm:"  # best first, then its items in order
    assert quotes[1] == "Huy động nguồn lực xã hội hóa, nhất là từ doanh nghiệp và con em xa quê."
    assert all(any(q in p for p in engine.index.paragraphs) for q in quotes)  # each verbatim
    bulletin = engine.index.by_file("t08_nong-thon-moi.md")
    assert text.count(f'<a href="{html.escape(bulletin.url, quote=True)}">') >= 2  # each quote with its link
    assert [label for label, _ in buttons(reply)] == [texts.THUMBS_UP, texts.THUMBS_DOWN]
    [(answered, file)] = bot.question_log._db.execute("SELECT answered, file FROM questions").fetchall()
    assert (answered, file) == (1, "t08_nong-thon-moi.md")


async def test_a_single_fact_question_still_gets_one_quote(bot: Harness, engine: Engine) -> None:
    question = "Kiên Giang có bao nhiêu khu công nghiệp?"
    [reply] = sent(await bot.send(question))
    plain = check_message(reply.params["text"])
    assert plain.startswith(opening(engine.ask(question))) and "📋" not in plain


async def test_a_question_about_targets_gets_the_table_and_a_button_to_chitieu(bot: Harness) -> None:
    [reply] = sent(await bot.send(TARGETS_2030))
    plain = check_message(reply.params["text"])
    assert plain.startswith("🎯 Các chỉ tiêu về “2030”")
    assert "• Tỷ lệ đô thị hóa: từ 50-55% (năm 2030)" in plain and "Cà Mau" not in plain
    labels = dict(buttons(reply))
    opener = labels["🎯 Xem bảng: /chitieu 2030"]
    calls = await bot.press(opener, on=reply.result)
    assert [c.method for c in calls] == ["sendMessage", "answerCallbackQuery"]
    page = check_message(calls[0].params["text"])
    assert page.startswith("🎯 Chỉ tiêu của chương trình hành động — “2030”")
    [refused] = await bot.press("tgo|forged00", on=reply.result)
    assert refused.params["text"] == texts.TARGETS_EXPIRED


async def test_a_decline_names_what_is_missing_says_what_it_covers_and_offers_questions(
    bot: Harness, engine: Engine
) -> None:
    [reply] = sent(await bot.send("Nghị quyết Trung ương 8 nói gì?"))
    lines = check_message(reply.params["text"]).splitlines()
    assert lines[0] == NO_ANSWER
    assert lines[1] == "Các bản tin hiện có không nhắc đến: Trung ương 8."  # in the user's words, not "8"
    assert lines[2] == texts.SCOPE.format(count=len(engine.index.bulletins))
    assert texts.YOU_CAN_ASK in lines and REPHRASE_HINT not in lines
    offered = buttons(reply)
    assert 1 <= len(offered) <= 3 and all(data.startswith("sg|") for _, data in offered)
    for question, data in offered:  # each is a question the bot answers, asked when pressed
        calls = await bot.press(data, on=reply.result)
        [answer] = sent(calls)
        assert check_message(answer.params["text"]).startswith(f"❓ {question}\n{opening(engine.ask(question))}")


async def test_a_decline_for_another_year_shows_the_nearest_fact_labelled(bot: Harness, engine: Engine) -> None:
    question = "GRDP bình quân đầu người năm 2045 là bao nhiêu?"
    nearest = engine.ask(question).nearest
    [reply] = sent(await bot.send(question))
    text = reply.params["text"]
    plain = check_message(text)
    assert "Các bản tin hiện có không nêu số liệu năm 2045." in plain
    assert f"{texts.NEAREST_YEAR}\n{nearest.quote}\n📰 {nearest.title}" in plain
    assert f'<a href="{nearest.url}">' in text
    assert "GRDP bình quân đầu người năm 2030 là bao nhiêu?" in [label for label, _ in buttons(reply)]


async def test_words_no_bulletin_has_are_named(bot: Harness) -> None:
    [reply] = sent(await bot.send("số giường bệnh trên vạn dân"))
    assert "Các bản tin hiện có không nhắc đến: giường bệnh." in check_message(reply.params["text"])


@pytest.mark.parametrize("question", ["Thời tiết Phú Quốc ngày mai", "Lịch cúp điện ở Hà Tiên tuần này?",
                                      "ket qua xo so kien giang hom nay"])
async def test_out_of_scope_questions_get_a_short_scope_message_without_suggestions(
    bot: Harness, question: str
) -> None:
    [reply] = sent(await bot.send(question))
    assert check_message(reply.params["text"]) == f"{NO_ANSWER}\n{html.unescape(texts.OUT_OF_SCOPE)}"
    assert buttons(reply) == []


async def test_suggestions_can_be_turned_off(engine: Engine) -> None:
    async with running(engine, settings(conversation={"suggestions": 0})) as bot:
        [reply] = sent(await bot.send("Nghị quyết Trung ương 8 nói gì?"))
    assert buttons(reply) == [] and REPHRASE_HINT in check_message(reply.params["text"])


async def test_a_forged_or_forgotten_suggestion_button_is_refused_quietly(bot: Harness) -> None:
    start = sent(await bot.send("/start"))[0].result
    [refused] = await bot.press("sg|nothing1", on=start)
    assert refused.params["text"] == texts.BUTTON_EXPIRED


async def test_a_place_the_bulletins_miss_is_named_once_as_typed(bot: Harness) -> None:
    [reply] = sent(await bot.send("Tỷ lệ đô thị hóa của tỉnh Đồng Tháp đến năm 2030 là bao nhiêu?"))
    assert check_message(reply.params["text"]).splitlines()[1] == "Các bản tin hiện có không nhắc đến: Đồng Tháp."
