"""Readers for the test data sets under tests/ (NLU test set, safety sets)."""
import re
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

TESTS = Path(__file__).resolve().parent
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


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


def safety_set(name: str) -> List[str]:
    return yaml.safe_load((TESTS / "safety" / f"{name}.yml").read_text(encoding="utf-8"))[name]


def nlu_test_set() -> List[Tuple[str, str]]:
    return nlu_examples(TESTS / "nlu" / "test_set.yml")


def by_intent(pairs: List[Tuple[str, str]]) -> Dict[str, List[str]]:
    grouped: Dict[str, List[str]] = {}
    for text, intent in pairs:
        grouped.setdefault(intent, []).append(text)
    return grouped
