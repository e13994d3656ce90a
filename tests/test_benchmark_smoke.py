"""Smoke test of the issue-6 benchmark harness at a tiny size: every figure is there, nothing is timed.

The generator tests are quick; the harness tests (marked slow) run every step at 300 paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import generate
from benchmarks.one_size import Options, run_size
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
    return run_size(SIZE, workdir, Options(questions=20, repeats=1, exact_sample=10), say=lambda _m: None)


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
    assert result["first"]["pyvi_imported"]
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
