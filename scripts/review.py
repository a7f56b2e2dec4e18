"""The review queue: replies youth workers flagged as wrong in the console.

    python -m scripts.review list [--all]
    python -m scripts.review accept ID [--intent NAME]   add the message to data/nlu/ as an example
    python -m scripts.review reject ID [--reason TEXT]

Accepting adds the flagged message to the file under data/nlu/ that holds the intent
(the one the youth worker chose, or --intent), refusing duplicates and examples already
in another intent. Then `make retrain` trains, checks and promotes the new model.
The queue lives in the tracker database: the tracker store of RASA_ENDPOINTS (project.py).
"""
import argparse
import sys
import time

from project import DATA_DIR, PROJECT_ROOT, tracker_db_url
from training.nlu_files import ExampleRefused, add_example
from training.review_queue import ACCEPTED, NEW_SITUATION, OPEN, REJECTED, ReviewQueue

NLU_DIR = DATA_DIR / "nlu"


def show(queue: ReviewQueue, everything: bool) -> int:
    items = queue.items(None if everything else OPEN)
    if not items:
        print("The review queue is empty." if not everything else "Nothing has been flagged.")
    for flag in items:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(flag.created_at))
        confidence = f" {flag.confidence:.2f}" if flag.confidence is not None else ""
        print(f"#{flag.id}  {when}  by {flag.flagged_by}  [{flag.status}]")
        print(f"    message:   {flag.message}")
        print(f"    bot said:  {flag.predicted_intent}{confidence} -> {flag.bot_actions}")
        print(f"    should be: {flag.expected_intent}" + (f"    comment: {flag.comment}" if flag.comment else ""))
        if flag.resolution:
            print(f"    {flag.status}: {flag.resolution}")
    return 0


def accept(queue: ReviewQueue, flag_id: int, intent: str) -> int:
    flag = queue.get(flag_id)
    if flag is None or flag.status != OPEN:
        print(f"#{flag_id} is not an open item of the queue.", file=sys.stderr)
        return 1
    intent = intent or flag.expected_intent
    if intent == NEW_SITUATION:
        print("Flagged as a new situation: give the intent with --intent NAME "
              "(a new intent needs domain responses and rules first).", file=sys.stderr)
        return 1
    try:
        path = add_example(NLU_DIR, intent, flag.message)
    except ExampleRefused as error:
        print(f"Not added: {error}", file=sys.stderr)
        return 1
    queue.resolve(flag_id, ACCEPTED, f"added to {path.relative_to(PROJECT_ROOT)} as {intent}")
    print(f"#{flag_id} added to {path.relative_to(PROJECT_ROOT)} as {intent}. Run `make retrain` to train, check and promote.")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="open items (--all: every item)").add_argument("--all", action="store_true")
    accepting = commands.add_parser("accept", help="add the message to the training data")
    accepting.add_argument("id", type=int)
    accepting.add_argument("--intent", help="the intent, if not the one the youth worker chose")
    rejecting = commands.add_parser("reject", help="close the item without changing the data")
    rejecting.add_argument("id", type=int)
    rejecting.add_argument("--reason", default="rejected by a maintainer")
    args = parser.parse_args(argv)
    queue = ReviewQueue(tracker_db_url())
    if args.command == "list":
        return show(queue, args.all)
    if args.command == "accept":
        return accept(queue, args.id, args.intent)
    flag = queue.get(args.id)
    if flag is None or flag.status != OPEN:
        print(f"#{args.id} is not an open item of the queue.", file=sys.stderr)
        return 1
    queue.resolve(args.id, REJECTED, args.reason)
    print(f"#{args.id} rejected.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
