import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.validation import BadRequest, button_payloads, clean_text, is_json, neutralise_commands, parse_chat
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
    "typed, sent",
    [
        # The red team's bypass: slashes stripped before spaces left "/restart".
        ("/ /restart", "restart"),
        ("/ /session_start", "session_start"),
        ("/ /back", "back"),
        ('/ /inform_area{"area":"narnia","place":"Buckingham Palace"}', 'inform_area{"area":"narnia","place":"Buckingham Palace"}'),
        (" / / / restart", "restart"),
        ("/\t/restart", "restart"),
        ("/\u00a0/restart", "restart"),  # no-break space
        ("/\u3000/restart", "restart"),  # ideographic space
        ("/\u200b/restart", "restart"),  # zero-width space
        ("\ufeff/restart", "restart"),  # byte-order mark
        ("\uff0frestart", "restart"),  # fullwidth solidus: "/" after NFKC
        ("\u2215restart", "restart"),  # division slash
        ("\u2044 /restart", "restart"),  # fraction slash
        ("/\u0338/restart", "restart"),  # combining long solidus overlay
        ("/ /who_to_talk_to", "who_to_talk_to"),  # a payload, but not as the button sends it
    ],
)
def test_no_normalisation_lets_a_typed_command_through(typed, sent):
    assert parse_chat(body(session_id=SID, message=typed), PAYLOADS).message == sent


LEADS = "/ \t\u00a0\u2000\u3000\u200b\u200d\u2060\ufeff\uff0f\u2215\u2044\u29f8\u0338\u0301\\"


@given(st.text(alphabet=LEADS, max_size=8), st.sampled_from(["restart", "session_start", "back", "greet", "danger hi"]))
def test_whatever_leads_a_typed_command_rasa_gets_words(lead, command):
    sent = parse_chat(body(session_id=SID, message=lead + "/" + command), PAYLOADS).message
    # Rasa strips the text, and would see a command in a leading "/" (after NFKC, to be safe).
    assert not unicodedata.normalize("NFKC", sent).strip().startswith("/")
    assert sent.endswith(command)


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
        (body(session_id=SID, message="/ \u200b/ "), "empty"),
        (body(session_id=SID + "\n", message="hi"), "session_id"),  # "$" matched before a final newline
        (b"[" * 4000 + b"]" * 4000, "Send JSON"),  # nesting bomb: RecursionError, was a 500
        (b'{"session_id": "' + SID.encode() + b'", "message": ' + b"[" * 4000 + b"]" * 4000 + b"}", "Send JSON"),
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


@pytest.mark.parametrize(
    "content_type, taken",
    [("application/json", True), ("application/json; charset=utf-8", True), ("Application/JSON", True),
     ("text/plain", False), ("application/x-www-form-urlencoded", False), ("multipart/form-data; boundary=x", False),
     ("application/jsonp", False), ("", False), (None, False)],
)
def test_only_json_is_taken(content_type, taken):
    assert is_json(content_type) is taken


def test_forget_requests_share_the_session_id_check():
    from frontdoor.validation import parse_session_id

    assert parse_session_id(body(session_id=SID)) == SID
    for raw in (b"nope", b"[]", body(session_id="short"), body(), body(session_id=SID + "\n")):
        with pytest.raises(BadRequest):
            parse_session_id(raw)
