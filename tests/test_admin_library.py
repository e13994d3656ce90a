"""Admin operations without Telegram: live reindex and reload, corpus changes, the question log."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.corpus_admin import (
    add_bulletin,
    check_bulletin,
    remove_bulletin,
    restore_bulletin,
    safe_name,
    trashed,
)
from bot.corpus_lock import CorpusChangeError
from bot.live import ReindexBusy
from bot.questionlog import DAY, normalise_question, open_question_log, stats_text
from index.engine import rebuild
from index.errors import BulletinError, CorpusError
from index.store.format import load_index
from index.terms.lexicon import Lexicon
from tests.support.paths import ROOT, SEED_DIR, SEED_FILE, TEST_CORPUS
from tests.support.sites import live_index

NEW_BULLETIN = """https://tin.example.test/test/cang-bien-moi
Khởi công cảng biển nước sâu thử nghiệm tại Kiên Lương
Ngày 5/9/2023
Sáng 5/9, tỉnh khởi công cảng biển nước sâu thử nghiệm Hòn Chông với tổng vốn 2.700 tỷ đồng.
Cảng biển dự kiến đón tàu 50.000 tấn từ năm 2026.
""".encode()


def test_reindex_swaps_in_new_bulletins_while_old_answers_keep_coming(tmp_path: Path) -> None:
    live = live_index(tmp_path)
    before = live.engine
    (live.corpus[0] / "cang.txt").write_bytes(NEW_BULLETIN)
    answers: list[bool] = []
    stop = threading.Event()

    def ask_meanwhile() -> None:
        while not stop.is_set():
            answers.append(live.engine.ask("GRDP bình quân đầu người 2030").answered)

    asker = threading.Thread(target=ask_meanwhile)
    asker.start()
    try:
        report = live.reindex()
    finally:
        stop.set()
        asker.join()
    assert answers and all(answers)  # none lost while the build ran
    assert [r.file for r in report.with_status("added")] == ["cang.txt"]
    assert not before.ask("cảng biển nước sâu Hòn Chông vốn bao nhiêu").answered
    assert "2.700 tỷ đồng" in (live.engine.ask("cảng biển nước sâu Hòn Chông vốn bao nhiêu").best.quote)


def test_second_reindex_while_one_runs_is_refused(tmp_path: Path) -> None:
    live = live_index(tmp_path)
    started, release = threading.Event(), threading.Event()

    def slow(done: int, total: int) -> None:
        started.set()
        release.wait(10)

    (live.corpus[0] / "cang.txt").write_bytes(NEW_BULLETIN)
    worker = threading.Thread(target=live.reindex, kwargs={"progress": slow})
    worker.start()
    try:
        assert started.wait(10)
        assert live.busy
        with pytest.raises(ReindexBusy):
            live.reindex()
    finally:
        release.set()
        worker.join()
    assert not live.busy


def test_failed_reindex_keeps_old_index_serving_and_on_disk(tmp_path: Path) -> None:
    live = live_index(tmp_path)
    before, on_disk = live.engine, (tmp_path / "index.zip").read_bytes()
    (live.corpus[0] / SEED_FILE).write_bytes(b"\x00not a bulletin")
    with pytest.raises(CorpusError, match=SEED_FILE):
        live.reindex()
    assert live.engine is before and live.engine.ask("GRDP 2030").answered
    assert (tmp_path / "index.zip").read_bytes() == on_disk


def test_index_replaced_from_the_shell_is_picked_up(tmp_path: Path, lexicon: Lexicon) -> None:
    live = live_index(tmp_path)
    assert not live.reload_if_changed()
    (live.corpus[0] / "cang.txt").write_bytes(NEW_BULLETIN)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "index", "--corpus", str(live.corpus[0]), "--index", str(live.index_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert live.reload_if_changed()
    assert live.engine.index.by_file("cang.txt") is not None
    assert not live.reload_if_changed()


def test_broken_file_on_disk_does_not_replace_the_serving_index(tmp_path: Path) -> None:
    live = live_index(tmp_path)
    before = live.engine
    live.index_path.write_bytes(b"truncated")
    assert not live.reload_if_changed()
    assert live.engine is before


def test_killing_a_reindex_at_any_moment_leaves_a_usable_index(tmp_path: Path, lexicon: Lexicon) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TEST_CORPUS, corpus)
    shutil.copy(SEED_DIR / SEED_FILE, corpus)
    index_path = tmp_path / "index.zip"
    rebuild([corpus], index_path, lexicon)
    good = {b.file for b in load_index(index_path).bulletins}
    for i, delay in enumerate([0.05, 0.3, 0.6, 0.9, 1.2, 1.6, 2.0]):
        (corpus / f"extra{i}.txt").write_bytes(NEW_BULLETIN.replace(b"cang-bien-moi", f"cang-{i}".encode()))
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "index", "--corpus", str(corpus), "--index", str(index_path)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        files = {b.file for b in load_index(index_path).bulletins}  # loads: never half-written
        assert good <= files <= good | {f"extra{j}.txt" for j in range(i + 1)}


def test_add_checks_parses_and_never_overwrites_silently(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bulletin = check_bulletin("cang.txt", NEW_BULLETIN)
    assert add_bulletin(corpus, bulletin, NEW_BULLETIN) == []
    with pytest.raises(CorpusChangeError, match="cang.txt"):
        add_bulletin(corpus, bulletin, NEW_BULLETIN)
    same_url = check_bulletin("other-name.txt", NEW_BULLETIN.replace("Ngày 5/9/2023".encode(), "Ngày 6/9/2023".encode()))
    with pytest.raises(CorpusChangeError, match=r"cang.txt \(url\)"):
        add_bulletin(corpus, same_url, NEW_BULLETIN)
    assert add_bulletin(corpus, same_url, NEW_BULLETIN, replace=True) == ["cang.txt"]
    assert sorted(p.name for p in corpus.iterdir() if p.is_file() and not p.name.startswith(".")) == ["other-name.txt"]
    assert trashed(corpus) == ["cang.txt"]


def test_bad_uploads_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(BulletinError) as caught:
        check_bulletin("x.txt", b"\x00\x01")
    assert caught.value.code == "binary"
    with pytest.raises(BulletinError, match="too large"):
        check_bulletin("x.txt", b"a" * (600 * 1024))


def test_remove_and_restore(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(NEW_BULLETIN)
    assert remove_bulletin(corpus, "a.txt") == "a.txt"
    (corpus / "a.txt").write_bytes(NEW_BULLETIN)
    assert remove_bulletin(corpus, "a.txt") == "a.2.txt"
    assert trashed(corpus) == ["a.2.txt", "a.txt"]
    assert restore_bulletin(corpus, "a.2.txt") == "a.txt"
    with pytest.raises(CorpusChangeError, match="exists"):
        restore_bulletin(corpus, "a.txt")
    with pytest.raises(CorpusChangeError):
        remove_bulletin(corpus, "../../etc/passwd")


def test_safe_names() -> None:
    assert safe_name("Bản tin mới.TXT") == "ban-tin-moi.txt"
    assert safe_name("../../x/y.md") == "y.md"
    assert safe_name("ảnh.pdf") == "anh.txt"
    assert safe_name("???.txt") == "bulletin.txt"


def test_question_log_stats_on_a_known_log(tmp_path: Path) -> None:
    log = open_question_log(tmp_path / "q.sqlite", retention_days=30)
    now = 1_700_000_000.0
    rows = [
        (1, "GRDP 2030?", True, 10.0, now - 3600), (2, "Giá vàng hôm nay?", False, 20.0, now - 7200),
        (3, "giá VÀNG hôm nay", False, 30.0, now - 2 * DAY), (1, "Lịch cúp điện", False, 40.0, now - 3 * DAY),
        (2, "KCN?", True, 50.0, now - 10 * DAY), (3, "cũ lắm", False, 5.0, now - 40 * DAY),
    ]
    ids = [log.log(u, "private", q, a, "x.txt" if a else None, 0.9 if a else None, ms, now=t) for u, q, a, ms, t in rows]
    assert log.feedback(ids[0], +1) and log.feedback(ids[1], -1) and not log.feedback(9999, 1)
    stats = log.stats(now=now)
    assert (stats.day, stats.week) == (2, 4)
    assert stats.answered_rate == pytest.approx(0.25)
    assert stats.median_latency_ms == pytest.approx(25.0)
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert stats.unanswered == [("giá vàng hôm nay", 2), ("lịch cúp điện", 1)]
    assert log.prune(now=now) == 1
    assert "Câu hỏi 7 ngày qua: 4" in stats_text(stats)


def test_question_log_stores_no_user_id(tmp_path: Path) -> None:
    log = open_question_log(tmp_path / "q.sqlite")
    log.log(123456789, "group", "<b>Xin</b>  chào!!", False, None, None, 1.0)
    raw = (tmp_path / "q.sqlite").read_bytes() + (tmp_path / "q.sqlite-wal").read_bytes()
    assert b"123456789" not in raw
    assert log.user_hash(123456789) == open_question_log(tmp_path / "q.sqlite").user_hash(123456789)
    assert normalise_question("<b>Xin</b>  chào!!") == "xin chào"
    assert oct((tmp_path / "q.salt").stat().st_mode)[-3:] == "600"


def test_stats_command(tmp_path: Path) -> None:
    log = open_question_log(tmp_path / "questions.sqlite")
    log.log(1, "private", "Giá vàng?", False, None, None, 12.0)
    log.close()
    done = subprocess.run([sys.executable, "-m", "bot", "stats", "--index", str(tmp_path / "index.zip"), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    data = json.loads(done.stdout)
    assert data["day"] == 1 and data["unanswered"] == [["giá vàng", 1]]
    missing = subprocess.run([sys.executable, "-m", "bot", "stats", "--log", str(tmp_path / "none.sqlite")],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 0 and "no question log" in missing.stderr  # before the bot ever ran: zeros
    assert "Câu hỏi 24 giờ qua: 0" in missing.stdout


def test_stats_command_finds_the_log_through_the_bot_config(tmp_path: Path) -> None:
    log = open_question_log(tmp_path / "logs" / "asked.sqlite")
    log.log(1, "group", "Lịch cúp điện?", False, None, None, 3.0)
    log.close()
    config = tmp_path / "config.toml"
    config.write_text(f'[question_log]\npath = "{tmp_path / "logs" / "asked.sqlite"}"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "stats", "--config", str(config), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert json.loads(done.stdout)["unanswered"] == [["lịch cúp điện", 1]], done.stderr
