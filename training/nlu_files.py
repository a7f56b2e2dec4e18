"""Adds a training example to the right file under data/nlu/, keeping the files as
maintainers write them (comments, order, literal blocks) and refusing duplicates:
an example already in the data, or in another intent, is not added. An accepted example
can be taken back out (remove_example)."""
import os
import re
import tempfile
from pathlib import Path
from typing import Dict, List, Tuple

from .datasets import nlu_examples

INTENT_LINE = re.compile(r"^(\s*)- intent:\s*(\S+)\s*$")
EXAMPLE_LINE = re.compile(r"^(\s*)- \S")
# Rasa reads "[text](entity)" as an annotation; an accepted message is plain text.
ANNOTATION_LIKE = re.compile(r"\[[^\]]*\]\s*[({]")


class ExampleRefused(Exception):
    """Why an example cannot be added, in words a maintainer can act on."""


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def intent_files(nlu_dir: Path) -> Dict[str, Path]:
    files = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = INTENT_LINE.match(line)
            if match:
                files[match.group(2)] = path
    return files


def all_examples(nlu_dir: Path) -> Dict[str, str]:
    """Every example's normalised text and its intent."""
    return {normalise(text): intent for path in sorted(nlu_dir.glob("*.yml")) for text, intent in nlu_examples(path)}


def clean_example(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ExampleRefused("The message is empty.")
    if ANNOTATION_LIKE.search(cleaned):
        raise ExampleRefused("The message looks like an entity annotation '[..](..)'; edit it by hand.")
    return cleaned


def add_example(nlu_dir: Path, intent: str, text: str) -> Path:
    """Appends `text` to `intent`'s examples; returns the file it went into."""
    example = clean_example(text)
    files = intent_files(nlu_dir)
    if intent not in files:
        raise ExampleRefused(f"No intent '{intent}' under {nlu_dir}. A new situation needs a new intent, responses and rules first.")
    existing = all_examples(nlu_dir).get(normalise(example))
    if existing == intent:
        raise ExampleRefused(f"'{example}' is already a '{intent}' example.")
    if existing:
        raise ExampleRefused(f"'{example}' is already an example of '{existing}'; one example cannot be in two intents.")
    path = files[intent]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at, indent = _end_of_examples(lines, intent)
    lines.insert(at, f"{indent}- {example}\n")
    _write_atomically(path, "".join(lines))
    if (example, intent) not in nlu_examples(path):
        raise ExampleRefused(f"Added '{example}' to {path} but it does not read back; check the file.")
    return path


def remove_example(path: Path, intent: str, text: str) -> None:
    """Takes `text` back out of `intent`'s examples in `path` (review undo): the one line
    an accept added, whatever spacing or case it has now."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    wanted = normalise(clean_example(text))
    found = [i for i in _example_lines(lines, intent) if normalise(lines[i].strip()[2:]) == wanted]
    if not found:
        raise ExampleRefused(f"'{text}' is not a '{intent}' example in {path.name} any more; nothing to take out.")
    del lines[found[0]]
    _write_atomically(path, "".join(lines))
    if any(normalise(t) == wanted and i == intent for t, i in nlu_examples(path)):
        raise ExampleRefused(f"Took '{text}' out of {path} but it is still there; check the file.")


def _example_lines(lines: List[str], intent: str) -> List[int]:
    """Indices of the intent's example lines."""
    start, block_indent = next(
        ((i, m.group(1)) for i, line in enumerate(lines) if (m := INTENT_LINE.match(line)) and m.group(2) == intent),
        (None, ""),
    )
    if start is None:
        return []
    found = []
    for i in range(start + 1, len(lines)):
        if lines[i].startswith(f"{block_indent}- "):  # the next intent, synonym or lookup
            break
        if EXAMPLE_LINE.match(lines[i]):
            found.append(i)
    return found


def _end_of_examples(lines: List[str], intent: str) -> Tuple[int, str]:
    """Index after the intent's last example line, and that line's indentation."""
    examples = _example_lines(lines, intent)
    if not examples:
        raise ExampleRefused(f"'{intent}' has no example list to add to; edit it by hand.")
    return examples[-1] + 1, EXAMPLE_LINE.match(lines[examples[-1]]).group(1)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temporary, path.stat().st_mode)
    os.replace(temporary, path)
