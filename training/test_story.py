"""A console conversation as a Rasa test story (tests/conversations/test_*.yml), which
`make test` then runs with `rasa test core`: what the bot did that day must still happen."""
import copy
import json
import re
from pathlib import Path
from typing import Any, Dict, List

import yaml

SLUG = re.compile(r"[^a-z0-9]+")


def story(name: str, turns: List[Dict[str, Any]]) -> Dict[str, Any]:
    steps: List[Dict[str, Any]] = []
    for turn in turns:
        steps.append({"user": annotated(turn["text"], turn.get("entities") or []), "intent": turn["intent"]["name"]})
        for step in turn["steps"]:
            if "slot_was_set" in step and steps and "slot_was_set" in steps[-1]:
                steps[-1]["slot_was_set"] += step["slot_was_set"]  # one step for slots set together
            else:
                steps.append(copy.deepcopy(step))
    return {"story": name, "steps": steps}


def annotated(text: str, entities: List[Dict[str, Any]]) -> str:
    """The message with its entities marked as Rasa's story format reads them, so that
    `rasa test --e2e` expects the same entities the NLU found that day."""
    marked = sorted((e for e in entities if "start" in e), key=lambda e: e["start"], reverse=True)
    for entity in marked:
        label = json.dumps({"entity": entity["entity"], "value": entity["value"]})
        text = f"{text[: entity['start']]}[{text[entity['start']:entity['end']]}]{label}{text[entity['end']:]}"
    return text


def save(directory: Path, name: str, turns: List[Dict[str, Any]], saved_by: str) -> Path:
    """Writes a new file (never overwrites one) and returns its path."""
    slug = SLUG.sub("_", name.lower()).strip("_")[:60] or "conversation"
    directory.mkdir(parents=True, exist_ok=True)
    path, n = directory / f"test_{slug}.yml", 1
    while path.exists():
        n += 1
        path = directory / f"test_{slug}_{n}.yml"
    header = f"# Saved from the console by {saved_by}. Run by `make test` (rasa test core).\n"
    body = yaml.safe_dump({"version": "3.1", "stories": [story(name, turns)]}, sort_keys=False, allow_unicode=True)
    path.write_text(header + body, encoding="utf-8")
    return path
