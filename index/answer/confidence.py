"""Whether to answer at all: the probability that the chosen sentence is the right one.

A small logistic model over signals of the choice (how far the sentence stands above its rivals, how
much of the question it and its paragraph cover, whether its words fit the kind of answer asked). Its
coefficients live in `index/data/decline.toml`, fitted on the blind tune split by
`scripts/fit_decline.py`; the composer declines below the threshold stored with them. A confident wrong
quote misleads an official, a plain "no answer" does not: the threshold counts a wrong answer as twice
a missed one. An answer kept with a probability under SURE is shown with a caution (plain.UNSURE).
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from index.answer.candidates import Candidate
from index.answer.years import stated_figures
from index.errors import NqbotError
from index.retrieval.coverage import years_of
from index.store.snapshot import Index

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "decline.toml"
# Each should make a right answer more likely as it grows (the fit on tune agrees, but for "year", whose weight
# came out about zero in stop 19's refit); "cue" and the fallback distance were tried and left out: no better
# out of fold, and a negative weight for the cue fit.
SIGNALS = ("margin", "margin_bulletin", "margin_checked", "support", "paragraph", "year")
_ALONE = 1.0  # the margin of a sentence with no rival
# Under this probability an answer is given with a caution to check the bulletin. On the 1,676-question tune split,
# answers the model put under 0.9 were right 307 times of 387, those over it 913 of 943: one confident answer in
# 31 was wrong, against one in 17 with the 0.8 of stop 18 (README, "How answers are found"; read off tune only,
# like the threshold).
SURE = 0.9


class DeclineModelError(NqbotError):
    """The decline model file is missing fields or names unknown signals."""


class _Feature(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    mean: float
    scale: float
    weight: float


class _ModelFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int
    fitted_on: str
    threshold: float
    intercept: float
    features: dict[str, _Feature]


@dataclass(frozen=True, slots=True)
class DeclineModel:
    threshold: float
    intercept: float
    features: tuple[tuple[str, float, float, float], ...]  # (signal, mean, scale, weight)

    def probability(self, signals: Mapping[str, float]) -> float:
        z = self.intercept + sum(w * (signals[name] - mean) / scale for name, mean, scale, w in self.features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(path: Path = DEFAULT_PATH) -> DeclineModel:
    try:
        data = _ModelFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise DeclineModelError(f"{path}: {problems}") from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DeclineModelError(f"{path}: {exc}") from exc
    unknown = set(data.features) - set(SIGNALS)
    if unknown or any(f.scale <= 0 for f in data.features.values()):
        raise DeclineModelError(f"{path}: unknown signals {sorted(unknown)} or a scale that is not positive")
    features = tuple((name, f.mean, f.scale, f.weight) for name, f in data.features.items())
    return DeclineModel(data.threshold, data.intercept, features)


@functools.cache
def default_model() -> DeclineModel:
    return load_model()


def _stated(text: str) -> list[str]:
    """The numbers a sentence states, in order, years left out: what it answers with."""
    return [m.group(0) for m in stated_figures(text)]


def _figures(text: str) -> frozenset[str]:
    return frozenset(_stated(text))


def _first_figure(text: str) -> str:
    """The first number the sentence states ("" if none)."""
    return next(iter(_stated(text)), "")


def _same_answer(ta: str, tb: str, yearless: bool) -> bool:
    """The two sentences say the same: the same text (a title repeated in the body), the same figures or the same
    first figure (a fact two bulletins both report, one with more), or, for a question naming no year, figures for
    other years (the answer says which year it quotes). Such a rival does not make the choice uncertain."""
    same_figures = bool(_figures(ta)) and _figures(ta) == _figures(tb)
    if ta == tb or same_figures or _first_figure(ta) == _first_figure(tb) != "":
        return True
    return yearless and bool(years_of(ta)) and bool(years_of(tb)) and years_of(ta) != years_of(tb)


def signals(index: Index, ranked: Sequence[Candidate], passes: Callable[[Candidate], bool], best: Candidate,
            support: float, yearless: bool) -> dict[str, float]:
    """What the model reads about the choice of `best`: how far it stands above the best rival, above the
    best rival from another bulletin, and above the best rival that passes the checks (`passes`, asked of
    as few rivals as needed: `ranked` is best first); `yearless`: the question names no year."""
    mine = int(index.para_bulletin[best.paragraph])
    text = index.paragraphs[best.paragraph][best.start : best.end]
    rivals = [c for c in ranked if (c.paragraph, c.start) != (best.paragraph, best.start)
              and not _same_answer(text, index.paragraphs[c.paragraph][c.start : c.end], yearless)]

    def margin(among: Iterable[Candidate]) -> float:
        return best.score - next((c.score for c in among), best.score - _ALONE)

    return {
        "margin": margin(rivals),
        "margin_bulletin": margin(c for c in rivals if int(index.para_bulletin[c.paragraph]) != mine),
        "margin_checked": margin(c for c in rivals if passes(c)),
        "support": support,
        "paragraph": best.features["paragraph"],
        "year": best.features["year"],
    }
