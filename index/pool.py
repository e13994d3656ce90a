"""Tokenising many paragraphs on every core: pyvi (about 1 ms a paragraph) is the cost of a build.

Worker processes pay pyvi's import (about a second) once, so small jobs stay in this process.
Only lists of strings cross between processes.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence

from .analysis import paragraph_terms
from .lexicon import Lexicon, load_lexicon

PARALLEL_FROM = 3000  # paragraphs; below this a second process costs more than it saves
CHUNK = 200

Tokens = tuple[list[list[str]], Counter[str]]  # per paragraph terms, and stopword counts


def tokenize_texts(texts: Sequence[str], lexicon: Lexicon) -> Tokens:
    rows, stops = [], Counter[str]()
    for text in texts:
        terms = paragraph_terms(text, lexicon)
        rows.append(terms.terms)
        stops.update(terms.stops)
    return rows, stops


@functools.cache
def _worker_lexicon() -> Lexicon:
    # Tokenising needs only the stopwords, which come with the package, never from an admin file.
    return load_lexicon()


def _start_worker(scratch: str) -> None:
    # pyvi's CRF model is unpacked into a temporary file that a pool worker's exit never removes:
    # keep those files in a folder the parent deletes.
    tempfile.tempdir = scratch


def _work(texts: list[str]) -> Tokens:
    return tokenize_texts(texts, _worker_lexicon())


def workers_for(paragraphs: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 8) if paragraphs >= PARALLEL_FROM else 1


def tokenize_documents(
    documents: Sequence[Sequence[str]], lexicon: Lexicon, progress: Callable[[int], None] | None = None
) -> list[Tokens]:
    """Tokens of each document (a list of paragraph texts), in order, on as many cores as pays."""
    total = sum(len(d) for d in documents)
    workers = workers_for(total)
    if workers == 1:
        out = []
        for document in documents:
            out.append(tokenize_texts(document, lexicon))
            if progress is not None:
                progress(len(document))
        return out
    out = []
    with tempfile.TemporaryDirectory(prefix="nqbot-pool-") as scratch:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(scratch,)) as pool:
            jobs = pool.map(_work, [list(d) for d in documents], chunksize=max(1, CHUNK // 10))
            for document, tokens in zip(documents, jobs):
                out.append(tokens)
                if progress is not None:
                    progress(len(document))
    return out
