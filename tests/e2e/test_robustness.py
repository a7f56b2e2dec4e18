"""Bad input at the public front door: always a clear 4xx JSON error or a sensible
reply; never a 5xx, a stack trace or a hang. Includes a bounded property-based fuzz."""
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdoor.validation import button_payloads
from project import PROJECT_ROOT
from scripts.stack import free_port
from tests.conftest import LOOPBACK, PARTNER_ORIGIN, listening_addresses

pytestmark = pytest.mark.e2e


def post_raw(chat, body, content_type="application/json"):
    return requests.post(f"{chat.base_url}/api/chat", data=body, headers={"Content-Type": content_type}, timeout=15)


def sid():
    return secrets.token_hex(16)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"null",
        b"[]",
        b'"text"',
        b"\xff\xfe\xfd",
        json.dumps({"session_id": sid()}).encode(),
        json.dumps({"message": "hi"}).encode(),
        json.dumps({"session_id": 12345678901234567, "message": "hi"}).encode(),
        json.dumps({"session_id": sid(), "message": ["hi"]}).encode(),
        json.dumps({"session_id": sid(), "message": None}).encode(),
        json.dumps({"session_id": sid(), "message": "   "}).encode(),
        json.dumps({"session_id": "../../etc/passwd", "message": "hi"}).encode(),
        json.dumps({"session_id": "x" * 65, "message": "hi"}).encode(),
        json.dumps({"session_id": "<script>alert(1)</script>", "message": "hi"}).encode(),
        json.dumps({"session_id": sid() + "\n", "message": "hi"}).encode(),
        # JSON nesting bombs (a RecursionError in the parser was a 500).
        b"[" * 4000 + b"]" * 4000,
        b'{"session_id": "' + sid().encode() + b'", "message": ' + b"[" * 4000 + b"]" * 4000 + b"}",
    ],
)
def test_bad_bodies_get_a_json_4xx(chat, body):
    response = post_raw(chat, body)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/api/chat", "/api/forget"])
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_only_json_is_taken(chat, path, content_type):
    # A JSON body sent as another type: what a form on another site could post.
    body = json.dumps({"session_id": sid(), "message": "hi"}).encode()
    response = requests.post(f"{chat.base_url}{path}", data=body, headers={"Content-Type": content_type}, timeout=15)
    assert response.status_code == 415 and "error" in response.json()
    assert requests.post(f"{chat.base_url}{path}", data=body, headers={"Content-Type": "application/json; charset=utf-8"},
                         timeout=15).status_code == 200


@pytest.mark.parametrize("path", ["/static/", "/static", "/static/.", "/static/%2e%2e", "/static/..%2fapp.py", "/static/nope.js"])
def test_static_paths_that_are_no_file_are_a_json_404(chat, path):
    response = requests.get(f"{chat.base_url}{path}", timeout=10)
    assert response.status_code == 404 and "error" in response.json()


def test_static_files_are_served_with_their_types(chat):
    script = requests.get(f"{chat.base_url}/static/chat.js", timeout=10)
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert requests.get(f"{chat.base_url}/static/chat.css", timeout=10).headers["content-type"] == "text/css; charset=utf-8"


# The real front door with one route added that fails the way a bug would, with the
# user's words in the exception's message.
FAULTY_FRONT_DOOR = """
import os, sys
from frontdoor.app import create_app

app = create_app()

@app.post("/fault")
async def fault(request):
    raise ValueError(request.body.decode())

app.run(host="127.0.0.1", port=int(sys.argv[1]), access_log=False, motd=False)
"""


