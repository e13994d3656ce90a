"""Pending admin actions: short tokens for buttons, owned by one admin, good once, expiring."""

from __future__ import annotations

from pathlib import Path

from bot.telegram.buttons import MAX_CALLBACK_BYTES, Action, callback_data
from bot.telegram.pending import MAX_PER_ADMIN, PasteWaits, PendingActions, Removal

REMOVAL = Removal(Path("corpus"), "a.txt", "Tiêu đề")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_token_is_short_good_once_and_only_for_its_admin() -> None:
    pending = PendingActions(ttl=60)
    token = pending.add(1, REMOVAL)
    assert len(callback_data(Action.REPLACE, token).encode()) <= MAX_CALLBACK_BYTES
    assert pending.take(token, 2) is None  # another admin
    assert pending.take(token, 1) == REMOVAL
    assert pending.take(token, 1) is None  # used
    assert pending.take("forged", 1) is None


def test_tokens_expire_and_are_swept() -> None:
    clock = Clock()
    pending = PendingActions(ttl=60, clock=clock)
    token = pending.add(1, REMOVAL)
    clock.now += 61
    assert len(pending) == 0 and pending.take(token, 1) is None


def test_an_admin_cannot_pile_up_pending_uploads() -> None:
    pending = PendingActions(ttl=60)
    tokens = [pending.add(1, REMOVAL) for _ in range(MAX_PER_ADMIN + 5)]
    other = pending.add(2, REMOVAL)
    assert len(pending) == MAX_PER_ADMIN + 1
    assert pending.take(tokens[0], 1) is None and pending.take(tokens[-1], 1) == REMOVAL
    assert pending.take(other, 2) == REMOVAL


def test_a_paste_wait_is_per_chat_and_admin_once_and_expires() -> None:
    clock = Clock()
    waits = PasteWaits(ttl=60, clock=clock)
    waits.start(10, 1)
    assert not waits.take(10, 2) and not waits.take(11, 1)
    assert waits.take(10, 1) and not waits.take(10, 1)
    waits.start(10, 1)
    clock.now += 61
    assert not waits.take(10, 1)
    waits.start(10, 1)
    assert waits.cancel(10, 1) and not waits.cancel(10, 1)
