"""Reindexing in proportion to the change (index/store/update.py, index/store/layers.py): a delta beside
the base scores exactly as a cold build of the same corpus, answers the same, and survives being folded,
left stale, or damaged. Real pyvi, real bulletins (the shipped one and the blind test bulletins)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from index.engine import Engine, rebuild
from index.errors import IndexFormatError
from index.retrieval import bm25
from index.retrieval.query import analyze
from index.store.build import build_index
from index.store.format import delta_path, load_index, saved_identity
from index.store.snapshot import Index
from index.store.update import needs_fold
from index.terms.lexicon import Lexicon, load_lexicon
from tests.support.paths import ROOT
from tests.support.sample_bulletins import questions, quote_of
from tests.support.sites import NEW, live_index

BLIND = ROOT / "tests" / "data" / "blind"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(None)


def _corpus(folder: Path) -> Path:
    corpus = folder / "corpus"
    shutil.copytree(BLIND / "corpus", corpus)
    for path in (ROOT / "corpus").glob("*.txt"):
        shutil.copy(path, corpus)
    return corpus


def _change(corpus: Path) -> None:
    """One bulletin edited, one removed, one added (a copy of another under a new name, edited)."""
    files = sorted(corpus.glob("*.txt"))
    edited = files[4].read_text(encoding="utf-8").replace("tỉnh", "tỉnh nhà", 5)
    files[4].write_text(edited + "\n\nĐoạn thêm: chỉ tiêu trồng mới 1.200 ha rừng ngập mặn ven biển.\n",
                        encoding="utf-8")
    files[9].unlink()
    text = files[12].read_text(encoding="utf-8").replace("2025", "2026")
    (corpus / "zz_new-bulletin.txt").write_text(text, encoding="utf-8")


def _by_place(index: Index) -> dict[tuple[str, int], int]:
    """(file, position) -> paragraph number, for the live paragraphs."""
    return {(b.file, p - b.first): p for b in index.bulletins for p in b.paragraph_ids}


def _scores(index: Index, field_name: str, terms: list[str]) -> dict[tuple[str, int], float]:
    field = getattr(index, field_name)
    scores = bm25.score(field, bm25.term_ids(field, terms))
    return {place: float(scores[p]) for place, p in _by_place(index).items()}


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon) -> tuple[Index, Index, Path]:
    """The layered index after a change, and a cold build of the changed corpus."""
    folder = tmp_path_factory.mktemp("delta")
    corpus = _corpus(folder)
    path = folder / "index.zip"
    rebuild([corpus], path, lexicon, embedder=None)
    _change(corpus)
    layered, report = rebuild([corpus], path, lexicon, embedder=None)
    assert layered.layers is not None and delta_path(path).exists()
    assert {r.status for r in report.results} == {"unchanged", "changed", "added"} and len(report.removed) == 1
    cold, _ = build_index([corpus], lexicon)
    return layered, cold, path


def test_delta_scores_are_a_cold_builds_on_every_live_paragraph(pair: tuple[Index, Index, Path],
                                                                 lexicon: Lexicon) -> None:
    layered, cold, _ = pair
    assert _by_place(layered).keys() == _by_place(cold).keys()
    asked = [q["q"] for q in questions()[:60]] + ["chỉ tiêu trồng mới rừng ngập mặn ven biển tỉnh nhà"]
    for question in asked:
        query = analyze(question, cold, lexicon)
        for name, terms in (("accented", query.accented_terms), ("folded", query.folded_terms)):
            ours, theirs = _scores(layered, name, terms), _scores(cold, name, terms)
            assert np.allclose([ours[k] for k in theirs], list(theirs.values()), rtol=1e-9, atol=0), (question, name)
    assert layered.folded_stops == cold.folded_stops
    assert sorted(map(repr, layered.targets)) == sorted(map(repr, cold.targets))


def test_layered_index_answers_as_the_cold_build(pair: tuple[Index, Index, Path], lexicon: Lexicon) -> None:
    layered, cold, path = pair
    loaded = load_index(path)
    assert loaded.layers is not None
    asked = [q["q"] for q in questions()[:40]] + [json.loads(line)["q"] for line in
                                                 (BLIND / "tune.jsonl").read_text(encoding="utf-8").splitlines()[:60]]
    for question in asked:
        expected = Engine(cold, lexicon, None).ask(question)
        for index in (layered, loaded):
            got = Engine(index, lexicon, None).ask(question)
            assert (got.best.quote if got.best else got.reason) == (
                expected.best.quote if expected.best else expected.reason), question


def test_a_delta_over_a_delta_and_the_fold_match_a_cold_build(tmp_path: Path, lexicon: Lexicon) -> None:
    corpus = _corpus(tmp_path)
    path = tmp_path / "index.zip"
    rebuild([corpus], path, lexicon, embedder=None)
    base_identity = saved_identity(path)
    _change(corpus)
    rebuild([corpus], path, lexicon, embedder=None)
    second = sorted(corpus.glob("*.txt"))[20]
    second.write_text(second.read_text(encoding="utf-8") + "\n\nMột đoạn mới về 35 hợp tác xã nông nghiệp.\n",
                      encoding="utf-8")
    again, report = rebuild([corpus], path, lexicon, embedder=None)
    assert again.layers is not None and saved_identity(path) == base_identity
    record = again.by_file(second.name)
    assert record is not None and report.tokenized == record.count  # the earlier delta's rows are carried
    folded, _ = rebuild([corpus], path, lexicon, embedder=None, fold=True)
    assert folded.layers is None and not delta_path(path).exists() and saved_identity(path) != base_identity
    cold, _ = build_index([corpus], lexicon)
    for index in (again, folded, load_index(path)):
        query = analyze("hợp tác xã nông nghiệp mới", cold, lexicon)
        ours, theirs = _scores(index, "folded", query.folded_terms), _scores(cold, "folded", query.folded_terms)
        assert np.allclose([ours[k] for k in theirs], list(theirs.values()), rtol=1e-9, atol=0)


def test_a_delta_past_its_share_is_folded_by_default(tmp_path: Path, lexicon: Lexicon) -> None:
    corpus = _corpus(tmp_path)
    path = tmp_path / "index.zip"
    rebuild([corpus], path, lexicon, embedder=None)
    names = sorted(p.name for p in corpus.glob("*.txt"))
    for name in names[: len(names) // 4]:  # a quarter of the .txt bulletins: well past FOLD_SHARE of the paragraphs
        (corpus / name).write_text((corpus / name).read_text(encoding="utf-8") + "\n\nThêm một đoạn.\n",
                                   encoding="utf-8")
    kept, _ = rebuild([corpus], path, lexicon, embedder=None, fold=False)
    assert needs_fold(kept) and delta_path(path).exists()
    index, report = rebuild([corpus], path, lexicon, embedder=None)
    assert index.layers is None and not delta_path(path).exists()
    assert {r.status for r in report.results} == {"unchanged"}  # the fold changed nothing more


def test_a_delta_left_by_a_killed_fold_is_ignored(tmp_path: Path, lexicon: Lexicon) -> None:
    """A fold renames the new base in, then removes the delta; killed between the two, the delta names
    the old base, and loading leaves it out (the new base holds its bulletins)."""
    corpus = _corpus(tmp_path)
    path = tmp_path / "index.zip"
    rebuild([corpus], path, lexicon, embedder=None)
    _change(corpus)
    rebuild([corpus], path, lexicon, embedder=None)
    stale = delta_path(path).read_bytes()
    folded, _ = rebuild([corpus], path, lexicon, embedder=None, fold=True)
    delta_path(path).write_bytes(stale)
    loaded = load_index(path)
    assert loaded.layers is None and len(loaded.bulletins) == len(folded.bulletins)


def test_a_damaged_delta_is_an_index_format_error_naming_it(pair: tuple[Index, Index, Path], tmp_path: Path) -> None:
    _, _, path = pair
    copy = tmp_path / "index.zip"
    shutil.copy(path, copy)
    with zipfile.ZipFile(delta_path(path)) as source, zipfile.ZipFile(delta_path(copy), "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "dead/folded_counts.npy":
                data = data[:-8] + np.int64(10**9).tobytes()  # more dead paragraphs than the base has
            target.writestr(info, data)
    with pytest.raises(IndexFormatError, match="index.delta.zip"):
        load_index(copy)


def test_the_bot_folds_in_the_background_and_keeps_answering(tmp_path: Path) -> None:
    live = live_index(tmp_path)
    question = "Khởi công cảng biển nước sâu Hòn Chông với tổng vốn bao nhiêu?"
    (live.corpus[0] / "cang.txt").write_bytes(NEW)
    (live.corpus[0] / "cang-2.txt").write_bytes(NEW.replace(b"cang-bien-moi", b"cang-2"))
    report = live.reindex()  # more than a tenth of the paragraphs: folded after
    assert [r.file for r in report.results if r.status == "added"] == ["cang-2.txt", "cang.txt"]
    assert live.engine.ask(question).best is not None  # served at once, from base + delta
    assert live.folding is not None
    live.folding.join(timeout=60)
    assert live.engine.index.layers is None and not delta_path(live.index_path).exists()
    assert "2.700 tỷ đồng" in quote_of(live.engine.ask(question))
    assert not live.reload_if_changed()  # its own files: nothing to reload


def test_killing_a_fold_at_any_moment_leaves_a_loadable_index(tmp_path: Path, lexicon: Lexicon) -> None:
    corpus = _corpus(tmp_path)
    path = tmp_path / "index.zip"
    rebuild([corpus], path, lexicon, embedder=None)
    _change(corpus)
    rebuild([corpus], path, lexicon, embedder=None)
    expected = {b.file for b in load_index(path).bulletins}
    for delay in (0.2, 0.5, 0.8, 1.1, 1.5, 2.0, 3.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "index", "--fold", "--corpus", str(corpus), "--index", str(path)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NQBOT_SEMANTIC": "0"},
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert {b.file for b in load_index(path).bulletins} == expected, delay
