"""What a maintainer does with a review queue item: accept it into the NLU data, reject
it, or undo an accept. The one implementation behind `python -m scripts.review` and the
console's review queue, so both make the same checks (training/accept_check.py).
"""
from pathlib import Path
from typing import Optional

from .accept_check import unsafe
from .nlu_files import ExampleRefused, add_example, clean_example, remove_example
from .review_queue import ACCEPTED, NEW_SITUATION, OPEN, REJECTED, Flag, ReviewQueue

RETRAIN = "Run `make retrain` to train, check and promote."


class ReviewRefused(Exception):
    """Why it was not done, for the maintainer. `can_force`: only the safety check
    refused it, and forcing it with a reason would do it."""

    def __init__(self, reason: str, can_force: bool = False):
        super().__init__(reason)
        self.can_force = can_force


def _item(queue: ReviewQueue, flag_id: int, status: str) -> Flag:
    flag = queue.get(flag_id)
    if flag is None or flag.status != status:
        raise ReviewRefused(f"#{flag_id} is not an {status} item of the queue.")
    return flag


def accept(queue: ReviewQueue, root: Path, flag_id: int, by: str, intent: Optional[str] = None,
           force_reason: Optional[str] = None) -> str:
    """Adds the message to data/nlu/ under `intent` (else the one the worker chose)."""
    flag = _item(queue, flag_id, OPEN)
    intent = intent or flag.expected_intent
    if intent == NEW_SITUATION:
        raise ReviewRefused(f"#{flag_id} was flagged as a new situation: choose its intent "
                            "(a new intent needs domain responses and rules written first).")
    danger = unsafe(flag.message, intent, flag.guesses(), flag.predicted_intent)
    force_reason = (force_reason or "").strip() or None
    if danger and not force_reason:
        raise ReviewRefused(f"Not added, as it could make the bot less safe: {danger}. If it really is "
                            f"'{intent}', force it with a reason (recorded with your name).", can_force=True)
    try:
        path = add_example(root / "data" / "nlu", intent, flag.message)
    except ExampleRefused as error:
        raise ReviewRefused(f"Not added: {error}") from error
    where = str(path.relative_to(root))
    resolution = f"added to {where} as {intent}"
    if danger:
        resolution += f"; forced by {by} ({force_reason}) over the safety check: {danger}"
    if not queue.resolve(flag_id, ACCEPTED, resolution, by, example_file=where, example_intent=intent,
                         example_text=clean_example(flag.message), forced_reason=force_reason if danger else None):
        remove_example(path, intent, flag.message)
        raise ReviewRefused(f"#{flag_id} was resolved by someone else meanwhile; nothing changed.")
    return f"#{flag_id} {resolution}. {RETRAIN}"


def reject(queue: ReviewQueue, flag_id: int, by: str, reason: str) -> str:
    _item(queue, flag_id, OPEN)
    if not queue.resolve(flag_id, REJECTED, reason, by):
        raise ReviewRefused(f"#{flag_id} was resolved by someone else meanwhile.")
    return f"#{flag_id} rejected."


def undo(queue: ReviewQueue, root: Path, flag_id: int, by: str) -> str:
    """Takes an accepted example back out of the data; the item is open again."""
    flag = _item(queue, flag_id, ACCEPTED)
    if not flag.example_file:
        raise ReviewRefused(f"#{flag_id} was accepted before undo was kept track of: "
                            f"take it out by hand ({flag.resolution}).")
    try:
        remove_example(root / flag.example_file, flag.example_intent, flag.example_text)
    except ExampleRefused as error:
        raise ReviewRefused(f"Not undone: {error}") from error
    queue.resolve(flag_id, OPEN, f"accept undone by {by}: taken out of {flag.example_file}", by, was=ACCEPTED,
                  example_file=None, example_intent=None, example_text=None, forced_reason=None)
    return f"#{flag_id} taken out of {flag.example_file} and open again. {RETRAIN}"
