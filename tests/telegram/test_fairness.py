"""Issue 13, fairness: the per-user rate limit never drops a question silently. Over the limit questions
wait in a short per-user queue and are answered, in order, when the window reopens (one notice); buttons,
small talk and /chitieu do not count. On a real Application; the window is kept short and the test waits
for the queue to be answered (no timing is asserted)."""

from __future__ import annotations

import asyncio

from bot.config import Settings
from bot.telegram import texts
from bot.telegram.fairness import FairQueue, Turn
from bot.telegram.limits import RateLimit
from index.engine import Engine
from tests.support.harness import USER, button_data, running, sent, settings
from tests.support.telegram_html import check_message, opening

QUESTIONS = (
    "GRDP bình quân đầu người năm 2030 là bao nhiêu?",
    "Tỷ lệ đô thị hóa đến năm 2030?",
    "Kiên Giang có bao nhiêu khu công nghiệp?",
    "Đến năm 2030 Kiên Giang có bao nhiêu cụm công nghiệp?",
    "Tỷ lệ đô thị hóa của tỉnh đến cuối năm 2025?",
)
OTHER = {"id": 6262, "is_bot": False, "first_name": "Minh"}


def _limited(questions: int = 2, queued: int = 5, window: float = 0.3) -> Settings:
    return settings(limits={"questions": questions, "per_seconds": window, "queued": queued})


async def test_questions_over_the_limit_wait_and_are_answered_in_order_with_one_notice(engine: Engine) -> None:
    async with running(engine, _limited()) as bot:
        now = [sent(await bot.send(q)) for q in QUESTIONS]
        others = sent(await bot.send(QUESTIONS[0], user=OTHER))  # another user is not held up
        before = len(bot.request.calls)
        await bot.app.bot_data.waiting.idle()
        later = sent(bot.request.calls[before:])
    assert [len(r) for r in now] == [1, 1, 1, 0, 0]
    assert check_message(now[2][0].params["text"]).startswith("Bạn hỏi hơi nhanh 🙂 Tôi sẽ trả lời câu này")
    assert len(others) == 1 and engine.ask(QUESTIONS[0]).best.quote in check_message(others[0].params["text"])
    answered = [check_message(c.params["text"]) for c in later]
    assert [a.startswith(opening(engine.ask(q))) for a, q in zip(answered, QUESTIONS[2:])] == [True] * 3
    assert len(later) == 3  # in the order asked


async def test_a_full_queue_skips_the_question_and_says_so_once(engine: Engine) -> None:
    async with running(engine, _limited(questions=1, queued=1)) as bot:
        replies = [sent(await bot.send(q)) for q in QUESTIONS[:4]]
        before = len(bot.request.calls)
        await bot.app.bot_data.waiting.idle()
        later = sent(bot.request.calls[before:])
    assert [len(r) for r in replies] == [1, 1, 1, 0]  # answer, "wait", "skipped", (told already)
    assert check_message(replies[1][0].params["text"]).startswith("Bạn hỏi hơi nhanh")
    assert check_message(replies[2][0].params["text"]) == texts.QUEUE_FULL
    assert len(later) == 1 and check_message(later[0].params["text"]).startswith(opening(engine.ask(QUESTIONS[1])))


async def test_buttons_small_talk_and_chitieu_do_not_count(engine: Engine) -> None:
    async with running(engine, settings(limits={"questions": 1})) as bot:
        assert len(sent(await bot.send(QUESTIONS[0]))) == 1  # the one question of the window
        start = sent(await bot.send("/start"))[0]
        example = sent(await bot.press(button_data(start, texts.EXAMPLES[1]), on=start.result))
        talk = sent(await bot.send("cảm ơn nhé"))
        listing = sent(await bot.send("/chitieu"))[0]
        page = await bot.press(button_data(listing, texts.NEXT), on=listing.result)
        question = sent(await bot.send(QUESTIONS[1]))
        waiting = bot.app.bot_data.waiting.waiting(USER["id"])
        await bot.app.bot_data.waiting.close()
    assert engine.ask(texts.EXAMPLES[1]).best.quote in check_message(example[0].params["text"])
    assert check_message(talk[0].params["text"]) == texts.THANKS_BACK
    assert [c.method for c in page] == ["editMessageText", "answerCallbackQuery"]
    assert check_message(question[0].params["text"]).startswith("Bạn hỏi hơi nhanh")  # the second question waits
    assert waiting == 1


def test_the_defaults_leave_room_for_a_busy_official() -> None:
    limits = settings().limits
    assert (limits.questions, limits.per_seconds, limits.queued) == (20, 60.0, 5)


async def test_closing_cancels_the_questions_still_waiting() -> None:
    ran: list[int] = []
    queue = FairQueue(RateLimit(1, 3600.0), 5)

    async def job() -> None:
        ran.append(1)

    assert queue.admit(7).turn == Turn.NOW
    admission = queue.admit(7)
    assert admission.turn == Turn.QUEUED and admission.notify and admission.wait > 3000
    queue.enqueue(7, job)
    assert queue.admit(7) == type(admission)(Turn.QUEUED)  # told once per wait
    await asyncio.sleep(0)
    await queue.close()
    assert ran == [] and queue.waiting(7) == 0
