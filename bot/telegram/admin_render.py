"""Telegram HTML for the admin commands. Every value from files, the index or users is escaped here."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from bot.corpus_admin import Conflict, Located
from bot.telegram import admin_texts as texts
from bot.telegram.render import esc
from index.answer.plain import format_date
from index.bulletins.models import Bulletin
from index.errors import BulletinError
from index.store.build import BuildReport
from index.terms.sentences import split_sentences
from index.text import shorten

LISTED = 20  # names per list in a reindex report; the rest are counted
_FIRST_CHARS = 300
_LABEL_CHARS = 48


def failure_reason(code: str | None, reason: str) -> str:
    """Why a file cannot be used (escaped): Vietnamese for a known BulletinError code, else the library's reason."""
    template = texts.BULLETIN_ERRORS.get(code or "")
    return esc(template.format(reason=reason) if template else reason)


def bulletin_error(exc: BulletinError) -> str:
    """Why an uploaded or pasted bulletin cannot be used."""
    return failure_reason(exc.code, exc.reason)


def render_preview(bulletin: Bulletin) -> str:
    """What the parser understood, for the admin to check before saving."""
    sentences = split_sentences(bulletin.paragraphs[0].text)
    return texts.PREVIEW.format(
        title=esc(bulletin.title),
        date=esc(format_date(bulletin.published) or texts.UNKNOWN),
        url=esc(bulletin.url or texts.UNKNOWN),
        paragraphs=len(bulletin.paragraphs),
        first=esc(shorten(sentences[0] if sentences else bulletin.paragraphs[0].text, _FIRST_CHARS)),
        file=esc(bulletin.file),
    )


def render_conflicts(bulletin: Bulletin, found: Sequence[tuple[Path, Conflict]]) -> str:
    reasons = {"name": texts.CONFLICT_NAME, "url": texts.CONFLICT_URL}
    items = "\n".join(f"• <code>{esc(c.file)}</code> ({reasons.get(c.reason, c.reason)})" for _, c in found)
    return texts.CONFLICT.format(title=esc(bulletin.title), items=items)


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
    """One line per file: its name and, when known, its title."""
    lines = []
    for number, item in enumerate(items, start=1):
        title = f" – {esc(shorten(item.title, 120))}" if item.title else ""
        lines.append(f"{f'{number}.' if numbered else '•'} <code>{esc(item.name)}</code>{title}")
    return "\n".join(lines)


def button_label(prefix: str, item: Located) -> str:
    return f"{prefix} {shorten(item.title or item.name, _LABEL_CHARS)}"
