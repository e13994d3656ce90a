"""Our sparse BM25 gives rank_bm25's BM25Okapi scores, on the real corpus, and stopwords stay out."""

from __future__ import annotations

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.retrieval import bm25
from index.retrieval.query import analyze
from index.store.matrix import RowsBuilder
from index.store.snapshot import Index
from index.terms.layers import paragraph_terms
from index.terms.lexicon import Lexicon

QUESTIONS = [
    "GRDP bình quân đầu người đến năm 2030 là bao nhiêu?",
    "ty le do thi hoa kien giang den 2030",
    "Kiên Giang có bao nhiêu khu công nghiệp và cụm công nghiệp?",
    "tỉnh tỉnh và phát triển",  # repeated and very common words: the idf floor matters here
    "KCN Thạnh Lộc rộng bao nhiêu ha",
    "hợp tác xã nông nghiệp ứng dụng công nghệ cao",
]


@pytest.fixture(scope="module")
def corpus_terms(eval_index: Index, lexicon: Lexicon) -> list[list[str]]:
    return [paragraph_terms(text, lexicon).terms for text in eval_index.paragraphs]


@pytest.fixture(scope="module")
def okapi(corpus_terms: list[list[str]]) -> BM25Okapi:
    return BM25Okapi(corpus_terms)


@pytest.mark.parametrize("question", QUESTIONS)
def test_scores_equal_rank_bm25(question: str, eval_index: Index, lexicon: Lexicon, okapi: BM25Okapi) -> None:
    terms = list(analyze(question, eval_index, lexicon).accented_terms) + ["tỉnh"]
    ours = bm25.score(eval_index.accented, bm25.term_ids(eval_index.accented, terms))
    theirs = okapi.get_scores(terms)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    top = np.argsort(-theirs, kind="stable")[:10]
    assert list(np.argsort(-ours, kind="stable")[:10]) == list(top)


def test_field_from_the_same_rows_has_rank_bm25_idf(corpus_terms: list[list[str]], okapi: BM25Okapi) -> None:
    builder = RowsBuilder()
    for terms in corpus_terms:
        builder.add_terms(terms)
    field = builder.field()
    for term, tid in field.vocab.items():
        assert field.idf[tid] == pytest.approx(okapi.idf[term], rel=1e-12, abs=1e-12)
    assert field.doc_len.tolist() == okapi.doc_len


def test_stopwords_are_not_indexed(eval_index: Index, lexicon: Lexicon) -> None:
    """rank_bm25 floors negative idf at epsilon x mean idf, so a word in most paragraphs ("và") would
    score above real content words: they must never reach the index."""
    for word in ("và", "của", "các", "là", "được", "những", "có"):
        assert word in lexicon.stopwords
        assert word not in eval_index.accented.vocab


def test_the_floor_is_rank_bm25s(okapi: BM25Okapi, eval_index: Index) -> None:
    field = eval_index.accented
    common = max(field.vocab, key=field.df)
    assert field.df(common) > field.n_docs / 2
    floor = bm25.EPSILON * okapi.average_idf
    assert okapi.idf[common] == pytest.approx(floor)
    assert field.idf[field.vocab[common]] == pytest.approx(floor)
