"""The staff console through the real front door, Rasa server and SQLite tracker database.
(Accepting into the training data changes the project's files: tests/integration/
test_console_review.py does that on a copy.)"""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import yaml
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

from frontdoor.staff import MAINTAINER, Accounts
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
    accounts.add("kim", PASSWORD, MAINTAINER)
    console = Console(base_url)
    assert console.sign_in().status_code == 200
    return console


@pytest.fixture(scope="module")
def queue(stack):
    return ReviewQueue(f"sqlite:///{stack.config.tracker_db}")


def test_the_console_is_off_until_a_maintainer_adds_an_account(stack, accounts, base_url):
    accounts.path.unlink(missing_ok=True)
    page = requests.get(f"{base_url}/console", timeout=5)
    assert page.status_code == 503 and "python -m scripts.staff add" in page.text
    assert Console(base_url).sign_in().status_code == 503


def test_sign_in_is_required_for_every_console_api(staff, base_url):
    anonymous = Console(base_url)
    for path in ("conversation", "chat", "flag", "story", "batch", "review/accept", "review/reject", "review/undo"):
        assert anonymous.post(path, {"session_id": "x"}).status_code == 401
    for path in ("me", "review", "report"):
        assert anonymous.get(path).status_code == 401
    assert anonymous.sign_in(password="not the password").status_code == 401
    assert anonymous.sign_in(name="nobody").status_code == 401
    page = requests.get(f"{base_url}/console", timeout=5)
    assert page.status_code == 200 and 'id="login"' in page.text


def test_the_sign_in_cookie_is_http_only_and_same_site_strict(staff, base_url):
    response = Console(base_url).sign_in("kim")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie
    assert response.json() == {"user": "kim", "role": "maintainer"}


def test_a_console_post_that_is_not_json_is_refused(staff):
    response = staff.http.post(f"{staff.base}/api/conversation", data="session_id=x",
                               headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=5)
    assert response.status_code == 415
    # Signing in too: a form on another site cannot sign a worker in.
    response = staff.http.post(f"{staff.base}/api/login", data='{"username": "sam", "password": "x"}',
                               headers={"Content-Type": "text/plain"}, timeout=5)
    assert response.status_code == 415


def test_youth_workers_do_not_get_the_maintainers_part(staff, base_url):
    assert staff.get("me").json()["role"] == "worker"
    for path in ("review", "report"):
        assert staff.get(path).status_code == 403
    for path in ("review/accept", "review/reject", "review/undo"):
        assert staff.post(path, {"id": 1}).status_code == 403
    maintainer = Console(base_url)
    maintainer.sign_in("kim")
    assert maintainer.get("me").json()["maintainer"] is True
    assert maintainer.get("review").status_code == 200
    assert maintainer.get("report").status_code in (200, 404)  # 404: no retrain has run in this project


def test_guessing_a_workers_password_from_one_client_does_not_lock_them_out(stack, staff, base_url):
    guesser = Console(base_url, client="203.0.113.7")
    codes = []
    while 429 not in codes and len(codes) < 12:  # the delays grow: one comes within a few tries
        codes.append(guesser.sign_in("sam", f"guess number {len(codes)}").status_code)
    assert codes[:3] == [401, 401, 401] and codes[-1] == 429, codes
    assert "ask a maintainer to unlock it" in guesser.sign_in("sam", "one more guess").json()["error"]
    # sam, at the youth centre, signs in as usual
    assert Console(base_url, client="198.51.100.20").sign_in("sam").status_code == 200
    # a maintainer clears the delays on the name
    unlock = stack_command(stack, "staff", "unlock", "sam")
    assert unlock.returncode == 0, unlock.stderr
    assert guesser.sign_in("sam", "after the unlock").status_code == 401


def stack_command(stack, script, *args):
    env = {**os.environ, "TRACKER_DB": stack.config.tracker_db, "CONSOLE_ACCOUNTS_FILE":
           stack.config.extra_env["CONSOLE_ACCOUNTS_FILE"]}
    return subprocess.run([sys.executable, "-m", f"scripts.{script}", *args], env=env, capture_output=True, text=True,
                          timeout=60)


