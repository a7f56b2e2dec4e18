"""Staff accounts, sign-in sessions and sign-in throttling for the console.

Accounts live in a JSON file the maintainer manages with scripts/staff.py (bcrypt hashes,
owner-only permissions); there is no default account, and the console stays off until
one exists. The file is read at each sign-in, so adding an account needs no restart.
Sessions are kept in this process's memory: a restart signs everyone out.
"""
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Optional, Set

import bcrypt

from .rate_limit import SlidingWindow

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
MIN_PASSWORD_CHARS = 12
BCRYPT_ROUNDS = 12
# Checked against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = bcrypt.hashpw(b"not a password", bcrypt.gensalt(BCRYPT_ROUNDS))


class AccountError(Exception):
    """Why an account cannot be added, for the maintainer."""


class Accounts:
    def __init__(self, path: Path):
        self.path = path

    def _load(self) -> Dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))["accounts"]
        except FileNotFoundError:
            return {}

    def _save(self, accounts: Dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"accounts": accounts}, handle, indent=2)
        os.replace(temporary, self.path)

    def names(self):
        return sorted(self._load())

    def any(self) -> bool:
        return bool(self._load())

    def add(self, name: str, password: str) -> None:
        if not name or len(name) > 64 or set(name) - USERNAME_CHARS:
            raise AccountError("A name is 1 to 64 lower-case letters, digits, '.', '_' or '-'.")
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"A password needs at least {MIN_PASSWORD_CHARS} characters.")
        accounts = self._load()
        accounts[name] = bcrypt.hashpw(password.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)).decode()
        self._save(accounts)

    def remove(self, name: str) -> bool:
        accounts = self._load()
        if accounts.pop(name, None) is None:
            return False
        self._save(accounts)
        return True

    def verify(self, name: str, password: str) -> bool:
        stored = self._load().get(name)
        matches = bcrypt.checkpw(password.encode(), stored.encode() if stored else _DUMMY_HASH)
        return bool(stored) and matches


@dataclass
class StaffSession:
    user: str
    started: float
    last_seen: float
    test_sessions: Set[str] = field(default_factory=set)  # console conversations this person started


class Sessions:
    """Signed-in staff. A session ends after `idle_s` without use or `max_s` in all."""

    def __init__(self, idle_s: float = 30 * 60, max_s: float = 8 * 3600, clock: Callable[[], float] = time.monotonic):
        self.idle_s, self.max_s, self.clock = idle_s, max_s, clock
        self._sessions: Dict[str, StaffSession] = {}

    def start(self, user: str) -> str:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        self._sessions[token] = StaffSession(user, now, now)
        return token

    def get(self, token: Optional[str]) -> Optional[StaffSession]:
        session = self._sessions.get(token or "")
        if session is None:
            return None
        now = self.clock()
        if now - session.last_seen > self.idle_s or now - session.started > self.max_s:
            del self._sessions[token]
            return None
        session.last_seen = now
        return session

    def end(self, token: Optional[str]) -> None:
        self._sessions.pop(token or "", None)


class SignInThrottle:
    """At most `per_name` sign-in attempts for one name and `per_client` from one client
    in `window_s`: one client cannot try many names, nor many clients one name."""

    def __init__(self, per_name: int = 10, per_client: int = 30, window_s: float = 15 * 60,
                 clock: Callable[[], float] = time.monotonic):
        self.names = SlidingWindow(per_name, window_s, clock)
        self.clients = SlidingWindow(per_client, window_s, clock)

    def allow(self, name: str, client_key: str) -> bool:
        by_name = self.names.allow(name)
        by_client = self.clients.allow(client_key)
        return by_name and by_client
