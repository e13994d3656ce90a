"""The per-user sliding-window rate limit."""

from __future__ import annotations

from bot.telegram.limits import RateLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_the_limit_then_refuses_telling_once() -> None:
    clock = Clock()
    limit = RateLimit(3, 60, clock)
    assert [limit.check(1).allowed for _ in range(3)] == [True, True, True]
    first, second = limit.check(1), limit.check(1)
    assert (first.allowed, first.notify) == (False, True)
    assert (second.allowed, second.notify) == (False, False)  # quiet: never spam a group
    assert first.retry_after == 60


def test_the_window_slides() -> None:
    clock = Clock()
    limit = RateLimit(2, 60, clock)
    limit.check(1)
    clock.now += 30
    limit.check(1)
    assert not limit.check(1).allowed
    clock.now += 30.5  # the first event left the window, the second has not
    assert limit.check(1).allowed
    refused = limit.check(1)
    assert not refused.allowed and refused.notify  # a new window of refusals: say it once more
    assert 0 < refused.retry_after <= 30


def test_users_are_counted_apart() -> None:
    limit = RateLimit(1, 60, Clock())
    assert limit.check(1).allowed
    assert not limit.check(1).allowed
    assert limit.check(2).allowed


def test_quiet_users_are_forgotten() -> None:
    clock = Clock()
    limit = RateLimit(1, 10, clock)
    for user in range(2000):
        limit.check(user)
    clock.now += 11
    for _ in range(2048):
        limit.check(99_999)
    assert set(limit._events) == {99_999}
