"""The in-memory tracker cache on a real SQLite tracker store: used only while the
database holds exactly what this process saved, otherwise the database wins; and gone
from memory once unused for the idle time (a hand-moved clock, no sleeping)."""
import asyncio
import gc
import weakref

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered

from addons.redacting_tracker_store import RedactingSQLTrackerStore
from addons.conversations import Conversations
from project import PROJECT_ROOT
from tests.clock import Clock

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "tracker.db")


def store(db, **timing):
    return RedactingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db, **timing)


def say(tracker, text):
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))


def new_conversation(tracker_store, sender="abc"):
    """A conversation after its first message, as the next message finds it."""
    tracker = run(tracker_store.get_or_create_tracker(sender))
    tracker.update(SessionStarted())
    say(tracker, "hiya")
    run(tracker_store.save(tracker))
    # Events from before the session started are not part of the stored session, so the
    # first tracker of a session never matches it: the next message reloads it once.
    reloaded = run(tracker_store.retrieve(sender))
    assert reloaded is not tracker
    return reloaded


def test_the_next_message_gets_the_saved_tracker_without_a_reload(db):
    one = store(db)
    tracker = new_conversation(one)
    say(tracker, "they want me to go OT")
    run(one.save(tracker))
    assert run(one.retrieve("abc")) is tracker


def test_identifying_details_are_still_redacted_in_the_database(db):
    one = store(db)
    tracker = new_conversation(one)
    say(tracker, "call me on 07700 900123")
    run(one.save(tracker))
    stored = run(store(db).retrieve("abc"))  # another process: from the database
    assert "07700 900123" not in [e.text for e in stored.events if isinstance(e, UserUttered)][-1]


def test_another_server_answering_in_between_means_a_reload(db):
    one, two = store(db), store(db)
    mine = new_conversation(one)
    run(one.save(mine))
    theirs = run(two.retrieve("abc"))
    say(theirs, "they say i owe them")
    run(two.save(theirs))
    reloaded = run(one.retrieve("abc"))
    assert reloaded is not mine
    assert [e.text for e in reloaded.events if isinstance(e, UserUttered)] == ["hiya", "they say i owe them"]


def test_a_deleted_conversation_is_not_served_from_memory(db):
    one = store(db)
    tracker = new_conversation(one)
    run(one.save(tracker))
    Conversations(f"sqlite:///{db}").forget("abc")
    assert run(one.retrieve("abc")) is None


def test_a_tracker_changed_but_not_saved_is_reloaded(db):
    one = store(db)
    tracker = new_conversation(one)
    run(one.save(tracker))
    say(tracker, "this never got saved")
    reloaded = run(one.retrieve("abc"))
    assert reloaded is not tracker
    assert "this never got saved" not in [e.text for e in reloaded.events if isinstance(e, UserUttered)]


class Timers:
    """Stands in for the event loop's call_later: records what was scheduled."""

    def __init__(self):
        self.scheduled = []

    def __call__(self, delay_s, callback):
        self.scheduled.append((delay_s, callback))
        return True

    def fire(self):
        _, callback = self.scheduled.pop(0)
        callback()


@pytest.fixture
def cached(db):
    """A store on a hand-moved clock, with recorded timers, that has cached a conversation."""
    clock, timers = Clock(), Timers()
    one = store(db, clock=clock, call_later=timers)
    run(one.save(new_conversation(one)))
    return clock, timers, one


def test_a_conversation_used_within_the_idle_time_stays_cached(cached):
    clock, _, one = cached
    tracker = run(one.retrieve("abc"))
    for _ in range(3):
        clock.now += one.idle_s - 1
        assert run(one.retrieve("abc")) is tracker


def test_an_idle_conversation_is_reloaded_from_the_database(cached):
    clock, _, one = cached
    tracker = run(one.retrieve("abc"))
    clock.now += one.idle_s
    assert run(one.retrieve("abc")) is not tracker


def test_an_idle_conversation_leaves_memory_with_no_other_message(cached, db):
    """After a quick exit no message comes: the timer alone must drop the text."""
    clock, timers, one = cached
    tracker = run(one.retrieve("abc"))
    say(tracker, "my number is 07700 900123")
    run(one.save(tracker))
    Conversations(f"sqlite:///{db}").forget("abc")
    in_memory = weakref.ref(tracker)
    del tracker
    [(delay_s, _)] = timers.scheduled
    assert one.idle_s < delay_s <= one.idle_s + 1
    clock.now += delay_s
    timers.fire()
    gc.collect()
    assert in_memory() is None
    assert timers.scheduled == []  # nothing cached, no timer


def test_the_idle_time_is_configured_in_minutes(db, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_IDLE_MINUTES", "2")
    assert store(db).idle_s == 120
