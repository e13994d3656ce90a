"""The measured steps of the benchmark, each run in a fresh process by `benchmarks.run`.

    python -m benchmarks.phases PHASE '{"json": "arguments"}'

prints one JSON object (the figures) as its last stdout line. Running every step in its own process
keeps the figures honest: load times include a cold interpreter, and peak RSS (ru_maxrss) is the
step's own. Imports are deferred so that each step imports only what it measures.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


def peak_rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """User + system CPU time of this process, its threads and its finished child processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if values else 0.0


def latency(values: list[float]) -> dict[str, float]:
    """p50/p90/p99/mean/max in milliseconds of durations given in seconds."""
    ms = [v * 1000 for v in values]
    return {
        "n": len(ms),
        "p50_ms": percentile(ms, 50),
        "p90_ms": percentile(ms, 90),
        "p99_ms": percentile(ms, 99),
        "mean_ms": sum(ms) / len(ms) if ms else 0.0,
        "max_ms": max(ms) if ms else 0.0,
    }


def _questions(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- building


class _Timer:
    """Wraps a function of a module and adds up the time spent in it."""

    def __init__(self, module: Any, name: str) -> None:
        self.seconds = 0.0
        self.calls = 0
        self.found = hasattr(module, name)
        if not self.found:  # the library moved it: the figure reads 0
            return
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t
                self.calls += 1

        setattr(module, name, timed)


def build(args: dict) -> dict:
    """Build the index of the corpus (from `previous` saved at the index path when `incremental`).

    Mirrors index.engine.rebuild (load the previous index, build_index, save_index) and times each step;
    parsing and tokenisation are timed by wrapping index.bulletins.corpus.parse_bulletin and
    index.store.build.paragraph_terms.
    """
    import index.store.build as build_module
    import index.bulletins.corpus as corpus_module

    from index.store.build import build_index
    from index.store.format import load_index, save_index
    from index.terms.lexicon import load_lexicon

    corpus, path = [Path(args["corpus"])], Path(args["index"])
    lexicon = load_lexicon(None)
    # Parsing and tokenisation, wherever this version of index.store.build calls them from.
    parse = _Timer(build_module if hasattr(build_module, "parse_bulletin") else corpus_module, "parse_bulletin")
    if hasattr(build_module, "analyse_documents"):  # pyvi on every core (index.pool)
        tokenize = _Timer(build_module, "analyse_documents")
    else:
        tokenize = _Timer(build_module, "paragraph_terms")
    previous, load_s = None, 0.0
    if args.get("warm_pyvi"):
        from index.terms.tokenize import compounds

        compounds("Khởi động pyvi trước khi đo.")  # a running bot has imported pyvi long ago
    if args.get("incremental"):
        t = time.perf_counter()
        previous = load_index(path)
        load_s = time.perf_counter() - t
    if args.get("touch"):
        from benchmarks.generate import touch_bulletin

        touch_bulletin(Path(args["touch"]), int(args.get("edit", 1)))
    cpu = _cpu_seconds()
    t = time.perf_counter()
    index, report = build_index(corpus, lexicon, previous)
    build_s = time.perf_counter() - t
    build_cpu_s = _cpu_seconds() - cpu
    t = time.perf_counter()
    save_index(index, path)
    save_s = time.perf_counter() - t
    statuses: dict[str, int] = {}
    for r in report.results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    changed = [r.file for r in report.results if r.status in ("changed", "added")]
    total = load_s + build_s + save_s
    return {
        "seconds": total,
        "load_s": load_s,
        "build_s": build_s,
        "save_s": save_s,
        "parse_s": parse.seconds,
        "tokenize_s": tokenize.seconds,
        "assemble_s": build_s - parse.seconds - tokenize.seconds,
        "build_cpu_s": build_cpu_s,
        "cores_used": build_cpu_s / build_s if build_s else 0.0,
        "paragraphs": report.paragraphs,
        "bulletins": report.bulletins,
        "tokenized": report.tokenized,
        "paragraphs_per_s": report.paragraphs / total if total else 0.0,
        "tokenized_per_s": report.tokenized / tokenize.seconds if tokenize.seconds else 0.0,
        "statuses": statuses,
        "changed_files": changed[:5],
        "failed": [f"{r.file}: {r.reason}" for r in report.failed][:5],
        "accented_terms": len(index.accented.terms),
        "folded_terms": len(index.folded.terms),
        "postings": int(index.accented.docs.shape[0]),
        "peak_rss_mb": peak_rss_mb(),
    }


# --------------------------------------------------------------------------- serving


def _sizes(index: Any) -> dict[str, float]:
    """Memory held by each structure of the index, in MB (strings counted once)."""
    seen: set[int] = set()

    def obj(o: Any) -> int:
        if id(o) in seen:
            return 0
        seen.add(id(o))
        return sys.getsizeof(o)

    def strings(items: Any) -> int:
        return sum(obj(s) for s in items)

    out: dict[str, float] = {}
    out["paragraph texts"] = obj(index.paragraphs) + strings(index.paragraphs)
    for name in ("accented", "folded", "titles"):
        field = getattr(index, name)
        arrays = sum(a.nbytes for a in (field.indptr, field.docs, field.tfs, field.doc_len, field.idf, field.denom))
        ints = sum(obj(v) for v in field.vocab.values())
        out[f"{name}: arrays"] = arrays
        out[f"{name}: vocab dict + terms tuple"] = obj(field.vocab) + obj(field.terms) + ints
        out[f"{name}: term strings"] = strings(field.terms)
    records = 0
    for b in index.bulletins:
        records += obj(b) + strings([b.file, b.title, b.url or "", b.credit or ""]) + obj(b.stops) + strings(b.stops)
    out["bulletin records"] = records
    out["other arrays (para_bulletin, fold_of)"] = index.para_bulletin.nbytes + index.fold_of.nbytes

    def deep(o: Any, depth: int = 0) -> int:
        if id(o) in seen or depth > 6:
            return 0
        if hasattr(o, "nbytes"):
            seen.add(id(o))
            return int(o.nbytes)
        size = obj(o)
        if isinstance(o, dict):
            return size + sum(deep(k, depth + 1) + deep(v, depth + 1) for k, v in o.items())
        if isinstance(o, (tuple, list, set, frozenset)):
            return size + sum(deep(x, depth + 1) for x in o)
        slots = getattr(type(o), "__slots__", ())
        values = [getattr(o, a) for a in slots if hasattr(o, a)] + list(getattr(o, "__dict__", {}).values())
        return size + sum(deep(v, depth + 1) for v in values)

    import dataclasses

    known = {"paragraphs", "accented", "folded", "titles", "bulletins", "para_bulletin", "fold_of"}
    for f in dataclasses.fields(index):
        if f.name not in known:
            out[f.name] = deep(getattr(index, f.name))
    return {k: v / 1e6 for k, v in out.items() if v}


def serve(args: dict) -> dict:
    """Answer every question with Engine.ask, timing each one end to end; then a breakdown pass.

    Also writes the BM25 terms of every question (for the baseline) to args["terms_out"].
    """
    rss_start = rss_mb()
    from index.engine import Engine
    from index.retrieval import bm25
    from index.retrieval.query import analyze
    from index.retrieval.ranking import retrieve
    from index.store.format import load_index
    from index.terms.lexicon import load_lexicon

    rss_imported = rss_mb()
    t = time.perf_counter()
    index = load_index(Path(args["index"]))
    load_s = time.perf_counter() - t
    rss_loaded = rss_mb()
    engine = Engine(index, load_lexicon(None))
    questions = _questions(args["questions"])
    # Warm up with a question typed with diacritics: its compounds import pyvi (~1 s), once per process.
    warm = next((q["q"] for q in questions if q.get("variant") == "accented"), questions[0]["q"])
    t = time.perf_counter()
    engine.ask(warm)
    first_s = time.perf_counter() - t

    answers: list[dict] = []
    ask_s: list[float] = []
    for q in questions:
        t = time.perf_counter()
        answer = engine.ask(q["q"])
        ask_s.append(time.perf_counter() - t)
        cited = ([answer.file] if answer.file else []) + [s.file for s in answer.others]
        answers.append({"declined": not answer.answered, "top": answer.file, "cited": cited})
    peak_after_ask = peak_rss_mb()

    analyze_s, retrieve_s, score_s, terms = [], [], [], []
    for q in questions:
        t = time.perf_counter()
        query = analyze(q["q"], index, engine.lexicon)
        analyze_s.append(time.perf_counter() - t)
        terms.append({"accented": list(query.accented_terms), "folded": list(query.folded_terms)})
        if query.empty or query.unknown_names:
            continue
        t = time.perf_counter()
        retrieve(index, query, 6)
        retrieve_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        bm25.score(index.accented, bm25.term_ids(index.accented, query.accented_terms))
        score_s.append(time.perf_counter() - t)
    Path(args["terms_out"]).write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")

    expected = [q for q in questions if q.get("file")]
    hits = sum(1 for q, a in zip(questions, answers) if q.get("file") and q["file"] == a["top"])
    unknown = [a for q, a in zip(questions, answers) if q.get("variant") == "unknown_place"]
    return {
        "load_s": load_s,
        "first_ask_s": first_s,
        "ask": latency(ask_s),
        "analyze": latency(analyze_s),
        "retrieve": latency(retrieve_s),
        "score_accented": latency(score_s),
        "answered_share": sum(1 for a in answers if not a["declined"]) / len(answers),
        "expected_bulletin_quoted_share": hits / len(expected) if expected else 0.0,
        "unknown_place_declined_share": (sum(1 for a in unknown if a["declined"]) / len(unknown)) if unknown else None,
        "query_terms_mean": sum(len(t["accented"]) for t in terms) / len(terms),
        "rss_start_mb": rss_start,
        "rss_after_imports_mb": rss_imported,
        "rss_after_load_mb": rss_loaded,
        "rss_end_mb": rss_mb(),
        "peak_rss_mb": peak_after_ask,
        "pyvi_imported": "pyvi" in sys.modules,
        "index_memory_mb": _sizes(index),
    }


# --------------------------------------------------------------------------- baseline: rank_bm25


def field_documents(field: Any) -> list[list[str]]:
    """Each document's term list (terms repeated tf times, in term-id order) from a Field's matrix."""
    from index.retrieval.bm25 import field_matrix

    matrix = field_matrix(field).tocsr()
    terms = field.terms
    indptr, indices, data = matrix.indptr.tolist(), matrix.indices.tolist(), matrix.data.tolist()
    docs = []
    for d in range(matrix.shape[0]):
        doc: list[str] = []
        for k in range(indptr[d], indptr[d + 1]):
            doc.extend([terms[indices[k]]] * data[k])
        docs.append(doc)
    return docs


def baseline_build(args: dict) -> dict:
    """BM25Okapi over the accented paragraph terms of our index; pickled with the paragraph texts."""
    import pickle

    from rank_bm25 import BM25Okapi

    from index.store.format import load_index

    index = load_index(Path(args["index"]))
    docs = field_documents(index.accented)
    paragraphs = index.paragraphs
    del index
    gc.collect()
    rss_before = rss_mb()
    t = time.perf_counter()
    model = BM25Okapi(docs)
    construct_s = time.perf_counter() - t
    del docs
    gc.collect()
    held = rss_mb() - rss_before
    t = time.perf_counter()
    with open(args["pickle"], "wb") as out:
        pickle.dump({"bm25": model, "paragraphs": paragraphs}, out, protocol=pickle.HIGHEST_PROTOCOL)
    save_s = time.perf_counter() - t
    return {
        "construct_s": construct_s,
        "save_s": save_s,
        "held_mb": held,
        "file_bytes": Path(args["pickle"]).stat().st_size,
        "peak_rss_mb": peak_rss_mb(),
    }


def baseline_serve(args: dict) -> dict:
    """Unpickle the BM25Okapi index and time get_scores (and get_scores + top-6) for each query."""
    import pickle

    import numpy as np
    import pyvi.ViTokenizer  # noqa: F401  # the bot needs it for questions either way

    imports_s = time.perf_counter() - STARTED
    t = time.perf_counter()
    with open(args["pickle"], "rb") as f:
        data = pickle.load(f)
    load_s = time.perf_counter() - t
    rss_loaded = rss_mb()
    model = data["bm25"]
    terms = json.loads(Path(args["terms"]).read_text(encoding="utf-8"))
    limit = int(args.get("limit") or len(terms))
    t = time.perf_counter()
    first = model.get_scores(terms[0]["accented"])
    np.argsort(-first)[:6]
    first_s = time.perf_counter() - t
    first_answer_s = time.perf_counter() - STARTED
    scores_s, select_s = [], []
    for q in terms[:limit]:
        t = time.perf_counter()
        scores = model.get_scores(q["accented"])
        scores_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        np.argsort(-scores, kind="stable")[:6]
        select_s.append(time.perf_counter() - t)
    return {
        "imports_s": imports_s,
        "load_s": load_s,
        "first_answer_s": first_answer_s,
        "first_get_scores_s": first_s,
        "get_scores": latency(scores_s),
        "full_sort": latency(select_s),
        "rss_after_load_mb": rss_loaded,
        "peak_rss_mb": peak_rss_mb(),
    }


def _top_agree(ours: Any, theirs: Any, k: int, rtol: float) -> bool:
    """Our top k, scored by rank_bm25, has rank_bm25's top-k score profile (ties in any order)."""
    import numpy as np

    order = np.argsort(-ours, kind="stable")[:k]
    best = np.sort(theirs)[::-1][:k]
    return bool(np.allclose(theirs[order], best, rtol=rtol, atol=0.0))


def exactness(args: dict) -> dict:
    """Our bm25.score against BM25Okapi.get_scores for a sample of queries, on accented and folded fields.

    With "retokenize", also checks every paragraph's stored terms against a fresh tokenisation (so an
    incremental build is checked to hold the same terms as a cold one).
    """
    from collections import Counter

    import numpy as np
    from rank_bm25 import BM25Okapi

    from index.retrieval import bm25
    from index.store.format import load_index

    rtol = float(args.get("rtol", 1e-9))
    index = load_index(Path(args["index"]))
    terms = json.loads(Path(args["terms"]).read_text(encoding="utf-8"))
    step = max(1, len(terms) // int(args.get("sample", 50)))
    sample = terms[::step]
    out: dict[str, Any] = {"queries": len(sample), "rtol": rtol}
    fields = ["accented"] + (["folded"] if args.get("folded", True) else [])
    for name in fields:
        field = getattr(index, name)
        docs = field_documents(field)
        model = BM25Okapi(docs)
        del docs
        close = identical = top = 0
        worst = 0.0
        for q in sample:
            ours = bm25.score(field, bm25.term_ids(field, q[name]))
            theirs = np.asarray(model.get_scores(q[name]), dtype=np.float64)
            close += bool(np.allclose(ours, theirs, rtol=rtol, atol=0.0))
            identical += bool(np.array_equal(ours, theirs))
            nz = theirs != 0
            if nz.any():
                worst = max(worst, float(np.max(np.abs(ours[nz] - theirs[nz]) / np.abs(theirs[nz]))))
            if (ours[~nz] != 0).any():
                worst = max(worst, float("inf"))
            top += _top_agree(ours, theirs, 10, rtol)
        out[name] = {
            "allclose": close, "bit_identical": identical, "top10_agree": top, "max_rel_diff": worst,
            "passed": close == len(sample) and top == len(sample),
        }
        del model
        gc.collect()
    if args.get("retokenize"):
        from index.terms.layers import paragraph_terms
        from index.terms.lexicon import load_lexicon

        lexicon = load_lexicon(None)
        docs = field_documents(index.accented)
        bad = [i for i, text in enumerate(index.paragraphs) if Counter(paragraph_terms(text, lexicon).terms) != Counter(docs[i])]
        out["retokenized_rows_equal"] = not bad
        out["retokenized_mismatches"] = bad[:10]
    out["passed"] = all(out[name]["passed"] for name in fields) and out.get("retokenized_rows_equal", True)
    return out


PHASES: dict[str, Callable[[dict], dict]] = {
    "build": build,
    "serve": serve,
    "baseline_build": baseline_build,
    "baseline_serve": baseline_serve,
    "exactness": exactness,
}


def main(argv: list[str]) -> int:
    name, raw = argv[0], (argv[1] if len(argv) > 1 else "{}")
    result = PHASES[name](json.loads(raw))
    sys.stdout.write("\n" + json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
