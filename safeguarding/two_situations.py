"""Messages that say two situations ("i keep going missing and they want me to go to
nottingham"): the more serious is answered first, the other acknowledged after it.

Pure logic for addons/two_situations.py: a message's clauses; the situation a long
message read whole as a worried adult or as chatter says in one of its clauses (and who
is talking, so the signposts stay theirs); which two situations it says, from the
classifier's ranking for the whole message and its best guess for each clause; when in
the turn the acknowledgement comes; and its button, with the situation's title from
data/clarify.yml. The order of seriousness, what counts as a
situation (only what the order lists) and where clauses break are data
(data/two_situations.yml).
"""
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Collection, Dict, FrozenSet, List, Mapping, Optional, Pattern, Sequence, Tuple

import yaml

from . import DATA_DIR
from .clarify import Clarify
from .situations import SIGNPOST_ACTION

SETTINGS_FILE = DATA_DIR / "two_situations.yml"
FALLBACK = "nlu_fallback"
ENTITY = "also_situation"  # the other situation, recorded on the message
SPEAKER = "speaker"  # who a message says is talking (the slot audience's value)
I_AM = re.compile(r"\bi\s+am\b")
ALSO_SAID = "utter_also_said"  # the acknowledgement (domain.yml)
TITLE = "also_said"  # its placeholder for the other situation's title
LISTEN = "action_listen"

Guess = Tuple[str, float]  # an intent and the classifier's confidence in it


@dataclass(frozen=True)
class TwoSituations:
    main: str  # answered first
    also: str  # acknowledged after
    main_confidence: float
    also_confidence: float


@dataclass(frozen=True)
class Settings:
    order: Tuple[str, ...]  # the situations, most serious first
    clause_break: Pattern
    min_words: int
    one_situation: FrozenSet[FrozenSet[str]] = frozenset()  # pairs that are one situation seen two ways
    # whole-message reads that say who is talking (their audience), or nothing (None)
    read_through: Mapping[str, Optional[str]] = field(default_factory=dict)
    # per speaker, the words that say a message is theirs ("im his mum", "one of my students")
    speaker_words: Mapping[str, Pattern] = field(default_factory=dict)

    def two(self, first: str, second: str) -> bool:
        """Two different situations, both in the order."""
        return first != second and {first, second} <= set(self.order) and frozenset((first, second)) not in self.one_situation

    def clauses(self, text: str) -> Tuple[str, ...]:
        """The message's clauses of at least min_words words, or () when it has fewer than two."""
        parts = tuple(part.strip() for part in self.clause_break.split(text) if len(part.split()) >= self.min_words)
        return parts if len(parts) > 1 else ()

    def speaker_of(self, text: str) -> Optional[str]:
        """Who a message says is talking by its words ("im his mum": adult), if it says
        (apostrophes ignored, and "i am" read as "im", as writers less at home in English
        often put it)."""
        plain = I_AM.sub("im", text.lower().replace("'", "").replace("\u2019", ""))
        return next((speaker for speaker, words in self.speaker_words.items() if words.search(plain)), None)


@lru_cache(maxsize=2)
def load_settings(path: Path = SETTINGS_FILE) -> Settings:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    breaks = raw["clauses"]["breaks"]
    words = "|".join(re.escape(str(word)) for word in breaks if str(word)[0].isalpha())
    marks = "".join(re.escape(str(mark)) for mark in breaks if not str(mark)[0].isalpha())
    pattern = re.compile(rf"\b(?:{words})\b|[{marks}]", re.IGNORECASE)
    one_situation = frozenset(frozenset(pair) for pair in raw["one_situation"])
    speaker_words = {speaker: _phrases(words) for speaker, words in raw["speaker_words"].items()}
    return Settings(tuple(raw["order"]), pattern, raw["clauses"]["min_words"], one_situation, dict(raw["read_through"]),
                    speaker_words)


def _phrases(phrases: Sequence[str]) -> Pattern:
    """Any of the phrases as whole words, however many spaces between them."""
    alternatives = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)
    return re.compile(rf"\b(?:{alternatives})\b")


def best_guess(ranking: Sequence[Mapping]) -> Optional[Guess]:
    """The classifier's best guess other than "not sure" (nlu_fallback)."""
    entry = next((entry for entry in ranking if entry.get("name") != FALLBACK), None)
    return (entry["name"], entry.get("confidence", 0.0)) if entry else None


