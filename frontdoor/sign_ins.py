"""Console sign-ins, kept in the tracker database (SQLite, or PostgreSQL in production) so
they survive a front door restart and are shared by several front doors:

- sessions: only a hash of each sign-in token is stored, with the account's password
  stamp (frontdoor/staff.py), so removing an account or changing its password ends its
  sign-ins at the next request;
- console conversations and whose they are, so only their owner can flag or save them;
- failed sign-ins by name and client together, answered with growing delays: guessing a
  worker's name from elsewhere cannot lock that worker out, and a maintainer can clear a
  name (python -m scripts.staff unlock NAME).

Clients are the rate limiter's keyed hashes, never addresses. The key lives only in the
front door's memory, so after a restart a client starts again with no failures.
"""
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable, Optional

import sqlalchemy
from sqlalchemy import Column, Float, Integer, MetaData, String, Table

metadata = MetaData()
sessions = Table(
    "console_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(64), nullable=False),
    Column("account_stamp", String(64), nullable=False),  # the password it was opened with
    Column("started_at", Float, nullable=False),
    Column("last_seen", Float, nullable=False),
)
owners = Table(
    "console_conversations", metadata,
    Column("session_id", String(64), primary_key=True),
    Column("username", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
)
failures = Table(
    "console_sign_in_failures", metadata,
    Column("name", String(64), primary_key=True),
    Column("client", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", Float, nullable=False),
)

# Three tries are free (people mistype), then each failure doubles the wait, up to 15
# minutes; a name and client with no failure for a day start again.
FREE_FAILURES = 3
FIRST_DELAY_S = 2.0
MAX_DELAY_S = 15 * 60.0
FORGET_AFTER_S = 24 * 3600.0


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def delay_s(failed: int) -> float:
    """How long after the last of `failed` failures the next try must wait."""
    if failed < FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failed - FREE_FAILURES))


def _name(name: str) -> str:
    return name.strip().lower()[:64]


@dataclass(frozen=True)
class SignIn:
    user: str
    account_stamp: str


class SignIns:
    """Sessions: one ends after `idle_s` without use, `max_s` in all, or at sign-out."""

    def __init__(self, engine, idle_s: float = 30 * 60, max_s: float = 8 * 3600,
                 clock: Callable[[], float] = time.time):
        self.engine, self.idle_s, self.max_s, self.clock = engine, idle_s, max_s, clock
        metadata.create_all(engine)

    def _expired(self, now: float):
        return (sessions.c.last_seen < now - self.idle_s) | (sessions.c.started_at < now - self.max_s)

    def start(self, user: str, account_stamp: str) -> str:
        """A new sign-in's token, for the cookie (only its hash is stored)."""
        token, now = secrets.token_urlsafe(32), self.clock()
        with self.engine.begin() as connection:
            connection.execute(sessions.delete().where(self._expired(now)))
            connection.execute(sessions.insert().values(
                token_hash=token_hash(token), username=user, account_stamp=account_stamp, started_at=now, last_seen=now))
        return token

    def get(self, token: Optional[str]) -> Optional[SignIn]:
        """The sign-in of a token still in use (its use is recorded), or None."""
        if not token:
            return None
        now, key = self.clock(), token_hash(token)
        with self.engine.begin() as connection:
            row = connection.execute(sessions.select().where(sessions.c.token_hash == key)).first()
            if row is None:
                return None
            if now - row.last_seen > self.idle_s or now - row.started_at > self.max_s:
                connection.execute(sessions.delete().where(sessions.c.token_hash == key))
                return None
            connection.execute(sessions.update().where(sessions.c.token_hash == key).values(last_seen=now))
            return SignIn(row.username, row.account_stamp)

    def end(self, token: Optional[str]) -> None:
        if token:
            with self.engine.begin() as connection:
                connection.execute(sessions.delete().where(sessions.c.token_hash == token_hash(token)))

    def own(self, session_id: str, user: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(owners.insert().values(session_id=session_id, username=user, created_at=self.clock()))

    def owner(self, session_id: str) -> Optional[str]:
        with self.engine.connect() as connection:
            return connection.execute(sqlalchemy.select(owners.c.username).where(owners.c.session_id == session_id)).scalar()


class SignInThrottle:
    """Failed sign-ins by name and client together, with growing delays."""

    def __init__(self, engine, clock: Callable[[], float] = time.time):
        self.engine, self.clock = engine, clock
        self._lock = threading.Lock()  # one check-and-count at a time in this front door
        metadata.create_all(engine)

    def try_now(self, name: str, client: str) -> float:
        """0 when a try may go ahead (it is counted as a failure until `succeeded`),
        else the seconds left to wait. Counting first means tries sent all at once
        cannot slip in before their failures are recorded."""
        now, key = self.clock(), (failures.c.name == _name(name)) & (failures.c.client == client)
        with self._lock, self.engine.begin() as connection:
            row = connection.execute(failures.select().where(key)).first()
            failed = row.failures if row and now - row.last_failure < FORGET_AFTER_S else 0
            if row is not None:
                wait = row.last_failure + delay_s(failed) - now
                if wait > 0:
                    return wait
                connection.execute(failures.update().where(key).values(failures=failed + 1, last_failure=now))
            else:
                connection.execute(failures.insert().values(name=_name(name), client=client, failures=1, last_failure=now))
            return 0.0

    def succeeded(self, name: str, client: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(failures.delete().where((failures.c.name == _name(name)) & (failures.c.client == client)))

    def clear(self, name: str) -> int:
        """Clears every delay on a name (a maintainer's unlock); how many clients had one."""
        with self.engine.begin() as connection:
            return connection.execute(failures.delete().where(failures.c.name == _name(name))).rowcount
