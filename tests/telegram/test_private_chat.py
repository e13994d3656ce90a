"""Commands, questions and buttons in a private chat, on a real Application with the real index."""

from __future__ import annotations

import html
from pathlib import Path

from bot.live import LiveIndex
from bot.telegram import texts
from index.answer.plain import EMPTY_QUESTION, NO_ANSWER, REPHRASE_HINT, format_date
from index.engine import Engine, open_engine
from tests.support.harness import (
    USER,
    Harness,
    buttons,
    running,
    sent,
    settings,
    texts_of,
)
from tests.support.sample_bulletins import (
    DOLPHIN_QUESTION,
    LONG_URL,
    REEF_QUESTION,
    write_long_bulletin,
)
from tests.support.telegram_html import check_message, opening, parse

QUESTION = "Tỷ lệ đô thị hóa của Kiên Giang đến năm 2030 đạt bao nhiêu?"


async def test_start_greets_says_what_it_knows_and_offers_examples(bot: Harness, engine: Engine) -> None:
    calls = await bot.send("/start")
    [greeting] = sent(calls)
    plain = check_message(greeting.params["text"])
    assert plain.startswith("Xin chào Lan!")
    assert f"{len(engine.index.bulletins)} bản tin, mới nhất ngày {engine.index.newest:%d/%m/%Y}" in plain
    assert buttons(greeting) == [(q, f"ask|{n}") for n, q in enumerate(texts.EXAMPLES)]


async def test_each_example_button_asks_its_question(bot: Harness, engine: Engine) -> None:
    start = sent(await bot.send("/start"))[0].result
    for number, question in enumerate(texts.EXAMPLES):
        calls = await bot.press(f"ask|{number}", on=start)
        assert [c.method for c in calls] == ["sendMessage", "answerCallbackQuery"]
        assert "text" not in calls[1].params  # just stops the button's spinner
        [reply] = sent(calls)
        expected = engine.ask(question)
        assert expected.answered
        plain = check_message(reply.params["text"])
        assert plain.startswith(f"❓ {question}\n{opening(expected)}")
        assert f'href="{expected.best.url}"' in reply.params["text"]


def test_examples_are_answered_from_the_seed_bulletin(seed_engine: Engine) -> None:
    for question in texts.EXAMPLES:
        answer = seed_engine.ask(question)
        assert answer.answered and answer.file == "000_5f5dbc906775ed97.txt", question


async def test_help_explains_asking_commands_and_privacy(bot: Harness) -> None:
    plain = check_message(texts_of(await bot.send("/help"))[0])
    for needle in ("@NqbotTestBot", "/hoi <câu hỏi>", "/nguon", "/start", "Quyền riêng tư",
                   "trong 180 ngày", "không lưu tên hay mã tài khoản", "inline không được lưu"):
        assert needle in plain
    assert "/reindex" not in plain  # the admin part is for admins


async def test_a_question_is_answered_with_quote_link_date_and_buttons(bot: Harness, engine: Engine) -> None:
    question = "GRDP bình quân đầu người của Kiên Giang"  # several bulletins answer it: "Nguồn khác" lists them
    expected = engine.ask(question)
    assert expected.others
    calls = await bot.send(question)
    [reply] = sent(calls)
    text = reply.params["text"]
    assert "reply_parameters" not in reply.params  # private chats are not cluttered with quotes
    assert text.startswith(f"<blockquote>{html.escape(expected.best.quote, quote=False)}</blockquote>")
    assert f'<a href="{expected.best.url}">{html.escape(expected.best.title)}</a> ({format_date(expected.best.published)})' in text
    plain = check_message(text)
    assert "Nguồn khác:" in plain and all(o.title in plain for o in expected.others)
    labels = [label for label, _ in buttons(reply)]
    assert labels == [texts.SEE_PARAGRAPH, texts.THUMBS_UP, texts.THUMBS_DOWN]
    [row] = bot.question_log._db.execute("SELECT id FROM questions").fetchall()
    assert dict(buttons(reply))[texts.THUMBS_UP] == f"up|{row[0]}"  # feedback lands on this question's row
    assert all(len(data.encode()) <= 64 for _, data in buttons(reply))
    assert reply.params["link_preview_options"] == {"is_disabled": True}


