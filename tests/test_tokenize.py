"""Tokenisation: numbers stay whole, parts are findable, bigrams respect punctuation, pyvi compounds."""

from __future__ import annotations

from index.terms.layers import paragraph_terms, title_terms
from index.terms.lexicon import Lexicon
from index.terms.tokenize import compounds, fold_term, scan


def terms(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(p.term, p.kind, p.parts) for p in scan(text)]


def test_numbers_dates_and_document_numbers_stay_whole_with_parts() -> None:
    got = terms("4.520 đô la, từ 50-55%, 41,45%, ngày 9-10-2022, Quyết định 1289/QĐ-TTg")
    assert ("4520", "num", ()) in got
    assert ("50-55%", "num", ("50", "55")) in got
    assert ("41,45%", "num", ("41,45",)) in got
    assert ("9/10/2022", "date", ("9", "10", "2022")) in got
    assert ("1289/qđ-ttg", "docno", ("1289", "qđ", "ttg")) in got


def test_thousands_with_and_without_dots_are_the_same_term() -> None:
    assert scan("4.520")[0].term == scan("4520")[0].term == "4520"


def test_letters_and_digits_split_and_hyphenated_abbreviations_keep_parts() -> None:
    assert [p.term for p in scan("TW6")] == ["tw", "6"]
    assert terms("KT-XH")[0] == ("kt-xh", "word", ("kt", "xh"))


def test_words_are_lower_case_with_canonical_tones() -> None:
    assert [p.term for p in scan("Đô thị HÓA")] == ["đô", "thị", "hoá"]


def test_punctuation_starts_a_new_phrase() -> None:
    pieces = scan("Kiên Giang, Hà Tiên")
    assert pieces[1].phrase != pieces[2].phrase


def test_fold_term_merges_i_and_y_spellings() -> None:
    assert fold_term("quý") == fold_term("quí") == "qui"
    assert fold_term("kỹ thuật") == fold_term("kĩ thuật")
    assert fold_term("quy_hoạch") == "qui_hoach"


def test_pyvi_compounds_are_lower_case_after_segmentation() -> None:
    found = compounds("Đến năm 2030, Kiên Giang có 5 khu công nghiệp")
    assert "kiên_giang" in found
    assert all(c == c.lower() for c in found)


def test_paragraph_terms_drop_stopwords_and_bigrams_skip_them(lexicon: Lexicon) -> None:
    got = paragraph_terms("Tỷ lệ đô thị hóa của tỉnh và thành phố", lexicon)
    assert "của" not in got.terms and "và" not in got.terms
    assert "đô thị" in got.terms and "thị hoá" in got.terms
    assert "hoá tỉnh" not in got.terms  # "của" sat between them
    assert got.stops["cua"] == 1


def test_title_terms_are_folded(lexicon: Lexicon) -> None:
    assert "nghi quyet" in title_terms("Nghị quyết Trung ương 6", lexicon)
