"""Readers for the held-out test sets: tests/nlu/*.yml and tests/safety/*.yml."""
import re
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from project import PROJECT_ROOT

ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")
SAFETY_INTENTS = ("danger", "self_harm")


def nlu_examples(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file, annotations stripped."""
    pairs = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((ANNOTATION.sub(r"\1", line[2:]), block["intent"]))
    return pairs


def _message_list(path: Path) -> List[str]:
    """The messages under the key named like the file (tests/safety/danger.yml: `danger:`)."""
    # str(): YAML reads an unquoted "12345" as a number.
    return [str(text) for text in yaml.safe_load(path.read_text(encoding="utf-8"))[path.stem]]


def safety_set(name: str, root: Path = PROJECT_ROOT) -> List[str]:
    return _message_list(root / "tests" / "safety" / f"{name}.yml")


def family_messages(code: str, root: Path = PROJECT_ROOT) -> Dict[str, List[str]]:
    """tests/i18n/<code>.yml: messages in a family's language, by kind (families, danger,
    self_harm, everyday: held out; *_dev: the red-team's, tuned on); english_dev.yml too."""
    raw = yaml.safe_load((root / "tests" / "i18n" / f"{code}.yml").read_text(encoding="utf-8"))
    return {kind: [str(text) for text in texts] for kind, texts in raw.items()}


def nlu_test_set(root: Path = PROJECT_ROOT) -> List[Tuple[str, str]]:
    """Every held-out NLU file, tests/nlu/test_set*.yml (one per batch written)."""
    return [pair for path in sorted((root / "tests" / "nlu").glob("test_set*.yml")) for pair in nlu_examples(path)]


INDEPENDENT = Path("tests") / "nlu" / "independent"


def independent_set(root: Path = PROJECT_ROOT) -> List[Tuple[str, str, str]]:
    """(voice, text, intent) from tests/nlu/independent/<voice>.yml: written by someone who
    had seen neither the training data nor the model, never trained on (its README)."""
    return [(path.stem, text, intent)
            for path in sorted((root / INDEPENDENT).glob("*.yml")) for text, intent in nlu_examples(path)]


FALLBACK = "nlu_fallback"


def full_intent(parse_data: dict) -> str:
    """The intent as the test sets name it: the classifier's best guess, also when the bot
    asks "did you mean…?" with it as the first button (nlu_fallback); a question for the
    response selector ("faq") is named with its answer ("faq/is_it_free")."""
    intent = (parse_data.get("intent") or {}).get("name")
    if intent == FALLBACK:
        intent = next((r["name"] for r in parse_data.get("intent_ranking") or [] if r.get("name") != FALLBACK), intent)
    selected = (parse_data.get("response_selector") or {}).get(intent, {}).get("response", {})
    return selected.get("intent_response_key") or intent


def nonsense_set(root: Path = PROJECT_ROOT) -> List[str]:
    return _message_list(root / "tests" / "nlu" / "nonsense.yml")


# Held-out sets that must get the safety reply, beside tests/safety/<risk>.yml, and the
# everyday messages that must not.
MORE_SAFETY_SETS = {"danger": (), "self_harm": ("self_harm_indirect",)}
EVERYDAY_SETS = ("everyday", "everyday_lookalikes")


def safety_messages(root: Path = PROJECT_ROOT) -> Dict[str, List[str]]:
    """Every message that must get its safety reply: the test set's and the safety sets'."""
    grouped = by_intent(nlu_test_set(root))
    return {
        risk: grouped.get(risk, []) + [text for name in (risk, *MORE_SAFETY_SETS[risk]) for text in safety_set(name, root)]
        for risk in SAFETY_INTENTS
    }


def everyday_messages(root: Path = PROJECT_ROOT) -> List[str]:
    """Everyday messages, some alarming-looking, that must raise no alarm."""
    return [text for name in EVERYDAY_SETS for text in safety_set(name, root)]


def by_intent(pairs: List[Tuple[str, str]]) -> Dict[str, List[str]]:
    grouped: Dict[str, List[str]] = {}
    for text, intent in pairs:
        grouped.setdefault(intent, []).append(text)
    return grouped