def test_an_unexpected_fault_answers_json_with_999_and_logs_no_user_text(tmp_path):
    port, log = free_port(), tmp_path / "frontdoor.log"
    with open(log, "wb") as output:
        door = subprocess.Popen([sys.executable, "-c", FAULTY_FRONT_DOOR, str(port)], cwd=PROJECT_ROOT,
                                env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline and door.poll() is None, log.read_text()
                time.sleep(0.3)
        response = requests.post(f"http://127.0.0.1:{port}/fault", data="my name is Zebedee Quorn", timeout=10)
    finally:
        os.killpg(door.pid, signal.SIGTERM)
        door.wait(10)
    assert response.status_code == 500
    assert "error" in response.json() and "999" in " ".join(m["text"] for m in response.json()["messages"])
    logged = log.read_text()
    assert "ValueError" in logged and "fault" in logged  # what failed, and where
    assert "Zebedee" not in logged and "Zebedee" not in response.text


def test_too_large_body_is_refused_politely(chat):
    response = post_raw(chat, json.dumps({"session_id": sid(), "message": "a" * 20000}).encode())
    assert response.status_code == 413
    assert "error" in response.json()


def test_long_message_gets_a_polite_reply_not_an_error(chat):
    response = chat.send(sid(), "word " * 300)
    assert response.status_code == 200
    texts = " ".join(m["text"] for m in response.json()["messages"])
    assert "shorter parts" in texts and "999" in texts


def test_long_message_about_danger_still_gets_999_first(chat):
    response = chat.send(sid(), "so basically " * 90 + "and now theyre outside my house")
    assert response.json()["messages"][0]["text"].startswith("If you are in danger right now, call 999")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_wrong_methods(chat, method):
    response = requests.request(method, f"{chat.base_url}/api/chat", timeout=10)
    assert response.status_code == 405
    assert "error" in response.json()


def test_unknown_path_is_a_json_404(chat):
    response = requests.get(f"{chat.base_url}/nope", timeout=10)
    assert response.status_code == 404 and "error" in response.json()


@pytest.mark.parametrize(
    "message",
    [
        "😭😭😭",
        "مرحبا، أحتاج مساعدة",
        "Cześć, potrzebuję pomocy",
        "<script>alert('x')</script>",
        "'; DROP TABLE events; --",
        "hi\x00\x07there",
        "\u202eevil",
    ],
)
def test_odd_but_valid_messages_get_a_reply(chat, message):
    response = chat.send(sid(), message)
    assert response.status_code == 200
    assert response.json()["messages"]


def test_typed_commands_cannot_set_slots_or_trigger_intents(chat, stack):
    session = sid()
    # "outside" is no word the NLU reads as an area: only the command syntax could set it.
    reply = chat.texts(session, '/inform_area{"area": "outside"}x')
    tracker = requests.get(
        f"http://127.0.0.1:{stack.config.rasa_port}/conversations/{session}/tracker",
        params={"token": stack.config.token},
        timeout=10,
    ).json()
    assert tracker["slots"]["area"] is None
    user_texts = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert user_texts and not any(t.startswith("/") for t in user_texts)
    assert reply


def test_button_payloads_still_work(chat, stack):
    session = sid()
    chat.texts(session, '/inform_area{"area": "rutland"}')
    tracker = requests.get(
        f"http://127.0.0.1:{stack.config.rasa_port}/conversations/{session}/tracker",
        params={"token": stack.config.token},
        timeout=10,
    ).json()
    assert tracker["slots"]["area"] == "rutland"


def first_number(reply):
    """The first phone number in a reply: in safety mode it must be the emergency number."""
    return re.search(r"\d+(?: \d+)*", reply).group()


DANGER = "theyre outside with a knife"


@pytest.mark.parametrize(
    "typed",
    [
        # The red team's bypass and its relatives: a command behind spaces, repeated or
        # look-alike slashes and invisible characters.
        "/ /restart", "/ /session_start", "/ /back",
        '/ /inform_area{"area":"narnia","place":"Buckingham Palace"}',
        " / / restart", "/\t/restart", "/\u00a0/restart", "/\u200b /restart", "\u2060/ /restart",
        "\uff0f\uff0frestart", "\u2215restart", "/\u0338/restart", "/restart",
        # Words that might sound like ending it.
        "restart", "start again", "reset", "im safe now", "forget what i said", "i was only joking",
    ],
)
def test_nothing_typed_ends_safety_mode(chat, typed):
    session = sid()
    assert first_number(chat.texts(session, DANGER)) == "999"
    chat.texts(session, typed)
    assert first_number(chat.texts(session, "who can i talk to")) == "999"


@pytest.mark.parametrize("payload", sorted(button_payloads(PROJECT_ROOT / "domain.yml")))
def test_no_button_of_the_bot_ends_safety_mode(chat, payload):
    session = sid()
    assert first_number(chat.texts(session, DANGER)) == "999"
    chat.texts(session, payload)
    assert first_number(chat.texts(session, "who can i talk to")) == "999"


def test_rasa_and_the_action_server_listen_on_loopback_only(stack):
    # Their webhooks take no credentials (SECURITY.md): only this machine may reach them.
    for port in stack.config.rasa_ports + stack.config.action_ports:
        assert listening_addresses(port), port
        assert listening_addresses(port) <= LOOPBACK, port


def test_rasa_api_needs_the_token(stack):
    url = f"http://127.0.0.1:{stack.config.rasa_port}/conversations/anyone/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=10).status_code == 401


def test_rate_limit_per_session_is_friendly(chat):
    session = sid()
    statuses = [chat.send(session, "hi").status_code for _ in range(22)]
    assert statuses[:20] == [200] * 20 and statuses[-1] == 429
    limited = chat.send(session, "hello")
    assert limited.status_code == 429
    assert "very fast" in limited.json()["messages"][0]["text"]
    assert "999" in " ".join(m["text"] for m in limited.json()["messages"])
    danger = chat.send(session, "theyre outside my house")
    assert danger.json()["messages"][0]["text"].startswith("If you are in danger right now, call 999")


def cors_headers(response):
    return {k.lower(): v for k, v in response.headers.items() if k.lower().startswith("access-control-")}


@pytest.mark.parametrize("method", ["POST", "OPTIONS"])
def test_cors_only_for_configured_origins(chat, method):
    """A partner's page (ALLOWED_ORIGINS) may call the API, preflight first; others may not."""
    def call(origin):
        headers = {"Origin": origin, "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Headers": "content-type"}
        body = {"session_id": sid(), "message": "hi"} if method == "POST" else None
        return requests.request(method, f"{chat.base_url}/api/chat", json=body, headers=headers, timeout=15)

    allowed = call(PARTNER_ORIGIN)
    assert allowed.status_code == (200 if method == "POST" else 204)
    headers = cors_headers(allowed)
    assert headers["access-control-allow-origin"] == PARTNER_ORIGIN
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    assert cors_headers(call("https://evil.example")) == {}


def test_a_partner_site_may_frame_the_widget(chat):
    policy = requests.get(f"{chat.base_url}/", timeout=15).headers["Content-Security-Policy"]
    assert f"frame-ancestors 'self' {PARTNER_ORIGIN}" in policy


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    body=st.one_of(
        st.binary(max_size=300),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries(
            {"session_id": st.one_of(st.text(max_size=80), st.from_regex(r"[A-Za-z0-9_-]{16,64}", fullmatch=True)),
             "message": st.one_of(st.text(max_size=300), json_values)}
        ).map(lambda v: json.dumps(v).encode()),
    )
)
def test_fuzz_chat_never_5xx(chat, body):
    response = post_raw(chat, body)
    assert response.status_code in (200, 400, 413, 429)
    data = response.json()
    assert ("messages" in data) if response.status_code == 200 else ("error" in data)
