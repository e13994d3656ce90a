"""Opening, building and querying the index: what the CLI and the Telegram bot share."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.answer.compose import DECLINE_BELOW, MAX_OTHERS, compose
from index.answer.model import Answer
from index.errors import IndexFormatError, IndexMissingError, IndexVersionError
from index.store.atomic import sweep_temporaries
from index.store.build import BuildReport, Progress, build_index
from index.store.format import load_index, save_index
from index.store.snapshot import Index
from index.store.versions import is_current
from index.terms.lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)

DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path("var/index.zip")


@dataclass(frozen=True)
class Engine:
    """An index with the lexicon to read questions against it. Immutable: reindexing makes a new one."""

    index: Index
    lexicon: Lexicon

    def ask(self, question: str, others: int = MAX_OTHERS, decline_below: float = DECLINE_BELOW) -> Answer:
        return compose(self.index, self.lexicon, question, others, decline_below)


def rebuild(
    corpus: Sequence[Path],
    index_path: Path,
    lexicon: Lexicon,
    previous: Index | None = None,
    progress: Progress | None = None,
) -> tuple[Index, BuildReport]:
    """Build from the corpus (reusing `previous`, or the saved index) and save atomically.

    On any error the saved index is left as it was.
    """
    sweep_temporaries(index_path)  # what a killed build left beside the index
    if previous is None:
        previous = _load_quietly(index_path)
    index, report = build_index(corpus, lexicon, previous, progress)
    save_index(index, index_path)
    return index, report


def _load_quietly(path: Path) -> Index | None:
    try:
        return load_index(path)
    except (IndexMissingError, IndexFormatError) as exc:
        log.info("building from scratch: %s", exc)
        return None


def open_engine(
    index_path: Path = DEFAULT_INDEX,
    corpus: Sequence[Path] = (DEFAULT_CORPUS,),
    lexicon_path: Path | None = None,
    build_missing: bool = True,
) -> tuple[Engine, BuildReport | None]:
    """Load the index; build it first when it is missing or was made by other tokenizer or target
    rules (an incremental build: unchanged bulletins keep their tokens when only the rules moved)."""
    lexicon = load_lexicon(lexicon_path)
    sweep_temporaries(index_path)  # a build killed while writing left its temporary file
    try:
        index = load_index(index_path)
        if is_current(index) or not build_missing:
            return Engine(index, lexicon), None
    except (IndexMissingError, IndexVersionError):
        if not build_missing:
            raise
        index = None
    index, report = rebuild(corpus, index_path, lexicon, index)
    return Engine(index, lexicon), report
