"""Rate limits, proxies and HTTPS through real front doors, each started here with its own
settings in front of the session's Rasa and action servers (tests/conftest.py)."""
import secrets

import pytest
import requests

from frontdoor.sign_ins import FREE_FAILURES
from frontdoor.staff import Accounts
from tests.conftest import PASSWORD, another_front_door

pytestmark = pytest.mark.e2e
SAFETY_FIRST = "If you are in danger right now, call 999"


def sid():
    return secrets.token_hex(16)


def texts(response):
    return " ".join(m["text"] for m in response.json()["messages"])


def test_ten_pupils_on_one_school_network_are_not_throttled(stack):
    # The shipped limits; every request comes from 127.0.0.1, as a school's do from its one address.
    with another_front_door(stack, "school") as school:
        pupils = [sid() for _ in range(10)]
        statuses = [school.send(pupil, "hi").status_code for _ in range(12) for pupil in pupils]
    assert statuses == [200] * 120


def test_a_ceiling_over_everyone_still_gives_999_and_childline(stack):
    with another_front_door(stack, "ceiling", RATE_OVERALL_PER_MINUTE="3", TRUSTED_PROXY_HOPS="1") as door:
        for i in range(3):
            assert door.send(sid(), "hi", headers={"X-Forwarded-For": f"192.0.2.{i}"}).status_code == 200
        busy = door.send(sid(), "hi", headers={"X-Forwarded-For": "192.0.2.99"})
        assert busy.status_code == 503
        assert "Lots of messages" in texts(busy) and "999" in texts(busy) and "0800 1111" in texts(busy)
        danger = door.send(sid(), "theyre outside my house", headers={"X-Forwarded-For": "192.0.2.98"})
        assert danger.json()["messages"][0]["text"].startswith(SAFETY_FIRST)


def test_forget_is_rate_limited_per_client(stack):
    with another_front_door(stack, "forget", RATE_PER_CLIENT_PER_MINUTE="5") as door:
        codes = [requests.post(f"{door.base_url}/api/forget", json={"session_id": sid()}, timeout=10).status_code
                 for _ in range(6)]
    assert codes == [200] * 5 + [429]


def forwarded(client, hops, spoofed):
    """X-Forwarded-For as `hops` appending proxies pass it on, from a client that wrote
    `spoofed` in it itself: the outer proxy appends the client, each inner one the proxy before."""
    return {"X-Forwarded-For": ", ".join([spoofed, client] + [f"10.0.0.{i}" for i in range(1, hops)])}


@pytest.fixture(scope="module", params=[1, 2], ids=["one proxy", "two proxies"])
def behind_proxies(stack, request, tmp_path_factory):
    hops = request.param
    accounts = Accounts(tmp_path_factory.mktemp("proxied-console") / "accounts.json")
    accounts.add("sam", PASSWORD)
    with another_front_door(stack, f"proxies-{hops}", TRUSTED_PROXY_HOPS=str(hops), RATE_PER_CLIENT_PER_MINUTE="5",
                            CONSOLE_ACCOUNTS_FILE=str(accounts.path)) as door:
        yield door, hops


def test_the_chat_limit_counts_the_real_client_however_the_header_is_rotated(behind_proxies):
    door, hops = behind_proxies
    sent = [door.send(sid(), "hi", headers=forwarded("203.0.113.9", hops, f"198.51.100.{i}")) for i in range(6)]
    assert [r.status_code for r in sent] == [200] * 5 + [429]
    assert "999" in texts(sent[-1]) and "0800 1111" in texts(sent[-1])
    assert door.send(sid(), "hi", headers=forwarded("203.0.113.10", hops, "198.51.100.1")).status_code == 200


def test_the_sign_in_throttle_counts_the_real_client_however_the_header_is_rotated(behind_proxies):
    door, hops = behind_proxies

    def sign_in(client, i):
        # The same name each time, and a new made-up address on the left of the header:
        # the throttle (by name and client) must still see one client.
        return requests.post(f"{door.base_url}/console/api/login", json={"username": "sam", "password": "not it"},
                             headers=forwarded(client, hops, f"198.51.100.{i}"), timeout=15).status_code

    tries = [sign_in("203.0.113.20", i) for i in range(FREE_FAILURES + 1)]
    assert tries == [401] * FREE_FAILURES + [429]  # the next try must wait
    assert sign_in("203.0.113.21", 99) == 401  # another real client is not held up


def test_hsts_only_when_the_browser_came_over_https(behind_proxies, stack):
    door, _ = behind_proxies
    over_tls = requests.get(f"{door.base_url}/", headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert over_tls.headers["Strict-Transport-Security"] == "max-age=31536000"
    plain = requests.get(f"{door.base_url}/", headers={"X-Forwarded-Proto": "http"}, timeout=10)
    assert "Strict-Transport-Security" not in plain.headers
    # A front door that trusts no proxy: a client's own X-Forwarded-Proto means nothing.
    with another_front_door(stack, "no-proxy", TRUST_PROXY="0", TRUSTED_PROXY_HOPS="0") as direct:
        spoofed = requests.get(f"{direct.base_url}/", headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert "Strict-Transport-Security" not in spoofed.headers
