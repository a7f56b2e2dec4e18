"""The production profile on real PostgreSQL and Redis: two Rasa servers, two action
servers, one front door. State is shared, one conversation is handled in order, a dead
Rasa server is routed around, and the privacy rules hold on PostgreSQL too."""
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from frontdoor.staff import Accounts
from project import PROJECT_ROOT
from scripts.production import production_config
from scripts.services import Services
from scripts.stack import Stack, free_port
from tests.conftest import LOOPBACK, PASSWORD, RESULTS, Chat, Console, command_lines, listening_addresses

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def prod():
    # Not pytest's tmp_path: PostgreSQL runs as the postgres user, which cannot enter it.
    data_dir = Path(tempfile.mkdtemp(prefix="llr-production-"))
    data_dir.chmod(0o755)
    services = Services(data_dir / "data", free_port(), free_port())
    services.start()
    config = production_config(services, [free_port(), free_port()], [free_port(), free_port()],
                               frontdoor_port=free_port(), log_dir=RESULTS / "production-logs")
    config.extra_env["RATE_PER_CLIENT_PER_MINUTE"] = "1000000"
    config.extra_env["CONSOLE_ACCOUNTS_FILE"] = str(data_dir / "console_accounts.json")
    stack = Stack(config)
    stack.start()
    try:
        assert stack.wait_healthy(300), "production stack not healthy"
        for port in config.rasa_ports:  # both servers loaded, not just the first
            wait_rasa(port, config.token)
        yield stack, services
    finally:
        stack.stop()
        services.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def wait_rasa(port, token, timeout_s=300):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/status", params={"token": token}, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"Rasa on {port} not ready")


def rasa_say(port, sender, text):
    response = requests.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                             json={"sender": sender, "message": text}, timeout=60)
    response.raise_for_status()
    return "\n".join(m.get("text", "") for m in response.json())


def events(services, sender):
    rows = services.query(f"SELECT data FROM events WHERE sender_id = '{sender}' ORDER BY id")
    return [json.loads(line) for line in rows.splitlines() if line.strip()]


def test_turns_alternating_between_servers_keep_the_conversation(prod):
    stack, _ = prod
    first, second = stack.config.rasa_ports
    sender = secrets.token_hex(16)
    rasa_say(first, sender, "i live in oakham")
    reply = rasa_say(second, sender, "who can i talk to")
    assert "(Rutland)" in reply  # the area given on the other server
    reply = rasa_say(first, sender, "who can i talk to")
    assert "(Rutland)" in reply and "Where do you live?" not in reply


def test_front_door_spreads_one_conversation_over_both_servers(prod):
    stack, _ = prod
    chat = Chat(f"http://127.0.0.1:{stack.config.frontdoor_port}")
    sid = chat.new_session()
    chat.texts(sid, "i live in hinckley")
    for _ in range(3):
        assert "(Leicestershire)" in chat.texts(sid, "who can i talk to")


@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_messages_in_one_conversation_are_processed_in_order(prod, attempt):
    stack, services = prod
    sender = secrets.token_hex(16)
    messages = ["hi", "they say i owe them", "i live in oakham", "will i get in trouble",
                "who can i talk to", "i want out", "thanks", "bye"]
    ports = stack.config.rasa_ports
    start = threading.Barrier(len(messages))

    def say(i):
        start.wait()  # all at the same moment, half to each server
        return rasa_say(ports[i % 2], sender, messages[i])

    with ThreadPoolExecutor(len(messages)) as pool:
        list(pool.map(say, range(len(messages))))
    stored = events(services, sender)
    users = [e for e in stored if e["event"] == "user"]
    assert sorted(e["text"] for e in users) == sorted(messages)  # none lost
    # With the lock, each message is fully handled (ending in action_listen) before
    # the next user message is taken in: no interleaving.
    positions = [i for i, e in enumerate(stored) if e["event"] == "user"]
    for this, following in zip(positions, positions[1:] + [len(stored)], strict=True):
        turn = stored[this + 1:following]
        assert turn and turn[-1].get("name") == "action_listen", [e.get("name") for e in turn]


