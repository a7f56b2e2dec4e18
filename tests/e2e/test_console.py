"""The staff console through the real front door, Rasa server and SQLite tracker database."""
from pathlib import Path

import pytest
import requests
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

from frontdoor.staff import Accounts
from tests.conftest import PASSWORD, Console
from training.review_queue import ReviewQueue

pytestmark = pytest.mark.e2e
@pytest.fixture(scope="module")
def accounts(stack):
    return Accounts(Path(stack.config.extra_env["CONSOLE_ACCOUNTS_FILE"]))


@pytest.fixture(scope="module")
def base_url(stack):
    return f"http://127.0.0.1:{stack.config.frontdoor_port}"


@pytest.fixture(scope="module")
def staff(accounts, base_url):
    accounts.add("sam", PASSWORD)
    console = Console(base_url)
    assert console.sign_in().status_code == 200
    return console


def test_the_console_is_off_until_a_maintainer_adds_an_account(stack, accounts, base_url):
    accounts.path.unlink(missing_ok=True)
    page = requests.get(f"{base_url}/console", timeout=5)
    assert page.status_code == 503 and "python -m scripts.staff add" in page.text
    assert Console(base_url).sign_in().status_code == 503


def test_sign_in_is_required_for_every_console_api(staff, base_url):
    anonymous = Console(base_url)
    for path in ("conversation", "chat", "flag", "story"):
        assert anonymous.post(path, {"session_id": "x"}).status_code == 401
    assert requests.get(f"{base_url}/console/api/me", timeout=5).status_code == 401
    assert anonymous.sign_in(password="not the password").status_code == 401
    assert anonymous.sign_in(name="nobody").status_code == 401
    page = requests.get(f"{base_url}/console", timeout=5)
    assert page.status_code == 200 and 'id="login"' in page.text


def test_the_sign_in_cookie_is_http_only_and_same_site_strict(accounts, base_url):
    accounts.add("alex", PASSWORD)
    response = Console(base_url).sign_in("alex")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie


def test_a_signed_in_post_that_is_not_json_is_refused(staff):
    response = staff.http.post(f"{staff.base}/api/conversation", data="session_id=x",
                               headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=5)
    assert response.status_code == 415


def test_sign_in_attempts_are_throttled(staff, base_url):
    guesser = Console(base_url)
    codes = [guesser.sign_in(name="mallory", password=f"guess number {i}").status_code for i in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429


def test_each_turn_shows_intent_ranking_entities_safety_net_and_actions(staff):
    session_id = staff.new_conversation()
    assert session_id.startswith("console-")
    turn = staff.say(session_id, "they want me to go OT to loughbrough")["turn"]
    assert turn["intent"]["name"] == "travel_out_of_town" and turn["intent"]["confidence"] > 0.5
    assert len(turn["next_best"]) == 3
    assert {"entity": "place", "value": "Loughborough", "text": "loughbrough", "start": 25, "end": 36} in turn["entities"]
    assert turn["safety_net"]["fired"] is False
    assert turn["actions"] == ["utter_advice_travel_out_of_town", "action_signpost"]
    danger = staff.say(session_id, "theyre outside my house with a knife")
    assert danger["turn"]["safety_net"]["fired"] is True and danger["turn"]["actions"] == ["utter_danger"]
    assert "999" in danger["messages"][0]["text"]


def test_a_flag_goes_to_the_review_queue_in_the_tracker_database(stack, staff):
    session_id = staff.new_conversation()
    staff.say(session_id, "hiya")
    said = staff.say(session_id, "they said i have to work off what they lost")["turn"]
    response = staff.post("flag", {"session_id": session_id, "turn": 1, "intent": "owe_debt", "comment": "debt bondage"})
    assert response.status_code == 200, response.text
    item = ReviewQueue(f"sqlite:///{stack.config.tracker_db}").get(response.json()["flag"])
    assert (item.message, item.expected_intent, item.comment, item.flagged_by, item.status) == (
        "they said i have to work off what they lost", "owe_debt", "debt bondage", "sam", "open")
    assert item.predicted_intent == said["intent"]["name"]
    assert item.bot_actions == ", ".join(said["actions"])


def test_only_your_own_console_conversations_can_be_flagged(staff, chat, base_url):
    public = chat.new_session()
    chat.texts(public, "someone asked me to hold a bag")
    for session_id in (public, "console-" + "0" * 24):
        response = staff.post("flag", {"session_id": session_id, "turn": 0, "intent": "owe_debt"})
        assert response.status_code == 400
    mine = staff.new_conversation()
    staff.say(mine, "hello")
    assert staff.post("flag", {"session_id": mine, "turn": 5, "intent": "owe_debt"}).status_code == 400
    assert staff.post("flag", {"session_id": mine, "turn": 0, "intent": "no_such_intent"}).status_code == 400
    other = Console(base_url)
    assert other.sign_in("alex").status_code == 200
    assert other.post("flag", {"session_id": mine, "turn": 0, "intent": "greet"}).status_code == 400


def test_the_public_cannot_use_a_console_conversation_id(chat):
    response = requests.post(f"{chat.base_url}/api/chat",
                             json={"session_id": "console-" + "a" * 24, "message": "hi"}, timeout=5)
    assert response.status_code == 400
    assert "reserved for the staff console" in response.json()["error"]


def test_a_conversation_saved_as_a_test_story_is_one_rasa_reads(stack, staff):
    session_id = staff.new_conversation()
    staff.say(session_id, "they say i owe them")
    staff.say(session_id, "i live in hinckley")
    response = staff.post("story", {"session_id": session_id, "name": "owe them, then hinckley"})
    assert response.status_code == 200, response.text
    path = Path(stack.config.extra_env["CONSOLE_STORIES_DIR"]) / "test_owe_them_then_hinckley.yml"
    assert response.json()["path"] == str(path)
    [story] = YAMLStoryReader().read_from_file(path)
    actions = [e.action_name for e in story.events if e.type_name == "action"]
    assert actions == ["utter_advice_owe_debt", "action_signpost", "action_signpost"]
    assert "Saved from the console by sam" in path.read_text()


def test_sign_out_ends_the_session(accounts, base_url):
    console = Console(base_url)
    assert console.sign_in("alex").status_code == 200
    assert console.http.get(f"{console.base}/api/me", timeout=5).status_code == 200
    console.post("logout")
    assert console.http.get(f"{console.base}/api/me", timeout=5).status_code == 401
