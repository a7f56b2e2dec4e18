"""Keeps the trackers of recent conversations in memory, so a message does not reload
and replay its whole conversation from the database (the biggest cost per message in
the profile, growing with the conversation's length).

A cached tracker is used only if the database still holds exactly what this process
last saved for that conversation: same number of events in the current session and the
same latest event id. Another Rasa server answering in between, the quick exit deleting
the conversation, or a save that never happened all change that, and the tracker is
then loaded from the database as usual. Rasa's lock store serialises the messages of one
conversation, so the check and the use do not race.

A cached tracker holds the conversation's text before redaction, so it leaves memory
once unused for TRACKER_CACHE_IDLE_MINUTES (project.py): a conversation deleted by the
quick exit is not kept in this process for long after its last message.
"""
import asyncio
import time
from collections import OrderedDict
from typing import Callable, Optional, Tuple

import sqlalchemy as sa
from rasa.shared.core.trackers import DialogueStateTracker

import project

MAX_CONVERSATIONS = 2000  # bounded: about 1 MB per 100-message conversation at most
Fingerprint = Tuple[int, Optional[int]]


def _on_the_event_loop(delay_s: float, callback: Callable[[], None]) -> bool:
    """Runs `callback` later on the running event loop; False when there is none (a script)."""
    try:
        asyncio.get_running_loop().call_later(delay_s, callback)
    except RuntimeError:
        return False
    return True


class TrackerCache:
    """Mixed into a SQLTrackerStore (before it in the bases). Tests inject the clock
    and the timer."""

    def __init__(self, *args, clock: Callable[[], float] = time.monotonic,
                 call_later: Callable[[float, Callable[[], None]], bool] = _on_the_event_loop, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.clock, self.call_later = clock, call_later
        self.idle_s = float(project.setting("TRACKER_CACHE_IDLE_MINUTES")) * 60
        # sender -> (last used, fingerprint, tracker), least recently used first
        self._recent: "OrderedDict[str, Tuple[float, Fingerprint, DialogueStateTracker]]" = OrderedDict()
        self._sweep_pending = False

    def _fingerprint(self, sender_id: str) -> Fingerprint:
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).order_by(None)
            count, last_id = query.with_entities(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id)).one()
        return int(count), last_id

    def sweep(self) -> None:
        """Drops every conversation unused for the idle time."""
        now = self.clock()
        while self._recent and now - next(iter(self._recent.values()))[0] >= self.idle_s:
            self._recent.popitem(last=False)

    def _sweep_later(self) -> None:
        """While anything is cached, a timer sweeps, so an idle conversation leaves
        memory even when no other message arrives."""
        if self._sweep_pending or not self._recent:
            return
        oldest_use = next(iter(self._recent.values()))[0]
        self._sweep_pending = self.call_later(max(0.0, oldest_use + self.idle_s - self.clock()) + 1, self._timed_sweep)

    def _timed_sweep(self) -> None:
        self._sweep_pending = False
        self.sweep()
        self._sweep_later()

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        self.sweep()
        cached = self._recent.pop(sender_id, None)
        if cached is not None:
            _, fingerprint, tracker = cached
            if fingerprint == self._fingerprint(sender_id) and len(tracker.events) == fingerprint[0]:
                self._recent[sender_id] = (self.clock(), fingerprint, tracker)
                return tracker
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self.sweep()
        self._recent.pop(tracker.sender_id, None)
        self._recent[tracker.sender_id] = (self.clock(), self._fingerprint(tracker.sender_id), tracker)
        while len(self._recent) > MAX_CONVERSATIONS:
            self._recent.popitem(last=False)
        self._sweep_later()
