"""Privacy by design on the embedded SQLite store (the production PostgreSQL store is
tested the same way in tests/integration): redaction before storage, deletion on
quick exit and after retention, told truthfully, and no front door without the tracker
store to delete from; no address stored, no message text in the logs."""
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import requests

from project import PROJECT_ROOT
from scripts.stack import free_port

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


def logs(stack) -> str:
    return "".join(log.read_text(errors="replace") for log in stack.config.log_dir.glob("*.log"))


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
    assert address not in logs(stack)


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


def test_logs_hold_no_message_text(chat, stack):
    """Rasa logs the text of a message whose handling is cut short (the front door gave
    up waiting on a hung action server): logging.yml's filter must hide it."""
    marker = f"they say i owe them zebra {secrets.token_hex(4)}"
    timeouts = logs(stack).count("rest.message.received.timeout")
    actions = stack.processes["actions"]
    os.killpg(actions.pid, signal.SIGSTOP)
    try:
        assert "0800 1111" in chat.texts(chat.new_session(), marker)  # the front door's own reply
        deadline = time.monotonic() + 30
        while logs(stack).count("rest.message.received.timeout") == timeouts and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        os.killpg(actions.pid, signal.SIGCONT)
    assert logs(stack).count("rest.message.received.timeout") > timeouts, "Rasa did not log the cut-short message"
    assert marker not in logs(stack)
    assert stack.wait_healthy(120)
