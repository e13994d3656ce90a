"""The table of one corpus size in BENCHMARKS.md: every figure of nqbot next to the BM25Okapi baseline
and their ratio; and the number formats the other report tables share.
"""

from __future__ import annotations

from typing import Any


def profile_of(r: dict) -> str:
    return str(r.get("profile", "default"))


def ratio(baseline: float | None, ours: float | None) -> str:
    if not baseline or not ours:
        return "–"
    r = baseline / ours
    return f"{r:.0f}×" if r >= 10 else f"{r:.1f}×"


def ms(x: float) -> str:
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def bot_rebuild_s(step: dict) -> float:
    """A running bot's reindex: build + save (its index is already in memory, not loaded)."""
    return step["build_s"] + step["save_s"]


def _row(name: str, ours: str, base: str = "–", times: str = "–") -> str:
    return f"| {name} | {ours} | {base} | {times} |"


def _cold_rows(r: dict, bb: dict | None) -> list[str]:
    c, n = r["cold"], r["paragraphs"]
    shared = c["parse_s"] + c["tokenize_s"]
    base_cold = shared + bb["construct_s"] + bb["save_s"] if bb else None
    return [
        _row("cold build, s (parse + pyvi tokenise, all cores + assemble + save)",
             f"{c['seconds']:.2f} ({c['parse_s']:.2f} + {c['tokenize_s']:.2f} + {c['assemble_s']:.2f} + "
             f"{c['save_s']:.2f})",
             f"{base_cold:.2f} ({shared:.2f} shared + BM25Okapi() {bb['construct_s']:.2f} + pickle "
             f"{bb['save_s']:.2f})" if bb else "–", ratio(base_cold, c["seconds"])),
        _row("cold build, paragraphs/s",
             f"{c['paragraphs_per_s']:,.0f} (tokenisation alone {c['tokenized_per_s']:,.0f}; "
             f"{c.get('cores_used', 1.0):.2f} cores busy)",
             f"{n / base_cold:,.0f}" if base_cold else "–"),
    ]


def _incremental_rows(r: dict, bb: dict | None) -> list[str]:
    w, f = r["incremental_warm"], r["incremental_fresh"]
    base_incr = bb["construct_s"] + bb["save_s"] if bb else None
    return [
        _row("incremental rebuild, one bulletin changed, running bot (index in memory, pyvi warm), s",
             f"{bot_rebuild_s(w):.2f} (build {w['build_s']:.2f}, of which parse {w['parse_s']:.2f}, "
             f"tokenise {w['tokenize_s']:.2f}; save {w['save_s']:.2f})",
             f"≥ {base_incr:.2f} (BM25Okapi() + pickle from cached terms)" if base_incr is not None else "–",
             ratio(base_incr, bot_rebuild_s(w))),
        _row("incremental rebuild, fresh process (`nqbot index`: load + build + save), s"
             + ("; a delta beside the base" if f.get("delta") else ""),
             f"{f['seconds']:.2f} (load {f['load_s']:.2f}, build {f['build_s']:.2f}, save {f['save_s']:.2f})",
             f"≥ {base_incr:.2f}" if base_incr is not None else "–", ratio(base_incr, f["seconds"])),
        *_fold_row(r.get("fold")),
        _row("paragraphs re-tokenised by the incremental rebuilds (expected)",
             f"{w['tokenized']} / {f['tokenized']} ({w['expected_tokenized']} / {f['expected_tokenized']}) "
             f"{'ok' if w['only_changed_retokenized'] and f['only_changed_retokenized'] else 'WRONG'}",
             f"{r['paragraphs']:,} (no incremental build)"),
    ]


def _fold_row(fold: dict | None) -> list[str]:
    if not fold:
        return []
    return [_row("fold of that delta into a new base (load base + delta, full build reusing every token, save), s",
                 f"{fold['seconds']:.2f} (load {fold['load_s']:.2f}, build {fold['build_s']:.2f}, "
                 f"save {fold['save_s']:.2f}; {fold['tokenized']} re-tokenised)", "–")]


def _load_rows(r: dict, bb: dict | None, bs: dict | None) -> list[str]:
    first = r["first"]
    return [
        _row("index file, MB", f"{r['index_bytes'] / 1e6:.1f} (zip)",
             f"{bb['file_bytes'] / 1e6:.1f} (pickle)" if bb else "–",
             ratio(bb["file_bytes"] if bb else None, r["index_bytes"])),
        _row("load in a fresh process, s (load_index / unpickle)", f"{r['load']['load_s']:.3f}",
             f"{bs['load_s']:.3f}" if bs else "–", ratio(bs["load_s"] if bs else None, r["load"]["load_s"])),
        _row("fresh process: imports + load + first answer, s (pyvi import included)",
             f"{first['in_process_s']:.2f} (imports {first['import_s']:.2f}, load {first['load_s']:.2f}, "
             f"ask {first['ask_s']:.2f}); wall {first['wall_s']:.2f}",
             f"{bs['first_answer_s']:.2f} (pyvi import + unpickle + get_scores)" if bs else "–",
             ratio(bs["first_answer_s"] if bs else None, first["in_process_s"])),
    ]


