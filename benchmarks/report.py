"""The results section of BENCHMARKS.md: the machine, the command that reproduces it, a summary row
per profile and size, each size's table (or what an incomplete size still measured), the issue-14 goals
for every profile side by side, with `--vectors` the same with vectors (benchmarks.report_vectors,
report_vectors_goals: issues 12 and 14), the issue-6 targets and the memory held by the index; written between
the `results` markers, keeping the rest of the file.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.report_goals import goals_table, largest
from benchmarks.report_size_table import bot_rebuild_s, ms, profile_of, ratio, size_table
from benchmarks.report_vectors import summary_cell, vectors_size_table, vectors_summary
from benchmarks.report_vectors_goals import vectors_goals

START_MARK = "<!-- results:start (written by python -m benchmarks.run) -->"
END_MARK = "<!-- results:end -->"

_REQUIRED = ("cold", "incremental_warm", "incremental_fresh", "load", "first", "serve")


def _complete(r: dict) -> bool:
    return all(key in r for key in _REQUIRED)


def _failures(r: dict) -> list[str]:
    """What a size whose steps failed still measured, and the failures, verbatim."""
    rows = [f"#### {r['paragraphs']:,} paragraphs: incomplete ({profile_of(r)} profile)", ""]
    if "cold" in r:
        c = r["cold"]
        rows.append(f"- cold build {c['seconds']:.1f} s ({c['paragraphs_per_s']:,.0f} paragraphs/s; tokenise "
                    f"{c['tokenize_s']:.1f} s), peak RSS {c['peak_rss_mb']:.0f} MB")
    for key in ("incremental_warm", "incremental_fresh"):
        if key in r:
            rows.append(f"- {key}: {r[key]['seconds']:.2f} s, re-tokenised {r[key]['tokenized']}")
    if "index_bytes" in r:
        rows.append(f"- index file {r['index_bytes'] / 1e6:.1f} MB")
    if "serve" in r:
        a = r["serve"]["ask"]
        rows.append(f"- ask p50 {a['p50_ms']:.1f} ms, p99 {a['p99_ms']:.1f} ms; "
                    f"peak RSS {r['serve']['peak_rss_mb']:.0f} MB")
    for key, message in r.get("errors", {}).items():
        rows += [f"- **{key} failed**:", "", "```", message.strip()[-1500:], "```", ""]
    return rows


def _summary_cells(r: dict) -> list[str]:
    c, w, f, s = r["cold"], r["incremental_warm"], r["incremental_fresh"], r["serve"]
    b, e = r.get("baseline_serve"), r.get("exactness")
    return [
        profile_of(r),
        f"{r['paragraphs']:,}",
        f"{c['seconds']:.1f} ({c['paragraphs_per_s']:,.0f})",
        f"{bot_rebuild_s(w):.2f} / {f['seconds']:.2f}",
        f"{w['tokenized']} / {f['tokenized']}",
        f"{r['index_bytes'] / 1e6:.1f}",
        f"{r['load']['load_s']:.2f}",
        f"{r['first']['wall_s']:.2f}",
        f"{ms(s['ask']['p50_ms'])} / {ms(s['ask']['p99_ms'])}",
        f"{ms(b['get_scores']['p50_ms'])} / {ms(b['get_scores']['p99_ms'])}" if b else "–",
        ratio(b["get_scores"]["p50_ms"], s["ask"]["p50_ms"]) if b else "–",
        f"{s['peak_rss_mb']:.0f} / {b['peak_rss_mb']:.0f}" if b else f"{s['peak_rss_mb']:.0f} / –",
        ("yes" if e["passed"] else "NO") if e else "–",
        summary_cell(r),
    ]


def _summary_table(results: list[dict]) -> list[str]:
    return [
        ("| profile | paragraphs | cold build s (para/s) | incr. rebuild s, bot / fresh | re-tokenised | index MB | "
         "fresh load s | fresh load + 1st answer s | ask p50 / p99 ms | get_scores p50 / p99 ms | p50 speed-up | "
         "peak RSS MB ours / baseline | exact | with vectors: ask p50 / p99 ms |"),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|",
        *("| " + " | ".join(_summary_cells(r)) + " |" for r in results if _complete(r)),
    ]


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _answer_targets(r: dict) -> list[str]:
    s, bs, e = r["serve"], r.get("baseline_serve"), r.get("exactness")
    rows = [
        f"| answer p50 ≤ 5 ms | {s['ask']['p50_ms']:.1f} ms | {_mark(s['ask']['p50_ms'] <= 5)} |",
        f"| answer p99 ≤ 20 ms | {s['ask']['p99_ms']:.1f} ms | {_mark(s['ask']['p99_ms'] <= 20)} |",
    ]
    if bs:
        speed = bs["get_scores"]["p50_ms"] / s["ask"]["p50_ms"]
        rows.append(f"| ≥ 100× faster than get_scores (p50) | {speed:.0f}× | {_mark(speed >= 100)} |")
    if e:
        rows.append(f"| scores = BM25Okapi's, rankings identical | {'yes' if e['passed'] else 'no'} | "
                    f"{_mark(e['passed'])} |")
    return rows


def _build_targets(r: dict) -> list[str]:
    s, w, f = r["serve"], r["incremental_warm"], r["incremental_fresh"]
    cores = r["cold"].get("cores_used", 1.0)
    only_changed = w["only_changed_retokenized"] and f["only_changed_retokenized"]
    return [
        f"| incremental rebuild ≤ 3 s (running bot) | {bot_rebuild_s(w):.2f} s | {_mark(bot_rebuild_s(w) <= 3)} |",
        f"| incremental rebuild ≤ 3 s (fresh `nqbot index`) | {f['seconds']:.2f} s | {_mark(f['seconds'] <= 3)} |",
        (f"| nothing unchanged re-tokenised | {w['tokenized']} and {f['tokenized']} paragraphs | "
         f"{_mark(only_changed)} |"),
        (f"| fresh process: load + first answer ≤ 2 s | {r['first']['wall_s']:.2f} s | "
         f"{_mark(r['first']['wall_s'] <= 2)} |"),
        f"| peak RSS of the serving process ≤ 500 MB | {s['peak_rss_mb']:.0f} MB | {_mark(s['peak_rss_mb'] <= 500)} |",
        f"| cold build uses both cores (CPU time / wall time of build_index) | "
        f"{cores:.2f} cores busy, {r['cold']['paragraphs_per_s']:,.0f} paragraphs/s | "
        + ("met" if cores >= 1.5 else "**partly**" if cores >= 1.1 else "**missed**") + " |",
    ]


def _targets(r: dict) -> list[str]:
    return [f"Issue-6 targets at {r['paragraphs']:,} paragraphs ({profile_of(r)} profile):", "",
            "| target | measured | |", "|---|---:|---|",
            *_answer_targets(r), *_build_targets(r)]


def _memory_table(r: dict) -> list[str]:
    mem = r["serve"]["index_memory_mb"]
    rows = [f"Memory held by the loaded index at {r['paragraphs']:,} paragraphs ({profile_of(r)} profile), "
            "by structure (mapped: file pages of the index, in RSS only once touched):", "",
            "| structure | MB |", "|---|---:|"]
    for name, mb in sorted(mem.items(), key=lambda kv: -kv[1]):
        rows.append(f"| {name} | {mb:.1f} |")
    held = sum(mb for name, mb in mem.items() if "mapped" not in name)
    rows.append(f"| **total in the heap** | {held:.1f} |")
    if held != sum(mem.values()):
        rows.append(f"| **total mapped** | {sum(mem.values()) - held:.1f} |")
    return rows


def _heading(info: dict, command: str) -> list[str]:
    return [
        (f"Measured {info['date']} at commit {info.get('commit', '?')} (`+uncommitted`: index/ or bot/ differed "
         f"from it in the work tree) on {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM; "
         f"Python {info['python']} ({info['platform']}); numpy {info['numpy']}, scipy {info['scipy']}, "
         f"pyvi {info['pyvi']}, rank-bm25 {info['rank_bm25']}. Load average at start: {info['load_average']} "
         "(the machine is shared: compare the ratios, which come from the same run)."),
        "", "Reproduce:", "", "```sh", command, "```", "",
    ]


def _per_size(r: dict) -> list[str]:
    if not _complete(r):
        return [*_failures(r), "", *vectors_size_table(r)]
    lines = [*size_table(r), "", *vectors_size_table(r)]
    if r.get("errors"):
        failed = [f"- {k}: `{v[-300:]}`" for k, v in r["errors"].items()]
        lines += [f"Failed steps at {r['paragraphs']:,}:", "", *failed, ""]
    return lines


def report_markdown(results: list[dict], info: dict, command: str) -> str:
    """The results section, markers included."""
    lines = [START_MARK, "", *_heading(info, command), "### Summary", "", *_summary_table(results), "",
             *vectors_summary(results)]
    for r in results:
        lines += _per_size(r)
    complete = [r for r in results if _complete(r)]
    targets = largest(complete)
    if targets:
        lines += ["### Goals of issue 14", "", *goals_table(targets), "", *vectors_goals(results)]
        lines += ["### Targets", "", *_targets(targets[0]), "", "### Memory", ""]
        for r in targets:
            lines += [*_memory_table(r), ""]
    lines += [END_MARK]
    return "\n".join(lines)


def write_report(path: Path, section: str) -> None:
    """Replace the results section of the file, keeping everything around it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START_MARK in old and END_MARK in old:
        head, rest = old.split(START_MARK, 1)
        tail = rest.split(END_MARK, 1)[1]
        text = head + section + tail
    else:
        text = (old.rstrip() + "\n\n" if old else "# Benchmarks\n\n") + section + "\n"
    path.write_text(text, encoding="utf-8")
