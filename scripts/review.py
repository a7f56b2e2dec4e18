"""The review queue: replies youth workers flagged as wrong in the console.

    python -m scripts.review list [--all]
    python -m scripts.review accept ID [--intent NAME] [--force REASON] [--by NAME]
    python -m scripts.review reject ID [--reason TEXT]
    python -m scripts.review undo ID       take an accepted example back out of data/nlu/

Accepting adds the flagged message to the file under data/nlu/ that holds the intent
(the one the youth worker chose, or --intent), refusing duplicates and examples already
in another intent. It also refuses to put a message the safety net's rules read as
danger or self-harm, or that the classifier took for one, under any other intent,
unless forced with a reason (--force), which is recorded with who forced it (--by, else
your login name). Then `make retrain` trains, checks and promotes the new model.
The queue lives in the tracker database: the tracker store of RASA_ENDPOINTS (project.py).
"""
import argparse
import getpass
import sys
import time

from project import PROJECT_ROOT, tracker_db_url
from training import review_actions
from training.review_actions import ReviewRefused
from training.review_queue import OPEN, ReviewQueue


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
        guesses = ", ".join(f"{g['name']} {g['confidence']:.2f}" for g in flag.guesses()[:3])
        if guesses:
            print(f"    classifier: {guesses}")
        print(f"    should be: {flag.expected_intent}" + (f"    comment: {flag.comment}" if flag.comment else ""))
        if flag.resolution:
            print(f"    {flag.status}: {flag.resolution}" + (f" (by {flag.resolved_by})" if flag.resolved_by else ""))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="open items (--all: every item)").add_argument("--all", action="store_true")
    accepting = commands.add_parser("accept", help="add the message to the training data")
    accepting.add_argument("id", type=int)
    accepting.add_argument("--intent", help="the intent, if not the one the youth worker chose")
    accepting.add_argument("--force", metavar="REASON", help="add it although the safety check refuses, and why")
    rejecting = commands.add_parser("reject", help="close the item without changing the data")
    rejecting.add_argument("id", type=int)
    rejecting.add_argument("--reason", default="rejected by a maintainer")
    commands.add_parser("undo", help="take an accepted example back out of the data").add_argument("id", type=int)
    for command in commands.choices.values():
        command.add_argument("--by", default=getpass.getuser(), help="who is doing it (recorded; default: your login)")
    args = parser.parse_args(argv)
    queue = ReviewQueue(tracker_db_url())
    try:
        if args.command == "list":
            return show(queue, args.all)
        if args.command == "accept":
            print(review_actions.accept(queue, PROJECT_ROOT, args.id, args.by, args.intent, args.force))
        elif args.command == "reject":
            print(review_actions.reject(queue, args.id, args.by, args.reason))
        else:
            print(review_actions.undo(queue, PROJECT_ROOT, args.id, args.by))
    except ReviewRefused as refused:
        print(refused, file=sys.stderr)
        if refused.can_force:
            intent = f" --intent {args.intent}" if args.intent else ""
            print(f"    python -m scripts.review accept {args.id}{intent} --force \"why\"", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
