"""The short memory behind follow-ups: each user's previous question in each chat, for a few minutes.

Kept in memory only (never written to disk or to the question log), bounded in size, forgotten after
`ttl`. A message is read against the previous question only when it was sent after that question's
answer (Telegram numbers a chat's messages in order): questions typed in one burst, before any answer
came, are each a question of their own. What a follow-up means is decided by index.answer.followup.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from index.answer.followup import FollowUp, follow_up
from index.terms.lexicon import Lexicon

Key = tuple[int, int]  # (chat id, user id)


@dataclass(frozen=True, slots=True)
class _Turn:
    question: str  # as understood (a follow-up written out)
    answer_id: int  # the message id of the bot's answer to it
    expires: float


class Memory:
    """(chat, user) -> the previous question; the least recently used are forgotten first beyond `limit`."""

    def __init__(self, ttl: float, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.limit = limit
        self._clock = clock
        self._turns: OrderedDict[Key, _Turn] = OrderedDict()

    def remember(self, chat: int, user: int, question: str, answer_id: int) -> None:
        if self.ttl <= 0:
            return
        key = (chat, user)
        self._turns[key] = _Turn(question, answer_id, self._clock() + self.ttl)
        self._turns.move_to_end(key)
        while len(self._turns) > self.limit:
            self._turns.popitem(last=False)

    def recall(self, chat: int, user: int, message_id: int) -> str | None:
        """The previous question, if the message with this id came after its answer and in time."""
        key = (chat, user)
        turn = self._turns.get(key)
        if turn is None:
            return None
        if turn.expires <= self._clock():
            del self._turns[key]
            return None
        return turn.question if message_id > turn.answer_id else None

    def forget(self, chat: int, user: int) -> None:
        self._turns.pop((chat, user), None)

    def __len__(self) -> int:
        return len(self._turns)


def understand(memory: Memory, chat: int, user: int, message_id: int, text: str, lexicon: Lexicon) -> FollowUp | None:
    """What `text` stands for when it follows up the user's previous question here; None for a new question."""
    previous = memory.recall(chat, user, message_id)
    return follow_up(previous, text, lexicon) if previous else None
