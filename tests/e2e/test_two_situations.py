"""Messages that say two situations, through the real stack (front door, Rasa, action
server): the more serious situation's advice and signposts first, then "You also said: …"
with a button to the other, last; one situation gets no acknowledgement; the button
opens the other situation's advice; it works with the action server down; and in safety
mode (or with danger in the message itself) the last bubble stays the safety one."""
import pytest

from frontdoor.domain_words import paragraphs
from safeguarding.clarify import load_clarify
from safeguarding.contacts import load_contacts

pytestmark = pytest.mark.e2e
ALSO_SAID = "You also said:"
TITLES = load_clarify().titles
CONTACTS = load_contacts()

# A message, the situation answered first (the more serious) and the one acknowledged.
TWO = [
    ("the olders have been buying me food for weeks and now they want me to hold stuff", "asked_to_carry", "gifts_from_olders"),
    ("i keep going missing and they want me to go to nottingham", "gone_missing", "travel_out_of_town"),
    ("im in care and some man on snapchat keeps offering me money to do jobs", "social_media_recruitment", "in_care"),
    ("they say i owe them and now they want me to sell for them", "owe_debt", "asked_to_carry"),
    ("i ran away from my foster home and i have nowhere to sleep tonight", "gone_missing", "nowhere_safe"),
]
# Long messages read whole as a worried adult or as chatter, one of whose clauses clearly
# says the situation: answered as that situation.
READ_THROUGH = [
    ("im his mum and im so worried about my boy, the police arrested him last night and he wont tell me anything", "arrested"),
]
ONE = [
    "they want me to hold a bag at my house",
    "i keep going missing from home",
    "the olders keep buying me trainers",
    "is childline free",
    "my friend is acting weird and has a new phone",
]


def payloads(message):
    return [button["payload"] for button in message.get("buttons") or []]


@pytest.mark.parametrize("text, main, also", TWO)
def test_the_more_serious_is_answered_first_and_the_other_acknowledged_last_with_its_button(chat, text, main, also):
    messages = chat.messages(chat.new_session(), text)
    texts = [m["text"] for m in messages]
    assert texts[0] == paragraphs(f"utter_advice_{main}")[0], texts
    signposts = next(i for i, t in enumerate(texts) if t.startswith("People who can help"))
    last = messages[-1]
    assert last["text"] == f'{ALSO_SAID} "{TITLES[also]}{"" if TITLES[also].endswith("?") else "."}" We can talk about that next.'
    assert last["buttons"] == [{"title": TITLES[also], "payload": f"/{also}"}]
    assert signposts < len(messages) - 1
    assert sum(ALSO_SAID in t for t in texts) == 1


@pytest.mark.parametrize("text, situation", READ_THROUGH)
def test_a_situation_in_the_middle_of_a_worried_adults_message_gets_its_advice_with_an_adults_signposts(chat, text, situation):
    texts = [m["text"] for m in chat.messages(chat.new_session(), text)]
    assert texts[0] == paragraphs(f"utter_advice_{situation}")[0], texts
    reply = "\n".join(texts)
    signposts = reply[reply.index("People who can help"):]
    assert CONTACTS["nspcc"].web in signposts and "Childline" not in signposts  # the parent's services
    assert not any(ALSO_SAID in t for t in texts)


@pytest.mark.parametrize("text", ONE)
def test_one_situation_or_a_question_gets_no_acknowledgement(chat, text):
    texts = chat.texts(chat.new_session(), text)
    assert ALSO_SAID not in texts


def test_the_button_opens_the_other_situation_and_is_not_acknowledged_again(chat):
    sid = chat.new_session()
    text, _main, also = TWO[0]
    chat.messages(sid, text)
    messages = chat.messages(sid, f"/{also}")
    assert messages[0]["text"] == paragraphs(f"utter_advice_{also}")[0]
    assert ALSO_SAID not in " ".join(m["text"] for m in messages)


def test_the_acknowledgement_comes_with_the_action_server_down(chat, actions_stopped):
    text, main, also = TWO[1]
    messages = chat.messages(chat.new_session(), text)
    assert messages[0]["text"] == paragraphs(f"utter_advice_{main}")[0]
    assert messages[-1]["text"].startswith(ALSO_SAID) and payloads(messages[-1]) == [f"/{also}"]


def test_in_safety_mode_the_safety_buttons_stay_last_and_nothing_is_acknowledged(chat):
    sid = chat.new_session()
    chat.messages(sid, "theyre outside my house")
    messages = chat.messages(sid, TWO[1][0])
    assert ALSO_SAID not in " ".join(m["text"] for m in messages)
    assert "999" in messages[-1]["text"] and "/not_safe" in payloads(messages[-1])


def test_danger_said_with_two_situations_gets_the_danger_reply_alone(chat):
    messages = chat.messages(chat.new_session(), "i owe them money and they said if i dont go to derby theyll stab me")
    text = "\n".join(m["text"] for m in messages)
    assert "999" in messages[0]["text"] and "Are you safe right now?" in text
    assert ALSO_SAID not in text
