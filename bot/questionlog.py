"""What people ask: a SQLite log (stdlib sqlite3, WAL) of questions, answers and feedback.

User ids are never stored: a salted HMAC of the id is, so one user's questions can be counted
together without knowing who they are. Rows older than the retention period are pruned.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import statistics
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from index.text import clean_input, fold

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    asked_at REAL NOT NULL,
    chat_type TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    question TEXT NOT NULL,
    question_key TEXT NOT NULL,
    answered INTEGER NOT NULL,
    file TEXT,
    score REAL,
    latency_ms REAL,
    feedback INTEGER
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE TABLE IF NOT EXISTS votes (
    question_id INTEGER NOT NULL,
    voter_hash TEXT NOT NULL,
    value INTEGER NOT NULL,
    voted_at REAL NOT NULL,
    PRIMARY KEY (question_id, voter_hash)
);
"""
# Added after the first release: logs created before them get the column on opening.
_ADDED_COLUMNS = {"chat_hash": "TEXT"}
DAY = 86400.0


def normalise_question(text: str) -> str:
    """The question as logged: cleaned, lower case, punctuation gone, single spaces."""
    cleaned = clean_input(text, 500).lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in cleaned).split())


_MAX_ROW = 2**63 - 1  # SQLite's largest row id; a larger Python int raises OverflowError


class Vote(StrEnum):
    """What became of a 👍/👎 press."""

    RECORDED = "recorded"  # a first vote, or a changed one
    SAME = "same"  # the voter pressed the vote they had already given
    GONE = "gone"  # pruned, or never logged
    NOT_YOURS = "not_yours"  # someone else asked the question (in a private chat), or another chat's answer


@dataclass(frozen=True)
class Ballot:
    """A press's outcome, and the answer's votes after it: one per voter, the latest."""

    outcome: Vote
    up: int = 0
    down: int = 0
    mine: int = 0  # the voter's vote now: 1, -1, or 0 (none)


@dataclass(frozen=True)
class Stats:
    day: int
    week: int
    answered_rate: float  # over the week
    median_latency_ms: float | None  # over the week
    thumbs_up: int
    thumbs_down: int
    unanswered: list[tuple[str, int]]  # top normalised questions without an answer, with counts


NO_STATS = Stats(0, 0, 0.0, None, 0, 0, [])  # before the bot has logged anything
CHART_DAYS = 30


@dataclass(frozen=True)
class DayCounts:
    """One calendar day (local time) of the question log: what the /thongke chart draws."""

    day: date
    questions: int = 0
    answered: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0


def day_window(days: int = CHART_DAYS, now: float | None = None) -> list[DayCounts]:
    """The last `days` days up to today, oldest first, with nothing counted yet."""
    today = datetime.fromtimestamp(now or time.time()).date()
    return [DayCounts(today - timedelta(days=n)) for n in range(days - 1, -1, -1)]


def load_salt(path: Path) -> bytes:
    """The secret salt next to the log, created once (mode 0600)."""
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(salt)
    return salt


PRIVATE_MODE = 0o600
_COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps beside the database