@dataclass(frozen=True)
class ReadThrough:
    situation: str
    confidence: float  # its clause's
    speaker: Optional[str]  # who is talking ("adult"), when both the whole read and the words say so


def read_through(ranking: Sequence[Mapping], clause_guesses: Sequence[Guess], settings: Settings, threshold: float,
                 named: Collection[str] = frozenset()) -> Optional[ReadThrough]:
    """A long message whose whole reads only as who is talking or as nothing
    (settings.read_through: "worried_adult", "out_of_scope"; past "not sure", as the
    "did you mean…?" buttons would be) but one of whose clauses clearly says a situation
    (its best guess reaching the threshold) is that situation, the most serious if
    several: a parent's "he was arrested on saturday" or a young person's "they bought me
    a phone" in the middle of a story. None otherwise. The speaker the whole read says is
    kept only if the message names them too (`named`: its relations' values, "my son" is
    an adult's, and Settings.speaker_of): a young person's long story can read whole as a
    worried adult, and their signposts must stay theirs."""
    best = best_guess(ranking)
    if best is None or best[0] not in settings.read_through:
        return None
    said = {name for name, confidence in clause_guesses if confidence >= threshold}
    main = next((name for name in settings.order if name in said), None)
    if main is None:
        return None
    speaker = settings.read_through[best[0]]
    return ReadThrough(main, _confidence(main, clause_guesses), speaker if speaker in named else None)


def ranked_first(ranking: Sequence[Mapping], name: str, confidence: float) -> List[Dict]:
    """The ranking with `name` first at `confidence`, and without "not sure" (the message is
    answered). The guesses after it keep their own confidences, which may be higher."""
    return [{"name": name, "confidence": confidence}] + [
        entry for entry in ranking if entry.get("name") not in (name, FALLBACK)]


def choose(
    ranking: Sequence[Mapping],
    clause_guesses: Sequence[Guess],
    settings: Settings,
    threshold: float,
    clause_threshold: float,
) -> Optional[TwoSituations]:
    """The two situations a message says, or None. The best guess for the whole message
    must be a situation reaching the threshold (a question or small talk is never
    overridden); the other is the most serious other situation among the whole
    message's other guesses reaching the threshold and the clauses' best guesses
    reaching the clause threshold. An ambiguous message (nlu_fallback) is read by the
    guesses under it."""
    guesses = [(entry["name"], entry.get("confidence", 0.0)) for entry in ranking if entry.get("name") != FALLBACK]
    if not guesses or guesses[0][1] < threshold:
        return None
    best = guesses[0][0]
    said = {name for name, confidence in guesses[1:] if confidence >= threshold}
    said |= {name for name, confidence in clause_guesses if confidence >= clause_threshold}
    other = next((name for name in settings.order if name in said and settings.two(best, name)), None)
    if other is None:
        return None
    main, also = sorted((best, other), key=settings.order.index)
    seen = guesses + list(clause_guesses)
    return TwoSituations(main, also, _confidence(main, seen), _confidence(also, seen))


def _confidence(name: str, seen: Sequence[Guess]) -> float:
    return max(confidence for intent, confidence in seen if intent == name)


def also_said(entities: Sequence[Mapping]) -> Optional[str]:
    """The other situation recorded on a message, if any."""
    return next((entity.get("value") for entity in entities if entity.get("entity") == ENTITY), None)


def next_action(done: Sequence[str], also: Optional[str], safety_mode: bool) -> Optional[str]:
    """In a turn whose message said two situations: the acknowledgement straight after
    the main reply's signposts, then listen. None when it is not this turn's business.
    Never in safety mode: there the emergency number and the safety buttons stay last (docs/safety.md)."""
    if also is None or safety_mode or not done:
        return None
    if done[-1] == SIGNPOST_ACTION:
        return ALSO_SAID
    if done[-1] == ALSO_SAID:
        return LISTEN
    return None


def acknowledgement(entities: Sequence[Mapping], clarify: Clarify) -> Optional[Dict[str, str]]:
    """The button to the other situation, with its plain title, or None if it has none."""
    also = also_said(entities)
    return clarify.button(also) if also in clarify.titles else None


def quoted(title: str) -> str:
    """A title as the young person's words, ending as a sentence: "Will I get in trouble?"."""
    return title if title.endswith(("?", "!", ".")) else f"{title}."
