"""Issue 13: 👍/👎 show the state (the pressed button marked; pressing again changes the vote), one vote per
user per answer, any member of a group may vote once, and /thongke counts each user's latest vote.
On a real Application with the real question log."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from bot.questionlog import Ballot, QuestionLog, Vote
from bot.telegram import texts
from index.engine import Engine
from tests.support.harness import ADMIN, GROUP, USER, Call, Harness, buttons, running, sent, settings
from tests.support.telegram_html import check_message

QUESTION = "Tỷ lệ đô thị hóa của Kiên Giang đến năm 2030 đạt bao nhiêu?"
MINH = {"id": 5151, "is_bot": False, "first_name": "Minh"}
HOA = {"id": 5252, "is_bot": False, "first_name": "Hoa"}
OTHER_GROUP = {"id": -100600, "type": "supergroup", "title": "Sở Xây dựng"}


async def _press(bot: Harness, answer: Call, label: str, user: dict[str, Any] = USER,
                 on: dict[str, Any] | None = None) -> tuple[str, list[str] | None]:
    """Press a vote button; the toast, and the relabelled vote buttons (None when not edited)."""
    message = on or answer.result
    calls = await bot.press(dict(buttons(answer))[label], on=message, user=user)
    [toast] = sent(calls, "answerCallbackQuery")
    edits = sent(calls, "editMessageReplyMarkup")
    if not edits:
        return toast.params["text"], None
    message["reply_markup"] = edits[-1].params["reply_markup"]  # what the chat shows now
    rows = edits[-1].params["reply_markup"]["inline_keyboard"]
    return toast.params["text"], [b["text"] for row in rows for b in row if b["callback_data"][:3] in ("up|", "dow")]


async def test_a_vote_marks_the_pressed_button_and_pressing_again_changes_it(bot: Harness) -> None:
    [answer] = sent(await bot.send(QUESTION))
    assert await _press(bot, answer, texts.THUMBS_UP) == (texts.VOTE_UP, ["👍 ✓", "👎"])
    assert await _press(bot, answer, texts.THUMBS_UP) == (texts.VOTE_SAME.format(vote="👍"), None)
    assert await _press(bot, answer, texts.THUMBS_DOWN) == (texts.VOTE_DOWN, ["👍", "👎 ✓"])
    labels = [label for label, _ in buttons(answer)]
    assert labels[0] == texts.SEE_PARAGRAPH  # the other buttons stay as they were
    assert (bot.question_log.stats().thumbs_up, bot.question_log.stats().thumbs_down) == (0, 1)


async def test_in_a_group_every_member_votes_once_and_the_buttons_count(engine: Engine) -> None:
    async with running(engine, settings(admins={"ids": [ADMIN["id"]]})) as bot:
        [answer] = sent(await bot.send(f"/hoi {QUESTION}", chat=GROUP))
        message = answer.result
        assert await _press(bot, answer, texts.THUMBS_UP, on=message) == (texts.VOTE_UP, ["👍 1", "👎"])
        assert await _press(bot, answer, texts.THUMBS_UP, MINH, message) == (texts.VOTE_UP, ["👍 2", "👎"])
        assert await _press(bot, answer, texts.THUMBS_UP, HOA, message) == (texts.VOTE_UP, ["👍 3", "👎"])
        assert await _press(bot, answer, texts.THUMBS_DOWN, MINH, message) == (texts.VOTE_DOWN, ["👍 2", "👎 1"])
        elsewhere = {**message, "chat": OTHER_GROUP}  # the same button data pressed in another chat
        assert await _press(bot, answer, texts.THUMBS_DOWN, HOA, elsewhere) == (texts.FEEDBACK_OTHER_CHAT, None)
        stats = bot.question_log.stats()
        [report] = sent(await bot.send("/thongke", user=ADMIN))
    assert (stats.thumbs_up, stats.thumbs_down) == (2, 1)  # each member's latest vote
    assert "👍 2 · 👎 1" in check_message(report.params["text"])


def test_each_voters_latest_vote_is_kept_and_pruned_with_its_question(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "q.sqlite", b"salt", retention_days=1)
    row = log.log(1, "supergroup", "câu hỏi", True, "a.txt", 0.9, 5.0, now=1000.0, chat_id=-5)
    old = log.log(1, "private", "câu cũ", True, "a.txt", 0.9, 5.0, now=1000.0)  # logged without a chat
    assert log.vote(row, 1, 2, chat_id=-5).outcome == Vote.RECORDED
    assert log.vote(row, -1, 2, chat_id=-5) == Ballot(Vote.RECORDED, up=0, down=1, mine=-1)  # changed
    assert log.vote(row, -1, 2, chat_id=-5).outcome == Vote.SAME
    assert log.vote(row, 1, 3, chat_id=None).outcome == Vote.NOT_YOURS  # a group's answer needs its chat
    assert log.vote(old, 1, 2).outcome == Vote.NOT_YOURS and log.vote(old, 1, 1).outcome == Vote.RECORDED
    assert (log.stats(now=2000.0).thumbs_up, log.stats(now=2000.0).thumbs_down) == (1, 1)
    log.prune(now=1000.0 + 2 * 86400)
    assert log._db.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 0
    log.close()


def test_an_older_log_gets_the_chat_column(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE questions (id INTEGER PRIMARY KEY, asked_at REAL NOT NULL, chat_type TEXT NOT NULL,"
                     " user_hash TEXT NOT NULL, question TEXT NOT NULL, question_key TEXT NOT NULL, answered INTEGER"
                     " NOT NULL, file TEXT, score REAL, latency_ms REAL, feedback INTEGER);")
    db.close()
    log = QuestionLog(path, b"salt")
    row = log.log(1, "group", "câu", True, None, None, 1.0, chat_id=-9)
    assert log.vote(row, 1, 7, chat_id=-9).outcome == Vote.RECORDED
    log.close()
