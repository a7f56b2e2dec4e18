"""The safety net: spots immediate danger and self-harm in a message by rule.

The rules are data (data/safety/safety_net.yml) so maintainers extend them without
code. A message is normalised (lower case, no apostrophes, punctuation to spaces,
letters repeated three or more times squeezed to two), the everyday idioms listed
under `not_risk` are blanked out, and then the `danger` and `self_harm` patterns are
tried. Self-harm is tried first: its patterns are the more specific ("kill myself"
before "kill me"), and its reply gives the emergency number too.
"""
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Pattern, Tuple

import yaml

from . import DATA_DIR

RULES_FILE = DATA_DIR / "safety" / "safety_net.yml"
DANGER = "danger"
SELF_HARM = "self_harm"
RISKS = (SELF_HARM, DANGER)

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^\w]+|_")
_REPEATS = re.compile(r"(\w)\1{2,}")


@dataclass(frozen=True)
class Finding:
    risk: str
    pattern: str  # the rule that fired, for the console and the logs


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text)
    text = _REPEATS.sub(r"\1\1", text)
    return f" {' '.join(text.split())} "


def _compile(patterns: List[str]) -> List[Pattern]:
    return [re.compile(pattern) for pattern in patterns]


class SafetyRules:
    def __init__(self, raw: dict):
        self.not_risk = _compile(raw["not_risk"]["patterns"])
        self.rules: List[Tuple[str, List[Pattern]]] = [
            (risk, _compile(raw[risk]["patterns"])) for risk in RISKS
        ]

    def has_idiom(self, text: str) -> bool:
        """True when an everyday idiom ("killing it", "dead tired") is in the text."""
        clean = normalise(text)
        return any(idiom.search(clean) for idiom in self.not_risk)

    def assess(self, text: str) -> Optional[Finding]:
        clean = normalise(text)
        for idiom in self.not_risk:
            clean = idiom.sub(" ", clean)
        for risk, patterns in self.rules:
            for pattern in patterns:
                if pattern.search(clean):
                    return Finding(risk, pattern.pattern)
        return None


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> SafetyRules:
    with open(path, encoding="utf-8") as handle:
        return SafetyRules(yaml.safe_load(handle))


def assess(text: str) -> Optional[Finding]:
    return load_rules().assess(text)
