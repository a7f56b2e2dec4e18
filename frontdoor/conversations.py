"""Deletes a conversation from the tracker store (quick exit, clear chat)."""
from typing import Optional

import sqlalchemy

# Rasa's SQL tracker store keeps every event of a conversation in this table.
EVENTS_TABLE = "events"


class Conversations:
    def __init__(self, db_url: Optional[str]):
        self.engine = sqlalchemy.create_engine(db_url) if db_url else None

    def forget(self, sender_id: str) -> int:
        """Deletes every stored event of the conversation; returns how many."""
        if self.engine is None:
            return 0
        with self.engine.begin() as connection:
            if not sqlalchemy.inspect(connection).has_table(EVENTS_TABLE):
                return 0
            result = connection.execute(
                sqlalchemy.text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender"), {"sender": sender_id}
            )
            return result.rowcount