def test_removing_an_account_or_a_new_password_ends_its_sign_ins_at_once(accounts, base_url):
    accounts.add("temp", PASSWORD)
    console = Console(base_url)
    assert console.sign_in("temp").status_code == 200 and console.get("me").status_code == 200
    accounts.add("temp", "a completely new password", replace=True)
    assert console.get("me").status_code == 401
    assert console.sign_in("temp", "a completely new password").status_code == 200
    assert console.get("me").status_code == 200
    accounts.remove("temp")
    assert console.get("me").status_code == 401


def test_a_sign_in_survives_a_front_door_restart_and_only_its_hash_is_stored(stack, staff, base_url):
    console = Console(base_url)
    token = console.sign_in("kim").cookies["llr_console"]
    stack.restart("frontdoor")
    assert stack.wait_healthy(120)
    assert console.get("me").json()["user"] == "kim"
    with sqlite3.connect(stack.config.tracker_db) as db:
        assert token not in str(db.execute("SELECT * FROM console_sessions").fetchall())


def test_each_turn_shows_intent_ranking_entities_safety_net_and_actions(staff):
    session_id = staff.new_conversation()
    assert session_id.startswith("console-")
    turn = staff.say(session_id, "they want me to go OT to loughbrough")["turn"]
    assert turn["intent"]["name"] == "travel_out_of_town" and turn["intent"]["confidence"] > 0.5
    assert len(turn["next_best"]) == 3
    assert {"entity": "place", "value": "Loughborough", "text": "loughbrough", "start": 25, "end": 36} in turn["entities"]
    assert turn["safety_net"]["fired"] is False and turn["safety"] == "quiet"
    assert turn["actions"] == ["utter_advice_travel_out_of_town", "action_signpost"]
    danger = staff.say(session_id, "theyre outside my house with a knife")
    assert danger["turn"]["safety"].startswith("danger: someone outside")  # in plain words; the rule is kept too
    assert danger["turn"]["safety_net"]["rule"].startswith("\\b")
    assert danger["turn"]["actions"][0] == "utter_danger" and "999" in danger["messages"][0]["text"]
    assert staff.say(session_id, "i cant talk")["turn"]["safety"].startswith("statement: can't talk")


def test_a_flag_goes_to_the_review_queue_and_a_second_flag_of_the_turn_updates_it(queue, staff):
    session_id = staff.new_conversation()
    staff.say(session_id, "hiya")
    said = staff.say(session_id, "they said i have to work off what they lost")["turn"]
    response = staff.post("flag", {"session_id": session_id, "turn": 1, "intent": "worried_friend", "comment": "hmm"})
    assert response.status_code == 200 and response.json()["updated"] is False, response.text
    again = staff.post("flag", {"session_id": session_id, "turn": 1, "intent": "owe_debt", "comment": "debt bondage"})
    assert again.json() == {"flag": response.json()["flag"], "updated": True}
    [item] = queue.for_conversation(session_id)
    assert (item.message, item.expected_intent, item.comment, item.flagged_by, item.status) == (
        "they said i have to work off what they lost", "owe_debt", "debt bondage", "sam", "open")
    assert item.predicted_intent == said["intent"]["name"]
    assert item.bot_actions == ", ".join(said["actions"])
    assert item.guesses()[0]["name"] == said["classifier"][0]["name"]


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
    assert staff.post("flag", {"session_id": mine, "turn": 0, "intent": ""}).status_code == 400  # "choose…"
    other = Console(base_url)
    assert other.sign_in("kim").status_code == 200
    assert other.post("flag", {"session_id": mine, "turn": 0, "intent": "greet"}).status_code == 400


def test_the_public_cannot_use_a_console_conversation_id(chat):
    response = requests.post(f"{chat.base_url}/api/chat",
                             json={"session_id": "console-" + "a" * 24, "message": "hi"}, timeout=5)
    assert response.status_code == 400
    assert "reserved for the staff console" in response.json()["error"]


