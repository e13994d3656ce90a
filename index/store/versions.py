"""Index freshness in one place: what a saved index must match to be served without a rebuild.

The format version is checked when the file is read (an index of another format cannot be read at
all); the tokenizer version (code, stopwords, pyvi) and the target rules' version are checked here.
A stale index is rebuilt incrementally: bulletins keep their tokens when only the rules moved.
"""

from __future__ import annotations

from index.store.snapshot import Index
from index.targets.rules import RULES_VERSION
from index.terms.layers import tokenizer_version


def stale_parts(index: Index, model: str | None = None) -> list[str]:
    """What in the index was made by other code than this nqbot's, or by another embedding model than
    `model` (the configured one; None: answers are lexical and vectors are not needed). Empty when it is
    current."""
    parts = []
    if model is not None and (index.vectors is None or index.vectors.model != model):
        parts.append("embedding model")
    if index.tokenizer_version != tokenizer_version():
        parts.append("tokenizer")
    if index.targets_rules != RULES_VERSION:
        parts.append("target rules")
    return parts


def is_current(index: Index, model: str | None = None) -> bool:
    return not stale_parts(index, model)
