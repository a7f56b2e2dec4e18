"""Danger and self-harm are answered even when the action server is down or hung;
the front door answers every message within 10 seconds whatever happens behind it, on
/api/chat and on the chat page's form without JavaScript."""
import time

import pytest
import requests

from tests.conftest import page_bubbles

pytestmark = pytest.mark.e2e
ANSWER_WITHIN_S = 10


def rasa_reply(stack, sender, text, timeout=10):
    response = requests.post(
        f"http://127.0.0.1:{stack.config.rasa_port}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        timeout=timeout,
    )
    response.raise_for_status()
    return "\n".join(m.get("text", "") for m in response.json())


def timed(chat, text):
    started = time.monotonic()
    response = chat.send(chat.new_session(), text, timeout=ANSWER_WITHIN_S + 5)
    return response, time.monotonic() - started


def timed_form(chat, text):
    """As the chat page's form sends it without JavaScript: the answer is the page."""
    started = time.monotonic()
    response = requests.post(chat.base_url + "/", data={"session_id": chat.new_session(), "message": text},
                             timeout=ANSWER_WITHIN_S + 5)
    return response, time.monotonic() - started


def first_reply(page: str) -> str:
    """The first bubble after the user's on a page of the chat without JavaScript."""
    bubbles = page_bubbles(page)
    return next(text for who, text in bubbles[[who for who, _ in bubbles].index("user"):] if who == "bot")


def test_safety_replies_come_straight_from_rasa_with_the_action_server_down(stack, chat, actions_stopped):
    assert "999" in rasa_reply(stack, chat.new_session(), "theyre outside my house")
    assert "116 123" in rasa_reply(stack, chat.new_session(), "i want to kill myself")
    # healthz tells the truth meanwhile
    assert requests.get(f"{chat.base_url}/healthz", timeout=10).status_code == 503


def test_safety_replies_and_every_answer_arrive_in_time_with_the_action_server_hung(stack, chat, actions_hung):
    started = time.monotonic()
    assert "999" in rasa_reply(stack, chat.new_session(), "he's got a knife")
    assert time.monotonic() - started < 5

    # A situation message waits on the hung action server: the front door answers anyway.
    response, seconds = timed(chat, "they say i owe them")
    assert response.status_code == 200
    assert seconds < ANSWER_WITHIN_S
    texts = " ".join(m["text"] for m in response.json()["messages"])
    assert "999" in texts and "0800 1111" in texts
    # The chat without JavaScript too: it reads the conversation first, then answers in time.
    page, seconds = timed_form(chat, "they say i owe them")
    assert page.status_code == 200 and seconds < ANSWER_WITHIN_S
    assert 'href="tel:999"' in page.text and 'href="tel:08001111"' in page.text


def test_the_front_door_answers_when_rasa_is_down(stack, chat):
    stack.stop_one("rasa")
    try:
        response, seconds = timed(chat, "they want me to go OT")
        assert response.status_code == 200 and seconds < ANSWER_WITHIN_S
        assert "999" in " ".join(m["text"] for m in response.json()["messages"])
        danger, _ = timed(chat, "theyre outside my door rn")
        assert danger.json()["messages"][0]["text"].startswith("If you are in danger right now, call 999")
        page, seconds = timed_form(chat, "theyre outside my door rn")
        assert page.status_code == 200 and seconds < ANSWER_WITHIN_S
        assert first_reply(page.text).startswith("If you are in danger right now, call 999")
    finally:
        stack.restart("rasa")
        assert stack.wait_healthy(180)
