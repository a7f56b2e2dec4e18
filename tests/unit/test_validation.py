import json

import pytest

from frontdoor.validation import BadRequest, button_payloads, clean_text, neutralise_commands, parse_chat
from project import PROJECT_ROOT

PAYLOADS = button_payloads(PROJECT_ROOT / "domain.yml")
SID = "a" * 32


def body(**fields):
    return json.dumps(fields).encode()


def test_domain_buttons_are_the_allowed_payloads():
    assert "/who_to_talk_to" in PAYLOADS
    assert '/inform_area{"area": "city"}' in PAYLOADS


def test_a_button_payload_passes_unchanged():
    assert parse_chat(body(session_id=SID, message="/who_to_talk_to"), PAYLOADS).message == "/who_to_talk_to"


@pytest.mark.parametrize(
    "typed, sent",
    [
        ('/inform_area{"area": "rutland", "risk": null}', 'inform_area{"area": "rutland", "risk": null}'),
        ("/restart", "restart"),
        ("//greet", "greet"),
        ("/danger hi", "danger hi"),
    ],
)
def test_typed_commands_cannot_trigger_intents_or_slots(typed, sent):
    assert parse_chat(body(session_id=SID, message=typed), PAYLOADS).message == sent


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"not json", "Send JSON"),
        (b"[1, 2]", "JSON object"),
        (b"\xff\xfe", "Send JSON"),
        (body(message="hi"), "session_id"),
        (body(session_id="short", message="hi"), "session_id"),
        (body(session_id="x" * 65, message="hi"), "session_id"),
        (body(session_id="a b c d e f g h i j", message="hi"), "session_id"),
        (body(session_id="console-" + "a" * 24, message="hi"), "reserved for the staff console"),
        (body(session_id=SID), "message must be text"),
        (body(session_id=SID, message=5), "message must be text"),
        (body(session_id=SID, message="   \n\t"), "empty"),
        (body(session_id=SID, message="\x00\x07"), "empty"),
        (body(session_id=SID, message="/"), "empty"),
    ],
)
def test_bad_requests_are_explained(raw, error):
    with pytest.raises(BadRequest, match=error):
        parse_chat(raw, PAYLOADS)


def test_control_characters_are_dropped_and_lines_joined():
    assert clean_text("hi\x00 there\nmate\x1b") == "hi there mate"


def test_other_scripts_and_emoji_are_kept():
    assert clean_text("مرحبا 👋 привет") == "مرحبا 👋 привет"


def test_neutralise_keeps_ordinary_text():
    assert neutralise_commands("they say i owe them", PAYLOADS) == "they say i owe them"


def test_forget_requests_share_the_session_id_check():
    from frontdoor.validation import parse_session_id

    assert parse_session_id(body(session_id=SID)) == SID
    for raw in (b"nope", b"[]", body(session_id="short"), body()):
        with pytest.raises(BadRequest):
            parse_session_id(raw)