async def test_no_answer_says_so_suggests_rephrasing_and_lists_nguon(bot: Harness, engine: Engine) -> None:
    question = "Lương cơ bản năm 2024 là bao nhiêu?"
    assert not engine.ask(question).answered
    [reply] = sent(await bot.send(question))
    plain = check_message(reply.params["text"])
    assert NO_ANSWER in plain and REPHRASE_HINT in plain and "/nguon" in plain
    assert buttons(reply) == []


async def test_whole_paragraph_button_shows_it_with_the_quote_in_bold(bot: Harness, engine: Engine) -> None:
    expected = engine.ask(QUESTION)
    answer = sent(await bot.send(QUESTION))[0]
    data = dict((label, d) for label, d in buttons(answer))[texts.SEE_PARAGRAPH]
    calls = await bot.press(data, on=answer.result)
    assert [c.method for c in calls] == ["sendMessage", "answerCallbackQuery"]
    text = calls[0].params["text"]
    assert f"<b>{html.escape(expected.best.quote, quote=False)}</b>" in text
    assert check_message(text).endswith(expected.best.paragraph)


async def test_votes_are_recorded_on_the_questions_row(bot: Harness, engine: Engine) -> None:
    answer = sent(await bot.send(QUESTION))[0]
    data = dict(buttons(answer))
    row = int(data[texts.THUMBS_UP].split("|")[1])
    for label, value, toast in ((texts.THUMBS_UP, 1, texts.VOTE_UP), (texts.THUMBS_DOWN, -1, texts.VOTE_DOWN)):
        [ack] = sent(await bot.press(data[label], on=answer.result), "answerCallbackQuery")
        assert ack.params["text"] == toast  # the buttons are relabelled too (tests/telegram/test_conversation.py)
        [(stored,)] = bot.question_log._db.execute("SELECT feedback FROM questions WHERE id = ?", (row,)).fetchall()
        assert stored == value  # the last vote counts
    stats = bot.question_log.stats()
    assert (stats.thumbs_up, stats.thumbs_down) == (0, 1)
    [ack] = await bot.press("up|999999", on=answer.result)  # a row pruned since
    assert ack.params["text"] == texts.FEEDBACK_EXPIRED


