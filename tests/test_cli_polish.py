"""The command line's rough edges (issue 13), through the real `nqbot` process: a query with no target
says so, JSON is UTF-8, counts agree with their number, no "build it with nqbot index" while building,
stats before the bot ever ran, titles cut at a word, and `nqbot stats --plot`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.questionlog import DAY, open_question_log
from index.text import shorten
from tests.support.images import png_size
from tests.support.paths import ROOT, SEED_DIR, SEED_FILE


def nqbot(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          timeout=180, env=env, encoding="utf-8")


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("polish") / "index.zip"
    assert nqbot("index", "--corpus", str(SEED_DIR), "--index", str(path)).returncode == 0
    return path


def test_targets_query_without_a_match_says_so(seed_index: Path) -> None:
    text = nqbot("targets", "--query", "xyz", "--index", str(seed_index))
    assert text.returncode == 0 and text.stdout.strip() == "Không tìm thấy chỉ tiêu nào khớp với “xyz”."
    for shape, empty in (("--json", "[]"), ("--csv", "year,indicator,value")):
        done = nqbot("targets", shape, "--query", "xyz", "--index", str(seed_index))
        assert done.stdout.startswith(empty)  # still machine-readable...
        assert "Không tìm thấy chỉ tiêu nào khớp với “xyz”." in done.stderr  # ...and told beside it


def test_ask_json_is_utf8_whatever_the_locale(seed_index: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "latin-1"}
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "tỷ lệ đô thị hóa 2030", "--index",
                           str(seed_index),], capture_output=True, cwd=ROOT, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    assert b"\\u" not in done.stdout
    assert json.loads(done.stdout.decode("utf-8"))["quote"] == "Tỷ lệ đô thị hóa đạt từ 50-55%."


def test_counts_agree_with_their_number_and_no_advice_to_build_while_building(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / SEED_FILE, corpus)
    index = tmp_path / "i.zip"
    built = nqbot("-v", "ask", "KCN", "--corpus", str(corpus), "--index", str(index))
    assert "nqbot: built the index (1 bulletin, 11 paragraphs)" in built.stderr
    assert "no index at" in built.stderr and "building it from scratch" in built.stderr
    assert "nqbot index" not in built.stderr  # it is building: no advice to build it
    index.write_bytes(b"not a zip")
    rebuilt = nqbot("-v", "index", "--corpus", str(corpus), "--index", str(index))
    assert "from scratch: the saved index cannot be reused" in rebuilt.stderr and "nqbot index" not in rebuilt.stderr
    assert "1 bulletin, 11 paragraphs indexed" in rebuilt.stdout
    checked = nqbot("index", "--check", "--corpus", str(corpus))
    assert "1 bulletin usable, 0 failed" in checked.stdout and ": 11 paragraphs, " in checked.stdout


def test_index_check_cuts_long_titles_at_a_word() -> None:
    done = nqbot("index", "--check", "--corpus", str(SEED_DIR))
    [line] = [line for line in done.stdout.splitlines() if line.startswith("ok ")]
    title = line.split("paragraphs, ", 1)[1]
    full = "Triển khai chương trình hành động thực hiện Nghị quyết Trung ương 6 khóa XIII (st)"
    assert title == "Triển khai chương trình hành động thực hiện Nghị quyết…"
    assert full.startswith(title[:-1]) and full[len(title) - 1] == " "  # whole words only


def test_shorten_cuts_at_a_word_unless_the_word_is_most_of_it() -> None:
    assert shorten("một hai ba bốn", 9) == "một hai…"
    assert shorten("một hai, ba", 9) == "một hai…"  # no dangling comma
    assert shorten("k" * 20, 8) == "kkkkkkk…"  # one long word: cut where the limit falls
    assert shorten("ngắn", 10) == "ngắn"


def test_stats_before_the_bot_ever_ran_prints_zeros(tmp_path: Path) -> None:
    log = tmp_path / "var" / "questions.sqlite"
    done = nqbot("stats", "--log", str(log))
    assert done.returncode == 0, done.stderr
    assert "Câu hỏi 24 giờ qua: 0\nCâu hỏi 7 ngày qua: 0\n" in done.stdout and "👍 0 · 👎 0" in done.stdout
    assert "no question log at" in done.stderr and not log.exists()  # the log is the bot's to create
    figures = json.loads(nqbot("stats", "--json", "--log", str(log)).stdout)
    assert (figures["day"], figures["week"], figures["unanswered"]) == (0, 0, [])


def test_stats_plot_writes_the_chart(tmp_path: Path) -> None:
    path = tmp_path / "questions.sqlite"
    log, now = open_question_log(path), time.time()
    for n in range(6):
        log.log(1, "private", f"câu {n}", n % 2 == 0, None, 0.5, 10.0, now=now - n * DAY)
    log.close()
    chart = tmp_path / "thongke.png"
    done = nqbot("stats", "--log", str(path), "--plot", str(chart))
    assert done.returncode == 0 and "Câu hỏi 7 ngày qua: 6" in done.stdout
    assert f"written to {chart}" in done.stderr
    width, height = png_size(chart.read_bytes())
    assert width >= 800 and height >= 450
    empty = tmp_path / "empty.png"
    assert nqbot("stats", "--log", str(tmp_path / "none.sqlite"), "--plot", str(empty)).returncode == 0
    assert png_size(empty.read_bytes()) == (width, height)  # no log yet: the same chart, all zero
    failed = nqbot("stats", "--log", str(path), "--plot", str(tmp_path / "no" / "such" / "dir.png"))
    assert failed.returncode == 1 and failed.stderr.startswith("nqbot: error: cannot write the chart")


def test_matplotlib_is_imported_only_to_draw() -> None:
    script = ("import sys, bot.cli, bot.telegram.app, bot.stats_chart\n"
              "print('matplotlib' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.split() == ["False"], done.stderr
