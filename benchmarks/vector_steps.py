"""The `--vectors` steps of one size (after the lexical ones), each in a fresh process: the index given
paragraph vectors (`index-vectors.zip`: random unit vectors under the real model id, benchmarks.phase_vectors);
the real encoder's seconds per paragraph on a sample and an incremental rebuild with vectors, checking
that only the changed bulletin's paragraphs were encoded; load + first answer with the embedder; and
the serving step with the embedder (benchmarks.phase_vectors_serve).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks.phase_vectors_serve import FIRST_ANSWER_SCRIPT
from index.store.format import delta_path

if TYPE_CHECKING:
    from benchmarks.one_size import _SizeRun
    from benchmarks.synthetic_questions import Question

VECTORS_EDIT = 3  # the edit number of the bulletin changed for the incremental rebuild with vectors


def _attach(run: _SizeRun) -> None:
    a = run.result["vectors_attach"] = run.phase("vectors_attach", {"index": str(run.index),
                                                                    "out": str(run.vectors_index)})
    run.result["vectors_index_bytes"] = run.vectors_index.stat().st_size
    run.say(f"[{run.n}] vectors: index with {a['dim']}-dim int8 vectors {a['bytes'] / 1e6:.1f} MB "
            f"(codes {a['codes_mb']:.1f} MB)")


def _build(run: _SizeRun) -> None:
    specs = list(run.profile.bulletins(run.n, run.options.seed))
    spec = specs[len(specs) // 2]
    out = run.base / "index-vectors-incremental.zip"
    b = run.result["vectors_build"] = run.phase("vectors_build", {
        "index": str(run.vectors_index), "corpus": str(run.corpus), "touch": str(run.corpus / spec.file),
        "edit": VECTORS_EDIT, "out": str(out), "sample": run.options.vectors_sample,
    })
    out.unlink(missing_ok=True)
    delta_path(out).unlink(missing_ok=True)
    inc = b["incremental"]
    inc["expected_encoded"] = len(spec.paragraphs)
    inc["only_changed_encoded"] = (inc["encoded"] == len(spec.paragraphs) and inc["changed_files"] == [spec.file]
                                   and inc["encoded_are_changed"] and inc["carried_over_equal"])
    run.say(f"[{run.n}] vectors: encoder {b['sample']['s_per_paragraph'] * 1000:.1f} ms/paragraph "
            f"({b['sample']['sampled']} sampled); incremental rebuild with vectors {inc['seconds']:.2f}s, "
            f"encoded {inc['encoded']} (expected {len(spec.paragraphs)})")


def _first(run: _SizeRun, asked: list[Question]) -> None:
    first_q = next((q.q for q in asked if q.variant == "accented"), asked[0].q)
    run.fresh("vectors_first", FIRST_ANSWER_SCRIPT, [str(run.vectors_index), first_q])
    run.say(f"[{run.n}] vectors: fresh load + first answer {run.result['vectors_first']['wall_s']:.2f}s")


def _serve(run: _SizeRun) -> None:
    s = run.result["vectors_serve"] = run.phase("vectors_serve", {"index": str(run.vectors_index),
                                                                  "questions": str(run.questions_path)})
    run.say(f"[{run.n}] vectors: ask p50 {s['ask']['p50_ms']:.1f} ms, p99 {s['ask']['p99_ms']:.1f} ms, "
            f"query encoder p50 {s['query_encoder']['p50_ms']:.1f} ms, peak RSS {s['peak_rss_mb']:.0f} MB")


def run_vectors(run: _SizeRun, asked: list[Question]) -> None:
    """The vector steps; a failed one is recorded in result["errors"] as the lexical steps' are."""
    if not run.step("vectors_attach", lambda: _attach(run)):
        return
    run.step("vectors_serve", lambda: _serve(run))
    run.step("vectors_first", lambda: _first(run, asked))
    run.step("vectors_build", lambda: _build(run))  # last: it edits a bulletin of the corpus
