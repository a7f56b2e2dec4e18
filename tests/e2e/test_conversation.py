"""A first conversation through the real front door, Rasa server and action server."""
import pytest
import requests

pytestmark = pytest.mark.e2e


def test_healthz_is_ok_when_rasa_and_actions_are_ready(stack, chat):
    response = requests.get(f"{chat.base_url}/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"rasa": True, "actions": True}


def test_greet_situation_goodbye(chat):
    sid = chat.new_session()
    greeting = chat.send(sid, "hiya").json()["messages"]
    assert "chatbot" in greeting[0]["text"]
    assert any(b["payload"] == "/who_to_talk_to" for b in greeting[-1]["buttons"])

    advice = chat.texts(sid, "man said carry this to the station")
    assert "not your fault" in advice
    assert "Childline: call 0800 1111" in advice       # a signpost from the action server
    assert "Where do you live?" in advice              # area not known yet: asked once

    goodbye = chat.texts(sid, "cya")
    assert "0800 1111" in goodbye


def test_chat_page_is_served_with_security_headers(chat):
    response = requests.get(chat.base_url + "/", timeout=10)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors" in csp
    assert response.headers["referrer-policy"] == "no-referrer"


def test_bad_input_gets_a_json_4xx(chat):
    response = requests.post(f"{chat.base_url}/api/chat", data="nope", headers={"Content-Type": "application/json"},
                             timeout=10)
    assert response.status_code == 400
    assert "error" in response.json()


def test_all_contacts_page_lists_every_service_with_source_and_date(chat):
    from safeguarding.contacts import load_contacts

    response = requests.get(f"{chat.base_url}/contacts", timeout=10)
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    page = response.text
    for contact in load_contacts().values():
        assert contact.name.replace("'", "&#x27;") in page
        assert contact.checked.isoformat() in page
    assert "0116 305 9521" in page  # the 2021 webinar number: listed here, never signposted
    assert "tel:01163050005" in page
