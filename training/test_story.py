"""A console conversation as a Rasa test story (tests/conversations/test_*.yml), which
`make test` then runs with `rasa test --e2e`: every message must still be understood as
it was, and the bot must still do what it did.

A turn a youth worker flagged is saved with the intent it should have been and the
reply the bot gives that intent (the console replays the conversation with the
correction), so the story fails until the bot understands the message.
"""
import copy
import json
import re
from pathlib import Path
from typing import Any, Dict, List

import yaml

SLUG = re.compile(r"[^a-z0-9]+")


class StoryExists(Exception):
    """A story of that name is saved already; saving again must say to replace it."""

    def __init__(self, path: Path):
        super().__init__(f"{path.name} exists")
        self.path = path


def corrected(said: List[Dict[str, Any]], replayed: List[Dict[str, Any]], intents: Dict[int, str]) -> List[Dict[str, Any]]:
    """The conversation as it should have gone: each turn's own text and entities, the
    corrected intent of the flagged turns (`intents`: turn index -> intent), and what the
    bot did in the replay that used those intents."""
    if len(replayed) != len(said):
        raise ValueError(f"the replay has {len(replayed)} turns, the conversation {len(said)}")
    return [
        {**turn, "intent": {"name": intents.get(i, turn["intent"]["name"]), "confidence": None},
         "steps": replayed[i]["steps"], "corrected_from": turn["intent"]["name"] if i in intents else None}
        for i, turn in enumerate(said)
    ]


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


def path_for(directory: Path, name: str) -> Path:
    slug = SLUG.sub("_", name.lower()).strip("_")[:60] or "conversation"
    return directory / f"test_{slug}.yml"


def save(directory: Path, name: str, turns: List[Dict[str, Any]], saved_by: str, replace: bool = False) -> Path:
    """Writes the story and returns its path; an existing one only with `replace`."""
    path = path_for(directory, name)
    if path.exists() and not replace:
        raise StoryExists(path)
    directory.mkdir(parents=True, exist_ok=True)
    header = [f"# Saved from the console by {saved_by}. Run by `make test` (rasa test --e2e)."]
    header += [
        f"# Turn {i + 1} (\"{turn['text']}\") was flagged: it should be {turn['intent']['name']}, not "
        f"{turn['corrected_from']}. This story fails until the bot understands it."
        for i, turn in enumerate(turns) if turn.get("corrected_from")
    ]
    body = yaml.safe_dump({"version": "3.1", "stories": [story(name, turns)]}, sort_keys=False, allow_unicode=True)
    path.write_text("\n".join(header) + "\n" + body, encoding="utf-8")
    return path
