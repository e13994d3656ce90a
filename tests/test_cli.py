"""The command line: the real `nqbot` entry point in a subprocess, and every command documented."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser
from tests.support.paths import ROOT, SEED_DIR, SEED_FILE, TEST_CORPUS


def nqbot(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120,
    )


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "index.zip"
    done = nqbot("index", "--corpus", str(SEED_DIR), "--corpus", str(TEST_CORPUS), "--index", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_index_prints_per_file_results_counts_and_time(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / SEED_FILE, corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x00")
    done = nqbot("index", "--corpus", str(corpus), "--index", str(tmp_path / "i.zip"))
    assert done.returncode == 1  # a file failed; the others are indexed all the same
    assert f"added     {SEED_FILE}: 11 paragraphs" in done.stdout
    assert re.search(r"failed\s+broken.txt: binary file", done.stdout)
    assert re.search(r"1 bulletin, 11 paragraphs indexed \(11 tokenised, 1 failed\) in \d+\.\d\ds", done.stdout)
    again = nqbot("index", "--corpus", str(corpus), "--index", str(tmp_path / "i.zip"))
    assert f"unchanged {SEED_FILE}" in again.stdout and "(0 tokenised" in again.stdout


def test_index_check_validates_without_writing(tmp_path: Path) -> None:
    done = nqbot("index", "--check", "--corpus", str(TEST_CORPUS), "--index", str(tmp_path / "i.zip"))
    assert done.returncode == 0
    assert "10 bulletins usable, 0 failed" in done.stdout
    assert not (tmp_path / "i.zip").exists()


def test_ask_prints_quote_title_date_and_link(index_path: Path) -> None:
    done = nqbot("ask", "GRDP bình quân đầu người đến năm 2030 là bao nhiêu?", "--index", str(index_path))
    assert done.returncode == 0
    assert "4.520 đô la Mỹ" in done.stdout and "(13/03/2023 08:38)" in done.stdout
    assert "https://kiengiang.gov.vn/" in done.stdout


def test_ask_json_fields(index_path: Path) -> None:
    done = nqbot("ask", "ty le do thi hoa kien giang nam 2030", "--json", "--index", str(index_path))
    data = json.loads(done.stdout)
    assert {"answered", "quote", "file", "title", "url", "published"} <= set(data)
    assert data["answered"] and data["quote"] == "Tỷ lệ đô thị hóa đạt từ 50-55%." and data["file"] == SEED_FILE


def test_ask_reads_one_question_per_line_in_order(index_path: Path) -> None:
    stdin = "GRDP 2030\nLịch cúp điện ở Hà Tiên tuần này?\n\nKCN\n"
    done = nqbot("ask", "--json", "-", "--index", str(index_path), stdin=stdin)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["question"] for r in rows] == ["GRDP 2030", "Lịch cúp điện ở Hà Tiên tuần này?", "", "KCN"]
    assert [r["answered"] for r in rows] == [True, False, False, True]


def test_ask_without_an_index_builds_it_first(tmp_path: Path) -> None:
    done = nqbot("ask", "KCN", "--corpus", str(SEED_DIR), "--index", str(tmp_path / "new.zip"))
    assert done.returncode == 0 and "14 cụm công nghiệp" in done.stdout
    assert "built the index" in done.stderr


def test_eval_prints_rates_per_kind(index_path: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    rows = [{"id": "1", "q": "KCN 2030", "kind": "abbrev", "doc": SEED_FILE, "must": "5 khu công nghiệp"},
            {"id": "2", "q": "Giá vàng hôm nay?", "kind": "ood", "doc": None, "must": None}]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    done = nqbot("eval", str(questions), "--index", str(index_path))
    # columns: total, hit rate, wrong-answer rate, confident wrong-answer rate, wrong-decline rate
    assert re.search(r"abbrev\s+1\s+1\.00\s+0\.00\s+0\.00\s+0\.00", done.stdout)
    assert re.search(r"overall\s+2\s+1\.00\s+0\.00\s+0\.00\s+0\.00", done.stdout)
    data = json.loads(nqbot("eval", str(questions), "--index", str(index_path), "--json").stdout)
    assert data["kinds"]["overall"]["rate"] == 1.0 and data["kinds"]["overall"]["wrong_rate"] == 0.0
    # A sure answer (far over the caution's 0.9) that the question expects elsewhere: a confident wrong one.
    rows.append({"id": "3", "q": "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII họp khi nào?",
                 "kind": "accented", "doc": "other.txt", "must": "x"})
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert "misses:" in nqbot("eval", str(questions), "--index", str(index_path)).stdout
    counts = nqbot("eval", str(questions), "--index", str(index_path), "--counts-only").stdout
    assert "misses" not in counts and re.search(r"accented\s+1\s+0\.00\s+1\.00\s+1\.00\s+0\.00", counts)


def test_eval_alone_indexes_each_bulletin_beside_the_corpus(tmp_path: Path) -> None:
    """Each bulletin alone with the seed: its own question is answered; the other's, which it cannot answer, is
    not (each would be a confident wrong answer there)."""
    questions = tmp_path / "q.jsonl"
    rows = [{"id": "1", "q": "Kiên Giang hiện có bao nhiêu hợp tác xã?", "kind": "accented",
             "doc": "t06_hop-tac-xa.txt", "must": "412 HTX"},
            {"id": "2", "q": "duong day nong so du lich kien giang la so may", "kind": "no_diacritics",
             "doc": "t03_du-lich-phu-quoc-ha-tien.txt", "must": "1900.6868"}]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    done = nqbot("eval", str(questions), "--alone", str(TEST_CORPUS), "--corpus", str(SEED_DIR), "--no-semantic")
    assert done.returncode == 0, done.stderr
    assert "each of 2 bulletins alone" in done.stdout
    assert re.search(r"its own questions\s+2\s+1\.00\s+0\.00\s+0\.00", done.stdout)
    assert re.search(r"other bulletins' questions\s+2\s+1\.00\s+0\.00", done.stdout)


def test_errors_are_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"garbage")
    done = nqbot("ask", "GRDP", "--index", str(broken))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("nqbot: error: ")
    missing = nqbot("index", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i.zip"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[attr-defined]
    for name, sub in commands.items():
        assert f"nqbot {name}" in readme, f"`nqbot {name}` is not in the README"
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in readme, f"`nqbot {name} {flag}` is not in the README"


def test_the_segmenter_loads_only_for_questions_with_diacritics_and_never_imports_scikit_learn(
        index_path: Path) -> None:
    """pyvi's ViTokenizer imports scikit-learn (about a second): nqbot runs its model without it, and loading
    the index or an unaccented question does not even load the model."""
    loaded = "print('pycrfsuite' in sys.modules, 'sklearn' in sys.modules, 'pyvi.ViTokenizer' in sys.modules)\n"
    script = (
        "import sys; from pathlib import Path; from index.engine import open_engine\n"
        f"engine, _ = open_engine(Path({str(index_path)!r}), build_missing=False)\n{loaded}"
        f"engine.ask('grdp binh quan dau nguoi 2030')\n{loaded}"
        f"answer = engine.ask('GRDP bình quân đầu người năm 2030 là bao nhiêu?')\n{loaded}"
        "print(answer.answered)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.split() == ["False"] * 3 + ["False"] * 3 + ["True", "False", "False", "True"], done.stderr


def test_targets_lists_the_seed_targets_with_years(tmp_path: Path) -> None:
    done = nqbot("targets", "--json", "--corpus", str(SEED_DIR), "--index", str(tmp_path / "i.zip"))
    rows = json.loads(done.stdout)
    assert sorted((r["value"], r["year"]) for r in rows) == sorted([
        ("4.520 đô la Mỹ", 2030), ("từ 50-55%", 2030), ("5 khu công nghiệp", 2030), ("14 cụm công nghiệp", 2030),
        ("trên 3%", 2030),
    ])
    assert all(r["sentence"] and r["url"].startswith("https://kiengiang.gov.vn/") for r in rows)


def test_targets_query_and_csv(index_path: Path) -> None:
    done = nqbot("targets", "--csv", "--query", "do thi hoa", "--index", str(index_path))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("year,indicator,value,low,high,comparator,unit,file,title,url,sentence")
    assert any("50-55%" in line for line in lines) and all("đô thị" in line for line in lines[1:])
    text = nqbot("targets", "--query", "khu công nghiệp 2030", "--index", str(index_path)).stdout
    assert "Đến năm 2030" in text and "5 khu công nghiệp" in text
    assert nqbot("targets", "--json", "--csv", "--index", str(index_path)).returncode == 2


def test_ask_says_when_the_corpus_has_changed_since_the_index(tmp_path: Path) -> None:
    """`ask` and `eval` answer from the index as it is; a bulletin added since is named in a one-line note."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / SEED_FILE, corpus)
    index = tmp_path / "index.zip"
    assert nqbot("index", "--corpus", str(corpus), "--index", str(index)).returncode == 0
    fresh = nqbot("ask", "KCN", "--corpus", str(corpus), "--index", str(index))
    assert fresh.returncode == 0 and "differs" not in fresh.stderr
    shutil.copy(next(TEST_CORPUS.glob("t0*.txt")), corpus)
    stale = nqbot("ask", "KCN", "--corpus", str(corpus), "--index", str(index))
    assert stale.returncode == 0 and "14 cụm công nghiệp" in stale.stdout
    assert "the corpus differs from the index (1 added, 0 changed, 0 removed); run `nqbot index`" in stale.stderr
