"""Issue 13, a conversation: follow-ups in context, small talk, and /start in a group, on a real Application.

Telegram numbers a chat's messages in order, the bot's answers included: a message typed after reading
an answer has a larger id than the answer. `Talk.say` sends each message so.
"""

from __future__ import annotations

from typing import Any

from bot.telegram import texts
from bot.telegram.conversation import Memory
from index.answer.plain import UNSURE
from index.engine import Engine
from tests.support.harness import GROUP, USER, Call, Harness, running, sent, settings
from tests.support.telegram_html import check_message, opening

GRDP_2030 = "GRDP bình quân đầu người năm 2030 là bao nhiêu?"
KCN = "Kiên Giang có bao nhiêu khu công nghiệp?"
URBAN_2025 = "Tỷ lệ đô thị hóa của tỉnh đến cuối năm 2025 đạt 41,45%."
OTHER = {"id": 5151, "is_bot": False, "first_name": "Minh"}
MENTION = "@NqbotTestBot"


class Talk:
    """One person's side of a chat: each message is typed after the bot's last answer in the chat."""

    def __init__(self, bot: Harness, user: dict[str, Any] = USER, chat: dict[str, Any] | None = None) -> None:
        self.bot, self.user, self.chat = bot, user, chat

    def _last_id(self) -> int:
        chat_id = (self.chat or {"id": self.user["id"]})["id"]
        ids = [c.result["message_id"] for c in sent(self.bot.request.calls) if int(c.params["chat_id"]) == chat_id]
        return max(ids, default=0)

    async def say(self, text: str) -> list[Call]:
        fields: dict[str, Any] = {"message_id": self._last_id() + 1, "user": self.user}
        if self.chat is not None:
            text = f"{MENTION} {text}"
            fields.update(chat=self.chat, entities=[{"type": "mention", "offset": 0, "length": len(MENTION)}])
        return sent(await self.bot.send(text, **fields))

    async def reply(self, text: str) -> str:
        [answer] = await self.say(text)
        return check_message(answer.params["text"])


async def test_a_multi_turn_conversation_is_understood_in_context(bot: Harness, engine: Engine) -> None:
    talk = Talk(bot)
    first = await talk.reply(GRDP_2030)
    assert first.startswith(opening(engine.ask(GRDP_2030)))  # a question of its own: no "Về ..."
    urban = await talk.reply("vậy tỷ lệ đô thị hóa?")
    understood = "Về tỷ lệ đô thị hóa năm 2030:\n"
    assert urban.startswith(understood)
    # Cà Mau's bulletin states its own rate: the composer may add its caution, never anything else.
    assert urban.removeprefix(understood).removeprefix(f"⚠️ {UNSURE}\n").startswith("Tỷ lệ đô thị hóa đạt từ 50-55%.")
    earlier = await talk.reply("còn năm 2025 thì sao?")
    assert earlier.startswith(f"Về tỷ lệ đô thị hóa năm 2025:\n{URBAN_2025}")
    source = await talk.reply("nguồn ở đâu?")
    bulletin = engine.index.by_file("t07_hdnd-chi-tieu-2025.txt")
    assert source.startswith(f"Về tỷ lệ đô thị hóa năm 2025:\n{texts.SOURCE_OF}\n📰 {bulletin.title}")
    new = await talk.reply(KCN)  # a new question right after follow-ups
    assert new.startswith(opening(engine.ask(KCN)))
    more = await talk.reply("nói rõ hơn")
    assert more.startswith("Về khu công nghiệp của Kiên Giang:\nĐoạn đầy đủ, trích từ:")
    assert more.endswith(engine.ask(KCN).best.paragraph)


async def test_a_follow_up_that_finds_nothing_says_what_it_understood(bot: Harness) -> None:
    talk = Talk(bot)
    await talk.reply(GRDP_2030)
    [reply] = await talk.say("còn năm 2045 thì sao?")
    plain = check_message(reply.params["text"])
    assert plain.startswith("Về GRDP bình quân đầu người năm 2045:\nXin lỗi")
    assert "năm 2045" in plain.splitlines()[2] and texts.NEAREST_YEAR in plain
    assert "GRDP bình quân đầu người năm 2030 là bao nhiêu?" in [label for label, _ in _buttons(reply)]


def _buttons(call: Call) -> list[tuple[str, str]]:
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


