"""Analysing many bulletins on every core: pyvi (about 1 ms a paragraph) is the cost of a build,
and target extraction comes second.

Worker processes pay their start-up (interpreter, imports, pyvi's model) once, so small jobs stay in this process.
Only lists of strings cross between processes. Workers die with the process that started them: a
killed build must not leave processes of ~200 MB behind, re-parented and ignoring SIGTERM.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from index.targets.rules import Target, extract_targets
from index.terms.facilities import Facilities, facilities_of
from index.terms.layers import paragraph_terms
from index.terms.lexicon import Lexicon, load_lexicon

PARALLEL_FROM = 3000  # paragraphs; below this a second process costs more than it saves
CHUNK = 200

Document = tuple[str, Sequence[str]]  # a bulletin's file name and paragraph texts
# Per paragraph terms, stopword counts, targets, named facilities.
Tokens = tuple[list[list[str]], Counter[str], list[Target], Facilities]


def analyse_document(document: Document, lexicon: Lexicon) -> Tokens:
    file, texts = document
    rows, stops = [], Counter[str]()
    for text in texts:
        terms = paragraph_terms(text, lexicon)
        rows.append(terms.terms)
        stops.update(terms.stops)
    return rows, stops, extract_targets(file, texts), facilities_of(texts)


@functools.cache
def _worker_lexicon() -> Lexicon:
    # Tokenising needs only the stopwords, which come with the package, never from an admin file.
    return load_lexicon()


PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WATCH_SECONDS = 0.5


def _start_worker(scratch: str, parent: int) -> None:
    # pyvi's CRF model is unpacked into a temporary file that a pool worker's exit never removes:
    # keep those files in a folder the parent deletes.
    tempfile.tempdir = scratch
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """End this process when `parent` dies: the kernel's SIGKILL on Linux, else a watchdog thread.

    Under the forkserver start method the process that forked this one is the server, which exits
    when `parent` does; so `parent` itself is watched too."""
    forked_by = os.getppid()
    if not _kill_on_parent_death():
        threading.Thread(target=_watch, args=(parent, forked_by), name="nqbot-parent-watch", daemon=True).start()
    if not _alive(parent):  # it died before the request took effect
        os._exit(1)


def _kill_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _watch(parent: int, forked_by: int) -> None:
    while os.getppid() == forked_by and _alive(parent):
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _work(document: Document) -> Tokens:
    return analyse_document(document, _worker_lexicon())


def workers_for(paragraphs: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 8) if paragraphs >= PARALLEL_FROM else 1


def analyse_documents(
    documents: Sequence[Document], lexicon: Lexicon, progress: Callable[[int], None] | None = None
) -> Iterator[Tokens]:
    """Terms, stopword counts and targets of each document, in order, on as many cores as pays.

    Yielded as they come: a build adds each document's rows and drops its terms before the next, so a
    million paragraphs' term lists are never held at once (BENCHMARKS.md, "Library findings" 4)."""
    total = sum(len(texts) for _, texts in documents)
    workers = workers_for(total)
    if workers == 1:
        for document in documents:
            yield analyse_document(document, lexicon)
            if progress is not None:
                progress(len(document[1]))
        return
    with tempfile.TemporaryDirectory(prefix="nqbot-pool-") as scratch:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=(scratch, os.getpid())) as pool:
            # Texts are pickled as each task is sent (Paragraphs pickle as their strs), not decoded all at once.
            jobs = pool.map(_work, list(documents), chunksize=max(1, CHUNK // 10))
            for (_, texts), tokens in zip(documents, jobs):
                yield tokens
                if progress is not None:
                    progress(len(texts))
