"""Shared fixtures: the real product stack (action server, Rasa, front door) on free ports."""
import secrets
from contextlib import contextmanager

import pytest
import requests

from project import PROJECT_ROOT
from scripts.stack import Stack, StackConfig, free_port

RESULTS = PROJECT_ROOT / "results"
PARTNER_ORIGIN = "https://partner.example"


class Chat:
    """A client of the front door, as the widget is."""

    def __init__(self, base_url: str):
        self.base_url = base_url

    def new_session(self) -> str:
        return secrets.token_hex(16)

    def send(self, session_id: str, message: str, timeout: float = 15) -> requests.Response:
        return requests.post(
            f"{self.base_url}/api/chat", json={"session_id": session_id, "message": message}, timeout=timeout
        )

    def messages(self, session_id: str, message: str) -> list:
        response = self.send(session_id, message)
        assert response.status_code == 200, response.text
        return response.json()["messages"]

    def texts(self, session_id: str, message: str) -> str:
        return "\n".join(m["text"] for m in self.messages(session_id, message))


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
    # Every test request comes from 127.0.0.1: only the per-session limit is exercised here
    # (the per-client limit is unit-tested).
    config.extra_env["RATE_PER_CLIENT_PER_MINUTE"] = "1000000"
    # A partner site may embed the widget (CORS, frame-ancestors): tests/e2e/test_robustness.py.
    config.extra_env["ALLOWED_ORIGINS"] = PARTNER_ORIGIN
    # As behind a TLS proxy, so a test can give the client an address of its own
    # (X-Forwarded-For) and look for it where it must not be: tests/e2e/test_privacy.py.
    config.extra_env["TRUST_PROXY"] = "1"
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


def pytest_terminal_summary(terminalreporter):
    from tests.metrics import FIGURES

    if FIGURES:
        terminalreporter.section("measured")
        for line in FIGURES:
            terminalreporter.write_line(line)
