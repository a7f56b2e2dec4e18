"""Deletes conversations older than the retention period (default 30 days) from the
tracker store Rasa uses (the one in RASA_ENDPOINTS, found as the front door finds it).

    python -m scripts.forget_old_conversations [--days 30]

Run it with the environment the Rasa servers have (RASA_ENDPOINTS, TRACKER_DB or
POSTGRES_*). Safe to run from cron: idempotent, one transaction, prints how many events went.
"""
import argparse
import sys

from addons.conversations import Conversations
from project import setting, tracker_db_url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, default=float(setting("RETENTION_DAYS")))
    args = parser.parse_args()
    deleted = Conversations(tracker_db_url()).forget_older_than(args.days)
    print(f"Deleted {deleted} events from conversations older than {args.days:g} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
