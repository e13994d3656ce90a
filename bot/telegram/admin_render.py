"""Telegram HTML for the admin commands. Every value from files, the index or users is escaped here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bot.corpus_admin import Conflict, Located
from bot.corpus_lock import CorpusWriteError
from bot.live import DriftRepair
from bot.telegram import admin_texts as texts
from bot.telegram.render import clip, esc
from bot.telegram.split import MAX_MESSAGE, visible_len
from bot.trash import DELETED, REPLACED, Trashed
from index.answer.plain import format_date
from index.bulletins.models import Bulletin
from index.errors import BulletinError
from index.store.build import BuildReport
from index.terms.sentences import split_sentences
from index.text import shorten

LISTED = 20  # names per list in a reindex report; the rest are counted
_FIRST_CHARS = 300
_LABEL_CHARS = 48
# Caps on what files, the parser and admins put in a reply, so that each reply fits one message.
_FIELD_CHARS = 300  # a title or URL in a preview
_NAME_CHARS = 100  # a file name in a list
_REASON_CHARS = 600  # why a file cannot be used (it may quote a front-matter key of any length)
_QUERY_CHARS = 100  # what the admin typed, quoted back
_LIST_ROOM = MAX_MESSAGE // 2  # a list of bulletins leaves the other half to its message


def echo(query: str) -> str:
    """What the admin typed after a command, escaped and capped, to quote back in a reply."""
    return esc(clip(query, _QUERY_CHARS))


def failure_reason(code: str | None, reason: str) -> str:
    """Why a file cannot be used (escaped): Vietnamese for a known BulletinError code, else the library's reason."""
    template = texts.BULLETIN_ERRORS.get(code or "")
    return esc(clip(template.format(reason=reason) if template else reason, _REASON_CHARS))


def bulletin_error(exc: BulletinError) -> str:
    """Why an uploaded or pasted bulletin cannot be used."""
    return failure_reason(exc.code, exc.reason)


def render_preview(bulletin: Bulletin) -> str:
    """What the parser understood, for the admin to check before saving."""
    sentences = split_sentences(bulletin.paragraphs[0].text)
    return texts.PREVIEW.format(
        title=esc(clip(bulletin.title, _FIELD_CHARS)),
        date=esc(format_date(bulletin.published) or texts.UNKNOWN),
        url=esc(clip(bulletin.url or texts.UNKNOWN, _FIELD_CHARS)),
        paragraphs=len(bulletin.paragraphs),
        first=esc(shorten(sentences[0] if sentences else bulletin.paragraphs[0].text, _FIRST_CHARS)),
        file=esc(clip(bulletin.file, _FIELD_CHARS)),
    )


def render_conflicts(bulletin: Bulletin, found: Sequence[tuple[Path, Conflict]]) -> str:
    reasons = {"name": texts.CONFLICT_NAME, "url": texts.CONFLICT_URL}
    items = "\n".join(f"• <code>{esc(clip(c.file, _NAME_CHARS))}</code> ({reasons.get(c.reason, c.reason)})"
                      for _, c in found)
    return texts.CONFLICT.format(title=esc(clip(bulletin.title, _FIELD_CHARS)), items=items)


def _names(label: str, names: Sequence[str]) -> list[str]:
    if not names:
        return []
    shown = ", ".join(esc(n) for n in names[:LISTED])
    more = " " + texts.REPORT_MORE.format(count=len(names) - LISTED) if len(names) > LISTED else ""
    return [f"{label} ({len(names)}): {shown}{more}"]


def render_report(report: BuildReport) -> str:
    """Counts, time taken, what changed, and each file that failed with its reason."""
    lines = [texts.REPORT_HEAD.format(bulletins=report.bulletins, paragraphs=report.paragraphs,
                                      seconds=f"{report.seconds:.1f}")]
    lines += _names(texts.REPORT_ADDED, [r.file for r in report.with_status("added")])
    lines += _names(texts.REPORT_CHANGED, [r.file for r in report.with_status("changed")])
    lines += _names(texts.REPORT_REMOVED, list(report.removed))
    if len(lines) == 1:
        lines.append(texts.REPORT_NOTHING_CHANGED)
    if report.failed:
        lines += ["", f"{texts.REPORT_FAILED} ({len(report.failed)}):"]
        lines += [f"• <code>{esc(r.file)}</code>: {failure_reason(r.code, r.reason or '')}"
                  for r in report.failed[:LISTED]]
        if len(report.failed) > LISTED:
            lines.append(texts.REPORT_MORE.format(count=len(report.failed) - LISTED))
    return "\n".join(lines)


