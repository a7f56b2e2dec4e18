"""The situations of issue 17 through the real stack (front door, Rasa, action server):
each is recognised (held-out accuracy), answered with its own advice, signposted in every
area with its extra services, and every reply offers a real person. Also the term bug: a
word explained once is not explained again when the "What is county lines?" button is
pressed, and the completed signs list and online advice."""
from pathlib import Path

import pytest

from project import PROJECT_ROOT
from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import london_now
from tests.e2e.test_model_quality import parse
from tests.e2e.test_signposting import COUNCIL_NUMBERS, expected_council_number
from tests.metrics import record
from training.datasets import nlu_examples
from training.gate import MIN_ACCURACY

pytestmark = pytest.mark.e2e
CONTACTS = load_contacts()
HELD_OUT = PROJECT_ROOT / "tests" / "nlu" / "test_set_situations.yml"
# Other places than tests/e2e/test_signposting.py's, said the same way.
AREA_MESSAGES = {"city": "i live in evington", "county": "i live in coalville", "rutland": "i live in uppingham", "outside": "i live in derby"}

# One message per situation (not in the training data), and words its advice must hold:
# what the issue asks each reply to say, from ../shared/SAFEGUARDING.md.
SITUATIONS = {
    "someone_missing": ("my mate has been missing since saturday night", ["24 hours", "999", "101", "116 000", "return home interview"]),
    "gone_missing": ("i ran away from my dads 2 days ago", ["116 000", "return home interview", "not your fault"]),
    "image_threat": ("he says hell send my nudes to everyone if i stop doing drops", ["Report Remove", "CEOP", "screenshots", "never your fault", "999"]),
    "sexual_exploitation": ("they said i have to sleep with them to pay off what i owe", ["abuse", "boys and girls", "never your fault", "999"]),
    "arrested": ("the police arrested me last night with the stuff", ["free legal advice", "appropriate adult", "made you do it", "no one can promise"]),
    "excluded_school": ("i been excluded from school for a week", ["safeguarding lead", "not your fault"]),
    "in_care": ("im in care and older lads wait outside my placement", ["personal adviser", "social worker", "not your fault"]),
    "send_needs": ("i have autism and people keep tricking me into doing stuff", ["SEND", "safeguarding lead"]),
    "am_i_being_used": ("how can i tell if the olders are grooming me", ["owe them", "not your fault"]),
}
# Services only some situations add (safeguarding/signposts.py BY_SITUATION).
EXTRAS = {
    "image_threat": ["report_remove", "ceop"],
    "sexual_exploitation": ["ceop"],
    "in_care": ["leaving_care"],
}


def test_held_out_accuracy_for_the_new_situations(stack):
    pairs = nlu_examples(Path(HELD_OUT))
    wrong = [(intent, got, text) for text, intent in pairs if (got := parse(stack, text)["intent"]["name"]) != intent]
    accuracy = 1 - len(wrong) / len(pairs)
    record(f"intent accuracy on tests/nlu/test_set_situations.yml: {accuracy:.3f} ({len(pairs) - len(wrong)}/{len(pairs)})")
    for intent, got, text in sorted(wrong):
        print(f"  {intent:22} -> {got:22} {text}")
    assert accuracy >= MIN_ACCURACY


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_each_situation_is_recognised_and_answered(stack, chat, situation):
    text, must_say = SITUATIONS[situation]
    assert parse(stack, text)["intent"]["name"] == situation
    reply = chat.texts(chat.new_session(), text)
    for words in must_say:
        assert words in reply, f"{situation}: {words!r} not in the reply"
    assert "People who can help" in reply


@pytest.mark.parametrize("area", sorted(AREA_MESSAGES))
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_each_situation_in_each_area_gets_its_council_and_its_services(chat, situation, area):
    sid = chat.new_session()
    first_list = chat.texts(sid, AREA_MESSAGES[area])
    when = london_now()
    reply = chat.texts(sid, SITUATIONS[situation][0])
    if "listed above" in reply:  # the same list a moment ago: pointed back to, said once
        reply = first_list
    signposts = reply[reply.index("People who can help"):]
    named = {number for number in set(COUNCIL_NUMBERS.values()) if number in signposts}
    assert named == (set() if area == "outside" else {expected_council_number(area, when)})
    for key in EXTRAS.get(situation, []):
        assert CONTACTS[key].web in signposts, f"{situation}: {key} not signposted"
    assert "Where do you live?" not in reply


def test_a_parent_gets_the_adult_services_for_a_missing_child(chat):
    """The audience is remembered from the parent's first message (worried_adult): the
    council first, NSPCC, and no Childline."""
    sid = chat.new_session()
    chat.texts(sid, "we live in market harborough")
    adult_list = chat.texts(sid, "i'm worried my son is being exploited")
    reply = chat.texts(sid, "my son hasnt come home since yesterday morning and his phone is off")
    assert "24 hours" in reply
    if "listed above" in reply:  # the parent's list, given a moment ago: said once
        reply = adult_list
    signposts = reply[reply.index("People who can help"):]
    assert signposts.splitlines()[1].startswith("• Leicestershire County Council")
    assert CONTACTS["nspcc"].web in signposts and "Childline" not in signposts


def test_section_45_and_the_nrm_buttons_explain_them(chat):
    sid = chat.new_session()
    arrested = chat.messages(sid, "i got arrested with a bag they made me hold")
    payloads = {b["title"]: b["payload"] for m in arrested for b in m["buttons"]}
    s45 = chat.texts(sid, payloads["What's section 45?"])
    assert "Modern Slavery Act" in s45 and "court decides" in s45 and "no one can promise" in s45
    nrm = chat.texts(sid, payloads["What's the NRM?"])
    assert "National Referral Mechanism" in nrm and "support" in nrm


def test_the_county_lines_button_explains_county_lines_after_another_word(chat):
    """Failed before: `term` kept the last word, so the button repeated the plugging text."""
    sid = chat.new_session()
    assert "Plugging is" in chat.texts(sid, "what is plugging")
    after_button = chat.texts(sid, "/explain_county_lines")
    assert "County lines is" in after_button and "Plugging" not in after_button
    cuckooing = chat.texts(sid, "what does cuckooing mean")
    assert "Cuckooing is" in cuckooing and CONTACTS["childline"].phone in cuckooing  # a person to talk to, not only a button
    assert "County lines is" in chat.texts(sid, "what is county lines")


def test_the_signs_list_is_complete_and_leads_on(chat):
    messages = chat.messages(chat.new_session(), "what are the warning signs")
    text = "\n".join(m["text"] for m in messages)
    for sign in ("second phone", "going missing", "injuries", "weapon", "train tickets", "withdrawn", "excluded"):
        assert sign in text, sign
    payloads = [b["payload"] for m in messages for b in m["buttons"]]
    assert {"/worried_friend", "/worried_adult", "/am_i_being_used", "/who_to_talk_to"} <= set(payloads)


def test_online_advice_says_screenshot_first(chat):
    reply = chat.texts(chat.new_session(), "someone on insta keeps offering me cash to do jobs")
    assert "screenshots of the messages first, then block" in reply


def test_every_new_reply_offers_a_real_person(chat):
    numbers = [c.phone for c in CONTACTS.values() if c.phone] + [c.web for c in CONTACTS.values() if c.web]
    for text, _ in SITUATIONS.values():
        messages = chat.messages(chat.new_session(), text)
        whole = " ".join(m["text"] for m in messages)
        payloads = [b["payload"] for m in messages for b in m["buttons"]]
        assert any(n in whole for n in numbers) and "/who_to_talk_to" in payloads, text
