"""Figures a measured step takes of its own process: peak and current RSS, CPU time, and latency
percentiles of a list of durations.
"""

from __future__ import annotations

import resource
import time

STARTED = time.perf_counter()  # when this process imported the benchmark (a step's imports count from here)


def peak_rss_mb() -> float:
    """This process's peak resident set size: VmHWM, its own memory's high-water mark. Not ru_maxrss,
    which Linux carries over fork and exec: a step started by a large harness process would report
    at least the harness's size (the heavy profile's harness holds its bulletin specs)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds() -> float:
    """User + system CPU time of this process, its threads and its finished child processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_parts_mb() -> dict[str, float]:
    """This process's resident memory now, by kind: anonymous (the heap) and file pages (mapped files:
    shared with other processes, dropped by the kernel under pressure)."""
    parts = {"VmRSS:": "total", "RssAnon:": "anon", "RssFile:": "file", "RssShmem:": "shmem"}
    out: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key = line.split(maxsplit=1)[0] if line.strip() else ""
            if key in parts:
                out[parts[key]] = int(line.split()[1]) / 1024
    return out


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
