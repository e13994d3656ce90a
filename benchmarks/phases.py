"""The measured steps of the benchmark, each run in a fresh process by `benchmarks.run`.

    python -m benchmarks.phases PHASE '{"json": "arguments"}'

prints one JSON object (the figures) as its last stdout line. Running every step in its own process
keeps the figures honest: load times include a cold interpreter, and peak RSS (VmHWM) is the
step's own. Imports of the library are deferred so that each step imports only what it measures.
The steps: `phase_build` (cold and incremental builds), `phase_serve` (Engine.ask latency, memory),
`phase_baseline` (BM25Okapi build and get_scores), `phase_exactness` (our scores against get_scores);
with `--vectors`, `phase_vectors` (vectors given to the index, the encoder's cost, an incremental
rebuild with vectors) and `phase_vectors_serve` (answers with the embedder).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from benchmarks.phase_baseline import baseline_build, baseline_serve
from benchmarks.phase_build import build
from benchmarks.phase_exactness import exactness
from benchmarks.phase_serve import serve
from benchmarks.phase_vectors import vectors_attach, vectors_build
from benchmarks.phase_vectors_serve import vectors_serve

PHASES: dict[str, Callable[[dict], dict]] = {
    "build": build,
    "serve": serve,
    "baseline_build": baseline_build,
    "baseline_serve": baseline_serve,
    "exactness": exactness,
    "vectors_attach": vectors_attach,
    "vectors_build": vectors_build,
    "vectors_serve": vectors_serve,
}


def main(argv: list[str]) -> int:
    name, raw = argv[0], (argv[1] if len(argv) > 1 else "{}")
    result = PHASES[name](json.loads(raw))
    sys.stdout.write("\n" + json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
