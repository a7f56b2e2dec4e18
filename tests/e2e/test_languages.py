"""Families' languages through the real stack (front door, Rasa, action server): held-out
messages in each language (tests/i18n, never trained on) get the families' reply in that
language with its signposts; danger gets 999 first in the language and then in English;
the topic buttons answer in the language; the language menu and its payloads work."""
import json

import pytest

from safeguarding.contacts import load_contacts, template_vars
from safeguarding.languages import ENGLISH, fill, load_languages, looks_romanised, romanised_words
from tests.metrics import record
from training.datasets import family_messages

pytestmark = pytest.mark.e2e
LANGUAGES = load_languages()
OTHERS = [code for code in LANGUAGES if code != ENGLISH]
VALUES = template_vars(load_contacts())
EMERGENCY, POLICE = VALUES["emergency_phone"], VALUES["police_non_emergency_phone"]


def _welcome_first_words(code):
    return fill(LANGUAGES[code].responses["utter_families_welcome"], VALUES).split("\n\n")[0]


@pytest.mark.parametrize("code", OTHERS)
def test_a_family_message_gets_the_families_reply_in_its_language_with_the_signposts(chat, code):
    texts = family_messages(code)["families"]
    answered, menu = 0, 0
    for text in texts:
        messages = chat.messages(chat.new_session(), text)
        said = "\n".join(m["text"] for m in messages)
        if messages[0]["text"] == _welcome_first_words(code):
            answered += 1
            assert messages[0]["lang"] == code
            assert EMERGENCY in said and POLICE in said, said
            titles = [b["title"] for m in messages for b in m["buttons"]]
            assert titles == list(LANGUAGES[code].buttons.values())
        elif looks_romanised(text, romanised_words()):
            menu += 1  # written in English letters: offered the language menu
            assert LANGUAGES[code].name in [b["title"] for m in messages for b in m["buttons"]]
    record(f"families' messages in {code} (tests/i18n/{code}.yml) answered in {code}: {answered}/{len(texts)}, menu {menu}")
    assert answered + menu >= 10 and answered >= 0.75 * len(texts)


@pytest.mark.parametrize("code", OTHERS)
def test_danger_in_a_language_gets_999_first_in_it_then_in_english(chat, code):
    for text in family_messages(code)["danger"] + family_messages(code)["self_harm"]:
        messages = chat.messages(chat.new_session(), text)
        assert messages[0]["lang"] == code, (text, messages[0])
        assert EMERGENCY in messages[0]["text"], (text, messages[0])
        english = [m for m in messages if m["lang"] == ENGLISH]
        assert english and EMERGENCY in english[0]["text"], text


@pytest.mark.parametrize("code", ["pl", "ur"])
def test_the_topic_buttons_answer_in_the_chosen_language(chat, code):
    session = chat.new_session()
    welcome = chat.messages(session, '/set_language{"language": "%s"}' % code)
    buttons = [b for m in welcome for b in m["buttons"]]
    for button, topic in zip(buttons, LANGUAGES[code].buttons, strict=True):
        assert json.loads(button["payload"].split("families_info", 1)[1])["family_topic"] == topic
        answer = chat.messages(session, button["payload"])
        expected = fill(LANGUAGES[code].responses[f"utter_families_{topic}"], VALUES).split("\n\n")[0]
        assert answer[0]["text"] == expected.strip() and answer[0]["lang"] == code


def test_who_to_call_gives_each_council_with_its_hours(chat):
    session = chat.new_session()
    chat.messages(session, '/set_language{"language": "ro"}')
    said = chat.texts(session, '/families_info{"family_topic": "who_to_call"}')
    for key in ("leicester_city_duty_phone", "leics_first_response_phone", "rutland_duty_phone", "nspcc_phone",
                "rutland_duty_open", "rutland_duty_close"):
        assert VALUES[key] in said, key


def test_the_language_menu_lists_every_language_and_its_buttons_are_accepted(chat):
    session = chat.new_session()
    messages = chat.messages(session, "can i change the language")
    buttons = {b["title"]: b["payload"] for m in messages for b in m["buttons"]}
    assert set(buttons) == {language.name for language in LANGUAGES.values()}
    assert chat.messages(session, buttons["العربية"])[0]["text"] == _welcome_first_words("ar")


def test_english_after_another_language_still_gets_english_advice(chat):
    session = chat.new_session()
    chat.messages(session, family_messages("pl")["families"][0])
    said = chat.texts(session, "they want me to carry a bag to the station")
    assert "carry" in said.lower() or "bag" in said.lower(), said


def test_an_english_message_naming_a_language_is_answered_in_english_and_the_chat_stays_english(chat):
    """Failed before: the language named set the chat's language, so a young person who said
    what their mum speaks got the next danger reply first in a script they may not read."""
    session = chat.new_session()
    answer = chat.messages(session, "my mum only speaks gujarati")
    assert all(m["lang"] == ENGLISH for m in answer) and "interpreter" in answer[0]["text"], answer
    assert {"title": "Information in other languages", "payload": "/choose_language"} in answer[-1]["buttons"]
    danger = chat.messages(session, "there is a man outside my house and he said he will stab me")
    assert danger[0]["lang"] == ENGLISH and EMERGENCY in danger[0]["text"], danger[0]
