"""The review queue: replies youth workers marked as wrong in the console.

Stored in the tracker database (SQLite by default, PostgreSQL in production) in its own
table. Only console test conversations are ever flagged; the front door checks that.
"""
import time
from dataclasses import dataclass
from typing import List, Optional

import sqlalchemy
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text


NEW_SITUATION = "new situation"
OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"

metadata = MetaData()
flags = Table(
    "review_queue",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", Float, nullable=False),
    Column("flagged_by", String(64), nullable=False),
    Column("message", Text, nullable=False),
    Column("predicted_intent", String(64)),
    Column("confidence", Float),
    Column("bot_actions", Text),  # the actions and responses the bot chose, comma-separated
    Column("expected_intent", String(64), nullable=False),  # an intent, or NEW_SITUATION
    Column("comment", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, default=OPEN),
    Column("resolved_at", Float),
    Column("resolution", Text),  # where it was added, or why it was rejected
)


@dataclass(frozen=True)
class Flag:
    id: int
    created_at: float
    flagged_by: str
    message: str
    predicted_intent: Optional[str]
    confidence: Optional[float]
    bot_actions: str
    expected_intent: str
    comment: str
    status: str
    resolved_at: Optional[float]
    resolution: Optional[str]


class ReviewQueue:
    def __init__(self, db_url: str):
        self.engine = sqlalchemy.create_engine(db_url)
        metadata.create_all(self.engine)

    def add(self, flagged_by: str, message: str, predicted_intent: Optional[str], confidence: Optional[float],
            bot_actions: List[str], expected_intent: str, comment: str = "") -> int:
        with self.engine.begin() as connection:
            result = connection.execute(flags.insert().values(
                created_at=time.time(), flagged_by=flagged_by, message=message,
                predicted_intent=predicted_intent, confidence=confidence, bot_actions=", ".join(bot_actions),
                expected_intent=expected_intent, comment=comment, status=OPEN,
            ))
            return int(result.inserted_primary_key[0])

    def items(self, status: Optional[str] = OPEN) -> List[Flag]:
        query = flags.select().order_by(flags.c.id)
        if status:
            query = query.where(flags.c.status == status)
        with self.engine.connect() as connection:
            return [Flag(**row._mapping) for row in connection.execute(query)]

    def get(self, flag_id: int) -> Optional[Flag]:
        with self.engine.connect() as connection:
            row = connection.execute(flags.select().where(flags.c.id == flag_id)).first()
        return Flag(**row._mapping) if row else None

    def resolve(self, flag_id: int, status: str, resolution: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                flags.update().where(flags.c.id == flag_id).values(status=status, resolved_at=time.time(), resolution=resolution)
            )
