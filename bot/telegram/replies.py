"""What the bot answers a question with, worked out in a worker thread (it is CPU-bound): the composer's
answer to the question as understood (a follow-up written out), a list for a list question, and for a
"no answer" what could not be found and the nearby questions to offer.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.answer.followup import FollowUp, Kind
from index.answer.lists import ListAnswer, asks_for_list, list_answer
from index.answer.model import Answer, Decline
from index.answer.suggestions import missing_words, out_of_scope, suggestions
from index.engine import Engine


@dataclass(frozen=True)
class Reply:
    question: str  # what the composer was asked
    answer: Answer
    understood: str | None = None  # what a follow-up was understood as ("GRDP bình quân đầu người năm 2045")
    kind: Kind = Kind.ASK
    listing: ListAnswer | None = None
    suggestions: tuple[str, ...] = ()
    out_of_scope: bool = False
    missing: tuple[str, ...] = ()  # words of the question no bulletin has

    @property
    def answered(self) -> bool:
        return self.answer.answered or self.listing is not None

    @property
    def file(self) -> str | None:
        """The bulletin cited first (for the question log)."""
        if self.listing is not None and self.listing.targets is not None:
            return self.listing.targets.rows[0].target.file
        if self.listing is not None and self.listing.items:
            return self.listing.items[0].file
        return self.answer.file


@dataclass(frozen=True)
class Asking:
    """How to ask: the bot's threshold, how many other sources and suggestions to show."""

    decline_below: float
    others: int
    suggestions: int


def _understood(engine: Engine, text: str, follow: FollowUp | None, how: Asking) -> tuple[FollowUp | None, Answer]:
    """The answer to the question as understood. A message taken for a follow-up only because it is
    short ("đô thị hóa?") is asked as typed when the follow-up finds no answer: the user's own words are
    the safer reading then."""
    question = follow.question if follow else text
    answer = engine.ask(question, how.others, how.decline_below)
    if follow is not None and not follow.marked and not answer.answered:
        return None, engine.ask(text, how.others, how.decline_below)
    return follow, answer


def build_reply(engine: Engine, text: str, follow: FollowUp | None, how: Asking) -> Reply:
    """Blocking: run it in a worker thread."""
    follow, answer = _understood(engine, text, follow, how)
    question = follow.question if follow else text
    understood = follow.topic if follow else None
    if follow is not None and follow.kind != Kind.ASK:
        return Reply(question, answer, understood, follow.kind)
    index, lexicon = engine.index, engine.lexicon
    listing = list_answer(index, lexicon, question, how.decline_below) if asks_for_list(question) else None
    if answer.answered or listing is not None or answer.reason == Decline.EMPTY:
        return Reply(question, answer, understood, listing=listing)
    if out_of_scope(question):
        return Reply(question, answer, understood, out_of_scope=True)
    offered = suggestions(index, lexicon, answer, how.suggestions, how.decline_below) if how.suggestions else ()
    missing = missing_words(index, lexicon, question) if answer.reason == Decline.NO_MATCH else ()
    return Reply(question, answer, understood, suggestions=offered, missing=missing)
