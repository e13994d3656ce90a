"""Analysing many bulletins on every core: pyvi (about 1 ms a paragraph) is the cost of a build,
and target extraction comes second.

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

from index.targets.rules import Target, extract_targets
from index.terms.layers import paragraph_terms
from index.terms.lexicon import Lexicon, load_lexicon

PARALLEL_FROM = 3000  # paragraphs; below this a second process costs more than it saves
CHUNK = 200

Document = tuple[str, Sequence[str]]  # a bulletin's file name and paragraph texts
Tokens = tuple[list[list[str]], Counter[str], list[Target]]  # per paragraph terms, stopword counts, targets


def analyse_document(document: Document, lexicon: Lexicon) -> Tokens:
    file, texts = document
    rows, stops = [], Counter[str]()
    for text in texts:
        terms = paragraph_terms(text, lexicon)
        rows.append(terms.terms)
        stops.update(terms.stops)
    return rows, stops, extract_targets(file, texts)


@functools.cache
def _worker_lexicon() -> Lexicon:
    # Tokenising needs only the stopwords, which come with the package, never from an admin file.
    return load_lexicon()


def _start_worker(scratch: str) -> None:
    # pyvi's CRF model is unpacked into a temporary file that a pool worker's exit never removes:
    # keep those files in a folder the parent deletes.
    tempfile.tempdir = scratch


def _work(document: Document) -> Tokens:
    return analyse_document(document, _worker_lexicon())


def workers_for(paragraphs: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 8) if paragraphs >= PARALLEL_FROM else 1


def analyse_documents(
    documents: Sequence[Document], lexicon: Lexicon, progress: Callable[[int], None] | None = None
) -> list[Tokens]:
    """Terms, stopword counts and targets of each document, in order, on as many cores as pays."""
    total = sum(len(texts) for _, texts in documents)
    workers = workers_for(total)
    if workers == 1:
        out = []
        for document in documents:
            out.append(analyse_document(document, lexicon))
            if progress is not None:
                progress(len(document[1]))
        return out
    out = []
    with tempfile.TemporaryDirectory(prefix="nqbot-pool-") as scratch:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(scratch,)) as pool:
            jobs = pool.map(_work, [(f, list(t)) for f, t in documents], chunksize=max(1, CHUNK // 10))
            for (_, texts), tokens in zip(documents, jobs):
                out.append(tokens)
                if progress is not None:
                    progress(len(texts))
    return out
