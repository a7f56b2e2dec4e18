"""Shared fixtures: the real product stack (action server, Rasa, front door) on free ports."""
import dataclasses
import html
import os
import re
import secrets
import signal
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
import requests

from project import PROJECT_ROOT
from safeguarding.opening_hours import FAKE_NOW
from scripts.stack import Stack, StackConfig, free_port

RESULTS = PROJECT_ROOT / "results"
PARTNER_ORIGIN = "https://partner.example"


class Chat:
    """A client of the front door, as the widget is."""

    def __init__(self, base_url: str):
        self.base_url = base_url

    def new_session(self) -> str:
        return secrets.token_hex(16)

    def send(self, session_id: str, message: str, timeout: float = 15, headers=None) -> requests.Response:
        return requests.post(
            f"{self.base_url}/api/chat", json={"session_id": session_id, "message": message}, timeout=timeout,
            headers=headers,
        )

    def messages(self, session_id: str, message: str) -> list:
        response = self.send(session_id, message)
        assert response.status_code == 200, response.text
        return response.json()["messages"]

    def texts(self, session_id: str, message: str) -> str:
        return "\n".join(m["text"] for m in self.messages(session_id, message))


def page_bubbles(page: str) -> list:
    """The bubbles of a chat page drawn by the server (the chat without JavaScript), in
    order: (who, text) with who "user" or "bot", the text without its links."""
    found = re.findall(r'<div class="bubble bubble--(user|bot)"[^>]*><span class="visually-hidden">[^<]*</span>'
                       r'<p dir="auto">(.*?)</p></div>', page)
    return [(who, html.unescape(re.sub(r"<[^>]+>", "", text))) for who, text in found]


PASSWORD = "youth work is real work"


class Console:
    """A signed-in member of staff, as console.js is; `client`: the address the front door
    sees (the test stack trusts X-Forwarded-For, as behind a proxy)."""

    def __init__(self, base_url: str, client: str = ""):
        self.base = f"{base_url}/console"
        self.http = requests.Session()
        if client:
            self.http.headers["X-Forwarded-For"] = client

    def post(self, path, body=None, timeout=15):
        return self.http.post(f"{self.base}/api/{path}", json=body if body is not None else {}, timeout=timeout)

    def get(self, path):
        return self.http.get(f"{self.base}/api/{path}", timeout=15)

    def sign_in(self, name="sam", password=PASSWORD):
        return self.post("login", {"username": name, "password": password})

    def new_conversation(self) -> str:
        return self.post("conversation").json()["session_id"]

    def say(self, session_id, message):
        response = self.post("chat", {"session_id": session_id, "message": message})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The whole product, started once for the session with its own SQLite tracker."""
    config = StackConfig(
        rasa_ports=[free_port()],
        action_ports=[free_port()],
        frontdoor_port=free_port(),
        frontdoor_host="127.0.0.1",
        tracker_db=str(tmp_path_factory.mktemp("tracker") / "tracker.db"),
        token=secrets.token_hex(16),
        log_dir=RESULTS / "logs",
    )
    # The quick exit's "neutral site" stays on loopback in tests: nothing leaves the machine.
    config.extra_env["QUICK_EXIT_URL"] = f"http://127.0.0.1:{config.frontdoor_port}/healthz"
    # Every test request comes from 127.0.0.1, faster than people type: only the per-session
    # limit is exercised here (the others in tests/e2e/test_limits.py, on front doors of their own).
    config.extra_env["RATE_PER_CLIENT_PER_MINUTE"] = "1000000"
    # A partner site may embed the widget (CORS, frame-ancestors): tests/e2e/test_robustness.py.
    config.extra_env["ALLOWED_ORIGINS"] = PARTNER_ORIGIN
    # As behind a TLS proxy, so a test can give the client an address of its own
    # (X-Forwarded-For) and look for it where it must not be: tests/e2e/test_privacy.py.
    config.extra_env["TRUST_PROXY"] = "1"
    config.extra_env["RATE_OVERALL_PER_MINUTE"] = "1000000"
    # The console starts with no account (off); tests/e2e/test_console.py adds one.
    console_dir = tmp_path_factory.mktemp("console")
    config.extra_env["CONSOLE_ACCOUNTS_FILE"] = str(console_dir / "accounts.json")
    config.extra_env["CONSOLE_STORIES_DIR"] = str(console_dir / "conversations")
    with started(config) as running:
        yield running


@contextmanager
def started(config: StackConfig):
    """The stack, healthy, and stopped afterwards."""
    running = Stack(config)
    running.start()
    try:
        if not running.wait_healthy(300):
            pytest.fail(f"stack not healthy in 300 s; see {config.log_dir}")
        yield running
    finally:
        running.stop()


@pytest.fixture
def actions_stopped(stack):
    """The action server down for one test: safety replies must not need it."""
    stack.stop_one("actions")
    yield
    stack.restart("actions")
    assert stack.wait_healthy(120)


@pytest.fixture(scope="session")
def chat(stack) -> Chat:
    return Chat(f"http://127.0.0.1:{stack.config.frontdoor_port}")


def command_lines(stack) -> dict:
    """The command line of every process the stack started, and of their children
    (each runs in a process group of its own), as any local user can read them."""
    groups = {process.pid for process in stack.processes.values()}
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pgrp = int(stat.read_text().rsplit(")", 1)[1].split()[2])
            if pgrp in groups:
                found[int(stat.parent.name)] = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1 as /proc/net writes them


def listening_addresses(port: int) -> set:
    """The local addresses a TCP port listens on, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@contextmanager
def actions_at(stack, when: datetime):
    """The action server restarted with its clock fixed at `when` (FAKE_NOW, read by
    safeguarding/opening_hours.london_now), so the lists are those of that hour; back on
    the real clock afterwards."""
    stack.config.extra_env[FAKE_NOW] = when.isoformat()
    try:
        stack.restart("actions")
        assert stack.wait_healthy(120)
        yield
    finally:
        del stack.config.extra_env[FAKE_NOW]
        stack.restart("actions")
        assert stack.wait_healthy(120)


@pytest.fixture
def actions_hung(stack):
    """The action server frozen (SIGSTOP) for one test: Rasa waits on it for every custom action."""
    process = stack.processes["actions"]
    os.killpg(process.pid, signal.SIGSTOP)
    yield
    os.killpg(process.pid, signal.SIGCONT)
    assert stack.wait_healthy(120)


@contextmanager
def another_front_door(stack, name: str, **env: str):
    """One more front door, in front of the session's Rasa and action servers, with the
    shipped settings (not the session's raised rate limits) changed by `env`."""
    shipped = {k: v for k, v in stack.config.extra_env.items() if not k.startswith("RATE_")}
    config = dataclasses.replace(stack.config, frontdoor_port=free_port(), log_dir=stack.config.log_dir / name,
                                 extra_env={**shipped, **env})
    door = Stack(config)
    door.start_one("frontdoor")
    try:
        assert door.wait_healthy(120), f"front door {name} not healthy; see {config.log_dir}"
        yield Chat(f"http://127.0.0.1:{config.frontdoor_port}")
    finally:
        door.stop()


def pytest_terminal_summary(terminalreporter):
    from tests.metrics import FIGURES

    if FIGURES:
        terminalreporter.section("measured")
        for line in FIGURES:
            terminalreporter.write_line(line)
