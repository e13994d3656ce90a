"""The goals with vectors of issues 12 and 14, every corpus profile side by side: each at the size the
issue names (10k or 100k paragraphs), the figure, and whether it is met or by how much it misses.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.report_goals import goal_cell
from benchmarks.report_size_table import profile_of
from benchmarks.report_vectors import duration, encode_s, has_vectors

Figure = Callable[[dict], float | None]


def _reported(value: float | None, text: str) -> str:
    return "not measured" if value is None else f"{text}, reported"


def _serve(key: str, stat: str) -> Figure:
    return lambda r: r["vectors_serve"][key][stat]


def _peak(r: dict) -> float:
    return float(r["vectors_serve"]["peak_rss_mb"])


def _build_ms(r: dict) -> float | None:
    return r["vectors_build"]["sample"]["s_per_paragraph"] * 1000 if "vectors_build" in r else None


# (issue, goal, paragraphs, figure, limit, unit); a limit of None: a figure to report
GOALS: tuple[tuple[int, str, int, Figure, float | None, str], ...] = (
    (12, "the embedder adds ≤ ~20 ms to a question at p50 (paired, same process)", 10_000,
     _serve("paired_added", "p50_ms"), 20.0, "ms"),
    (12, "peak RSS of the serving process with vectors ≤ 700 MB", 100_000, _peak, 700.0, "MB"),
    (12, "index build time per paragraph (the encoder), reported", 100_000, _build_ms, None, "ms"),
    (14, "p50 per question with vectors ≤ 25 ms", 100_000, _serve("ask", "p50_ms"), 25.0, "ms"),
    (14, "peak RSS with vectors ≤ 600 MB", 100_000, _peak, 600.0, "MB"),
    (14, "the query encoder timed on its own, reported (p50)", 100_000, _serve("query_encoder", "p50_ms"), None, "ms"),
)


def _at(results: list[dict], profile: str, paragraphs: int) -> dict | None:
    return next((r for r in results if profile_of(r) == profile and r["paragraphs"] == paragraphs
                 and has_vectors(r)), None)


def _cell(r: dict | None, figure: Figure, limit: float | None, unit: str, goal: str) -> str:
    if r is None:
        return "not measured"
    value = figure(r)
    if limit is not None:
        return goal_cell(value, limit, unit, True)
    if "encoder timed" in goal:
        v = r["vectors_serve"]["query_encoder"]
        return _reported(value, f"{v['p50_ms']:.1f} ms (p99 {v['p99_ms']:.1f} ms)")
    if value is None:
        return "not measured"
    return _reported(value, f"{value:.1f} ms/paragraph (~{duration(encode_s(r))} for {r['paragraphs']:,})")


def vectors_goals(results: list[dict]) -> list[str]:
    """The markdown lines: one row per goal, one column per profile (none without vector figures)."""
    profiles = list(dict.fromkeys(profile_of(r) for r in results if has_vectors(r)))
    if not profiles:
        return []
    lines = ["### Goals with vectors (issues 12 and 14)", "",
             "| issue | goal | at | " + " | ".join(profiles) + " |", "|---|---|---:|" + "---:|" * len(profiles)]
    for issue, goal, size, figure, limit, unit in GOALS:
        cells = [_cell(_at(results, p, size), figure, limit, unit, goal) for p in profiles]
        lines.append(f"| {issue} | {goal} | {size:,} | " + " | ".join(cells) + " |")
    return [*lines, ""]
