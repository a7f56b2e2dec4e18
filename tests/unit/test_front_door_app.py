"""The front door in-process, through Sanic's test client (the app served on a free
loopback port for each request), with a SQLite tracker store of its own and a Rasa
that refuses connections: its headers, its JSON errors, its own safe reply when Rasa
cannot answer, the quick exit's deletion and the CORS preflight. tests/e2e and
tests/browser run the same routes through the real stack."""
import asyncio
import itertools
import secrets

import pytest
import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from frontdoor.app import create_app
from frontdoor.domain_words import paragraphs
from frontdoor.settings import Settings
from scripts.stack import free_port
from tests.conftest import PARTNER_ORIGIN

# Sanic 21.12 keeps every app by name in one registry: one name per app.
APP_NUMBERS = itertools.count()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "tracker.db"


@pytest.fixture
def front_door(tmp_path, db):
    """`front_door(**settings)`: the app; Rasa's port has nothing listening."""

    def make(**overrides):
        settings = Settings(**{
            "rasa_urls": [f"http://127.0.0.1:{free_port()}"],
            "action_urls": [f"http://127.0.0.1:{free_port()}/health"],
            "tracker_db_url": f"sqlite:///{db}",
            "allowed_origins": [PARTNER_ORIGIN],
            "console_accounts_file": tmp_path / "console_accounts.json",
            "console_stories_dir": tmp_path / "stories",
            **overrides,
        })
        return create_app(settings, name=f"frontdoor_test_{next(APP_NUMBERS)}")

    return make


def sid():
    return secrets.token_hex(16)


def has_security_headers(response):
    return (response.headers["X-Content-Type-Options"] == "nosniff"
            and response.headers["Referrer-Policy"] == "no-referrer"
            and response.headers["Cache-Control"] == "no-store"
            and f"frame-ancestors 'self' {PARTNER_ORIGIN}" in response.headers["Content-Security-Policy"])


def test_the_page_carries_the_security_headers_and_hsts_only_over_https(front_door):
    _, page = front_door().test_client.get("/")
    assert page.status == 200 and page.content_type == "text/html; charset=utf-8"
    assert has_security_headers(page) and "Strict-Transport-Security" not in page.headers
    _, behind_tls = front_door(trusted_proxy_hops=1).test_client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert behind_tls.headers["Strict-Transport-Security"] == f"max-age={365 * 24 * 3600}"


@pytest.mark.filterwarnings("ignore:You have set a listener:UserWarning")  # ASGI mode: listeners run per request
@pytest.mark.parametrize("method, path, status, error", [
    ("get", "/nowhere", 404, "Not found."),
    ("get", "/static/nope.js", 404, "Not found."),
    ("get", "/api/chat", 405, "That method is not allowed here."),
    ("put", "/api/forget", 405, "That method is not allowed here."),
])
def test_unknown_paths_and_methods_are_json_with_the_security_headers(front_door, method, path, status, error):
    # Through the ASGI client: the HTTP one answers 405s with an error handler of its own.
    _, response = asyncio.run(getattr(front_door().asgi_client, method)(path))
    assert response.status == status and response.json == {"error": error}
    assert has_security_headers(response)


def test_chat_that_is_not_json_is_refused_with_415(front_door):
    _, response = front_door().test_client.post("/api/chat", content="hello", headers={"Content-Type": "text/plain"})
    assert response.status == 415 and "error" in response.json


@pytest.mark.parametrize("path", ["/api/chat", "/api/forget"])
@pytest.mark.parametrize("session_id", ["short", "x" * 65, "has spaces in it, sixteen+", None])
def test_a_bad_session_id_is_a_400(front_door, path, session_id):
    _, response = front_door().test_client.post(path, json={"session_id": session_id, "message": "hi"})
    assert response.status == 400 and "error" in response.json


def test_danger_gets_999_first_from_the_front_door_when_rasa_cannot_be_reached(front_door, caplog):
    _, response = front_door().test_client.post("/api/chat", json={"session_id": sid(), "message": "theyre outside my house"})
    assert response.status == 200
    messages = response.json["messages"]
    assert messages[0] == {"text": paragraphs("utter_danger")[0], "buttons": [], "lang": "en"}
    assert messages[0]["text"].startswith("If you are in danger right now, call 999")
    assert "Rasa did not answer" in caplog.text and "outside my house" not in caplog.text


def stored_events(db, sender_id) -> int:
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        return connection.execute(sqlalchemy.text("SELECT COUNT(*) FROM events WHERE sender_id = :s"),
                                  {"s": sender_id}).scalar()


def store_conversation(db, sender_id):
    """A conversation saved the way the Rasa server saves it."""
    tracker = DialogueStateTracker.from_events(
        sender_id, [ActionExecuted("action_listen"), UserUttered("they say i owe them"), ActionExecuted("utter_owe")])
    asyncio.run(SQLTrackerStore(dialect="sqlite", db=str(db)).save(tracker))


def test_the_quick_exit_deletes_the_conversation_from_the_tracker_store(front_door, db):
    gone, kept = sid(), sid()
    store_conversation(db, gone)
    store_conversation(db, kept)
    assert stored_events(db, gone) > 0
    _, response = front_door().test_client.post("/api/forget", json={"session_id": gone})
    assert response.status == 200 and response.json == {"forgotten": True}
    assert stored_events(db, gone) == 0 and stored_events(db, kept) > 0


def test_the_quick_exit_says_so_when_it_could_not_delete(front_door, db):
    # A view cannot be deleted from: the database refuses, as a locked or lost one would.
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text("CREATE TABLE stored (sender_id TEXT)"))
        connection.execute(sqlalchemy.text("CREATE VIEW events AS SELECT sender_id FROM stored"))
    _, response = front_door().test_client.post("/api/forget", json={"session_id": sid()})
    assert response.status == 503 and response.json["forgotten"] is False


@pytest.mark.parametrize("path", ["/api/chat", "/api/forget"])
def test_a_partner_page_is_answered_its_cors_preflight_and_others_are_not(front_door, path):
    asking = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    client = front_door().test_client
    _, partner = client.options(path, headers={"Origin": PARTNER_ORIGIN, **asking})
    assert partner.status == 204
    assert partner.headers["Access-Control-Allow-Origin"] == PARTNER_ORIGIN
    assert partner.headers["Access-Control-Allow-Headers"] == "Content-Type"
    assert partner.headers["Access-Control-Allow-Methods"] == "GET, POST"
    assert partner.headers["Vary"] == "Origin"
    _, stranger = client.options(path, headers={"Origin": "https://elsewhere.example", **asking})
    assert "Access-Control-Allow-Origin" not in stranger.headers


def test_the_chat_and_the_families_page_in_a_language(front_door):
    client = front_door().test_client
    _, page = client.get("/?lang=ur")
    assert '<html lang="ur" dir="rtl">' in page.text and "set_language" in page.text
    _, english = client.get("/?lang=xx")  # unknown: English
    assert '<html lang="en" dir="ltr">' in english.text
    _, families = client.get("/families/pl")
    assert families.status == 200 and '<html lang="pl" dir="ltr">' in families.text and 'href="tel:999"' in families.text
    _, missing = client.get("/families/xx")
    assert missing.status == 404


def test_the_language_menu_buttons_pass_as_commands_and_no_other_language(front_door):
    from frontdoor.validation import parse_message
    payloads = front_door().ctx.payloads
    assert parse_message({"message": '/set_language{"language": "gu"}'}, payloads) == '/set_language{"language": "gu"}'
    assert not parse_message({"message": '/set_language{"language": "xx"}'}, payloads).startswith("/")
