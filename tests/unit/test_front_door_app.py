"""The front door in-process, through Sanic's test client (the app served on a free
loopback port for each request), with a SQLite tracker store of its own and a Rasa
that refuses connections: its headers, its JSON errors, its own safe reply when Rasa
cannot answer, the quick exit's deletion, the CORS preflight, the chat page's form
without JavaScript and the privacy page. tests/e2e and tests/browser run the same
routes through the real stack."""
import asyncio
import html
import itertools
import re
import secrets

import pytest
import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from frontdoor.app import create_app
from frontdoor.domain_words import paragraphs
from frontdoor.privacy_page import PRIVACY_FILE
from frontdoor.settings import Settings
from scripts.stack import free_port
from tests.conftest import PARTNER_ORIGIN, page_bubbles

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


# The chat page's form, as a browser without JavaScript sends it (POST /): the same checks,
# limits and safe replies as /api/chat, answered with the page.
def form(session_id=None, **fields):
    return {"session_id": session_id or sid(), "lang": "en", **fields}


def bubbles(page, who):
    return [text for said_by, text in page_bubbles(page.text) if said_by == who]


def test_the_form_gets_999_first_for_danger_when_rasa_cannot_be_reached(front_door):
    _, page = front_door().test_client.post("/", data=form(message="theyre outside my house"))
    assert page.status == 200 and page.content_type == "text/html; charset=utf-8" and has_security_headers(page)
    assert bubbles(page, "user") == ["theyre outside my house"]
    reply = bubbles(page, "bot")[len(front_door().ctx.chat_pages.config["welcome"]):]
    assert reply[0] == paragraphs("utter_danger")[0] and reply[0].startswith("If you are in danger right now, call 999")


@pytest.mark.parametrize("fields, status, problem", [
    ({"session_id": "short", "message": "hi"}, 400, "session_id must be"),
    ({"session_id": "console-" + "a" * 24, "message": "hi"}, 400, "reserved for the staff console"),
    (form(message="   "), 400, "message is empty."),
    (form(), 400, "message must be text."),
])
def test_the_form_is_checked_as_the_api_is(front_door, fields, status, problem):
    _, page = front_door().test_client.post("/", data=fields)
    assert page.status == status and '<p class="chat__error" role="alert">' in page.text and problem in html.unescape(page.text)


def test_the_form_must_be_a_form_from_this_site(front_door):
    client = front_door().test_client
    _, page = client.post("/", json=form(message="hi"))
    assert page.status == 415 and "text/html" in page.content_type
    # Another site's form can post this type: the browser says where it came from.
    _, elsewhere = client.post("/", data=form(message="hi"), headers={"Sec-Fetch-Site": "cross-site"})
    assert elsewhere.status == 403 and "Use the chat on this site." in elsewhere.text
    _, here = client.post("/", data=form(message="hi"), headers={"Sec-Fetch-Site": "same-origin"})
    assert here.status == 200


def test_a_typed_command_from_the_form_reaches_the_bot_as_words(front_door):
    _, page = front_door().test_client.post("/", data=form(payload="/restart"))
    assert bubbles(page, "user") == ["restart"]


def test_the_form_counts_against_the_same_limits(front_door):
    client, session_id = front_door(per_session_per_minute=2).test_client, sid()
    for _ in range(2):
        assert client.post("/", data=form(session_id, message="hi"))[1].status == 200
    _, page = client.post("/", data=form(session_id, message="hi"))
    assert page.status == 429 and "sending messages very fast" in page.text


def test_a_full_length_message_in_gujarati_fits_the_form(front_door):
    _, page = front_door().test_client.post("/", data=form(message="મદદ" * 333))
    assert page.status == 200 and bubbles(page, "user") == ["મદદ" * 333]


def test_the_form_exit_and_clear_delete_the_conversation(front_door, db):
    client = front_door(exit_url="https://exit.example/weather").test_client
    leaving, clearing = sid(), sid()
    store_conversation(db, leaving)
    store_conversation(db, clearing)
    _, left = client.post("/", data=form(leaving, exit="1", message="typed but not sent"), allow_redirects=False)
    assert left.status == 303 and left.headers["location"] == "https://exit.example/weather"
    _, cleared = client.post("/", data=form(clearing, clear="1"))
    assert cleared.status == 200 and clearing not in cleared.text and 'name="session_id" value="' in cleared.text
    assert stored_events(db, leaving) == 0 and stored_events(db, clearing) == 0
    # The exit never stops to explain, whatever came with it.
    _, anyway = client.post("/", data={"session_id": "not an id", "exit": "1"}, allow_redirects=False)
    assert anyway.status == 303 and anyway.headers["location"] == "https://exit.example/weather"


def test_the_privacy_page_tells_the_configured_retention_and_the_numbers(front_door):
    _, page = front_door(retention_days=7).test_client.get("/privacy")
    assert page.status == 200 and has_security_headers(page)
    assert "deleted 7 days after your last message" in page.text
    assert 'href="sms:85258?&amp;body=SHOUT"' in page.text and 'href="sms:116000"' in page.text


def test_the_privacy_page_words_type_no_number():
    # Numbers come from data/contacts.yml and the retention from the settings.
    words = "\n".join(line for line in PRIVACY_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    assert not re.search(r"\d{2,}", words)


@pytest.mark.parametrize("path", ["/", "/privacy", "/contacts", "/families/pl"])
def test_every_page_has_the_exit_link_and_its_script(front_door, path):
    _, page = front_door(exit_url="https://exit.example/weather").test_client.get(path)
    assert '<script src="/static/exit.js" defer></script>' in page.text
    assert 'id="quick-exit" href="https://exit.example/weather" rel="nofollow noreferrer"' in page.text
