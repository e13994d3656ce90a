"""`nqbot eval` scoring, and the quality floor on the question set (a drop in any kind fails)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.alone import run_alone
from index.answer.model import Answer, Source
from index.engine import Engine, open_engine
from index.evaluation import (
    EvalFileError,
    EvalQuestion,
    EvalReport,
    Outcome,
    Verdict,
    is_hit,
    load_questions,
    report_json,
    run_eval,
    verdict,
)
from tests.support.paths import QUESTIONS, ROOT, SEED_DIR, SEED_FILE

# Measured on tests/data/questions.jsonl (see README); raise them when retrieval improves.
FLOORS = {
    "accented": 0.9, "no_diacritics": 0.9, "abbrev": 0.9, "paraphrase": 0.7, "typo": 0.9,
    "chatty": 0.9, "ood": 0.9, "injection": 0.9,
}


def test_question_set_covers_every_kind_in_numbers() -> None:
    questions = load_questions(QUESTIONS)
    kinds = {q.kind for q in questions}
    assert kinds == set(FLOORS)
    assert len(questions) >= 80
    assert sum(q.doc is None and q.kind == "ood" for q in questions) >= 20


def test_hit_rate_per_kind_stays_above_the_floors(eval_engine: Engine) -> None:
    report = run_eval(eval_engine, load_questions(QUESTIONS))
    rates = {kind: hits / total for kind, (hits, total) in report.by_kind().items()}
    below = {kind: round(rates[kind], 3) for kind, floor in FLOORS.items() if rates[kind] < floor}
    assert not below, f"hit rate fell below the floor: {below}"


def test_is_hit_rules() -> None:
    q = EvalQuestion(id="a", q="?", kind="accented", doc="x.txt", must="hoá")
    source = Source(quote="đô thị hoá", paragraph="đô thị hoá", file="x.txt", title="T", url=None, published=None,
                    score=1.0)
    good = Answer(question="?", answered=True, best=source)
    assert is_hit(q, good)
    decomposed = source.model_copy(update={"quote": "đô thị hoa\u0301"})
    assert is_hit(q, good.model_copy(update={"best": decomposed}))  # compared after NFC
    assert not is_hit(q, good.model_copy(update={"best": source.model_copy(update={"file": "y.txt"})}))
    assert not is_hit(q, Answer(question="?", answered=False))
    ood = EvalQuestion(id="b", q="?", kind="ood")
    assert is_hit(ood, Answer(question="?", answered=False)) and not is_hit(ood, good)
    assert verdict(q, Answer(question="?", answered=False)) is Verdict.DECLINED
    assert verdict(ood, good) is Verdict.WRONG  # a quote for an unanswerable question is a wrong answer


def test_report_json_lists_kinds_and_misses(eval_engine: Engine) -> None:
    asked = "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII họp khi nào?"  # a sure answer (0.999)
    questions = [
        EvalQuestion(id="1", q=asked, kind="accented", doc=SEED_FILE, must="từ ngày 3 đến 9-10-2022"),
        EvalQuestion(id="2", q=asked, kind="accented", doc="other.txt", must="x"),
    ]
    data = report_json(run_eval(eval_engine, questions))
    assert data["kinds"]["accented"] == {
        "hits": 1, "total": 2, "rate": 0.5, "wrong": 1, "wrong_rate": 0.5, "declined": 0, "declined_rate": 0.0,
        "confident_wrong": 1, "confident_wrong_rate": 0.5,
    }
    assert [m["id"] for m in data["misses"]] == ["2"]


def test_a_wrong_answer_given_with_a_caution_is_not_a_confident_one() -> None:
    q = EvalQuestion(id="a", q="?", kind="chatty", doc="x.txt", must="31,2%")
    other = Source(quote="Tỷ lệ đô thị hóa đạt 28%.", paragraph="p", file="y.txt", title="t", url=None,
                   published=None, score=1.0)
    wrong = Answer(question="?", answered=True, best=other)
    report = EvalReport(tuple(Outcome(q, answer, verdict(q, answer))
                              for answer in (wrong, wrong.model_copy(update={"unsure": True}))))
    scores = report.scores()
    assert (scores["chatty"].wrong, scores["chatty"].confident_wrong) == (2, 1)
    assert report_json(report, misses=False)["kinds"]["overall"]["confident_wrong_rate"] == 0.5


def test_bad_question_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "1", "q": "x", "kind": "a"}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"q.jsonl:2"):
        load_questions(path)


# The blind validate split (tests/data/blind/README.md): no kind may get worse than measured after the
# rules of "Answers that hold on questions nobody has seen" (README, Quality). Raise these as answers
# improve; never tune on the validate questions themselves.
BLIND = ROOT / "tests" / "data" / "blind"
VALIDATE_FLOORS = {  # 3,373 questions over 160 bulletins (tests/data/blind/README.md), about 0.01-0.02 under the measure
    # Measured when the twenty-sixth round joined (stop 32, with its first rules): accented 0.794, no_diacritics 0.833,
    # abbrev 0.845, paraphrase 0.641, typo 0.848, chatty 0.798, ood 0.782, injection 0.818, overall 0.782 (at the end
    # of stop 31, before it: 0.803, 0.832, 0.850, 0.646, 0.849, 0.805, 0.781, 0.826, 0.786). Accented moved from 0.79
    # to 0.78: the round's own accented questions read 0.70 (14 of 20) and its bulletins cost the older ones three
    # right answers (0.803 → 0.797); the round read 0.771 on its own (199 of 258, lexical, with the stop's rules).
    "accented": 0.78, "no_diacritics": 0.82, "abbrev": 0.825, "paraphrase": 0.635, "typo": 0.82, "chatty": 0.775,
    "ood": 0.76, "injection": 0.8, "overall": 0.775,
}
VALIDATE_MAX_WRONG = 0.11  # measured 0.092 (311 of 3,373)
VALIDATE_MAX_CONFIDENT_WRONG = 0.035  # measured 0.021 (72 of 3,373): wrong answers given without the caution of an unsure one


def test_blind_validate_split_does_not_get_worse(tmp_path: Path) -> None:
    engine, _ = open_engine(tmp_path / "blind.zip", [SEED_DIR, BLIND / "corpus"])
    scores = run_eval(engine, load_questions(BLIND / "validate.jsonl")).scores()
    below = {k: round(s.rate(s.hits), 3) for k, s in scores.items() if s.rate(s.hits) < VALIDATE_FLOORS[k]}
    assert not below, f"validate hit rate fell below the floor: {below}"
    overall = scores["overall"]
    assert overall.rate(overall.wrong) <= VALIDATE_MAX_WRONG
    assert overall.rate(overall.confident_wrong) <= VALIDATE_MAX_CONFIDENT_WRONG


# Each validate bulletin alone beside the shipped seed (index/alone.py): a deployment's first days. Measured
# with the twenty-sixth round on the 167 bulletins (stop 32, after its join): own questions 0.859 right (2,558 of
# 2,979); other bulletins' questions answered 0.030 of the time (178 of 5,958). The floors sit a little off the measure.
ALONE_OWN_FLOOR = 0.84
ALONE_MAX_FOREIGN = 0.045


def test_each_validate_bulletin_alone_answers_its_own_and_not_other_bulletins_questions(tmp_path: Path) -> None:
    report = run_alone([SEED_DIR], BLIND / "corpus", load_questions(BLIND / "validate.jsonl"), tmp_path)
    # 160 validate bulletins, and 7 tune bulletins that answer audited validate questions (tests/data/blind/README.md)
    assert report.bulletins == 167 and report.foreign.total > 1000
    assert report.own.rate(report.own.hits) >= ALONE_OWN_FLOOR
    assert report.foreign.rate(report.foreign.wrong) <= ALONE_MAX_FOREIGN
