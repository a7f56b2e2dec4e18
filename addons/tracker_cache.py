"""Keeps the trackers of recent conversations in memory, so a message does not reload
and replay its whole conversation from the database (the biggest cost per message in
the profile, growing with the conversation's length).

A cached tracker is used only if the database still holds exactly what this process
last saved for that conversation: same number of events in the current session and the
same latest event id. Another Rasa server answering in between, the quick exit deleting
the conversation, or a save that never happened all change that, and the tracker is
then loaded from the database as usual. Rasa's lock store serialises the messages of one
conversation, so the check and the use do not race.
"""
from collections import OrderedDict
from typing import Optional, Tuple

import sqlalchemy as sa
from rasa.shared.core.trackers import DialogueStateTracker

MAX_CONVERSATIONS = 2000  # bounded: about 1 MB per 100-message conversation at most


class TrackerCache:
    """Mixed into a SQLTrackerStore (before it in the bases)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._recent: "OrderedDict[str, Tuple[Tuple[int, Optional[int]], DialogueStateTracker]]" = OrderedDict()

    def _fingerprint(self, sender_id: str) -> Tuple[int, Optional[int]]:
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).order_by(None)
            count, last_id = query.with_entities(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id)).one()
        return int(count), last_id

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        cached = self._recent.pop(sender_id, None)
        if cached is not None:
            fingerprint, tracker = cached
            if fingerprint == self._fingerprint(sender_id) and len(tracker.events) == fingerprint[0]:
                self._recent[sender_id] = cached
                return tracker
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self._recent.pop(tracker.sender_id, None)
        self._recent[tracker.sender_id] = (self._fingerprint(tracker.sender_id), tracker)
        while len(self._recent) > MAX_CONVERSATIONS:
            self._recent.popitem(last=False)