def render_located(items: Sequence[Located], numbered: bool = False) -> str:
    """One line per file: its name and, when known, its title; past half a message the rest are counted."""
    lines = []
    for number, item in enumerate(items, start=1):
        title = f" – {esc(shorten(item.title, 120))}" if item.title else ""
        lines.append(f"{f'{number}.' if numbered else '•'} <code>{esc(clip(item.name, _NAME_CHARS))}</code>{title}")
    return _within_room(lines)


def _within_room(lines: Sequence[str]) -> str:
    """The lines, one per item, while they fit half a message; the items left over are counted."""
    shown: list[str] = []
    used = 0
    for number, line in enumerate(lines, start=1):
        used += visible_len(line) + 1
        if used > _LIST_ROOM:
            shown.append(texts.REPORT_MORE.format(count=len(lines) - number + 1))
            break
        shown.append(line)
    return "\n".join(shown)


def button_label(prefix: str, item: Located) -> str:
    return f"{prefix} {shorten(item.title or item.name, _LABEL_CHARS)}"


def _when(moment: datetime) -> str:
    return moment.strftime("%H:%M %d/%m/%Y")


def _why(entry: Trashed) -> str:
    return {DELETED: texts.TRASH_DELETED, REPLACED: texts.TRASH_REPLACED}.get(entry.reason or "", texts.TRASH_UNKNOWN)


def render_trash(entries: Sequence[Trashed]) -> str:
    """One entry per version: its title, its name, when it went to the trash and why, and a warning when
    a file of its name is in the corpus (its button then says "Thay thế"); past half a message, counted."""
    lines = []
    for number, entry in enumerate(entries, start=1):
        title = f"<b>{esc(shorten(entry.title, 120))}</b>" if entry.title else texts.NO_TITLE
        line = texts.TRASH_ITEM.format(number=number, title=title, name=esc(clip(entry.name, _NAME_CHARS)),
                                       reason=_why(entry), when=_when(entry.trashed_at))
        if entry.blocked:
            line += texts.TRASH_ITEM_BLOCKED.format(file=esc(clip(entry.original, _NAME_CHARS)))
        lines.append(line)
    return _within_room(lines)


def restore_labels(entries: Sequence[Trashed]) -> list[str]:
    """A button per version: its number in the list (so no two versions share a label), when it went to
    the trash and its title; "Thay thế" when restoring it replaces a file of the same name."""
    labels = []
    for number, entry in enumerate(entries, start=1):
        prefix = texts.REPLACE if entry.blocked else "♻️"
        when = entry.trashed_at.strftime("%d/%m %H:%M")
        labels.append(f"{prefix} {number}. {when} {shorten(entry.title or entry.name, _LABEL_CHARS - 14)}")
    return labels


def render_restored(name: str, entry: Trashed | None, versions: int = 1, replaced: bool = False) -> str:
    """What was restored: which version (the newest of several, when the admin named the file)."""
    version = ""
    if entry is not None:
        template = texts.RESTORED_NEWEST if versions > 1 else texts.RESTORED_VERSION
        version = template.format(count=versions, reason=_why(entry), when=_when(entry.trashed_at))
    moved = texts.RESTORED_REPLACED.format(file=esc(name)) if replaced else ""
    return texts.RESTORED.format(file=esc(name), version=version, replaced=moved)


def render_restore_replace(entry: Trashed | None, name: str) -> str:
    """The question asked when a restore would replace a file of the same name."""
    version = texts.RESTORED_VERSION.format(reason=_why(entry), when=_when(entry.trashed_at)) if entry else ""
    return texts.CONFIRM_RESTORE_REPLACE.format(file=esc(clip(name, _NAME_CHARS)), version=version)


def write_refused(exc: CorpusWriteError) -> str:
    """The corpus folder refused a change: read-only (the usual case) or another file system error."""
    folder = esc(clip(str(exc.folder), _FIELD_CHARS))
    if exc.read_only:
        return texts.CORPUS_READ_ONLY.format(folder=folder)
    return texts.CORPUS_WRITE_FAILED.format(folder=folder, reason=esc(clip(exc.reason, _REASON_CHARS)))


def render_drift(repair: DriftRepair) -> str:
    """What admins are told when the index was found out of step with the corpus, and what was done."""
    drift = repair.drift
    head = texts.DRIFT_HEAD.format(added=len(drift.added), changed=len(drift.changed), removed=len(drift.removed))
    if repair.report is None:
        return f"{head}\n{texts.DRIFT_NOT_REPAIRED.format(reason=esc(clip(repair.error or '', _REASON_CHARS)))}"
    return f"{head} {texts.DRIFT_REPAIRED}\n\n{render_report(repair.report)}"
