"""Inline keyboards and their callback data, which Telegram caps at 64 bytes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram import texts
from bot.telegram.refs import ParagraphRef

MAX_CALLBACK_BYTES = 64


class Action(StrEnum):
    ASK = "ask"  # an example question from /start
    PARAGRAPH = "para"  # show the whole paragraph of an answer
    UP = "up"  # 👍
    DOWN = "down"  # 👎
    SOURCES = "src"  # a page of /nguon
    TARGETS = "tgt"  # a page of /chitieu (target_pages.TargetButton)
    # Admin buttons carry a token for an action kept server-side (pending.PendingActions).
    SAVE = "save"  # "Lưu" an uploaded bulletin
    REPLACE = "repl"  # "Thay thế" the bulletins it conflicts with
    REMOVE = "rm"  # remove a bulletin (to the trash)
    RESTORE = "rs"  # restore a bulletin from the trash
    CANCEL = "cancel"  # drop a pending action


def callback_data(action: Action, payload: str | int) -> str:
    data = f"{action}|{payload}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


def payload(data: str | None) -> str:
    """What follows the action in callback data built by `callback_data`."""
    return (data or "").partition("|")[2]


def number(text: str, digits: int = 18) -> int | None:
    """A number a button carries, or None unless it is 1 to `digits` ASCII digits. Data may be forged:
    "²" passes str.isdigit() but not int(), and 61 digits overflow an SQLite integer."""
    return int(text) if 0 < len(text) <= digits and text.isascii() and text.isdigit() else None


def pattern(*actions: Action) -> str:
    """Regex for CallbackQueryHandler."""
    return f"^(?:{'|'.join(actions)})\\|"


def examples_keyboard(examples: tuple[str, ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=callback_data(Action.ASK, n))] for n, q in enumerate(examples)]
    )


def answer_keyboard(ref: ParagraphRef | None, whole_paragraph: bool, row: int | None) -> InlineKeyboardMarkup | None:
    """"Xem đoạn đầy đủ" (by paragraph reference) and 👍/👎 (by the question's row in the question log)."""
    buttons = []
    if ref is not None and whole_paragraph:
        data = callback_data(Action.PARAGRAPH, ref.encode())
        buttons.append(InlineKeyboardButton(texts.SEE_PARAGRAPH, callback_data=data))
    if row is not None:
        buttons.append(InlineKeyboardButton(texts.THUMBS_UP, callback_data=callback_data(Action.UP, row)))
        buttons.append(InlineKeyboardButton(texts.THUMBS_DOWN, callback_data=callback_data(Action.DOWN, row)))
    return InlineKeyboardMarkup([buttons]) if buttons else None


TokenButton = tuple[str, Action, str]  # label, action, token of a pending action


def token_keyboard(*rows: Sequence[TokenButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=callback_data(action, token)) for label, action, token in row]
         for row in rows]
    )


def _sources_page(page: int) -> str:
    return callback_data(Action.SOURCES, page)


def pages_keyboard(page: int, pages: int, data: Callable[[int], str] = _sources_page) -> InlineKeyboardMarkup | None:
    """« Trước / Sau » under a paged message; `data` makes a page's callback data (default: /nguon)."""
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(texts.PREVIOUS, callback_data=data(page - 1)))
    if page < pages - 1:
        row.append(InlineKeyboardButton(texts.NEXT, callback_data=data(page + 1)))
    return InlineKeyboardMarkup([row])
