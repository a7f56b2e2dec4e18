"""Per-session and per-client rate limits, kept in memory for one minute at most.

Client addresses are never stored as they are: the key is a hash with a secret that
lives only in this process, so nothing in memory or logs can be traced back.
Each front door counts on its own; behind a load balancer the limit is per instance.
"""
import hashlib
import secrets
import time
from collections import deque
from typing import Callable, Deque, Dict


class SlidingWindow:
    """At most `limit` events per key in any `window_s` seconds."""

    def __init__(self, limit: int, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self.events: Dict[str, Deque[float]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        recent = self.events.setdefault(key, deque())
        while recent and now - recent[0] >= self.window_s:
            recent.popleft()
        if len(recent) >= self.limit:
            return False
        recent.append(now)
        self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        # Drop keys with no event in the window, so memory does not grow with visitors.
        if len(self.events) > 10_000:
            for key in [k for k, q in self.events.items() if not q or now - q[-1] >= self.window_s]:
                del self.events[key]


class RateLimiter:
    def __init__(self, per_session: int, per_client: int, window_s: float = 60.0, clock=time.monotonic):
        self.sessions = SlidingWindow(per_session, window_s, clock)
        self.clients = SlidingWindow(per_client, window_s, clock)
        self._salt = secrets.token_bytes(16)

    def client_key(self, address: str) -> str:
        return hashlib.blake2b(address.encode(), key=self._salt, digest_size=16).hexdigest()

    def allow(self, session_id: str, client_address: str) -> bool:
        return self.clients.allow(self.client_key(client_address)) and self.sessions.allow(session_id)