def test_a_batch_of_phrases_each_in_a_conversation_of_its_own_that_can_be_flagged(queue, staff):
    phrases = ["they say i owe them", "theyre outside my house with a knife", "wagwan", "asdfghjkl"]
    rows = staff.post("batch", {"phrases": phrases}, timeout=60).json()["rows"]
    assert [r["phrase"] for r in rows] == phrases
    assert len({r["session_id"] for r in rows}) == 4 and {r["turn"] for r in rows} == {0}
    owe, danger, wagwan, _ = rows
    assert owe["intent"] == "owe_debt" and 0 < owe["confidence"] <= 1 and owe["safety"] == "quiet"
    assert "debt" in owe["first_reply"]  # the first bubble
    assert danger["intent"] == "danger" and danger["safety"].startswith("danger: someone outside")
    assert "999" in danger["first_reply"] and danger["safety_rule"]
    assert wagwan["intent"] == "greet"
    flagged = staff.post("flag", {"session_id": wagwan["session_id"], "turn": 0, "intent": "thanks"})
    assert queue.get(flagged.json()["flag"]).message == "wagwan"
    assert staff.post("batch", {"phrases": ["hi"] * 21}).status_code == 400  # a chunk is at most 20
    assert staff.post("batch", {"phrases": []}).status_code == 400


def test_a_saved_story_expects_the_corrected_intent_and_the_reply_to_it(stack, staff):
    session_id = staff.new_conversation()
    staff.say(session_id, "hiya")
    said = staff.say(session_id, "they said i have to work off what they lost")["turn"]
    assert said["intent"]["name"] != "owe_debt"  # if the model learns it, pick another message it gets wrong
    staff.post("flag", {"session_id": session_id, "turn": 1, "intent": "owe_debt"})
    response = staff.post("story", {"session_id": session_id, "name": "work off what they lost"})
    assert response.status_code == 200, response.text
    assert response.json()["corrected"] == [2]
    path = Path(stack.config.extra_env["CONSOLE_STORIES_DIR"]) / "test_work_off_what_they_lost.yml"
    steps = yaml.safe_load(path.read_text())["stories"][0]["steps"]
    assert {"user": "they said i have to work off what they lost", "intent": "owe_debt"} in steps
    actions = [s["action"] for s in steps if "action" in s]
    assert actions[-2:] == ["utter_advice_owe_debt", "action_signpost"]  # what the bot says to owe_debt
    assert "should be owe_debt, not " + said["intent"]["name"] in path.read_text()
    [story] = YAMLStoryReader().read_from_file(path)
    assert story.block_name == "work off what they lost"


def test_saving_over_a_story_asks_first(stack, staff):
    session_id = staff.new_conversation()
    staff.say(session_id, "they say i owe them")
    staff.say(session_id, "i live in hinckley")
    assert staff.post("story", {"session_id": session_id, "name": "owe them, then hinckley"}).status_code == 200
    path = Path(stack.config.extra_env["CONSOLE_STORIES_DIR"]) / "test_owe_them_then_hinckley.yml"
    [story] = YAMLStoryReader().read_from_file(path)
    assert [e.action_name for e in story.events if e.type_name == "action"] == [
        "utter_advice_owe_debt", "action_signpost", "action_signpost"]
    assert "Saved from the console by sam" in path.read_text()
    other = staff.new_conversation()
    staff.say(other, "hiya")
    again = staff.post("story", {"session_id": other, "name": "Owe them then Hinckley"})
    assert again.status_code == 409 and "Replace it?" in again.json()["error"]
    said = lambda: [step["user"] for step in yaml.safe_load(path.read_text())["stories"][0]["steps"] if "user" in step]  # noqa: E731
    assert said()[0] == "they say i owe them"  # not touched
    replaced = staff.post("story", {"session_id": other, "name": "Owe them then Hinckley", "replace": True})
    assert replaced.status_code == 200 and said() == ["hiya"]
    assert list(path.parent.glob("test_owe_them_then_hinckley*")) == [path]


def test_sign_out_ends_the_session(staff, base_url):
    console = Console(base_url)
    assert console.sign_in("kim").status_code == 200
    assert console.get("me").status_code == 200
    console.post("logout")
    assert console.get("me").status_code == 401
