"""Bulletin files -> Bulletin models.

Reads the province's page as copied from the site (site name, section, page chrome, title, a
"(08:38 | 13/03/2023)" line, paragraphs, photo caption, URL line, credit line) and the layouts
admins paste from elsewhere: URL first, "Thứ Ba, 18/07/2023 14:30" or "Ngày 20/4/2023" date lines,
Markdown, CRLF, BOM, NFD, and an optional TOML front matter between `+++` lines.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError

from index.bulletins.dates import find_date, is_date_line
from index.bulletins.models import Bulletin, FrontMatter, Paragraph
from index.errors import BulletinError, describe
from index.text import clean_file_text, fold

log = logging.getLogger(__name__)
_URL_RE = re.compile(r"https?://[^\s<>()\[\]]+")
_URL_LINE_RE = re.compile(
    r"^(?:(?:nguồn|nguon|link|source|url|xem thêm|bài gốc|theo)\s*:?\s*)?"
    r"(?:\[[^\]]*\]\()?<?(https?://[^\s<>()\[\]]+)>?\)?\.?$",
    re.I,
)
_CHROME_RE = re.compile(
    r"^(xem với cỡ chữ|cỡ chữ|in bài|bản in|chia sẻ|share|gửi email|gửi bài|lượt xem|trang chủ|"
    r"tin liên quan|tin khác|bình luận|quay lại|về đầu trang|facebook|zalo|twitter|email|print|"
    r"[aA]\s*[-+]?\s*[aA]\s*[+]?|[aA]{2,3})\b.{0,40}$",
    re.I,
)
_CAPTION_RE = re.compile(
    r"^(toàn cảnh|quang cảnh|khung cảnh|ảnh|hình ảnh|hình|photo)\b|\(?\bảnh\s*:|\(ảnh\b|ảnh minh họa",
    re.I,
)
_HEADING_RE = re.compile(r"^#{1,6}\s+")
_MD_LINK_RE = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")
_MD_BULLET_RE = re.compile(r"^(?:[-*+]|\d+\.)\s+")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")
_SENTENCE_END = tuple(".!?:;…\"”’)»")
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
HEADER_LINES = 10


@dataclass
class _Draft:
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    credit: str | None = None
    site: str | None = None
    body: list[str] = field(default_factory=list)


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data:
        raise BulletinError(name, "binary file (NUL bytes), not a text bulletin", "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BulletinError(name, f"not UTF-8 text (bad byte at offset {exc.start})", "not_utf8") from exc
    if len(_BINARY_CONTROLS.findall(text)) > 8:
        raise BulletinError(name, "binary file (control characters), not a text bulletin", "binary")
    text = clean_file_text(text)
    if not text.strip():
        raise BulletinError(name, "empty file", "empty")
    return text


def _front_matter(name: str, text: str) -> tuple[FrontMatter | None, str]:
    lines = text.lstrip().split("\n")
    if not lines or lines[0].strip() != "+++":
        return None, text
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise BulletinError(name, "front matter opened with +++ is never closed", "bad_front_matter") from None
    try:
        meta = FrontMatter.model_validate(tomllib.loads("\n".join(lines[1:end])))
    except tomllib.TOMLDecodeError as exc:
        raise BulletinError(name, f"front matter is not valid TOML ({exc})", "bad_front_matter") from exc
    except RecursionError:
        # tomllib recurses once per level of [[[...]]] or {a = {b = ...}}: not a TOML error, but this file's.
        raise BulletinError(name, "front matter is nested too deeply", "bad_front_matter") from None
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"]) or "front matter"
        message = problem["msg"].removeprefix("Value error, ")
        raise BulletinError(name, f"front matter key '{where}': {message}", "bad_front_matter") from exc
    return meta, "\n".join(lines[end + 1 :])


def _is_blank(line: str) -> bool:
    return not line.replace("\u200b", "").replace("\ufeff", "").strip()


def _logical_lines(text: str) -> list[str]:
    """Non-blank lines, re-joining lines that were hard-wrapped inside a sentence."""
    out: list[str] = []
    glue = False
    for raw in text.split("\n"):
        if _is_blank(raw):
            glue = False
            continue
        line = " ".join(raw.split())
        if glue and out and not out[-1].endswith(_SENTENCE_END) and line[:1].islower():
            out[-1] += " " + line
        else:
            out.append(line)
        glue = True
    return out


def _url_of(line: str) -> str | None:
    found = _URL_LINE_RE.match(line)
    return found.group(1).rstrip(".,") if found else None


def _is_chrome(line: str) -> bool:
    return bool(_CHROME_RE.match(line))


def _strip_heading(line: str) -> str:
    return _HEADING_RE.sub("", line).strip().strip("*").strip()


def _take_header(lines: list[str], draft: _Draft) -> list[str]:
    """Fill title/date/url/site from the first lines; return the remaining lines."""
    head = min(len(lines), HEADER_LINES)
    date_at = next((i for i in range(head) if is_date_line(lines[i])), None)
    if date_at is not None:
        draft.published = find_date(lines[date_at])
    stop = date_at if date_at is not None else head
    candidates = [i for i in range(stop) if not _is_chrome(lines[i]) and not _url_of(lines[i])]
    for i in range(stop):
        draft.url = draft.url or _url_of(lines[i])
    headings = [i for i in candidates if _HEADING_RE.match(lines[i])]
    title_at: int | None
    if headings:
        title_at = headings[0]
    elif date_at is not None and candidates:
        title_at = candidates[-1]
    else:
        title_at = _first_title_after(lines, stop if date_at is not None else 0)
    if title_at is None:
        return lines[stop + 1 :] if date_at is not None else lines
    draft.title = draft.title or _strip_heading(lines[title_at])
    before = [lines[i] for i in candidates if i < title_at]
    draft.site = before[0] if before else None
    return lines[max(title_at, date_at if date_at is not None else -1) + 1 :]


def _first_title_after(lines: list[str], start: int) -> int | None:
    for i in range(start, min(len(lines), start + HEADER_LINES)):
        if not _is_chrome(lines[i]) and not _url_of(lines[i]) and not is_date_line(lines[i]):
            return i
    return None


def _is_credit(line: str) -> bool:
    """A short trailing line naming an author or source, not a sentence of the body."""
    words = line.split()
    return len(words) <= 10 and len(line) <= 90 and not line.rstrip(")").endswith((".", "!", "?", ":"))


def _take_trailer(lines: list[str], draft: _Draft) -> list[str]:
    """Fill url/credit from the last lines; return the lines before them."""
    end = len(lines)
    tail_start = max(0, end - 4)
    url_at = next((i for i in range(end - 1, tail_start - 1, -1) if _url_of(lines[i])), None)
    if url_at is not None:
        draft.url = draft.url or _url_of(lines[url_at])
        credit = [line for line in lines[url_at + 1 :] if not _is_chrome(line)]
        draft.credit = draft.credit or (" ".join(credit) if credit else None)
        return lines[:url_at]
    if len(lines) > 1 and _is_credit(lines[-1]):
        draft.credit = draft.credit or lines[-1]
        return lines[:-1]
    return lines


def _markdown_body(line: str) -> str:
    """A Markdown body line as plain text: list markers and emphasis go, link texts stay."""
    line = _MD_BULLET_RE.sub("", _HEADING_RE.sub("", line))
    line = _MD_LINK_RE.sub(lambda m: m.group(1), line) if not _URL_LINE_RE.match(line) else line
    return _MD_EMPHASIS_RE.sub(lambda m: m.group(2), line)


def _draft(name: str, text: str) -> _Draft:
    meta, body_text = _front_matter(name, text)
    draft = _Draft()
    if meta is not None:
        draft = _Draft(meta.title, meta.url, meta.date, meta.credit or meta.source, meta.source)
    lines = _logical_lines(body_text)
    if meta is None or meta.title is None:
        lines = _take_header(lines, draft)
    else:
        lines = [line for line in lines if fold(_strip_heading(line)) != fold(meta.title)]
    lines = _take_trailer(lines, draft)
    draft.body = [line for line in lines if not _is_chrome(line) and not is_date_line(line)]
    for line in draft.body:
        draft.url = draft.url or _url_of(line)
    draft.body = [line for line in draft.body if not _url_of(line)]
    if name.lower().endswith(".md"):
        draft.body = [text for text in map(_markdown_body, draft.body) if text]
    if meta is None and draft.url is None:
        raise BulletinError(name, "no source URL line and no front matter with a url", "no_url")
    return draft


def parse_bulletin(name: str, data: bytes) -> Bulletin:
    """Parse one bulletin file; raise BulletinError naming the file and the reason.

    Whatever goes wrong with one file is that file's failure, never the caller's: a build, a check
    or an upload preview reports it and goes on (an unexpected error is logged with its traceback).
    """
    try:
        return _parse(name, data)
    except BulletinError:
        raise
    except Exception as exc:
        log.warning("bulletin %s could not be parsed", name, exc_info=True)
        raise BulletinError(name, f"cannot be read as a bulletin ({describe(exc)})") from exc


def _parse(name: str, data: bytes) -> Bulletin:
    draft = _draft(name, _decode(name, data))
    if not draft.title:
        raise BulletinError(name, "no title line found", "no_title")
    captions = tuple(line for line in draft.body if _CAPTION_RE.search(line) and len(line) < 300)
    paragraphs = [line for line in draft.body if line not in captions]
    if not paragraphs:
        raise BulletinError(name, "no body paragraphs", "no_body")
    return Bulletin(
        file=name,
        title=draft.title,
        url=draft.url,
        published=draft.published,
        credit=draft.credit,
        site=draft.site,
        paragraphs=tuple(Paragraph(text=t, position=i) for i, t in enumerate(paragraphs)),
        captions=captions,
        fingerprint=fingerprint(data),
    )
