"""pyvi's word segmentation, run without importing scikit-learn.

`pyvi.ViTokenizer` unpickles a scikit-learn-crfsuite estimator at import, which imports scikit-learn:
about a second before the first accented question can be answered. The estimator only wraps a CRFsuite
model, so this module runs the same model with python-crfsuite directly: the model's bytes are read out
of pyvi's file as data (pickletools walks the opcodes, nothing is unpickled or executed), the features
and the joining rules below are pyvi 0.1.1's `ViTokenizer.tokenize`, and tests/test_segment.py checks
that the output is identical to pyvi's on every paragraph of the test corpora.
"""

from __future__ import annotations

import importlib.util
import pickletools
import re
import string
import threading
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from index.errors import SegmenterError

_MODEL_FILE = "pyvi3.pkl"  # the model pyvi loads on Python 3
_CRFSUITE_MAGIC = b"lCRF"

# pyvi's syllabler (ViTokenizer.sylabelize): abbreviations, specials, web, email, digits, punctuation, words.
_SYLLABLES_RE = re.compile(
    "(" + "|".join([
        r"[A-ZĐ]+\.", r"Tp\.", r"Mr\.", r"Mrs\.", r"Ms\.", r"Dr\.", r"ThS\.",
        "==>", "->", r"\.\.\.", ">>", "\n",
        r"\w+://[^\s]+", r"([a-zA-Z0-9_.+-]+@([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+)",
        r"\d+([\.,_]\d+)+", r"[^\w\s]", r"\w+",
    ]) + ")",
    re.UNICODE,
)


def _models() -> Path:
    """pyvi's model folder, found without importing pyvi (whose ViTokenizer would load scikit-learn)."""
    spec = importlib.util.find_spec("pyvi")
    if spec is None or not spec.submodule_search_locations:
        raise SegmenterError("pyvi is not installed: nqbot reads its segmentation model")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def _crfsuite_model(path: Path) -> bytes:
    """The CRFsuite model stored inside pyvi's pickle, found by walking its opcodes (never unpickled).

    scikit-learn-crfsuite keeps the model file's content as a str decoded as Latin-1 (a Python 2 pickle).
    """
    try:
        for _opcode, arg, _pos in pickletools.genops(path.read_bytes()):
            if isinstance(arg, str) and arg.startswith(_CRFSUITE_MAGIC.decode("latin-1")):
                return arg.encode("latin-1")
            if isinstance(arg, bytes) and arg.startswith(_CRFSUITE_MAGIC):
                return arg
    except (OSError, ValueError) as exc:  # missing, unreadable, or not a pickle stream
        raise SegmenterError(f"{path}: cannot read pyvi's model ({exc})") from exc
    raise SegmenterError(f"{path}: no CRFsuite model found in pyvi's model file")


@cache
def _model() -> bytes:
    return _crfsuite_model(_models() / _MODEL_FILE)


@cache
def _ngrams() -> tuple[frozenset[str], frozenset[str]]:
    """pyvi's dictionary of two- and three-syllable words (lower case), features of its model."""
    path = _models() / "words.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SegmenterError(f"{path}: cannot read pyvi's dictionary ({exc})") from exc
    bi, tri = set(), set()
    for token in text.split("\n"):
        size = len(token.split(" "))
        if size == 2:
            bi.add(token)
        elif size == 3:
            tri.add(token)
    return frozenset(bi), frozenset(tri)


@cache
def dictionary_syllables() -> dict[str, int]:
    """The syllables of pyvi's two-syllable dictionary words (lower case, with accents), with how many words each
    is in: Vietnamese as it is written, and how common a syllable is in it ("nói" 64, "tê" 14)."""
    return dict(Counter(syllable for word in _ngrams()[0] for syllable in word.split(" ")))


def is_dictionary_word(words: str) -> bool:
    """Whether the (lower-case, accented) syllables form a two-syllable word of pyvi's dictionary ("y tế")."""
    return words in _ngrams()[0]


_local = threading.local()


def _tagger() -> Any:
    """One tagger per thread: a CRFsuite tagger holds per-call state."""
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        import pycrfsuite  # imported on first use: loading an index or an unaccented question never needs it

        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(_model())
        _local.tagger = tagger
    return tagger


def syllables(text: str) -> list[str]:
    return [match.group(0) for match in _SYLLABLES_RE.finditer(unicodedata.normalize("NFC", text))]


def _features(sent: list[str], i: int, bi: frozenset[str], tri: frozenset[str]) -> dict[str, Any]:
    """pyvi's ViTokenizer.word2features (the same names and values: the model was trained on them)."""
    word = sent[i]
    features: dict[str, Any] = {
        "bias": 1.0, "word.lower()": word.lower(), "word.isupper()": word.isupper(),
        "word.istitle()": word.istitle(), "word.isdigit()": word.isdigit(),
    }
    if i > 0:
        left = sent[i - 1]
        features.update({
            "-1:word.lower()": left.lower(), "-1:word.istitle()": left.istitle(),
            "-1:word.isupper()": left.isupper(), "-1:word.bi_gram()": f"{left} {word}".lower() in bi,
        })
        if i > 1:
            features["-2:word.tri_gram()"] = f"{sent[i - 2]} {left} {word}".lower() in tri
    if i < len(sent) - 1:
        right = sent[i + 1]
        features.update({
            "+1:word.lower()": right.lower(), "+1:word.istitle()": right.istitle(),
            "+1:word.isupper()": right.isupper(), "+1:word.bi_gram()": f"{word} {right}".lower() in bi,
        })
        if i < len(sent) - 2:
            features["+2:word.tri_gram()"] = f"{word} {right} {sent[i + 2]}".lower() in tri
    return features


def _joins(left: str, right: str, label: str) -> bool:
    """pyvi's rule for gluing a syllable to the previous one: the model says so, and neither is
    punctuation or a number, and a capitalised syllable does not follow a lower-case one."""
    return (label == "I_W" and right not in string.punctuation and left not in string.punctuation
            and not right[0].isdigit() and not left[0].isdigit()
            and not (right[0].istitle() and not left[0].istitle()))


def tokenize(text: str) -> str:
    """pyvi's `ViTokenizer.tokenize`: syllables joined by '_' inside a word, words by spaces."""
    sent = syllables(text)
    if not sent:
        return text
    bi, tri = _ngrams()
    labels = _tagger().tag([_features(sent, i, bi, tri) for i in range(len(sent))])
    out = [sent[0]]
    for i in range(1, len(labels)):
        out.append(("_" if _joins(sent[i - 1], sent[i], labels[i]) else " ") + sent[i])
    return "".join(out)