def test_killing_one_rasa_server_loses_no_conversation(prod):
    stack, _ = prod
    chat = Chat(f"http://127.0.0.1:{stack.config.frontdoor_port}")
    sid = chat.new_session()
    chat.texts(sid, "i live in oakham")
    stack.stop_one("rasa-2")
    try:
        for _ in range(4):
            reply = chat.texts(sid, "who can i talk to")
            assert "(Rutland)" in reply  # real answers from the surviving server, state intact
            assert "can't answer properly" not in reply
    finally:
        stack.start_one("rasa-2")
        wait_rasa(stack.config.rasa_ports[1], stack.config.token)


def test_every_rasa_and_action_server_and_service_listens_on_loopback_only(prod):
    stack, services = prod
    for port in stack.config.rasa_ports + stack.config.action_ports + [services.pg_port, services.redis_port]:
        assert listening_addresses(port) and listening_addresses(port) <= LOOPBACK, port


def test_no_secret_on_any_command_line_or_readable_by_others(prod):
    stack, services = prod
    lines = command_lines(stack)
    assert len([line for line in lines.values() if "addons.server" in line]) == 2
    assert not [line for line in lines.values() if stack.config.token in line or services.password in line]
    assert (services.data_dir / "secret").stat().st_mode & 0o077 == 0
    assert services.data_dir.stat().st_mode & 0o077 == 0


def test_redaction_and_no_address_on_postgres(prod):
    stack, services = prod
    chat = Chat(f"http://127.0.0.1:{stack.config.frontdoor_port}")
    sid = chat.new_session()
    chat.texts(sid, "text me on 07700 900123 or come to 3 mill lane LE11 3TU")
    dump = services.query(f"SELECT data FROM events WHERE sender_id = '{sid}'")
    for secret in ("07700", "900123", "mill lane", "LE11"):
        assert secret not in dump
    assert "[phone]" in dump and "[postcode]" in dump and "[address]" in dump
    assert "127.0.0.1" not in dump


def test_quick_exit_and_retention_on_postgres(prod):
    """The front door and the retention job find PostgreSQL in endpoints.production.yml,
    as Rasa does: they are given no database URL of their own."""
    stack, services = prod
    chat = Chat(f"http://127.0.0.1:{stack.config.frontdoor_port}")
    gone, old, recent = chat.new_session(), chat.new_session(), chat.new_session()
    for sid in (gone, old, recent):
        chat.texts(sid, "hi")
    assert events(services, gone)
    response = requests.post(f"{chat.base_url}/api/forget", json={"session_id": gone}, timeout=10)
    assert (response.status_code, response.json()) == (200, {"forgotten": True})
    assert events(services, gone) == []
    services.query(f"UPDATE events SET timestamp = {time.time() - 40 * 86400} WHERE sender_id = '{old}'")
    subprocess.run([sys.executable, "-m", "scripts.forget_old_conversations", "--days", "30"], cwd=PROJECT_ROOT, check=True,
                   capture_output=True, env={**os.environ, "RASA_ENDPOINTS": stack.config.endpoints, **services.env})
    assert events(services, old) == [] and events(services, recent)


def test_console_flags_go_to_the_review_queue_on_postgres(prod):
    stack, services = prod
    Accounts(Path(stack.config.extra_env["CONSOLE_ACCOUNTS_FILE"])).add("sam", PASSWORD)
    console = Console(f"http://127.0.0.1:{stack.config.frontdoor_port}")
    assert console.sign_in().status_code == 200
    session_id = console.new_conversation()
    console.say(session_id, "they want me to go OT")
    flagged = console.post("flag", {"session_id": session_id, "turn": 0, "intent": "asked_to_carry", "comment": "pg"})
    assert flagged.status_code == 200, flagged.text
    row = services.query(f"SELECT message, expected_intent, flagged_by FROM review_queue WHERE id = {flagged.json()['flag']}")
    assert row.strip() == "they want me to go OT|asked_to_carry|sam"
