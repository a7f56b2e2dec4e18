"""The review queue: replies youth workers marked as wrong in the console.

Stored in the tracker database (SQLite by default, PostgreSQL in production) in its own
table. Only console test conversations are ever flagged; the front door checks that.
A turn of a conversation has at most one item: flagging it again updates it.
"""
import json
import time
from dataclasses import dataclass
from typing import Any, Dict, List, NamedTuple, Optional

import sqlalchemy
from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

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
    # Added after the first release (_add_missing_columns brings older tables up to date).
    Column("conversation_id", String(64)),  # the console conversation and turn flagged
    Column("turn_index", Integer),
    Column("classifier_ranking", Text),  # JSON: the classifier's own guesses (training/classifier.py)
    Column("resolved_by", String(64)),
    Column("forced_reason", Text),  # why an accept the safety check refused was forced
    Column("example_file", Text),  # what an accept added, so that undo can take it out
    Column("example_intent", String(64)),
    Column("example_text", Text),
)
Index("review_queue_one_per_turn", flags.c.conversation_id, flags.c.turn_index, unique=True)


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
    conversation_id: Optional[str] = None
    turn_index: Optional[int] = None
    classifier_ranking: Optional[str] = None
    resolved_by: Optional[str] = None
    forced_reason: Optional[str] = None
    example_file: Optional[str] = None
    example_intent: Optional[str] = None
    example_text: Optional[str] = None

    def guesses(self) -> List[Dict[str, Any]]:
        """The classifier's own guesses when it was flagged ([] for items flagged before they were kept)."""
        return json.loads(self.classifier_ranking) if self.classifier_ranking else []

    def as_dict(self) -> Dict[str, Any]:
        return {**self.__dict__, "classifier_ranking": self.guesses()}


class Added(NamedTuple):
    id: int
    updated: bool  # the turn was flagged before: its open item was updated


class AlreadyResolved(Exception):
    """The turn's item was accepted or rejected already."""


def _add_missing_columns(engine) -> None:
    """Older databases have the first release's table: add the columns it lacks."""
    present = {column["name"] for column in sqlalchemy.inspect(engine).get_columns(flags.name)}
    with engine.begin() as connection:
        for column in flags.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=engine.dialect)
                connection.execute(sqlalchemy.text(f"ALTER TABLE {flags.name} ADD COLUMN {column.name} {kind}"))


class ReviewQueue:
    def __init__(self, db_url):
        self.engine = sqlalchemy.create_engine(db_url)
        flags.create(self.engine, checkfirst=True)
        _add_missing_columns(self.engine)
        try:
            for index in flags.indexes:
                index.create(self.engine, checkfirst=True)
        except (OperationalError, ProgrammingError, IntegrityError):
            pass  # an older table with a turn flagged twice: add() still updates the first item

    def add(self, flagged_by: str, message: str, predicted_intent: Optional[str], confidence: Optional[float],
            bot_actions: List[str], expected_intent: str, comment: str = "", conversation_id: Optional[str] = None,
            turn_index: Optional[int] = None, classifier_ranking: Optional[List[Dict[str, Any]]] = None) -> Added:
        correction = {"expected_intent": expected_intent, "comment": comment, "flagged_by": flagged_by}
        if conversation_id is not None:
            updated = self._update_turn(conversation_id, turn_index, correction)
            if updated is not None:
                return Added(updated, True)
        try:
            with self.engine.begin() as connection:
                result = connection.execute(flags.insert().values(
                    created_at=time.time(), message=message, predicted_intent=predicted_intent, confidence=confidence,
                    bot_actions=", ".join(bot_actions), status=OPEN, conversation_id=conversation_id,
                    turn_index=turn_index, classifier_ranking=json.dumps(classifier_ranking or []), **correction,
                ))
                return Added(int(result.inserted_primary_key[0]), False)
        except IntegrityError:  # flagged twice at once: the other request made the item
            return Added(self._update_turn(conversation_id, turn_index, correction), True)

    def _update_turn(self, conversation_id: str, turn_index: Optional[int], correction: dict) -> Optional[int]:
        same_turn = (flags.c.conversation_id == conversation_id) & (flags.c.turn_index == turn_index)
        with self.engine.begin() as connection:
            row = connection.execute(flags.select().where(same_turn).order_by(flags.c.id)).first()
            if row is None:
                return None
            if row.status != OPEN:
                raise AlreadyResolved(f"This turn is #{row.id}, already {row.status} by a maintainer.")
            connection.execute(flags.update().where(flags.c.id == row.id).values(**correction))
            return int(row.id)

    def items(self, status: Optional[str] = OPEN) -> List[Flag]:
        query = flags.select().order_by(flags.c.id)
        if status:
            query = query.where(flags.c.status == status)
        with self.engine.connect() as connection:
            return [Flag(**row._mapping) for row in connection.execute(query)]

    def for_conversation(self, conversation_id: str) -> List[Flag]:
        query = flags.select().where(flags.c.conversation_id == conversation_id).order_by(flags.c.turn_index)
        with self.engine.connect() as connection:
            return [Flag(**row._mapping) for row in connection.execute(query)]

    def get(self, flag_id: int) -> Optional[Flag]:
        with self.engine.connect() as connection:
            row = connection.execute(flags.select().where(flags.c.id == flag_id)).first()
        return Flag(**row._mapping) if row else None

    def resolve(self, flag_id: int, status: str, resolution: str, by: Optional[str] = None,
                was: str = OPEN, **fields) -> bool:
        """Moves an item from `was` to `status`; False if it was not `was` (someone else got there first)."""
        with self.engine.begin() as connection:
            result = connection.execute(
                flags.update().where((flags.c.id == flag_id) & (flags.c.status == was)).values(
                    status=status, resolved_at=time.time(), resolution=resolution, resolved_by=by, **fields)
            )
            return result.rowcount == 1
