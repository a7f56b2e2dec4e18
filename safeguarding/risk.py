"""The safety net: spots immediate danger and self-harm in a message by rule.

The rules are data (data/safety/safety_net.yml) so maintainers extend them without
code. A message is normalised (lower case, no apostrophes, punctuation to spaces,
letters repeated three or more times squeezed to two), the everyday idioms listed
under `not_risk` are blanked out, and then the `self_harm` patterns and the `danger`
patterns, kind by kind, are tried. Both can fire on one message ("they'll kill me and
I want to die"): each is answered. Danger comes with its kind (someone outside, held,
followed, a weapon, a threat), which chooses the advice.

Cues are words that are not an alarm on their own but are in the middle of a safety
conversation ("my mum's pills" after a self-harm message, "can't talk", "help"): the
dialogue decides what they mean (addons/safety_policy.py).
"""
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Pattern, Tuple

import yaml

from . import DATA_DIR
from .languages import AlarmWords, alarm_words

RULES_FILE = DATA_DIR / "safety" / "safety_net.yml"
DANGER = "danger"
SELF_HARM = "self_harm"
RISKS = (SELF_HARM, DANGER)
GENERAL = "general"  # danger with no more specific kind

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^\w]+|_")
# Letters only: "pleeease" is "pleease", but a number such as the emergency one stays whole.
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")


@dataclass(frozen=True)
class Finding:
    risk: str
    pattern: str  # the rule that fired, for the console and the logs
    kind: Optional[str] = None  # danger only: which advice fits
    language: Optional[str] = None  # set when a family language's own words fired


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text)
    text = _REPEATS.sub(r"\1\1", text)
    return f" {' '.join(text.split())} "


def _compile(patterns: List[str]) -> List[Pattern]:
    return [re.compile(pattern) for pattern in patterns]


def _first_match(patterns: List[Pattern], text: str) -> Optional[Pattern]:
    return next((pattern for pattern in patterns if pattern.search(text)), None)


def _named(section: Optional[dict]) -> List[Tuple[str, List[Pattern]]]:
    return [(name, _compile(patterns)) for name, patterns in (section or {}).items()]


class SafetyRules:
    def __init__(self, raw: dict, words: Optional[AlarmWords] = None):
        # Other languages' danger and self-harm words (data/i18n/), tried after the English rules.
        self.words = words
        self.not_risk = _compile(raw["not_risk"]["patterns"])
        self.self_harm = _compile(raw[SELF_HARM]["patterns"])
        # Kinds in file order: the first kind that matches chooses the advice.
        self.danger = _named(raw[DANGER])
        self.statement_rules = _named(raw.get("statements"))
        self.cue_rules = _named(raw.get("cues"))

    def _clean(self, text: str) -> str:
        clean = normalise(text)
        for idiom in self.not_risk:
            clean = idiom.sub(" ", clean)
        return clean

    def has_idiom(self, text: str) -> bool:
        """True when an everyday idiom ("killing it", "dead tired") is in the text."""
        clean = normalise(text)
        return any(idiom.search(clean) for idiom in self.not_risk)

    def findings(self, text: str) -> List[Finding]:
        """Every alarm in the message, at most one per risk, danger first (its
        instructions come before the crisis lines)."""
        clean = self._clean(text)
        found = []
        for kind, patterns in self.danger:
            pattern = _first_match(patterns, clean)
            if pattern:
                found.append(Finding(DANGER, pattern.pattern, kind))
                break
        pattern = _first_match(self.self_harm, clean)
        if pattern:
            found.append(Finding(SELF_HARM, pattern.pattern))
        return found + self._other_languages(text, {finding.risk for finding in found})

    def _other_languages(self, text: str, already: set) -> List[Finding]:
        found = []
        for alarm in self.words.find(text) if self.words else ():
            if alarm.risk not in already:
                already.add(alarm.risk)
                found.append(Finding(alarm.risk, alarm.phrase, GENERAL if alarm.risk == DANGER else None, alarm.language))
        return found

    def assess(self, text: str) -> Optional[Finding]:
        """The one alarm to name when only one can be named: self-harm before danger,
        as its patterns are the more specific ("kill myself" before "kill me")."""
        found = self.findings(text)
        return next((f for f in found if f.risk == SELF_HARM), found[0] if found else None)

    def statement(self, text: str) -> Optional[str]:
        """"I can't talk", "I'm not safe": the first statement the message makes, if any."""
        clean = self._clean(text)
        return next((name for name, patterns in self.statement_rules if _first_match(patterns, clean)), None)

    def cues(self, text: str) -> List[str]:
        clean = self._clean(text)
        return [cue for cue, patterns in self.cue_rules if _first_match(patterns, clean)]


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> SafetyRules:
    with open(path, encoding="utf-8") as handle:
        return SafetyRules(yaml.safe_load(handle), alarm_words())


def assess(text: str) -> Optional[Finding]:
    return load_rules().assess(text)


def findings(text: str) -> List[Finding]:
    return load_rules().findings(text)