async def test_messages_sent_before_the_answer_are_questions_of_their_own(bot: Harness, engine: Engine) -> None:
    # A burst: both typed before any answer came (ids below the answer's), so "2025?" is not read as GRDP 2025.
    first = await bot.send(GRDP_2030, message_id=1)
    assert sent(first)[0].result["message_id"] > 2
    [second] = sent(await bot.send("Tỷ lệ đô thị hóa", message_id=2))
    assert check_message(second.params["text"]).startswith(opening(engine.ask("Tỷ lệ đô thị hóa")))


async def test_follow_ups_are_per_user_and_per_chat(bot: Harness, engine: Engine) -> None:
    lan, minh = Talk(bot, USER, GROUP), Talk(bot, OTHER, GROUP)
    await lan.reply(GRDP_2030)
    theirs = await minh.reply("còn năm 2025 thì sao?")
    assert not theirs.startswith("Về ")  # Minh asked nothing before: nothing to follow up
    in_private = await Talk(bot, USER).reply("còn năm 2025 thì sao?")
    assert not in_private.startswith("Về ")  # Lan's question was asked in the group
    mine = await lan.reply("còn năm 2025 thì sao?")
    assert mine.startswith("Về GRDP bình quân đầu người năm 2025:\n"
                           "GRDP bình quân đầu người năm 2025 đạt 3.050 đô la Mỹ.")


async def test_without_memory_there_are_no_follow_ups(engine: Engine) -> None:
    async with running(engine, settings(conversation={"memory_minutes": 0})) as bot:
        talk = Talk(bot)
        await talk.reply(GRDP_2030)
        assert not (await talk.reply("vậy tỷ lệ đô thị hóa?")).startswith("Về ")


def test_the_memory_forgets_in_time_and_keeps_a_bounded_number_of_chats() -> None:
    now = [100.0]
    memory = Memory(ttl=300, limit=2, clock=lambda: now[0])
    memory.remember(1, 1, "a", answer_id=10)
    assert memory.recall(1, 1, message_id=9) is None  # typed before the answer
    assert memory.recall(1, 1, message_id=11) == "a"
    memory.remember(2, 1, "b", 10)
    memory.remember(3, 1, "c", 10)
    assert len(memory) == 2 and memory.recall(1, 1, 11) is None  # the least recent was forgotten
    now[0] += 301
    assert memory.recall(3, 1, 11) is None and len(memory) == 1


# Small talk


async def test_small_talk_gets_short_replies_and_is_not_a_question(bot: Harness) -> None:
    talk = Talk(bot)
    assert (await talk.reply("chào bot")).startswith("Chào Lan! 👋")
    assert await talk.reply("cảm ơn nhé") == texts.THANKS_BACK
    assert await talk.reply("👍") == texts.THANKS_BACK
    assert (await talk.reply("bạn là ai")).startswith("Tôi là trợ lý tra cứu bản tin.")
    assert (await talk.reply("Bạn làm được gì?")).startswith("Tôi có thể:")
    assert bot.question_log._db.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 0


async def test_thanks_in_a_group_get_silence_a_greeting_a_reply(bot: Harness) -> None:
    talk = Talk(bot, USER, GROUP)
    assert await talk.say("cảm ơn nhé") == []
    assert (await talk.reply("chào bot")).startswith("Chào Lan!")
    assert await bot.send("cảm ơn", chat=GROUP, reply_to_message=bot.message("x", user={**USER, "id": 777},
                                                                               chat=GROUP)) == []


async def test_small_talk_does_not_count_against_the_question_limit(engine: Engine) -> None:
    async with running(engine, settings(limits={"questions": 1})) as bot:
        talk = Talk(bot)
        for text in ("chào bot", "cảm ơn", "bạn là ai", "bạn làm được gì"):
            assert len(await talk.say(text)) == 1
        answer = await talk.reply(GRDP_2030)
    assert answer.startswith(opening(engine.ask(GRDP_2030)))


async def test_start_in_a_group_explains_how_to_ask_there(bot: Harness) -> None:
    [greeting] = sent(await bot.send("/start", chat=GROUP))
    plain = check_message(greeting.params["text"])
    assert "nhắc tên @NqbotTestBot" in plain and "/hoi <câu hỏi>" in plain and "trả lời (reply)" in plain
    assert texts.ASK_IN_PRIVATE not in plain
    [private] = sent(await bot.send("/start"))
    assert texts.ASK_IN_PRIVATE in check_message(private.params["text"])
