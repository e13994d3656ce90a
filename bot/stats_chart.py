"""The chart of `/thongke` and `nqbot stats --plot`: questions per day over the last 30 days (answered
and not), the share answered, and 👍/👎 per day, as one PNG.

Telegram-free: the bot draws it in a worker thread and sends the bytes; the CLI writes them to a file.
matplotlib is imported inside `chart_png` only: importing it costs a noticeable fraction of a second,
which neither the bot's start nor the other commands should pay. Only matplotlib's object API is used
(no pyplot, whose global state is not thread-safe), with the Agg renderer.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from typing import Any

from bot.questionlog import DayCounts
from index.errors import NqbotError

log = logging.getLogger(__name__)

ANSWERED, UNANSWERED, SHARE = "#2e7d32", "#c8ccd2", "#1565c0"
UP, DOWN = "#43a047", "#e53935"
_TICK_EVERY = 3  # days between date labels


class ChartError(NqbotError):
    """The chart could not be drawn (matplotlib missing or failing)."""


def _share(day: DayCounts) -> float | None:
    return 100 * day.answered / day.questions if day.questions else None


def _title(days: Sequence[DayCounts]) -> str:
    asked = sum(d.questions for d in days)
    answered = sum(d.answered for d in days)
    share = f", trả lời được {answered / asked:.0%}" if asked else ""
    return f"Câu hỏi trong {len(days)} ngày qua: {asked}{share}"


def _draw_questions(ax: Any, days: Sequence[DayCounts]) -> None:
    """Stacked bars (answered, not answered) and, on a right-hand axis, the share answered."""
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    x = range(len(days))
    answered = [d.answered for d in days]
    ax.bar(x, answered, color=ANSWERED, label="Trả lời được")
    ax.bar(x, [d.questions - d.answered for d in days], bottom=answered, color=UNANSWERED, label="Chưa trả lời được")
    ax.set_ylabel("Số câu hỏi")
    ax.set_ylim(0, max([d.questions for d in days] + [4]) * 1.08)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    share = ax.twinx()
    points = [(i, s) for i, s in enumerate(map(_share, days)) if s is not None]
    share.plot([i for i, _ in points], [s for _, s in points], color=SHARE, marker="o", markersize=3,
               linewidth=1.5, label="Tỷ lệ trả lời được")
    share.set_ylim(0, 105)
    share.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    share.set_ylabel("Tỷ lệ trả lời được", color=SHARE)
    handles = ax.get_legend_handles_labels()[0] + share.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1), fontsize=8, frameon=False, ncols=3)
    if not any(d.questions for d in days):
        ax.text(0.5, 0.5, "Chưa có câu hỏi nào", transform=ax.transAxes, ha="center", va="center", color="#666")


def _draw_votes(ax: Any, days: Sequence[DayCounts]) -> None:
    """👍 above the line, 👎 below it (the default font has no emoji: ▲ and ▼ stand for them)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    x = range(len(days))
    ax.bar(x, [d.thumbs_up for d in days], color=UP, label=f"▲ Hữu ích ({sum(d.thumbs_up for d in days)})")
    down = sum(d.thumbs_down for d in days)
    ax.bar(x, [-d.thumbs_down for d in days], color=DOWN, label=f"▼ Chưa hữu ích ({down})")
    ax.axhline(0, color="#555", linewidth=0.8)
    top = max([d.thumbs_up for d in days] + [d.thumbs_down for d in days] + [1])
    ax.set_ylim(-top * 1.2, top * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{abs(value):.0f}"))
    ax.set_ylabel("Phản hồi")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), fontsize=8, frameon=False, ncols=2)


def chart_png(days: Sequence[DayCounts]) -> bytes:
    """The chart of `days` (oldest first, one entry per day) as PNG bytes. Raises ChartError."""
    if not days:
        raise ChartError("no days to draw")
    try:
        from matplotlib.figure import Figure

        figure = Figure(figsize=(9, 5.4), dpi=110, layout="constrained")
        questions, votes = figure.subplots(2, 1, sharex=True, height_ratios=[3, 1.4])
        _draw_questions(questions, days)
        _draw_votes(votes, days)
        ticks = list(range(len(days) - 1, -1, -_TICK_EVERY))[::-1]  # today always labelled
        votes.set_xticks(ticks, [f"{days[i].day:%d/%m}" for i in ticks], fontsize=8)
        votes.set_xlim(-0.7, len(days) - 0.3)
        for ax in (questions, votes):
            ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
            ax.set_axisbelow(True)
        figure.suptitle(_title(days), fontsize=12)
        out = io.BytesIO()
        figure.savefig(out, format="png")
    except (ImportError, ValueError, RuntimeError, OSError) as exc:
        log.warning("cannot draw the statistics chart: %s", exc)
        raise ChartError(f"cannot draw the chart: {exc}") from exc
    return out.getvalue()
