"""The goals of issue 14 (lexical answers) at the largest size measured, every corpus profile side by
side: the figure, and whether it is met or by how much it misses.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.report_size_table import profile_of


def _speed_up(r: dict) -> float | None:
    base = r.get("baseline_serve")
    return base["get_scores"]["p50_ms"] / r["serve"]["ask"]["p50_ms"] if base else None


# (goal, figure, limit, unit, True when the figure must stay at or below the limit)
GOALS: tuple[tuple[str, Callable[[dict], float | None], float, str, bool], ...] = (
    ("p50 per question ≤ 5 ms", lambda r: r["serve"]["ask"]["p50_ms"], 5.0, "ms", True),
    ("peak RSS of the serving process ≤ 500 MB", lambda r: r["serve"]["peak_rss_mb"], 500.0, "MB", True),
    ("fresh `nqbot index` after one changed bulletin ≤ 2 s", lambda r: r["incremental_fresh"]["seconds"], 2.0, "s",
     True),
    ("load + first answer in a fresh process (wall) ≤ 1.5 s", lambda r: r["first"]["wall_s"], 1.5, "s", True),
    ("speed-up over `get_scores` (p50) ≥ 100×", _speed_up, 100.0, "×", False),
)


def largest(results: list[dict]) -> list[dict]:
    """For each profile (in the order measured), its 100,000-paragraph result, else its largest."""
    out = []
    for name in dict.fromkeys(profile_of(r) for r in results):
        mine = [r for r in results if profile_of(r) == name]
        out.append(next((r for r in mine if r["paragraphs"] == 100_000), max(mine, key=lambda r: r["paragraphs"])))
    return out


def goal_cell(value: float | None, limit: float, unit: str, at_most: bool) -> str:
    if value is None:
        return "not measured"
    shown = {"×": f"{value:.0f}×", "s": f"{value:.2f} s", "ms": f"{value:.1f} ms"}.get(unit, f"{value:.0f} {unit}")
    met = value <= limit if at_most else value >= limit
    if met:
        return f"{shown}, met"
    factor = value / limit if at_most else limit / value
    return f"{shown}, **missed by {factor:.2f}×**"


def goals_table(results: list[dict]) -> list[str]:
    """The markdown lines: one row per goal, one column per profile."""
    head = " | ".join(f"{profile_of(r)}, {r['paragraphs']:,} paragraphs" for r in results)
    lines = [f"| goal (lexical answers) | {head} |", "|---|" + "---:|" * len(results)]
    for goal, figure, limit, unit, at_most in GOALS:
        lines.append(f"| {goal} | " + " | ".join(goal_cell(figure(r), limit, unit, at_most) for r in results) + " |")
    return lines
