"""Privacy by design on the embedded SQLite store (the production PostgreSQL store is
tested the same way in tests/integration): redaction before storage, deletion on
quick exit and after retention, no address stored, no message text in the logs."""
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

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


def test_no_client_address_is_stored(chat, stack):
    session = chat.new_session()
    chat.texts(session, "hi")
    assert all("127.0.0.1" not in row for row in stored(stack, session))


def test_forget_deletes_the_conversation_now(chat, stack):
    import requests

    session = chat.new_session()
    chat.texts(session, "they say i owe them")
    assert stored(stack, session)
    response = requests.post(f"{chat.base_url}/api/forget", json={"session_id": session}, timeout=10)
    assert response.status_code == 200
    assert stored(stack, session) == []


def test_retention_command_deletes_only_old_conversations(chat, stack):
    old, recent = chat.new_session(), chat.new_session()
    chat.texts(old, "hi")
    chat.texts(recent, "hi")
    with sqlite3.connect(stack.config.tracker_db) as db:
        db.execute("UPDATE events SET timestamp = ? WHERE sender_id = ?", (time.time() - 31 * 86400, old))
    result = subprocess.run(
        [sys.executable, "scripts/forget_old_conversations.py", "--days", "30", "--db-url", f"sqlite:///{stack.config.tracker_db}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert "Deleted" in result.stdout
    assert stored(stack, old) == [] and stored(stack, recent)


def test_logs_hold_no_message_text(chat, stack):
    marker = "zebra crossing purple elephant"
    chat.texts(chat.new_session(), marker)
    time.sleep(0.5)
    for log in stack.config.log_dir.glob("*.log"):
        assert marker not in log.read_text(errors="replace"), log.name
