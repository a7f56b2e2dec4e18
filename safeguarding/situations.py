"""Which intents are situations: those whose rule gives advice and then signposts
(data/rules.yml). The signposts answer the latest situation, so the list is read from
the rules rather than written again here."""
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet

import yaml

from . import DATA_DIR

RULES_FILE = DATA_DIR / "rules.yml"
SIGNPOST_ACTION = "action_signpost"
ADVICE_PREFIX = "utter_advice_"


@lru_cache(maxsize=2)
def situation_intents(path: Path = RULES_FILE) -> FrozenSet[str]:
    with open(path, encoding="utf-8") as handle:
        rules = yaml.safe_load(handle)["rules"]
    found = set()
    for rule in rules:
        steps = rule.get("steps") or []
        actions = [step["action"] for step in steps if "action" in step]
        intents = [step["intent"] for step in steps if "intent" in step]
        if len(intents) == 1 and SIGNPOST_ACTION in actions and any(a.startswith(ADVICE_PREFIX) for a in actions):
            found.add(intents[0])
    return frozenset(found)