async def test_a_paragraph_changed_by_a_reindex_is_no_longer_offered(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bulletin = write_long_bulletin(corpus)
    before, _ = open_engine(tmp_path / "index.zip", [corpus])
    live = LiveIndex(before, tmp_path / "index.zip", [corpus])
    async with running(before, settings(), live) as bot:
        answer = sent(await bot.send(REEF_QUESTION))[0]
        data = dict(buttons(answer))[texts.SEE_PARAGRAPH]
        bulletin.write_text(bulletin.read_text(encoding="utf-8").replace("1.250", "1.300"), encoding="utf-8")
        live.reindex()
        [alert] = await bot.press(data, on=answer.result)
    assert alert.method == "answerCallbackQuery"
    assert alert.params == {"callback_query_id": alert.params["callback_query_id"], "text": texts.PARAGRAPH_GONE,
                            "show_alert": True}


async def test_stale_or_forged_buttons_get_a_polite_answer(bot: Harness) -> None:
    start = sent(await bot.send("/start"))[0].result
    for data in ("ask|99", "para|zzzz:0:0", "para|garbage", "up|not-a-ref", "old-version-button"):
        calls = await bot.press(data, on=start)
        assert [c.method for c in calls] == ["answerCallbackQuery"], data
        assert calls[0].params["text"] in (texts.BUTTON_EXPIRED, texts.PARAGRAPH_GONE)


async def test_nguon_pages_through_every_bulletin(bot: Harness, engine: Engine) -> None:
    [first] = sent(await bot.send("/nguon"))
    assert buttons(first) == [(texts.NEXT, "src|1")]
    calls = await bot.press("src|1", on=first.result)
    [edit] = [c for c in calls if c.method == "editMessageText"]
    assert buttons(edit) == [(texts.PREVIOUS, "src|0")]
    listed = [line for c in (first, edit) for line in check_message(c.params["text"]).splitlines()
              if line[:1].isdigit()]
    assert len(listed) == len(engine.index.bulletins)
    assert all(b.title in "\n".join(listed) for b in engine.index.bulletins)


async def test_typing_is_shown_when_an_answer_takes_time(engine: Engine) -> None:
    async with running(engine, settings(answers={"typing_after": 0})) as bot:
        calls = await bot.send(QUESTION)
    assert [c.method for c in calls] == ["sendChatAction", "sendMessage"]
    assert calls[0].params == {"chat_id": USER["id"], "action": "typing"}
    async with running(engine, settings(answers={"typing_after": 5})) as bot:
        assert [c.method for c in await bot.send(QUESTION)] == ["sendMessage"]


def _quoted(text: str) -> str:
    """The plain text of a message's blockquote."""
    return parse(text[text.index("<blockquote>") : text.index("</blockquote>") + len("</blockquote>")])


async def test_long_answers_and_paragraphs_are_capped_to_one_valid_message(long_engine: Engine) -> None:
    async with running(long_engine, settings()) as bot:
        [answer] = sent(await bot.send(DOLPHIN_QUESTION))
        reef = sent(await bot.send(REEF_QUESTION))[0]
        [paragraph] = sent(await bot.press(dict(buttons(reef))[texts.SEE_PARAGRAPH], on=reef.result))
    quote = long_engine.ask(DOLPHIN_QUESTION).best.quote
    assert len(quote) > 4096
    check_message(answer.params["text"])
    shown = _quoted(answer.params["text"])
    assert shown.endswith("…") and quote.startswith(shown[:-1]) and quote[len(shown) - 1].isspace()  # at a word
    assert html.escape(LONG_URL) in answer.params["text"]  # the link to the source stays
    assert buttons(answer)  # under the one message
    check_message(paragraph.params["text"])
    reef_sentence = long_engine.ask(REEF_QUESTION).best
    assert f"<b>{html.escape(reef_sentence.quote, quote=False)}</b>" in paragraph.params["text"]
    before, _, after = _quoted(paragraph.params["text"]).partition(reef_sentence.quote)
    assert before.startswith("…") and after.endswith("…")  # the words around the quote, cut at both ends
    assert before[1:] in reef_sentence.paragraph and after[:-1] in reef_sentence.paragraph
    assert html.escape(LONG_URL) in paragraph.params["text"]


async def test_over_long_questions_get_the_limit(bot: Harness) -> None:
    [reply] = sent(await bot.send(QUESTION + " " + "x" * 1200))
    assert check_message(reply.params["text"]) == texts.TOO_LONG.format(length=len(QUESTION) + 1201, limit=1000)


async def test_the_per_user_rate_limit_answers_once_then_stays_quiet(engine: Engine) -> None:
    other = {**USER, "id": USER["id"] + 1}
    async with running(engine, settings(limits={"questions": 2})) as bot:
        answered = [sent(await bot.send(QUESTION)) for _ in range(2)]
        [told] = sent(await bot.send(QUESTION))
        quiet = await bot.send(QUESTION)
        stranger = sent(await bot.send(QUESTION, user=other))
    assert all(len(a) == 1 and "<blockquote>" in a[0].params["text"] for a in answered)
    assert told.params["text"].startswith("Bạn hỏi hơi nhanh") and "60 giây" in told.params["text"]
    assert quiet == []
    assert len(stranger) == 1 and "<blockquote>" in stranger[0].params["text"]


async def test_edited_questions_are_answered_again(bot: Harness, engine: Engine) -> None:
    message = bot.message(QUESTION)
    [reply] = sent(await bot.feed({"edited_message": {**message, "edit_date": message["date"] + 5}}))
    assert engine.ask(QUESTION).best.quote in parse(reply.params["text"])


async def test_non_text_messages_get_a_hint_and_unknown_commands_a_pointer(bot: Harness) -> None:
    sticker = {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1, "is_animated": False,
               "is_video": False, "type": "regular"}
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
    voice = {"file_id": "v", "file_unique_id": "v", "duration": 2}
    for kind, value in (("sticker", sticker), ("photo", photo), ("voice", voice)):
        [reply] = sent(await bot.send(**{kind: value}))
        assert parse(reply.params["text"]) == EMPTY_QUESTION
    [reply] = sent(await bot.send("/khongco"))
    assert reply.params["text"] == texts.UNKNOWN_COMMAND


async def test_forwarded_text_in_private_is_a_question(bot: Harness, engine: Engine) -> None:
    origin = {"type": "user", "date": 1700000000, "sender_user": {**USER, "id": 99, "first_name": "Hòa"}}
    [reply] = sent(await bot.send(QUESTION, forward_origin=origin))
    assert engine.ask(QUESTION).best.quote in parse(reply.params["text"])
