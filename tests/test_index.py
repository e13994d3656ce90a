"""The saved index: round trip, incremental rebuilds, atomic replacement, clear errors."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from index.answer.compose import compose
from index.answer.model import Answer
from index.engine import open_engine, rebuild
from index.errors import CorpusError, IndexFormatError, IndexMissingError
from index.store.build import build_index
from index.store.format import load_index, save_index
from index.store.snapshot import FORMAT_VERSION, Index
from index.terms.lexicon import Lexicon
from tests.support.paths import SEED_DIR, SEED_FILE, TEST_CORPUS

QUESTIONS = ["GRDP bình quân đầu người đến năm 2030?", "ty le do thi hoa", "khu công nghiệp Thạnh Lộc", "HTX"]


def copy_corpus(target: Path, names: list[str] | None = None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_DIR / SEED_FILE, target)
    for path in sorted(TEST_CORPUS.iterdir()):
        if names is None or path.name in names:
            shutil.copy(path, target)
    return target


def test_round_trip_gives_the_same_index(eval_index: Index, lexicon: Lexicon, tmp_path: Path) -> None:
    path = tmp_path / "index.zip"
    save_index(eval_index, path)
    loaded = load_index(path)
    assert loaded.bulletins == eval_index.bulletins
    assert loaded.paragraphs == eval_index.paragraphs
    assert loaded.folded_stops == eval_index.folded_stops
    assert loaded.targets == eval_index.targets and loaded.targets_rules == eval_index.targets_rules
    for name in ("accented", "folded", "titles"):
        a, b = getattr(loaded, name), getattr(eval_index, name)
        assert a.terms == b.terms
        for array in ("indptr", "docs", "tfs", "doc_len", "idf", "denom"):
            assert np.array_equal(getattr(a, array), getattr(b, array))
    for question in QUESTIONS:
        assert compose(loaded, lexicon, question) == compose(eval_index, lexicon, question)


def test_saved_index_is_open_formats_with_versions(eval_index: Index, tmp_path: Path) -> None:
    path = tmp_path / "index.zip"
    save_index(eval_index, path)
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        params = json.loads(zf.read("params.json"))
        bulletins = json.loads(zf.read("bulletins.json"))
    assert all(n.endswith((".json", ".txt", ".npy")) for n in names)
    assert params["format"] == "nqbot-index" and params["format_version"] == FORMAT_VERSION
    assert params["targets"]["count"] == len(eval_index.targets) > 0
    assert params["tokenizer_version"] == eval_index.tokenizer_version
    assert {b["file"]: b["fingerprint"] for b in bulletins}[SEED_FILE] == eval_index.by_file(SEED_FILE).fingerprint


def test_rebuild_retokenises_only_what_changed(lexicon: Lexicon, tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    path = tmp_path / "index.zip"
    first, report = rebuild([corpus], path, lexicon)
    assert report.tokenized == len(first.paragraphs)

    again, report = rebuild([corpus], path, lexicon)
    assert report.tokenized == 0
    assert {r.status for r in report.results} == {"unchanged"}
    assert again.accented.terms == first.accented.terms and np.array_equal(again.accented.idf, first.accented.idf)

    changed = corpus / "t06_hop-tac-xa.txt"
    changed.write_bytes(changed.read_bytes().replace(b"412 HTX", b"415 HTX"))
    (corpus / "t10_do-thi-hoa.txt").unlink()
    after, report = rebuild([corpus], path, lexicon)
    assert report.tokenized == len(after.by_file("t06_hop-tac-xa.txt").paragraph_ids)
    assert [r.file for r in report.with_status("changed")] == ["t06_hop-tac-xa.txt"]
    assert report.removed == ("t10_do-thi-hoa.txt",)
    assert after.accented.df("415") > 0 and after.accented.df("412") == 0  # "412" only in a dead paragraph


def _quote(answer: Answer) -> str | None:
    return answer.best.quote if answer.best else None


def test_incremental_build_equals_a_cold_build(lexicon: Lexicon, tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus", ["t01_cong-bo-quy-hoach-tinh.txt", "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt"])
    old, _ = build_index([corpus], lexicon)
    (corpus / "t01_cong-bo-quy-hoach-tinh.txt").unlink()
    shutil.copy(TEST_CORPUS / "t03_du-lich-phu-quoc-ha-tien.txt", corpus)
    incremental, _ = build_index([corpus], lexicon, previous=old)
    cold, _ = build_index([corpus], lexicon)
    for name in ("accented", "folded"):
        a, b = getattr(incremental, name), getattr(cold, name)
        assert sorted(a.terms) == sorted(b.terms)
        for term in ("khu", "du lịch", "du_lịch", "phu quoc"):
            if term in b.vocab:
                assert a.idf[a.vocab[term]] == pytest.approx(b.idf[b.vocab[term]])
    for question in QUESTIONS:
        assert _quote(compose(incremental, lexicon, question)) == _quote(compose(cold, lexicon, question))


def test_failed_write_leaves_the_old_file(eval_index: Index, seed_index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "index.zip"
    save_index(seed_index, path)
    before = path.read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("index.store.atomic.os.replace", crash)
    with pytest.raises(OSError):
        save_index(eval_index, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["index.zip"]


def test_missing_and_broken_index_files_raise_named_errors(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError):
        load_index(tmp_path / "nope.zip")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(IndexFormatError, match="broken.zip"):
        load_index(broken)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("params.json", json.dumps({"format": "nqbot-index", "format_version": 99}))
    with pytest.raises(IndexFormatError, match="format 99"):
        load_index(other)


def test_empty_corpus_is_an_error_and_keeps_the_old_index(seed_index: Index, lexicon: Lexicon, tmp_path: Path) -> None:
    path = tmp_path / "index.zip"
    save_index(seed_index, path)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "bad.txt").write_bytes(b"\x00")
    with pytest.raises(CorpusError, match="bad.txt"):
        rebuild([empty], path, lexicon)
    assert load_index(path).bulletins == seed_index.bulletins


def test_open_engine_builds_a_missing_index(tmp_path: Path) -> None:
    engine, report = open_engine(tmp_path / "new" / "index.zip", [SEED_DIR])
    assert report is not None and report.bulletins == 1
    assert (tmp_path / "new" / "index.zip").exists()
    again, report = open_engine(tmp_path / "new" / "index.zip", [SEED_DIR])
    assert report is None and again.index.bulletins == engine.index.bulletins


def test_tokenising_on_several_cores_gives_the_same_index(lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    single, _ = build_index([corpus], lexicon)
    monkeypatch.setattr("index.store.pool.PARALLEL_FROM", 1)
    monkeypatch.setattr("index.store.pool.os.sched_getaffinity", lambda pid: {0, 1}, raising=False)
    seen: list[tuple[int, int]] = []
    parallel, report = build_index([corpus], lexicon, progress=lambda done, total: seen.append((done, total)))
    assert report.tokenized == len(parallel.paragraphs)
    assert seen[-1] == (len(parallel.paragraphs), len(parallel.paragraphs))
    assert parallel.accented.terms == single.accented.terms
    assert np.array_equal(parallel.accented.tfs, single.accented.tfs)
    assert parallel.folded_stops == single.folded_stops and parallel.bulletins == single.bulletins


def test_unchanged_bulletins_are_not_parsed_again(lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    first, _ = build_index([corpus], lexicon)
    parsed: list[str] = []
    real = __import__("index.store.build", fromlist=["parse_bulletin"]).parse_bulletin
    monkeypatch.setattr("index.store.build.parse_bulletin", lambda name, data: parsed.append(name) or real(name, data))
    shutil.copy(TEST_CORPUS / "t06_hop-tac-xa.txt", corpus / "t99_copy.txt")
    second, _ = build_index([corpus], lexicon, previous=first)
    assert parsed == ["t99_copy.txt"]
    assert set(first.targets) < set(second.targets)  # carried over, plus the copy's own


def test_files_with_unchanged_size_and_time_are_not_even_read(lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    corpus = copy_corpus(tmp_path / "corpus")
    first, _ = build_index([corpus], lexicon)
    read: list[str] = []
    real = __import__("index.store.build", fromlist=["read_bytes"]).read_bytes
    monkeypatch.setattr("index.store.build.read_bytes", lambda path: read.append(path.name) or real(path))
    touched = corpus / "t05_kinh-te-so.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    second, report = build_index([corpus], lexicon, previous=first)
    assert read == ["t05_kinh-te-so.txt"]  # read to compare its bytes, which did not change
    assert report.tokenized == 0 and {r.status for r in report.results} == {"unchanged"}
    assert second.by_file("t05_kinh-te-so.txt").mtime_ns == touched.stat().st_mtime_ns
