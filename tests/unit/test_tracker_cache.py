"""The in-memory tracker cache on a real SQLite tracker store: used only while the
database holds exactly what this process saved; otherwise the database wins."""
import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered

from addons.redacting_tracker_store import RedactingSQLTrackerStore
from addons.conversations import Conversations
from safeguarding import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "tracker.db")


def store(db):
    return RedactingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db)


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
