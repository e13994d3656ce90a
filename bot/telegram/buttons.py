"""Inline keyboards and their callback data, which Telegram caps at 64 bytes."""

from __future__ import annotations

from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from . import texts
from .refs import ParagraphRef

MAX_CALLBACK_BYTES = 64


class Action(StrEnum):
    ASK = "ask"  # an example question from /start
    PARAGRAPH = "para"  # show the whole paragraph of an answer
    UP = "up"  # 👍
    DOWN = "down"  # 👎
    SOURCES = "src"  # a page of /nguon


def callback_data(action: Action, payload: str | int) -> str:
    data = f"{action}|{payload}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


def payload(data: str | None) -> str:
    """What follows the action in callback data built by `callback_data`."""
    return (data or "").partition("|")[2]


def pattern(*actions: Action) -> str:
    """Regex for CallbackQueryHandler."""
    return f"^(?:{'|'.join(actions)})\\|"


def examples_keyboard(examples: tuple[str, ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=callback_data(Action.ASK, n))] for n, q in enumerate(examples)]
    )


def answer_keyboard(ref: ParagraphRef, whole_paragraph: bool) -> InlineKeyboardMarkup:
    row = [
        InlineKeyboardButton(texts.THUMBS_UP, callback_data=callback_data(Action.UP, ref.encode())),
        InlineKeyboardButton(texts.THUMBS_DOWN, callback_data=callback_data(Action.DOWN, ref.encode())),
    ]
    if whole_paragraph:
        row.insert(0, InlineKeyboardButton(texts.SEE_PARAGRAPH, callback_data=callback_data(Action.PARAGRAPH, ref.encode())))
    return InlineKeyboardMarkup([row])


def pages_keyboard(page: int, pages: int) -> InlineKeyboardMarkup | None:
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(texts.PREVIOUS, callback_data=callback_data(Action.SOURCES, page - 1)))
    if page < pages - 1:
        row.append(InlineKeyboardButton(texts.NEXT, callback_data=callback_data(Action.SOURCES, page + 1)))
    return InlineKeyboardMarkup([row])
