"""Rasa's SQL tracker store, writing user text with identifying details removed.

Phone numbers, email addresses, social media handles, postcodes, street addresses,
school names and names the writer gives are replaced (safeguarding/redact.py says what
it cannot catch) in each user message before it reaches the database; the NLU saw the
original in memory. Works for SQLite (the default) and PostgreSQL alike:
endpoints.yml `tracker_store: type: addons.redacting_tracker_store.RedactingSQLTrackerStore`.
Recent conversations are also kept in memory (addons/tracker_cache.py).
"""
import copy
from typing import Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_cache import TrackerCache
from safeguarding.redact import redact


def redacted(event):
    if not isinstance(event, UserUttered) or not event.text:
        return event
    clean = copy.copy(event)
    clean.text = redact(event.text)
    clean.parse_data = {**event.parse_data, "text": clean.text}
    return clean


class RedactingSQLTrackerStore(TrackerCache, SQLTrackerStore):
    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        return (redacted(event) for event in super()._additional_events(session, tracker))