def _private(path: Path) -> None:
    """The log holds personal data: create it 0600 before SQLite opens it (SQLite gives its -wal and
    -shm files the database's mode), and take group and other access away from an older log."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
    except FileExistsError:
        pass
    for file in (path, *(path.with_name(path.name + suffix) for suffix in _COMPANIONS)):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(PRIVATE_MODE)
        except FileNotFoundError:
            continue


def log_path(index_path: Path) -> Path:
    """Where the question log lives by default: next to the index."""
    return index_path.parent / "questions.sqlite"


def open_question_log(path: Path, retention_days: int = 180) -> QuestionLog:
    """The log at `path`, with its salt in a file beside it (`questions.salt`)."""
    return QuestionLog(path, load_salt(path.with_suffix(".salt")), retention_days)


class QuestionLog:
    """Thread-safe: the bot logs from its event loop and from worker threads."""

    def __init__(self, path: Path, salt: bytes, retention_days: int = 180) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _private(path)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL cannot corrupt the log; it may lose the last rows on a power cut, which
        # a question log can afford, and it saves an fsync on every question.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(questions)")}
        for name, kind in _ADDED_COLUMNS.items():
            if name not in columns:
                self._db.execute(f"ALTER TABLE questions ADD COLUMN {name} {kind}")
        self._lock = threading.Lock()
        self._salt = salt
        self.retention_days = retention_days

    def user_hash(self, user_id: int) -> str:
        return hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def chat_hash(self, chat_id: int) -> str:
        """A chat's salted hash, apart from users' (a private chat's id is its user's id)."""
        return hmac.new(self._salt, f"chat:{chat_id}".encode(), hashlib.sha256).hexdigest()[:32]

    def log(
        self, user_id: int, chat_type: str, question: str, answered: bool, file: str | None,
        score: float | None, latency_ms: float, now: float | None = None, chat_id: int | None = None,
    ) -> int:
        """Record a question; returns its row id (the handle for feedback). `chat_id` (hashed) lets the
        members of a group vote on its answers."""
        normal = normalise_question(question)
        chat = self.chat_hash(chat_id) if chat_id is not None else None
        row = (now or time.time(), chat_type, self.user_hash(user_id), normal, fold(normal), int(answered),
               file, score, latency_ms, chat)
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO questions (asked_at, chat_type, user_hash, question, question_key, answered, file,"
                " score, latency_ms, chat_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row,
            )
            return int(cursor.lastrowid or 0)

    def feedback(self, row_id: int, value: int) -> bool:
        """Record 👍 (+1) or 👎 (-1) on a logged answer, whoever asked it; False when the row is gone.
        Users' votes go through `vote`, which checks the voter."""
        if not 0 < row_id <= _MAX_ROW:
            return False
        with self._lock:
            cursor = self._db.execute(
                "UPDATE questions SET feedback = ? WHERE id = ?", (1 if value > 0 else -1, row_id)
            )
            return cursor.rowcount == 1

    def vote(self, row_id: int, value: int, voter: int, chat_id: int | None = None, now: float | None = None) -> Ballot:
        """Record the `voter`'s 👍 (+1) or 👎 (-1) on an answer; a second press replaces their vote.

        The buttons carry the row number for all to see (and to forge): in a private chat only the asker
        may vote; in a group, any member, pressing in that group (`chat_id`) — one vote each.
        """
        if not 0 < row_id <= _MAX_ROW:
            return Ballot(Vote.GONE)
        voter_hash, vote = self.user_hash(voter), 1 if value > 0 else -1
        with self._lock:
            found = self._db.execute(
                "SELECT user_hash, chat_type, chat_hash FROM questions WHERE id = ?", (row_id,)).fetchone()
            if found is None:
                return Ballot(Vote.GONE)
            if not self._may_vote(found, voter_hash, chat_id):
                return Ballot(Vote.NOT_YOURS)
            before = self._db.execute("SELECT value FROM votes WHERE question_id = ? AND voter_hash = ?",
                                      (row_id, voter_hash)).fetchone()
            self._db.execute("INSERT OR REPLACE INTO votes (question_id, voter_hash, value, voted_at)"
                             " VALUES (?, ?, ?, ?)", (row_id, voter_hash, vote, now or time.time()))
            if hmac.compare_digest(found[0], voter_hash):  # the asker's own vote, as before votes were per voter
                self._db.execute("UPDATE questions SET feedback = ? WHERE id = ?", (vote, row_id))
            counts = dict(self._db.execute("SELECT value, COUNT(*) FROM votes WHERE question_id = ? GROUP BY value",
                                           (row_id,)).fetchall())
        outcome = Vote.SAME if before is not None and before[0] == vote else Vote.RECORDED
        return Ballot(outcome, counts.get(1, 0), counts.get(-1, 0), vote)

    def _may_vote(self, found: tuple[str, str, str | None], voter_hash: str, chat_id: int | None) -> bool:
        asker_hash, chat_type, chat = found
        if chat_type == "private" or chat is None:  # older rows know no chat: the asker only
            return hmac.compare_digest(asker_hash, voter_hash)
        return chat_id is not None and hmac.compare_digest(chat, self.chat_hash(chat_id))

    def prune(self, now: float | None = None) -> int:
        cutoff = (now or time.time()) - self.retention_days * DAY
        with self._lock:
            removed = self._db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
            self._db.execute("DELETE FROM votes WHERE question_id NOT IN (SELECT id FROM questions)")
            return removed

    def stats(self, now: float | None = None, top: int = 10) -> Stats:
        now = now or time.time()
        with self._lock:
            day = self._count("asked_at >= ?", now - DAY)
            week_rows = self._db.execute(
                "SELECT answered, latency_ms FROM questions WHERE asked_at >= ?", (now - 7 * DAY,)
            ).fetchall()
            up, down = self._votes(now - 7 * DAY, 1), self._votes(now - 7 * DAY, -1)
            unanswered = self._db.execute(
                "SELECT MIN(question), COUNT(*) AS n FROM questions WHERE answered = 0 AND question != ''"
                " AND asked_at >= ? GROUP BY question_key ORDER BY n DESC, MIN(asked_at) LIMIT ?",
                (now - 7 * DAY, top),
            ).fetchall()
        latencies = [r[1] for r in week_rows if r[1] is not None]
        return Stats(
            day=day, week=len(week_rows),
            answered_rate=sum(r[0] for r in week_rows) / len(week_rows) if week_rows else 0.0,
            median_latency_ms=statistics.median(latencies) if latencies else None,
            thumbs_up=up, thumbs_down=down, unanswered=[(q, n) for q, n in unanswered],
        )

    def daily(self, days: int = CHART_DAYS, now: float | None = None) -> list[DayCounts]:
        """Questions, answered ones and 👍/👎 per local calendar day over the last `days` days (today
        included), oldest first; a day without questions is zeros. Votes count as in `stats` (each
        voter's latest), on the day of the question they are about."""
        window = day_window(days, now)
        start = datetime.combine(window[0].day, datetime.min.time()).timestamp()
        end = datetime.combine(window[-1].day + timedelta(days=1), datetime.min.time()).timestamp()
        with self._lock:
            asked = self._db.execute(
                "SELECT date(asked_at, 'unixepoch', 'localtime') AS day, COUNT(*), SUM(answered) FROM questions"
                " WHERE asked_at >= ? AND asked_at < ? GROUP BY day", (start, end)).fetchall()
            votes = self._db.execute(
                "WITH ballots AS (SELECT question_id AS id, value FROM votes UNION ALL SELECT id, feedback"
                " FROM questions WHERE feedback IS NOT NULL AND id NOT IN (SELECT question_id FROM votes))"
                " SELECT date(q.asked_at, 'unixepoch', 'localtime') AS day, SUM(b.value = 1), SUM(b.value = -1)"
                " FROM ballots b JOIN questions q ON q.id = b.id WHERE q.asked_at >= ? AND q.asked_at < ?"
                " GROUP BY day", (start, end)).fetchall()
        counts = {day: (int(n), int(a or 0)) for day, n, a in asked}
        ballots = {day: (int(u or 0), int(d or 0)) for day, u, d in votes}
        return [DayCounts(d.day, *counts.get(d.day.isoformat(), (0, 0)), *ballots.get(d.day.isoformat(), (0, 0)))
                for d in window]

    def _votes(self, since: float, value: int) -> int:
        """Votes of this value on questions asked since: each voter's latest per answer, and the votes of
        rows that have only the asker's (set by `feedback`, or logged before votes were per voter)."""
        per_voter = self._db.execute(
            "SELECT COUNT(*) FROM votes JOIN questions ON questions.id = votes.question_id"
            " WHERE votes.value = ? AND questions.asked_at >= ?", (value, since)).fetchone()[0]
        older = self._count("feedback = ? AND asked_at >= ? AND id NOT IN (SELECT question_id FROM votes)",
                            value, since)
        return int(per_voter) + older

    def _count(self, where: str, *args: object) -> int:
        return int(self._db.execute(f"SELECT COUNT(*) FROM questions WHERE {where}", args).fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def stats_text(stats: Stats) -> str:
    """Vietnamese summary for admins (plain text; escape it before putting it in HTML)."""
    latency = f"{stats.median_latency_ms:.0f} ms" if stats.median_latency_ms is not None else "—"
    lines = [
        f"Câu hỏi 24 giờ qua: {stats.day}",
        f"Câu hỏi 7 ngày qua: {stats.week}",
        f"Tỷ lệ trả lời được (7 ngày): {stats.answered_rate:.0%}",
        f"Thời gian trả lời trung vị: {latency}",
        f"Phản hồi (7 ngày): 👍 {stats.thumbs_up} · 👎 {stats.thumbs_down}",
    ]
    if stats.unanswered:
        lines += ["", "Câu hỏi chưa trả lời được nhiều nhất:"]
        lines += [f"{i}. {q} ({n} lần)" for i, (q, n) in enumerate(stats.unanswered, 1)]
    return "\n".join(lines)
