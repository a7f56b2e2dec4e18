"""Privacy by design on the embedded SQLite store (the production PostgreSQL store is
tested the same way in tests/integration): redaction before storage, deletion on
quick exit and after retention, told truthfully, and no front door without the tracker
store to delete from; no address stored, no message text in the logs, and nothing
readable by other local users."""
import os
import random
import re
import secrets
import sqlite3
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from project import PROJECT_ROOT
from scripts.stack import free_port
from tests.conftest import another_front_door, command_lines

pytestmark = pytest.mark.e2e


def stored(stack, session_id):
    with sqlite3.connect(stack.config.tracker_db) as db:
        return [row[0] for row in db.execute("SELECT data FROM events WHERE sender_id = ?", (session_id,))]


def test_identifying_details_are_redacted_before_storage(chat, stack):
    session = chat.new_session()
    reply = chat.texts(session, "my number is 07700 900123 and i live at 14 granby street LE1 6ZZ, email sam@example.com")
    assert reply
    rows = " ".join(stored(stack, session))
    for secret in ("07700", "900123", "granby", "LE1 6ZZ", "sam@example.com"):
        assert secret not in rows
    assert "[phone]" in rows and "[postcode]" in rows and "[address]" in rows and "[email]" in rows


def test_names_handles_and_schools_are_redacted_before_storage(chat, stack):
    session = chat.new_session()
    chat.texts(session, "my name is Kai Thompson, add me on snap kai.t22 or ring 0044 7700 900123")
    chat.texts(session, "i go to rushey mead academy and they wait outside on mere road")
    rows = " ".join(stored(stack, session))
    for secret in ("Kai", "Thompson", "kai.t22", "7700", "rushey", "mere road"):
        # whole words: "7700" may well be inside a stored confidence like 0.0886770044
        assert not re.search(rf"\b{re.escape(secret)}\b", rows), secret
    for label in ("[name]", "[handle]", "[phone]", "[school]", "[address]"):
        assert label in rows


def test_no_client_address_is_stored_or_logged(chat, stack):
    # The stack trusts a proxy (TRUST_PROXY=1): this is the young person's address as the
    # front door knows it. A fresh one each run, so an old log cannot hide a new leak.
    address = f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"
    session = chat.new_session()

    def post(path, body):
        response = requests.post(f"{chat.base_url}/api/{path}", json=body, headers={"X-Forwarded-For": address},
                                 timeout=15)
        assert response.status_code == 200

    for message in ("hi", "they say i owe them", "x" * 2000):  # through Rasa, and answered by the front door
        post("chat", {"session_id": session, "message": message})
    assert stored(stack, session)
    assert all(address not in row for row in stored(stack, session))
    post("forget", {"session_id": session})
    assert address not in logged(stack)


def forget(chat, session):
    return requests.post(f"{chat.base_url}/api/forget", json={"session_id": session}, timeout=30)


def test_forget_deletes_the_conversation_now(chat, stack):
    """The front door finds the store in endpoints.yml as Rasa does (the stack gives it
    no database URL of its own)."""
    session = chat.new_session()
    chat.texts(session, "they say i owe them")
    assert stored(stack, session)
    response = forget(chat, session)
    assert (response.status_code, response.json()) == (200, {"forgotten": True})
    assert stored(stack, session) == []


def test_forget_says_so_when_it_could_not_delete(chat, stack):
    session = chat.new_session()
    chat.texts(session, "they say i owe them")
    before = stored(stack, session)
    # Another connection holds the database exclusively until the answer is in.
    with sqlite3.connect(stack.config.tracker_db, isolation_level=None) as db:
        db.execute("BEGIN EXCLUSIVE")
        response = forget(chat, session)
        db.execute("ROLLBACK")
    assert response.status_code == 503 and response.json()["forgotten"] is False
    assert stored(stack, session) == before
    assert forget(chat, session).json() == {"forgotten": True} and stored(stack, session) == []


