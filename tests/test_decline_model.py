"""The decline model (index/answer/confidence.py, index/data/decline.toml, scripts/fit_decline.py).

The bulletins written here are fictional test data (URLs on tin.example.test).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from index.answer.compose import compose
from index.answer.confidence import SIGNALS, SURE, DeclineModel, DeclineModelError, default_model, load_model
from index.answer.model import Decline
from index.engine import Engine
from tests.support.paths import ROOT
from tests.support.sample_bulletins import engine_over

# Two fictional bulletins that state the same indicator with different figures and no place or year to
# tell them apart: a question about it cannot be answered with confidence.
TWINS = {
    "a.txt": """https://tin.example.test/a
Hội nghị bàn giải pháp chuyển đổi số cấp xã
Thứ Hai, 02/12/2024 08:00

Tỷ lệ hồ sơ được số hóa kết quả giải quyết thủ tục hành chính đạt 71,5%.
Minh Anh
""",
    "b.txt": """https://tin.example.test/b
Sơ kết công tác cải cách hành chính
Thứ Ba, 03/12/2024 08:00

Tỷ lệ hồ sơ được số hóa kết quả giải quyết thủ tục hành chính đạt 64,2%.
Minh Anh
""",
}


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_over(tmp_path_factory.mktemp("twins"), TWINS)


def _load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fit_decline", ROOT / "scripts" / "fit_decline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_decline"] = module
    spec.loader.exec_module(module)
    return module


def test_the_shipped_model_loads_and_reads_every_signal() -> None:
    model = default_model()
    assert {name for name, *_ in model.features} == set(SIGNALS)
    assert 0.0 < model.threshold < 1.0


def test_a_clear_lead_is_more_likely_right_than_a_near_tie() -> None:
    model = default_model()
    common = {"support": 0.6, "paragraph": 0.9, "year": 0.0}
    lead = model.probability({**common, "margin": 0.5, "margin_bulletin": 0.5, "margin_checked": 0.5})
    # Another bulletin's sentence as good, and passing the checks too:
    tie = model.probability({**common, "margin": 0.0, "margin_bulletin": 0.0, "margin_checked": 0.0})
    assert lead > model.threshold > tie


def test_two_bulletins_with_different_figures_and_nothing_to_choose_get_no_answer(twins: Engine) -> None:
    question = "Tỷ lệ hồ sơ được số hóa kết quả giải quyết thủ tục hành chính là bao nhiêu?"
    answer = twins.ask(question)
    assert not answer.answered and answer.reason == Decline.NO_MATCH
    trace: dict[str, float] = {}
    without = compose(twins.index, twins.lexicon, question, decline_model=None, trace=trace)
    assert without.answered and without.confidence is None and trace["margin"] < 0.05


def test_two_bulletins_stating_the_same_figure_first_are_no_rivals(tmp_path: Path) -> None:
    """Two bulletins both report "23 dự án đầu tư công chậm tiến độ", each with other figures after it: they
    agree, and the answer is not declined as a near tie (their figures as a whole differ)."""
    engine = engine_over(tmp_path, {
        "ngan-sach.txt": TWINS["a.txt"].replace(
            "Tỷ lệ hồ sơ được số hóa kết quả giải quyết thủ tục hành chính đạt 71,5%.",
            "Hiện toàn tỉnh có 23 dự án đầu tư công chậm tiến độ, trong đó 9 dự án vướng mặt bằng kéo dài."),
        "lang-phi.txt": TWINS["b.txt"].replace(
            "Tỷ lệ hồ sơ được số hóa kết quả giải quyết thủ tục hành chính đạt 64,2%.",
            "Đối với đầu tư công, tỉnh có 23 dự án chậm tiến độ với tổng mức đầu tư 3.214 tỷ đồng."),
    })
    trace: dict[str, float] = {}
    answer = compose(engine.index, engine.lexicon, "Hiện tỉnh có bao nhiêu dự án đầu tư công bị chậm tiến độ?",
                     decline_model=None, trace=trace)
    assert answer.best is not None and "23 dự án" in answer.best.quote
    assert trace["margin_bulletin"] == 1.0  # no rival from another bulletin


def test_a_question_only_one_bulletin_answers_is_answered_with_its_confidence(twins: Engine) -> None:
    answer = twins.ask("Hội nghị chuyển đổi số cấp xã: tỷ lệ hồ sơ được số hóa kết quả đạt bao nhiêu?")
    assert answer.best is not None and "71,5%" in answer.best.quote
    assert answer.confidence is not None and answer.confidence >= default_model().threshold
    assert answer.to_json()["confidence"] == answer.confidence


def test_an_answer_the_model_doubts_is_given_with_a_caution(twins: Engine) -> None:
    """Kept, but under SURE: the answer says it is unsure (plain.UNSURE), and its JSON says so too."""
    question = "Hội nghị chuyển đổi số cấp xã: tỷ lệ hồ sơ được số hóa kết quả đạt bao nhiêu?"
    doubtful = DeclineModel(threshold=0.3, intercept=0.0, features=())  # 0.5 whatever the signals
    answer = compose(twins.index, twins.lexicon, question, decline_model=doubtful)
    assert answer.best is not None and "71,5%" in answer.best.quote
    assert answer.confidence == 0.5 < SURE and answer.unsure and answer.to_json()["unsure"] is True
    sure = compose(twins.index, twins.lexicon, question, decline_model=DeclineModel(0.3, 3.0, ()))
    assert sure.confidence is not None and sure.confidence > SURE and not sure.unsure
    unmodelled = compose(twins.index, twins.lexicon, question, decline_model=None)
    assert unmodelled.answered and not unmodelled.unsure  # no model, no doubt to report


@pytest.mark.parametrize(("text", "message"), [
    ("version = 1\n", "fitted_on"),
    ('version = 1\nfitted_on = "x"\nthreshold = 0.5\nintercept = 0\n[features]\nluck = { mean = 0, scale = 1, weight = 1 }\n',
     "unknown signals"),
    ("version = ", "decline.toml"),
])
def test_a_broken_model_file_is_a_named_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "decline.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DeclineModelError, match=message) as raised:
        load_model(path)
    assert str(path) in str(raised.value)


def test_the_fit_recovers_a_known_logistic_model_and_a_costed_threshold() -> None:
    fit_decline = _load_script()
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4000, 2))
    truth = np.array([0.5, 2.0, -1.0])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(truth[0] + x @ truth[1:])))).astype(float)
    assert np.allclose(fit_decline.fit(x, y), truth, atol=0.15)
    # Declining a wrong answer gains twice what declining a right one loses.
    p = np.array([0.1, 0.2, 0.3, 0.9, 0.95])
    assert fit_decline.best_threshold(p, np.array([0.0, 0.0, 1.0, 1.0, 1.0])) == pytest.approx(0.3)
    assert fit_decline.best_threshold(p, np.array([0.0, 1.0, 1.0, 1.0, 1.0])) == pytest.approx(0.2)
