"""The safety conversation through the real front door, Rasa server and action server:
answers read against the question asked, advice by kind of danger, both alarms kept,
the silent 999 call, and safety kept on screen until the young person says they are safe."""
import pytest

pytestmark = pytest.mark.e2e

SILENT_CALL = "press 55"
CRISIS_LINES = ("0800 1111", "116 123", "85258")


def buttons(messages):
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def test_a_typed_no_to_are_you_safe_escalates_with_999_and_how_to_call_silently(chat):
    sid = chat.new_session()
    first = chat.texts(sid, "theyre outside my house with a knife")
    assert first.startswith("Call 999 now") and "Are you safe right now?" in first
    reply = chat.texts(sid, "no")
    assert reply.startswith("Please call 999 now")
    assert SILENT_CALL in reply and "lock" in reply  # what to do while waiting, for this danger
    assert "I'm still here" not in reply
    assert "Can you talk right now?" in reply


def test_i_dont_know_moves_the_check_in_on_instead_of_repeating_it(chat):
    sid = chat.new_session()
    chat.texts(sid, "someone is following me")
    second = chat.messages(sid, "i dont know what to do")
    third = chat.messages(sid, "idk")
    texts = lambda messages: {m["text"] for m in messages}  # noqa: E731
    assert not texts(second) & texts(third)
    assert "999" in " ".join(texts(second)) and "999" in " ".join(texts(third))


def test_both_alarms_in_one_message_get_the_danger_advice_then_the_crisis_lines(chat):
    messages = chat.messages(chat.new_session(), "they said theyll kill me if i stop and i want to kill myself")
    text = "\n".join(m["text"] for m in messages)
    assert messages[0]["text"].startswith("That's a serious threat") and "999" in messages[0]["text"]
    assert all(line in text for line in CRISIS_LINES)
    assert text.index("999") < text.index("116 123")


def test_both_alarms_one_after_the_other_keep_the_crisis_lines_in_every_later_safety_reply(chat):
    sid = chat.new_session()
    chat.texts(sid, "theyre outside my house")
    chat.texts(sid, "i want to end it all")
    for answer in ("no", "no", "no"):
        reply = chat.texts(sid, answer)
        assert "999" in reply and any(line in reply for line in CRISIS_LINES), reply


def test_self_harm_not_safe_keeps_the_self_harm_path_and_its_lines(chat):
    sid = chat.new_session()
    first = chat.messages(sid, "i want to kill myself")
    assert "/not_safe" in buttons(first)
    reply = chat.texts(sid, "/not_safe")
    assert "999" in reply and "hurt yourself" in reply
    assert "busy" not in reply and "lock the door" not in reply  # not the danger advice
    assert any(line in reply for line in CRISIS_LINES)


def test_cant_talk_gets_the_silent_call_steps(chat):
    sid = chat.new_session()
    chat.texts(sid, "theyre outside")
    reply = chat.texts(sid, "cant talk theyll hear")
    assert SILENT_CALL in reply and "not where you are" in reply


def test_a_method_after_self_harm_is_answered_as_self_harm_whatever_the_classifier_says(chat):
    sid = chat.new_session()
    chat.texts(sid, "i want to die")
    reply = chat.texts(sid, "nah i got my mums pills here")
    assert reply.startswith("Thank you for telling me. Please call 999")
    assert "Sorry" not in reply and any(line in reply for line in CRISIS_LINES)


def test_help_in_safety_mode_is_a_safety_turn_not_a_greeting(chat):
    sid = chat.new_session()
    chat.texts(sid, "someone is following me")
    reply = chat.texts(sid, "help")
    assert reply.startswith("Please call 999") and "chatbot" not in reply


def test_in_safety_mode_the_safety_buttons_stay_and_the_area_question_waits_until_safe(chat):
    sid = chat.new_session()
    chat.texts(sid, "theyre outside my house rn")
    during = chat.messages(sid, "they reckon i owe them 300")
    text = "\n".join(m["text"] for m in during)
    assert "Where do you live?" not in text
    assert text.index("Emergency services: call 999") < text.index("Childline")
    assert during[-1]["buttons"] and {"/safe_now", "/not_safe", "/cant_talk"} <= set(buttons(during[-1:]))
    chat.texts(sid, "/safe_now")
    after = chat.texts(sid, "an older lad wants me to take a bag to the train station")
    assert "Where do you live?" in after


@pytest.mark.parametrize(
    "message, advice",
    [
        ("theyre outside my door right now", "lock the door"),
        ("they wont let me leave the flat", "Don't fight them"),
        ("someone is following me", "shop"),
        ("he pulled a knife on me", "ambulance"),
        ("they said theyll kill me if i talk", "101"),
        ("help me now", "safe place"),
    ],
)
def test_each_kind_of_danger_gets_its_own_advice_with_the_action_server_down(chat, actions_stopped, message, advice):
    messages = chat.messages(chat.new_session(), message)
    text = "\n".join(m["text"] for m in messages)
    assert "999" in messages[0]["text"] and advice in text
    assert "Are you safe right now?" in text
    assert SILENT_CALL in text  # every danger reply says how to call without talking


def test_the_safety_answers_work_with_the_action_server_down(chat, actions_stopped):
    sid = chat.new_session()
    chat.texts(sid, "theyre outside")
    assert chat.texts(sid, "no").startswith("Please call 999")
    assert SILENT_CALL in chat.texts(sid, "no")
