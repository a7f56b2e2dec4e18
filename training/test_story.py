"""A console conversation as a Rasa test story (tests/conversations/test_*.yml), which
`make test` then runs with `rasa test core`: what the bot did that day must still happen."""
import copy
import re
from pathlib import Path
from typing import Any, Dict, List

import yaml

SLUG = re.compile(r"[^a-z0-9]+")


def story(name: str, turns: List[Dict[str, Any]]) -> Dict[str, Any]:
    steps: List[Dict[str, Any]] = []
    for turn in turns:
        steps.append({"user": turn["text"], "intent": turn["intent"]["name"]})
        for step in turn["steps"]:
            if "slot_was_set" in step and steps and "slot_was_set" in steps[-1]:
                steps[-1]["slot_was_set"] += step["slot_was_set"]  # one step for slots set together
            else:
                steps.append(copy.deepcopy(step))
    return {"story": name, "steps": steps}


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
