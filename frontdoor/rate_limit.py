"""Rate limits, kept in memory for one minute at most: per conversation (the main
brake), per client address (high, as one address can be a whole school), and over
everyone (a ceiling that keeps Rasa from being queued past its timeout).

Client addresses are never stored as they are: the key is a hash with a secret that
lives only in this process, so nothing in memory or logs can be traced back.
Each front door counts on its own; behind a load balancer the limit is per instance.
"""
import hashlib
import secrets
import time
from collections import deque
from typing import Callable, Deque, Dict, Optional

SESSION, CLIENT, EVERYONE = "session", "client", "everyone"


class SlidingWindow:
    """At most `limit` events per key in any `window_s` seconds."""

    def __init__(self, limit: int, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self.events: Dict[str, Deque[float]] = {}

    def has_room(self, key: str) -> bool:
        now = self.clock()
        recent = self.events.setdefault(key, deque())
        while recent and now - recent[0] >= self.window_s:
            recent.popleft()
        return len(recent) < self.limit

    def record(self, key: str) -> None:
        now = self.clock()
        self.events.setdefault(key, deque()).append(now)
        self._forget_idle(now)

    def allow(self, key: str) -> bool:
        if not self.has_room(key):
            return False
        self.record(key)
        return True

    def _forget_idle(self, now: float) -> None:
        # Drop keys with no event in the window, so memory does not grow with visitors.
        if len(self.events) > 10_000:
            for key in [k for k, q in self.events.items() if not q or now - q[-1] >= self.window_s]:
                del self.events[key]


class RateLimiter:
    def __init__(self, per_session: int, per_client: int, overall: int, window_s: float = 60.0, clock=time.monotonic):
        self.sessions = SlidingWindow(per_session, window_s, clock)
        self.clients = SlidingWindow(per_client, window_s, clock)
        self.overall = SlidingWindow(overall, window_s, clock)
        self._salt = secrets.token_bytes(16)

    def client_key(self, address: str) -> str:
        return hashlib.blake2b(address.encode(), key=self._salt, digest_size=16).hexdigest()

    def refused(self, client_address: str, session_id: Optional[str] = None) -> Optional[str]:
        """The limit a request breaks (SESSION, CLIENT or EVERYONE), or None: then it
        counts against every limit. A refused request counts against none, so one busy
        limit does not use up another's allowance."""
        checks = [(CLIENT, self.clients, self.client_key(client_address)), (EVERYONE, self.overall, "")]
        if session_id is not None:
            checks.insert(0, (SESSION, self.sessions, session_id))
        for name, window, key in checks:
            if not window.has_room(key):
                return name
        for _name, window, key in checks:
            window.record(key)
        return None
