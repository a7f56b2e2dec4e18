"""Why a retrain was refused, in one line a maintainer can act on: what failed, and the
file that caused it, from the files changed since the last promoted model
(training/inputs.py) and the kinds of file that can make that check fail."""
from typing import List, Optional

from .gate import ACCURACY, CLASSIFIER, FALSE_ALARMS, INDEPENDENT, SAFETY_REPLY

# Stages before the gate that can fail.
VALIDATE, TRAIN = "data validation", "training"

RULES, DIALOGUE, DATA, CONFIG, CODE = "the safety net's rules", "the dialogue", "training data", "config", "code"


def kind(name: str) -> str:
    if name == "data/safety/safety_net.yml":
        return RULES
    if name in ("data/rules.yml", "domain.yml"):
        return DIALOGUE
    if name == "config.yml":
        return CONFIG
    if name.startswith("addons/"):
        return CODE
    return DATA  # data/nlu/, the place gazetteer


# The kinds of file a failure can come from, likeliest first.
CAN_CAUSE = {
    SAFETY_REPLY: (RULES, DIALOGUE, CONFIG, CODE, DATA),
    CLASSIFIER: (DATA, CONFIG, CODE),
    ACCURACY: (DATA, CONFIG, RULES, CODE),
    INDEPENDENT: (DATA, CONFIG, RULES, CODE),
    FALSE_ALARMS: (RULES, DATA, CONFIG, CODE),
    VALIDATE: (DIALOGUE, DATA, CONFIG),
    TRAIN: (CONFIG, CODE, DATA, DIALOGUE, RULES),
}


def culprits(failed: List[str], changed: Optional[List[str]]) -> List[str]:
    """The changed files that can have caused the failures, likeliest first (all changed
    files when none of them can)."""
    if not changed:
        return []
    order = [k for check in failed for k in CAN_CAUSE[check]]
    likely = [name for name in changed if kind(name) in order]
    return sorted(likely, key=lambda name: order.index(kind(name))) or list(changed)


def line(failed: List[str], changed: Optional[List[str]]) -> str:
    """`failed`: the gate's failed checks (Decision.failed), or the stage that failed."""
    what = f"{', '.join(failed)} failed"
    if changed is None:
        return f"{what}; no record of what the last promoted model was trained from, so no file can be named"
    if not changed:
        return f"{what}, with the files the last promoted model was trained from (did a test set change?)"
    first, *others = culprits(failed, changed)
    said = f"{what}; cause: {first} ({kind(first)})" + (f"; also changed: {', '.join(others)}" if others else "")
    if kind(first) == RULES:
        # Rasa reads the rules when it starts, whichever model it serves.
        said += "; the running bot reads this file when it starts, so fix or revert it"
    return said
