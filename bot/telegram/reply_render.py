"""Telegram HTML for a Reply (bot.telegram.replies): what a follow-up was understood as, lists, the
targets a question asks for, where an answer comes from, and a "no answer" that helps.

Every value from users and bulletins is escaped and capped here; each reply fits one message.
"""

from __future__ import annotations

from itertools import groupby

from bot.telegram import texts
from bot.telegram.refs import locate, resolve
from bot.telegram.render import (
    asked_heading,
    clip,
    esc,
    link,
    render_answer,
    render_paragraph,
    render_quote,
    source_link,
)
from bot.telegram.replies import Reply
from bot.telegram.split import MAX_MESSAGE, visible_len
from index.answer.followup import Kind
from index.answer.lists import ListAnswer, TargetList
from index.answer.model import Answer, Decline
from index.answer.plain import (
    EMPTY_QUESTION,
    NO_ANSWER,
    OTHER_PLACE,
    OTHER_SCOPE,
    OTHER_YEAR,
    REPHRASE_HINT,
    UNKNOWN_NAMES,
    format_date,
)
from index.answer.suggestions import in_users_words
from index.store.snapshot import Index
from index.targets.table import TargetRow

TARGETS_SHOWN = 10  # targets listed in a list answer; the /chitieu button shows them all
_TOPIC_CHARS = 200
_NAMES_CHARS = 300
_FIELD_CHARS = 200
_MIN_ITEM = 80  # a list item's quote is never cut shorter than this
_REASONS = {Decline.UNKNOWN_NAME: UNKNOWN_NAMES, Decline.OTHER_YEAR: OTHER_YEAR, Decline.OTHER_SCOPE: OTHER_SCOPE,
            Decline.OTHER_PLACE: OTHER_PLACE}
_NEAREST = {Decline.OTHER_YEAR: texts.NEAREST_YEAR, Decline.OTHER_SCOPE: texts.NEAREST_SCOPE}


def understood_line(topic: str | None) -> str:
    return texts.UNDERSTOOD.format(topic=esc(clip(topic, _TOPIC_CHARS))) + "\n" if topic else ""


