"""Plain-text rendering of answers for the terminal (Telegram HTML lives in bot.telegram)."""

from __future__ import annotations

from datetime import datetime

from index.answer.model import Answer, Decline, Source

NO_ANSWER = "Xin lỗi, tôi chưa tìm thấy câu trả lời cho câu hỏi này trong các bản tin hiện có."
EMPTY_QUESTION = (
    "Bạn hãy gõ một câu hỏi bằng chữ, ví dụ: “Chỉ tiêu GRDP bình quân đầu người đến năm 2030 là bao nhiêu?”"
)
UNKNOWN_NAMES = "Các bản tin hiện có không nhắc đến: {names}."
OTHER_YEAR = "Các bản tin hiện có không nêu số liệu {what}."
OTHER_SCOPE = "Các bản tin hiện có không nêu số liệu này cho {what}."
OTHER_PLACE = "Các bản tin hiện có không nêu thông tin này cho {what}."
NEAREST = "Thông tin gần nhất (không phải điều bạn hỏi): “{quote}” ({title})"
PERIOD = "({period} — câu hỏi không nêu năm.)"
UNSURE = "Chưa chắc chắn: đây là câu gần nhất tìm được, bạn nên đối chiếu với bản tin."
REPHRASE_HINT = (
    "Bạn có thể hỏi lại ngắn gọn hơn, dùng từ khóa có trong bản tin (ví dụ: GRDP, đô thị hóa, khu công nghiệp)."
)


def format_date(published: datetime | None) -> str:
    if published is None:
        return ""
    if published.hour or published.minute:
        return published.strftime("%d/%m/%Y %H:%M")
    return published.strftime("%d/%m/%Y")


def decline_text(answer: Answer) -> str:
    if answer.reason == Decline.EMPTY:
        return EMPTY_QUESTION
    lines = [NO_ANSWER]
    what = ", ".join(answer.unknown)
    if answer.reason == Decline.UNKNOWN_NAME and what:
        lines.append(UNKNOWN_NAMES.format(names=what))
    elif answer.reason == Decline.OTHER_YEAR and what:
        lines.append(OTHER_YEAR.format(what=what))
    elif answer.reason == Decline.OTHER_SCOPE and what:
        lines.append(OTHER_SCOPE.format(what=what))
    elif answer.reason == Decline.OTHER_PLACE and what:
        lines.append(OTHER_PLACE.format(what=what))
    if answer.nearest is not None:
        lines.append(NEAREST.format(quote=answer.nearest.quote, title=_source_line(answer.nearest)))
    else:
        lines.append(REPHRASE_HINT)
    return "\n".join(lines)


def _source_line(source: Source) -> str:
    date = format_date(source.published)
    parts = [source.title + (f" ({date})" if date else "")]
    if source.url:
        parts.append(source.url)
    return " — ".join(parts)


def period_note(answer: Answer) -> str:
    """Which year the quoted figure is for, when the question named none (capitalised for a line of its own)."""
    note = PERIOD.format(period=answer.period or "")
    return note[:2].upper() + note[2:]


def render_text(answer: Answer) -> str:
    best = answer.best
    if best is None:
        return decline_text(answer)
    date = format_date(best.published)
    lines = ([UNSURE] if answer.unsure else []) + [f"“{best.quote}”"] + ([period_note(answer)] if answer.period else [])
    lines += ["", f"Nguồn: {best.title}" + (f" ({date})" if date else "")]
    if best.url:
        lines.append(best.url)
    if answer.others:
        lines += ["", "Nguồn khác:"] + [f"  • {_source_line(s)}" for s in answer.others]
    return "\n".join(lines)
