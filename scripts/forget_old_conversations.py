"""Deletes conversations older than the retention period (default 30 days).

    TRACKER_DB_URL=sqlite:///var/tracker.db python scripts/forget_old_conversations.py [--days 30]

Safe to run from cron: idempotent, one transaction, prints how many events went.
"""
import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from frontdoor.conversations import Conversations  # noqa: E402

DEFAULT_DAYS = float(os.environ.get("RETENTION_DAYS", "30"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, default=DEFAULT_DAYS)
    parser.add_argument("--db-url", default=os.environ.get("TRACKER_DB_URL", f"sqlite:///{Path('var/tracker.db').resolve()}"))
    args = parser.parse_args()
    deleted = Conversations(args.db_url).forget_older_than(args.days)
    print(f"Deleted {deleted} events from conversations older than {args.days:g} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