def start_front_door(**env):
    """A front door on its own: its exit status and output, or None if it kept running."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "frontdoor"], cwd=PROJECT_ROOT, env={**os.environ, "FRONTDOOR_PORT": str(port), **env},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        output, _ = process.communicate(timeout=60)
        return process.returncode, output
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None, "it started"


def test_no_front_door_without_a_tracker_store_to_delete_from(tmp_path):
    (tmp_path / "endpoints.yml").write_text("action_endpoint:\n  url: ${ACTION_ENDPOINT_URL}\n")
    status, output = start_front_door(RASA_ENDPOINTS=str(tmp_path / "endpoints.yml"))
    assert status != 0 and "names no tracker_store" in output


def test_no_front_door_when_the_tracker_store_cannot_be_reached(tmp_path):
    status, output = start_front_door(TRACKER_DB=str(tmp_path / "no such folder" / "tracker.db"))
    assert status != 0 and "unable to open database file" in output


def test_retention_command_deletes_only_old_conversations(chat, stack):
    old, recent = chat.new_session(), chat.new_session()
    chat.texts(old, "hi")
    chat.texts(recent, "hi")
    with sqlite3.connect(stack.config.tracker_db) as db:
        db.execute("UPDATE events SET timestamp = ? WHERE sender_id = ?", (time.time() - 31 * 86400, old))
    result = subprocess.run(
        [sys.executable, "-m", "scripts.forget_old_conversations", "--days", "30"],
        cwd=PROJECT_ROOT, env={**os.environ, "TRACKER_DB": stack.config.tracker_db}, capture_output=True, text=True, check=True,
    )
    assert "Deleted" in result.stdout
    assert stored(stack, old) == [] and stored(stack, recent)


def a_name():
    """A made-up name, new in every run: the logs are appended to from run to run."""
    return "Zeb" + "".join(random.choices(string.ascii_lowercase, k=8))


def logged(stack):
    """Everything in every log the stack and the tests' extra front doors write."""
    return "\n".join(log.read_text(errors="replace") for log in sorted(stack.config.log_dir.rglob("*.log")))


def rasa_direct(stack, text):
    """What a local process could send straight to Rasa's REST channel, past the front door."""
    response = requests.post(f"http://127.0.0.1:{stack.config.rasa_port}/webhooks/rest/webhook",
                             json={"sender": secrets.token_hex(16), "message": text}, timeout=30)
    assert response.status_code == 200


def test_no_path_writes_message_text_to_a_log(chat, stack):
    name = a_name()
    said = f"my name is {name}"
    before = logged(stack)
    session = chat.new_session()
    for text in (said, "/" + said, "/ /" + said, f'/ /inform_area{{"place": "{name}"}}', f"/{{{name}}}",
                 "word " * 250 + said):  # the last is over the length limit: answered by the front door
        assert chat.send(session, text).status_code == 200
    # Slash-prefixed text that Rasa cannot parse: a warning quoting it, and structlog's user_text.
    for text in ("/" + said, f'/inform_area{{"x": {name}}}', f"/{{{name}}}", f'/greet{{"a": "{name}"'):
        rasa_direct(stack, text)
    after = logged(stack)
    assert name not in after
    # Each kind of line was written, with the text hidden: the check above was not empty.
    for kind in ("UserWarning at", '"event": "message.parsing.failed"'):
        assert after.count(kind) > before.count(kind), kind


@pytest.fixture
def impatient_front_door(stack):
    """A front door that waits 1 s for Rasa (started before the action server is frozen:
    it must be healthy first)."""
    with another_front_door(stack, "rasa-timeout", RASA_TIMEOUT_S="1") as door:
        yield door


def test_no_message_text_in_the_logs_when_rasa_times_out(stack, impatient_front_door, actions_hung):
    name = a_name()
    event = "rest.message.received.timeout"
    before = logged(stack).count(event)
    # Needs the frozen action server: the front door gives up after 1 s and Rasa logs the timeout.
    reply = impatient_front_door.send(impatient_front_door.new_session(), f"they say i owe them, my name is {name}")
    assert reply.status_code == 200 and "999" in reply.text
    deadline = time.monotonic() + 30
    while logged(stack).count(event) == before:
        assert time.monotonic() < deadline, f"Rasa logged no {event}"
        time.sleep(0.5)
    assert name not in logged(stack)


def test_no_secret_on_any_command_line(stack):
    lines = command_lines(stack)
    assert any("addons.server" in line for line in lines.values())
    assert not [line for line in lines.values() if stack.config.token in line]
    # Rasa still has it (from the environment, which only the owner can read).
    status = requests.get(f"http://127.0.0.1:{stack.config.rasa_port}/status", params={"token": stack.config.token},
                          timeout=10)
    assert status.status_code == 200


def mode(path):
    return Path(path).stat().st_mode & 0o777


def test_conversations_and_logs_are_owner_only(chat, stack):
    chat.texts(chat.new_session(), "hi")
    database = Path(stack.config.tracker_db)
    for path in [database, *database.parent.glob(database.name + "-*")]:  # with any journal
        assert mode(path) == 0o600, path
    for name in stack.processes:
        assert mode(stack.config.log_dir / f"{name}.log") == 0o600, name
    # The log folder and var/ (console accounts, the running stack's token, the production
    # database): no listing, reading or writing by anyone else (0700 when made by the
    # launcher; one made before keeps only its search bit, scripts/private_files.py).
    for folder in (stack.config.log_dir, PROJECT_ROOT / "var"):
        assert mode(folder) & 0o066 == 0, folder