def render_list(listing: ListAnswer, room: int) -> str:
    """Up to five quotes, best first, each with its bulletin; the quotes share the room."""
    head = texts.LIST_HEADING.format(count=len(listing.items))
    links = [f"\n📰 {source_link(s)}" for s in listing.items]
    fixed = visible_len(head) + sum(visible_len(line) + 8 for line in links)
    share = max(_MIN_ITEM, (room - fixed) // max(len(links), 1))
    items = [f"\n\n<b>{n}.</b> “{esc(clip(s.quote, share))}”{line}"
             for n, (s, line) in enumerate(zip(listing.items, links), start=1)]
    return head + "".join(items)


def _target_group(rows: list[TargetRow]) -> str:
    bullets = [f"• <b>{esc(clip(r.target.indicator, _FIELD_CHARS))}</b>: {esc(clip(r.target.value, _FIELD_CHARS))}"
               + (f" (năm {r.target.year})" if r.target.year else "") for r in rows]
    date = format_date(rows[0].published)
    return "\n".join(bullets) + "\n📰 " + link(rows[0].title, rows[0].url) + (f" ({esc(date)})" if date else "")


def render_targets(targets: TargetList, room: int) -> str:
    """The targets a question asks for, by bulletin: indicator, value and year, then the bulletin's link;
    as many as fit (ten at most), then how many more the /chitieu button shows."""
    about = texts.TARGETS_ABOUT.format(keywords=esc(clip(targets.keywords, 100))) if targets.keywords else ""
    text = texts.TARGETS_HEADING.format(about=about, count=len(targets.rows))
    shown = 0
    for _, group in groupby(targets.rows[:TARGETS_SHOWN], key=lambda r: (r.title, r.url)):
        rows = list(group)
        piece = "\n" + _target_group(rows)
        if visible_len(text + piece) > room - 100:
            break
        text, shown = text + piece, shown + len(rows)
    if len(targets.rows) > shown:
        text += "\n" + texts.TARGETS_MORE.format(count=len(targets.rows) - shown)
    return text


def _unknown_names(answer: Answer) -> str:
    """What could not be found, in the user's words and each once (the composer may name a place both
    folded and as typed: "đồng tháp", "Đồng Tháp")."""
    seen: dict[str, str] = {}
    for name in answer.unknown:
        for part in name.split(","):
            typed = in_users_words(answer.question, part.strip())
            if typed:
                seen.setdefault(typed.casefold(), typed)
    return ", ".join(seen.values())


def _reason(answer: Answer) -> str:
    template = _REASONS.get(answer.reason) if answer.reason else None
    if template is None or not answer.unknown:
        return ""
    names = _unknown_names(answer)
    key = "names" if answer.reason == Decline.UNKNOWN_NAME else "what"
    return esc(template.format(**{key: clip(names, _NAMES_CHARS)}))


def render_help_decline(reply: Reply, index: Index, room: int) -> str:
    """No answer: what could not be found (in the user's words), the nearest fact labelled as such, what
    the bot covers, and either the nearby questions (buttons below) or how to rephrase."""
    answer = reply.answer
    if answer.reason == Decline.EMPTY:
        return esc(EMPTY_QUESTION)
    if reply.out_of_scope:
        return f"{esc(NO_ANSWER)}\n{texts.OUT_OF_SCOPE}"
    lines = [esc(NO_ANSWER)]
    reason = _reason(answer) or (texts.MISSING_WORDS.format(words=esc(clip(", ".join(reply.missing), _NAMES_CHARS)))
                                 if reply.missing else "")
    lines += [reason] if reason else []
    offer = texts.YOU_CAN_ASK if reply.suggestions else esc(REPHRASE_HINT)
    tail = [texts.SCOPE.format(count=len(index.bulletins)), offer, texts.SEE_SOURCES]
    nearest = answer.nearest
    if nearest is not None and answer.reason in _NEAREST:
        used = visible_len("\n".join(lines + tail)) + visible_len(_NEAREST[answer.reason]) + 8
        lines.append(_NEAREST[answer.reason] + "\n" + render_quote(nearest, min(room - used, 1500)))
    return "\n".join(lines + tail)


def _source_of(answer: Answer, others: int) -> str:
    assert answer.best is not None
    lines = [texts.SOURCE_OF, "📰 " + source_link(answer.best)]
    if answer.best.url:  # in full, to copy
        lines.append(esc(clip(answer.best.url, 1000)))
    if others and answer.others:
        lines += ["", f"<b>{texts.OTHER_SOURCES}</b>"] + ["• " + source_link(s) for s in answer.others[:others]]
    return "\n".join(lines)


def _paragraph_of(answer: Answer, index: Index, room: int) -> str:
    assert answer.best is not None
    ref = locate(index, answer.best)
    found = resolve(index, ref) if ref else None
    if ref is None or found is None:
        return render_quote(answer.best, room)
    bulletin, paragraph = found
    return render_paragraph(bulletin, paragraph, (ref.start, ref.start + len(answer.best.quote)), room)


def render_reply(reply: Reply, index: Index, others: int, asked: str | None = None) -> str:
    """The whole reply, in one message: the question a button asked, what a follow-up was understood as,
    then the answer, the list, the source or the paragraph asked for, or the "no answer"."""
    lead = understood_line(reply.understood)
    heading = asked_heading(asked) + lead
    room = MAX_MESSAGE - visible_len(heading)
    answer = reply.answer
    if reply.listing is not None:
        targets = reply.listing.targets
        return heading + (render_targets(targets, room) if targets is not None else render_list(reply.listing, room))
    if answer.best is None and reply.kind != Kind.ASK:  # "nguồn ở đâu?" after a "no answer"
        return heading + texts.NOTHING_TO_SHOW
    if answer.best is None:
        return heading + render_help_decline(reply, index, room)
    if reply.kind == Kind.SOURCE:
        return heading + _source_of(answer, others)
    if reply.kind == Kind.MORE:
        return heading + _paragraph_of(answer, index, room)
    return render_answer(answer, others, asked, lead)
