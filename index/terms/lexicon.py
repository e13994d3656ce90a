"""The Vietnamese lexicon: stopwords (index-side) and the query-side lexicon an admin can extend."""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from index.errors import LexiconError
from index.terms.tokenize import fold_term
from index.text import normalize_tones

Syllables = tuple[str, ...]


def syllables(phrase: str) -> Syllables:
    """Lower-case, tone-normalised syllables of a phrase; punctuation and hyphens split."""
    cleaned = "".join(ch if ch.isalnum() or ch == "&" else " " for ch in phrase)
    return tuple(normalize_tones(cleaned).lower().split())


def folded(phrase: Syllables) -> Syllables:
    return tuple(fold_term(s) for s in phrase)


def folded_words(text: str) -> Syllables:
    """The folded syllables of a text ("Phú Quốc được" -> "phu", "quoc", "duoc"): what word rules read."""
    return folded(syllables(text))


@dataclass(frozen=True, slots=True)
class Entry:
    """A phrase of the lexicon ready for matching: accented and folded syllables, and what it stands for."""

    words: Syllables
    folded: Syllables
    payload: object


class PhraseTable:
    """Phrases indexed by their first folded syllable, longest first, so matching a question
    costs a dictionary lookup per position instead of a pass over the whole lexicon."""

    def __init__(self, entries: list[Entry]) -> None:
        table: dict[str, list[Entry]] = {}
        for entry in sorted(entries, key=lambda e: -len(e.words)):
            if entry.folded:
                table.setdefault(entry.folded[0], []).append(entry)
        self._by_first = table

    def starting(self, folded_words: Sequence[str], i: int) -> list[Entry]:
        """Entries whose folded syllables occur at position i (longest first)."""
        n = len(folded_words)
        return [
            e for e in self._by_first.get(folded_words[i], ())
            if i + len(e.folded) <= n and tuple(folded_words[i : i + len(e.folded)]) == e.folded
        ]


@dataclass(frozen=True)
class QuestionPhrase:
    words: Syllables
    cue: str
    keep: bool = False  # a cue word that is also a search term ("chỉ tiêu")


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]  # single syllables, accented
    stop_phrases: frozenset[Syllables]  # multi-syllable stop phrases, accented
    questions: tuple[QuestionPhrase, ...]  # longest first
    abbreviations: dict[str, tuple[Syllables, ...]] = field(hash=False)  # folded key -> expansions
    synonyms: tuple[tuple[Syllables, ...], ...]
    places: tuple[Syllables, ...]  # provinces first, then other places
    provinces: tuple[Syllables, ...]
    abbreviation_forms: dict[str, str] = field(hash=False)  # folded key -> the abbreviation, lower case
    home: str = ""  # folded name of the province the corpus is about ("kien giang")
    chat: dict[str, str] = field(default_factory=dict, hash=False)  # chat form (lower case) -> full words
    units: dict[str, str] = field(default_factory=dict, hash=False)  # "h" -> "huyện" (written "h. Châu Thành")
    countries: tuple[Syllables, ...] = ()  # also among `places` (after the other names)

    @functools.cached_property
    def chat_re(self) -> re.Pattern[str] | None:
        """Whole tokens that are chat forms ("ko", "bn", "đc"), any case."""
        if not self.chat:
            return None
        forms = "|".join(re.escape(f) for f in sorted(self.chat, key=len, reverse=True))
        return re.compile(rf"(?<![\w.,/-])(?:{forms})(?![\w/-])", re.IGNORECASE)

    @functools.cached_property
    def units_re(self) -> re.Pattern[str] | None:
        """An administrative unit abbreviated with a dot right before a capitalised name ("h. Châu Thành",
        "tt.Minh Lương"): only there is "h" a district and not an hour."""
        if not self.units:
            return None
        forms = "|".join(re.escape(f) for f in sorted(self.units, key=len, reverse=True))
        return re.compile(rf"(?<![\w.])(?<!\d )((?i:{forms}))\.\s*(?=(\w\w))")

    def _unit_written_out(self, match: re.Match[str]) -> str:
        name = match.group(2)  # the first two letters of what follows: a name is capitalised, not an acronym
        if not (name[0].isupper() and name[1].islower()):
            return match.group(0)
        return self.units[match.group(1).lower()] + " "

    def expand_chat(self, text: str) -> str:
        """The text with its chat forms written out ("bn DN" -> "bao nhiêu DN"). A form typed in capitals
        is an abbreviation ("KH" is kế hoạch, not "kh" for không) and stays as typed. Administrative units
        before a name are written out too ("h. Châu Thành" -> "huyện Châu Thành")."""
        units = self.units_re
        if units is not None:
            text = units.sub(self._unit_written_out, text)
        pattern = self.chat_re
        if pattern is None:
            return text

        def written_out(match: re.Match[str]) -> str:
            form = match.group(0)
            full = self.chat[form.lower()]
            if sum(ch.isupper() for ch in form) >= 2 or _already_written(match, full):
                return form
            return full

        return pattern.sub(written_out, text)

    @functools.cached_property
    def province_bigrams(self) -> dict[str, str]:
        """First folded bigram of each province name -> the folded name ('ca mau' -> 'ca mau')."""
        out = {}
        for name in self.provinces:
            f = folded(name)
            if len(f) >= 2:
                out[f"{f[0]} {f[1]}"] = " ".join(f)
        return out

    def _entry(self, words: Syllables, payload: object) -> Entry:
        content = tuple(w for w in words if w not in self.stopwords) or words
        return Entry(content, folded(content), payload)

    @functools.cached_property
    def question_table(self) -> PhraseTable:
        return PhraseTable([Entry(q.words, folded(q.words), q) for q in self.questions])

    @functools.cached_property
    def expansion_table(self) -> PhraseTable:
        """Full forms of abbreviations; the payload is the abbreviation's folded key."""
        return PhraseTable([self._entry(e, key) for key, expansions in self.abbreviations.items() for e in expansions])

    @functools.cached_property
    def synonym_table(self) -> PhraseTable:
        """Synonym phrases; the payload is (group number, phrase number)."""
        entries = [self._entry(p, (g, i)) for g, group in enumerate(self.synonyms) for i, p in enumerate(group)]
        return PhraseTable(entries)

    @functools.cached_property
    def place_table(self) -> PhraseTable:
        return PhraseTable([self._entry(p, p) for p in self.places])

    @functools.cached_property
    def place_names(self) -> frozenset[str]:
        return _folded_names(self.places)

    @functools.cached_property
    def province_names(self) -> frozenset[str]:
        return _folded_names(self.provinces)

    @functools.cached_property
    def country_names(self) -> frozenset[str]:
        return _folded_names(self.countries)

    @functools.cached_property
    def local_names(self) -> frozenset[str]:
        """The places that are no province: districts, towns, cities, communes, countries."""
        return self.place_names - self.province_names

    @functools.cached_property
    def function_word_forms(self) -> dict[str, tuple[str, ...]]:
        """Folded syllable -> stopwords and question words that fold to it ("la" -> "là"): words the
        index does not keep, for accent restoration."""
        words = set(self.stopwords) | {w for q in self.questions for w in q.words}
        forms: dict[str, list[str]] = {}
        for word in sorted(words):
            if word.isalpha():
                forms.setdefault(fold_term(word), []).append(word)
        return {folded: tuple(found) for folded, found in forms.items()}

    def is_stop(self, term: str) -> bool:
        return term in self.stopwords or tuple(term.replace("_", " ").split()) in self.stop_phrases


