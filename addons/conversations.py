"""Deleting conversations from the tracker store: at once (the front door's quick exit
and clear chat) or after the retention period (scripts/forget_old_conversations.py,
safe to run from cron). Works on SQLite and PostgreSQL through SQLAlchemy.

The store is the one Rasa uses (project.tracker_db_url); errors are raised, never
swallowed, so no caller can report a deletion that did not happen.
"""
import time
from typing import Optional

import sqlalchemy

# Rasa's SQL tracker store keeps every event of a conversation in this table.
EVENTS_TABLE = "events"


class Conversations:
    def __init__(self, db_url):
        self.engine = sqlalchemy.create_engine(db_url)

    def check(self) -> None:
        """Raises if the database cannot be reached (the front door then does not start)."""
        with self.engine.connect() as connection:
            connection.execute(sqlalchemy.text("SELECT 1"))

    def _delete(self, where: str, **params) -> int:
        with self.engine.begin() as connection:
            # No table yet: Rasa has stored nothing, so there is nothing to delete.
            if not sqlalchemy.inspect(connection).has_table(EVENTS_TABLE):
                return 0
            return connection.execute(sqlalchemy.text(f"DELETE FROM {EVENTS_TABLE} WHERE {where}"), params).rowcount

    def forget(self, sender_id: str) -> int:
        """Deletes every stored event of the conversation; returns how many."""
        return self._delete("sender_id = :sender", sender=sender_id)

    def forget_older_than(self, days: float, now: Optional[float] = None) -> int:
        """Deletes conversations whose last event is older than `days`; returns events deleted."""
        cutoff = (now if now is not None else time.time()) - days * 86400
        return self._delete(
            f"sender_id IN (SELECT sender_id FROM {EVENTS_TABLE} GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)",
            cutoff=cutoff,
        )