def _latency_rows(s: dict, bs: dict | None) -> list[str]:
    a = s["ask"]
    if not bs:
        rows = [_row("answer latency p50 / p99, ms", f"{ms(a['p50_ms'])} / {ms(a['p99_ms'])}")]
    else:
        g, sc = bs["get_scores"], s["score_accented"]
        rows = [
            _row("answer latency p50 / p99, ms (nqbot: Engine.ask end to end; baseline: get_scores only)",
                 f"{ms(a['p50_ms'])} / {ms(a['p99_ms'])}", f"{ms(g['p50_ms'])} / {ms(g['p99_ms'])} (n={g['n']})",
                 f"{ratio(g['p50_ms'], a['p50_ms'])} / {ratio(g['p99_ms'], a['p99_ms'])}"),
            _row("scoring only p50 / p99, ms (bm25.score on the accented field vs get_scores, same terms)",
                 f"{ms(sc['p50_ms'])} / {ms(sc['p99_ms'])}", f"{ms(g['p50_ms'])} / {ms(g['p99_ms'])}",
                 f"{ratio(g['p50_ms'], sc['p50_ms'])} / {ratio(g['p99_ms'], sc['p99_ms'])}"),
            _row("top-6 selection after scoring p50, ms (baseline: full argsort)", "in retrieve",
                 f"{ms(bs['full_sort']['p50_ms'])}"),
        ]
    return rows + [_row("where Engine.ask time goes, p50 ms: analyze / retrieve",
                        f"{ms(s['analyze']['p50_ms'])} / {ms(s['retrieve']['p50_ms'])}")]


def _rss_split(s: dict) -> list[str]:
    parts = s.get("rss_end_parts_mb")
    if not parts:
        return []
    return [_row("RSS after answering, MB: private (heap, anonymous) / file pages (mapped index and libraries)",
                 f"{parts['anon']:.0f} / {parts['file']:.0f}")]


def _memory_rows(s: dict, bb: dict | None, bs: dict | None) -> list[str]:
    return [
        _row("peak RSS of the serving process, MB (the heap, pyvi, and the pages of the mapped index it touched)",
             f"{s['peak_rss_mb']:.0f}",
             f"{bs['peak_rss_mb']:.0f}" if bs else "–", ratio(bs["peak_rss_mb"] if bs else None, s["peak_rss_mb"])),
        *_rss_split(s),
        _row("memory held by the loaded index, MB (RSS after load − after imports)",
             f"{s['rss_after_load_mb'] - s['rss_after_imports_mb']:.0f}",
             f"{max(0.0, bb['held_mb']):.0f} (BM25Okapi only)" if bb else "–"),
        _row("answers: answered / expected bulletin quoted first",
             f"{s['answered_share']:.0%} / {s['expected_bulletin_quoted_share']:.0%}"),
    ]


def _exactness_rows(e: dict | None) -> list[str]:
    if not e:
        return []
    parts = []
    for name in ("accented", "folded"):
        if name in e:
            x = e[name]
            parts.append(f"{name}: allclose {x['allclose']}/{e['queries']}, bit-identical {x['bit_identical']}, "
                         f"top-10 agree {x['top10_agree']}, max rel. diff {x['max_rel_diff']:.1e}")
    if "retokenized_rows_equal" in e:
        parts.append(f"stored terms = fresh tokenisation: {e['retokenized_rows_equal']}")
    return [_row(f"exactness vs get_scores (rtol {e['rtol']:g})", "; ".join(parts), "",
                 "passed" if e["passed"] else "FAILED")]


def size_table(r: dict[str, Any]) -> list[str]:
    """The markdown lines of one complete size: a heading and the figure / nqbot / baseline / ratio table."""
    bb, bs = r.get("baseline_build"), r.get("baseline_serve")
    return [
        (f"#### {r['paragraphs']:,} paragraphs, {profile_of(r)} profile ({r['bulletins']:,} bulletins, "
         f"{r['corpus_mb']:.1f} MB of text; commit {r.get('commit', '?')})"),
        "",
        "| figure | nqbot | rank_bm25.BM25Okapi baseline | baseline / nqbot |",
        "|---|---:|---:|---:|",
        *_cold_rows(r, bb),
        *_incremental_rows(r, bb),
        *_load_rows(r, bb, bs),
        *_latency_rows(r["serve"], bs),
        *_memory_rows(r["serve"], bb, bs),
        *_exactness_rows(r.get("exactness")),
    ]