def _data(name: str) -> bytes:
    return resources.files("index").joinpath("data", name).read_bytes()


def stopword_text() -> str:
    return _data("stopwords.txt").decode("utf-8")


def stopwords_fingerprint() -> str:
    """Part of the tokenizer version: a changed stopword list means re-tokenising everything."""
    return hashlib.sha256(_data("stopwords.txt")).hexdigest()[:12]


def _parse_stopwords(text: str) -> tuple[frozenset[str], frozenset[Syllables]]:
    words = [syllables(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    single = frozenset(w[0] for w in words if len(w) == 1)
    multi = frozenset(w for w in words if len(w) > 1)
    return single, multi


def _load_toml(raw: bytes, origin: str) -> dict:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{origin}: {exc}") from exc


def _folded_names(places: tuple[Syllables, ...]) -> frozenset[str]:
    """Place names as the checks compare them: folded, their syllables joined by spaces ("kien giang")."""
    return frozenset(" ".join(folded(p)) for p in places)


def _merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    merged["question"] = base.get("question", []) + extra.get("question", [])
    merged["abbreviations"] = {**base.get("abbreviations", {}), **extra.get("abbreviations", {})}
    merged["chat"] = {**base.get("chat", {}), **extra.get("chat", {})}
    merged["units"] = {**base.get("units", {}), **extra.get("units", {})}
    merged["synonyms"] = {"groups": base["synonyms"]["groups"] + extra.get("synonyms", {}).get("groups", [])}
    merged["thesaurus"] = {"groups": base.get("thesaurus", {}).get("groups", [])
                           + extra.get("thesaurus", {}).get("groups", [])}
    extra_places = extra.get("places", {})
    merged["places"] = {
        "home": extra_places.get("home", base["places"].get("home", "")),
        "provinces": base["places"]["provinces"] + extra_places.get("provinces", []),
        "names": base["places"]["names"] + extra_places.get("names", []),
        "countries": base["places"].get("countries", []) + extra_places.get("countries", []),
    }
    return merged


def _add_readings(data: dict, sources: dict) -> None:
    """Add the tables generated from public normalisers (index/data/lexicon_sources.toml) after the
    hand-written entries: new readings of a known abbreviation come after its own, and a chat form the
    lexicon already has keeps its meaning."""
    keys = {abbreviation_key(k): k for k in data["abbreviations"]}
    for abbr, readings in sources.get("abbreviations", {}).items():
        known = keys.get(abbreviation_key(abbr))
        if known is None:
            data["abbreviations"][abbr] = list(readings)
            keys[abbreviation_key(abbr)] = abbr
        else:
            data["abbreviations"][known] += [r for r in readings if r not in data["abbreviations"][known]]
    chat = data.setdefault("chat", {})
    for form, full in sources.get("chat", {}).items():
        chat.setdefault(form, full)


def abbreviation_key(abbr: str) -> str:
    """How an abbreviation is looked up: folded, lower case, without a final dot ('TP.' -> 'tp')."""
    return fold_term(normalize_tones(abbr).lower()).rstrip(".")


def _build(data: dict) -> Lexicon:
    single, multi = _parse_stopwords(stopword_text())
    questions = [
        QuestionPhrase(syllables(p), q.get("cue", ""), bool(q.get("keep", False)))
        for q in data["question"]
        for p in q["phrases"]
    ]
    questions.sort(key=lambda q: -len(q.words))
    abbreviations: dict[str, tuple[Syllables, ...]] = {}
    forms: dict[str, str] = {}
    for abbr, expansions in data["abbreviations"].items():
        key = abbreviation_key(abbr)
        abbreviations[key] = abbreviations.get(key, ()) + tuple(syllables(e) for e in expansions)
        forms[key] = normalize_tones(abbr).lower().rstrip(".")
    # The thesaurus (index/data/thesaurus.toml) is general Vietnamese; it extends the domain synonyms.
    all_groups = data["synonyms"]["groups"] + data.get("thesaurus", {}).get("groups", [])
    groups = tuple(tuple(syllables(p) for p in group) for group in all_groups)
    provinces = tuple(syllables(p) for p in data["places"]["provinces"])
    countries = tuple(syllables(p) for p in data["places"].get("countries", []))
    places = provinces + tuple(syllables(p) for p in data["places"]["names"]) + countries
    home = " ".join(folded(syllables(data["places"].get("home", ""))))
    chat = {normalize_tones(form).lower(): normalize_tones(full) for form, full in data.get("chat", {}).items()}
    units = {normalize_tones(form).lower().rstrip("."): normalize_tones(full)
             for form, full in data.get("units", {}).items()}
    _check_entries(single, abbreviations, groups, chat, units)
    return Lexicon(single, multi, tuple(questions), abbreviations, groups, places, provinces, forms, home, chat, units,
                   countries)


def _check_entries(stopwords: frozenset[str], abbreviations: dict[str, tuple[Syllables, ...]],
                   groups: tuple[tuple[Syllables, ...], ...], chat: dict[str, str], units: dict[str, str]) -> None:
    """An expansion, synonym, chat form or unit that is empty or a lone stopword would match everything."""
    phrases = [(f"abbreviation {key!r}", e) for key, expansions in abbreviations.items() for e in expansions]
    phrases += [(f"synonym group {i + 1}", p) for i, group in enumerate(groups) for p in group]
    phrases += [(f"chat form {form!r}", syllables(full)) for form, full in chat.items()]
    phrases += [(f"unit {form + '.'!r}", syllables(full)) for form, full in units.items()]
    for origin, words in phrases:
        if not words:
            raise LexiconError(f"lexicon: {origin} is empty after normalisation")
        if len(words) == 1 and words[0] in stopwords and not origin.startswith("chat"):
            raise LexiconError(f"lexicon: {origin} is only the stopword {words[0]!r}")


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The shipped lexicon, extended by an admin's TOML file when one is given."""
    data = _load_toml(_data("lexicon.toml"), "index/data/lexicon.toml")
    data["thesaurus"] = _load_toml(_data("thesaurus.toml"), "index/data/thesaurus.toml").get("thesaurus", {})
    _add_readings(data, _load_toml(_data("lexicon_sources.toml"), "index/data/lexicon_sources.toml"))
    if extra is not None:
        try:
            raw = extra.read_bytes()
        except OSError as exc:
            raise LexiconError(f"{extra}: {exc.strerror}") from exc
        data = _merge(data, _load_toml(raw, str(extra)))
    try:
        return _build(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"lexicon: malformed entry ({exc})") from exc


def _already_written(match: re.Match[str], full: str) -> bool:
    """A short form that is the tail of its full form stands where the rest is already typed: "nhiêu" is
    "bao nhiêu", but not after "bao" (spaces, zero-width or not, between them count as nothing)."""
    form = match.group(0).lower()
    head = full.lower().removesuffix(form).strip()
    if not head or head == full.lower().strip():
        return False
    before = match.string[: match.start()]
    return re.search(rf"(?<!\w){re.escape(head)}[\s\u200b]*$", before, re.IGNORECASE) is not None
