"""Which guesses to offer when the classifier is not sure ("Did you mean…?").

Pure logic for actions/actions.py: the best guesses from the intent ranking that have a
button title in data/clarify.yml, most likely first.
"""
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import yaml

from . import DATA_DIR

CLARIFY_FILE = DATA_DIR / "clarify.yml"
SOMETHING_ELSE = "something_else"


@dataclass(frozen=True)
class Clarify:
    titles: Dict[str, str]
    something_else: str
    max_options: int
    min_confidence: float

    def options(self, ranking: Sequence[Dict]) -> List[Tuple[str, str]]:
        """(intent, button title) for the best guesses worth offering."""
        offered = [
            (entry["name"], self.titles[entry["name"]])
            for entry in ranking
            if entry.get("name") in self.titles and entry.get("confidence", 0) >= self.min_confidence
        ]
        return offered[: self.max_options]

    def buttons(self, ranking: Sequence[Dict]) -> List[Dict[str, str]]:
        options = self.options(ranking) + [(SOMETHING_ELSE, self.something_else)]
        return [_button(intent, title) for intent, title in options]

    def button(self, intent: str) -> Dict[str, str]:
        """The button for one situation, with its title (safeguarding/two_situations.py)."""
        return _button(intent, self.titles[intent])

    def payloads(self) -> List[str]:
        """Every payload a "Did you mean…?" button can send."""
        return [f"/{intent}" for intent in [*self.titles, SOMETHING_ELSE]]


def _button(intent: str, title: str) -> Dict[str, str]:
    return {"title": title, "payload": f"/{intent}"}


@lru_cache(maxsize=2)
def load_clarify(path: Path = CLARIFY_FILE) -> Clarify:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return Clarify(raw["titles"], raw["something_else"], raw["max_options"], raw["min_confidence"])
