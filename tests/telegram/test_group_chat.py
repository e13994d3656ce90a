"""In groups the bot answers only when addressed, and never spams."""

from __future__ import annotations

from typing import Any

from bot.telegram import texts
from index.engine import Engine
from tests.support.harness import BOT, GROUP, USER, Harness, sent, utf16_len
from tests.support.telegram_html import check_message, parse

QUESTION = "Đến năm 2030 Kiên Giang có bao nhiêu cụm công nghiệp?"
OTHER_USER = {"id": 5151, "is_bot": False, "first_name": "Minh"}


def _mention(text: str, name: str = "@NqbotTestBot") -> list[dict[str, Any]]:
    start = text.index(name)
    return [{"type": "mention", "offset": utf16_len(text[:start]), "length": utf16_len(name)}]


def _answers(calls: list[Any], engine: Engine, question: str = QUESTION) -> bool:
    [reply] = sent(calls)
    return engine.ask(question).best.quote in check_message(reply.params["text"])


async def test_plain_group_talk_is_ignored(bot: Harness) -> None:
    assert await bot.send(QUESTION, chat=GROUP) == []
    assert await bot.send("Chào cả nhà 👋", chat=GROUP) == []


async def test_a_mention_is_answered_as_a_reply_to_the_question(bot: Harness, engine: Engine) -> None:
    for text in (f"@NqbotTestBot {QUESTION}", f"{QUESTION} @nqbottestbot"):
        name = "@NqbotTestBot" if text.startswith("@") else "@nqbottestbot"
        message = bot.message(text, chat=GROUP, entities=_mention(text, name))
        calls = await bot.feed({"message": message})
        assert _answers(calls, engine)
        assert sent(calls)[0].params["reply_parameters"]["message_id"] == message["message_id"]


async def test_a_mention_of_someone_else_is_ignored(bot: Harness) -> None:
    text = f"@someone_else {QUESTION}"
    assert await bot.send(text, chat=GROUP, entities=_mention(text, "@someone_else")) == []


async def test_a_text_mention_of_the_bot_is_answered(bot: Harness, engine: Engine) -> None:
    text = f"Nqbot ơi, {QUESTION}"
    entity = {"type": "text_mention", "offset": 0, "length": 5, "user": BOT}
    assert _answers(await bot.send(text, chat=GROUP, entities=[entity]), engine)


async def test_replies_to_the_bot_are_answered_replies_to_people_are_not(bot: Harness, engine: Engine) -> None:
    bot_message = bot.message("Câu trả lời trước", user=BOT, chat=GROUP)
    person_message = bot.message("Ý kiến của Minh", user=OTHER_USER, chat=GROUP)
    assert _answers(await bot.send(QUESTION, chat=GROUP, reply_to_message=bot_message), engine)
    assert await bot.send(QUESTION, chat=GROUP, reply_to_message=person_message) == []


async def test_hoi_asks_in_a_group_and_explains_itself_when_empty(bot: Harness, engine: Engine) -> None:
    assert _answers(await bot.send(f"/hoi {QUESTION}", chat=GROUP), engine)
    assert _answers(await bot.send(f"/hoi@NqbotTestBot {QUESTION}", chat=GROUP), engine)
    [usage] = sent(await bot.send("/hoi", chat=GROUP))
    assert parse(usage.params["text"]) == texts.HOI_USAGE.format(example=texts.EXAMPLES[0])
    assert await bot.send(f"/hoi@OtherBot {QUESTION}", chat=GROUP) == []


async def test_noise_in_a_group_gets_no_reply(bot: Harness) -> None:
    sticker = {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1, "is_animated": False,
               "is_video": False, "type": "regular"}
    assert await bot.send("/khongco", chat=GROUP) == []
    assert await bot.send(sticker=sticker, chat=GROUP) == []
    assert await bot.send(new_chat_members=[OTHER_USER], chat=GROUP) == []
    text = f"@NqbotTestBot {QUESTION}"
    origin = {"type": "user", "date": 1700000000, "sender_user": OTHER_USER}
    assert await bot.send(text, chat=GROUP, entities=_mention(text), forward_origin=origin) == []
    message = bot.message(text, chat=GROUP, entities=_mention(text))
    assert await bot.feed({"edited_message": {**message, "edit_date": message["date"] + 1}}) == []


async def test_the_rate_limit_is_said_once_in_a_group(bot: Harness, engine: Engine) -> None:
    bot.app.bot_data.questions.limit = 1
    bot.app.bot_data.questions.window = 0.2  # over the limit, questions wait (issue 13): keep the wait short
    text = f"@NqbotTestBot {QUESTION}"
    replies = [sent(await bot.send(text, chat=GROUP, entities=_mention(text))) for _ in range(4)]
    assert [len(r) for r in replies] == [1, 1, 0, 0]
    assert replies[1][0].params["text"].startswith("Bạn hỏi hơi nhanh")
    before = len(bot.request.calls)
    await bot.app.bot_data.waiting.idle()
    later = sent(bot.request.calls[before:])
    assert len(later) == 3 and all(engine.ask(QUESTION).best.quote in check_message(c.params["text"]) for c in later)


async def test_channel_posts_are_ignored(bot: Harness) -> None:
    channel = {"id": -100777, "type": "channel", "title": "Kênh"}
    post = {"message_id": 1, "date": 1700000000, "chat": channel, "text": QUESTION}
    assert await bot.feed({"channel_post": post}) == []


async def test_start_in_a_group_uses_the_sender_name(bot: Harness) -> None:
    [greeting] = sent(await bot.send("/start@NqbotTestBot", chat=GROUP, user={**USER, "first_name": "Tú"}))
    assert check_message(greeting.params["text"]).startswith("Xin chào Tú!")
