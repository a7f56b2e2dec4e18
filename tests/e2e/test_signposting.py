"""Every situation, in each council area and outside LLR, gets advice, the right
council number (none outside LLR) and a service open now; each audience gets its own.
The list comes as text for every client and as cards for the widget."""
import re
from datetime import datetime

import pytest

from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import LONDON, london_now
from tests.conftest import actions_at

pytestmark = pytest.mark.e2e
CONTACTS = load_contacts()
COUNCIL_NUMBERS = {
    "city": CONTACTS["leicester_city_duty"].phone,
    "county": CONTACTS["leics_first_response"].phone,
    "rutland": CONTACTS["rutland_duty"].phone,
}
AREA_MESSAGES = {"city": "i live in beaumont leys", "county": "i live in loughborough", "rutland": "i live in oakham", "outside": "i live in nottingham"}

# One message per situation, in a young person's words (not from the training data).
SITUATIONS = {
    "asked_to_carry": "an older lad wants me to take a bag to the train station",
    "pressured_threatened": "they keep threatening me and my family",
    "owe_debt": "they reckon i owe them 300",
    "travel_out_of_town": "they want me to go country for a week",
    "gifts_from_olders": "some guy bought me a phone",
    "social_media_recruitment": "i got a dm offering quick money",
    "want_out": "i need to get out",
    "fear_police": "will i get in trouble with the police",
    "worried_friend": "my mate is always with older lads now and has a second phone",
    "worried_adult": "i'm worried my son is being exploited",
    "nowhere_safe": "i've got nowhere to sleep",
    "cuckooing": "a gang is using my mum's flat",
    "who_to_talk_to": "who can i speak to",
    "report_anonymously": "can i report it anonymously",
}


def expected_council_number(area: str, when: datetime) -> str:
    if area == "rutland" and not CONTACTS["rutland_duty"].open_at(when):
        return CONTACTS["leics_first_response"].phone  # Rutland's out-of-hours line
    return COUNCIL_NUMBERS[area]


def open_services_named(reply: str, when: datetime):
    return [c for c in CONTACTS.values() if c.open_at(when) and c.phone and c.phone in reply]


@pytest.mark.parametrize("area", ["city", "county", "rutland", "outside"])
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_situation_in_area(chat, situation, area):
    sid = chat.new_session()
    first_list = chat.texts(sid, AREA_MESSAGES[area])
    when = london_now()
    reply = chat.texts(sid, SITUATIONS[situation])
    assert reply.count("\n") >= 2, "advice and signposts"
    if "listed above" in reply:
        # The same list was given a moment ago: the reply points back to it (said once).
        assert "People who can help" not in reply
        reply = first_list
    councils = set(COUNCIL_NUMBERS.values()) | {CONTACTS["leics_first_response"].phone}
    named = {number for number in councils if number in reply}
    if area == "outside":
        assert not named
        assert "puts you through to the police where you are" in reply
    else:
        assert named == {expected_council_number(area, when)}
    assert open_services_named(reply, when)
    assert "Where do you live?" not in reply  # already said: never asked again


def test_area_asked_once_then_remembered_from_a_button(chat):
    sid = chat.new_session()
    first = chat.texts(sid, SITUATIONS["owe_debt"])
    assert "Where do you live?" in first
    assert not any(number in first for number in COUNCIL_NUMBERS.values())
    after_button = chat.texts(sid, '/inform_area{"area": "rutland"}')
    assert expected_council_number("rutland", london_now()) in after_button
    later = chat.texts(sid, SITUATIONS["want_out"])
    assert "listed above" in later and "Where do you live?" not in later  # the same list: said once
    asked = chat.texts(sid, SITUATIONS["who_to_talk_to"])
    assert "(Rutland)" in asked


def test_rather_not_say_gives_national_services_and_no_more_questions(chat):
    sid = chat.new_session()
    chat.texts(sid, SITUATIONS["asked_to_carry"])
    declined = chat.texts(sid, "rather not say")
    assert "0800 1111" in declined and "Where do you live?" not in declined
    assert "Where do you live?" not in chat.texts(sid, SITUATIONS["owe_debt"])


def test_an_ambiguous_place_is_asked_about(chat):
    for place in ("braunstone", "leicester"):
        reply = chat.texts(chat.new_session(), f"i live in {place}")
        assert "means Leicester city or somewhere else in Leicestershire" in reply and "Where do you live?" in reply


def test_a_place_they_are_sent_to_does_not_change_their_council(chat):
    sid = chat.new_session()
    chat.texts(sid, "i live in beaumont leys")
    reply = chat.texts(sid, "they want me to take it to loughborough")
    assert CONTACTS["leics_first_response"].phone not in reply
    later = chat.texts(sid, "who can i talk to")  # asked for: the whole list again, still the city's
    assert COUNCIL_NUMBERS["city"] in later and "(Leicester city)" in later


def test_the_list_is_given_once_and_again_when_it_changes(chat):
    sid = chat.new_session()
    chat.texts(sid, "i live in beaumont leys")
    again = chat.texts(sid, SITUATIONS["owe_debt"])
    assert "listed above" in again and "People who can help" not in again
    changed = chat.texts(sid, "they're outside my house")  # danger: 999 now, and a new list after
    assert "999" in changed
    after = chat.texts(sid, SITUATIONS["want_out"])
    assert "Emergency services: call 999" in after


def test_adults_get_council_first_and_nspcc(chat):
    sid = chat.new_session()
    chat.texts(sid, "we live in hinckley")
    reply = chat.texts(sid, SITUATIONS["worried_adult"])
    signposts = reply[reply.index("People who can help"):]
    assert signposts.splitlines()[1].startswith("• Leicestershire County Council")
    assert CONTACTS["nspcc"].web in signposts
    assert "Childline" not in signposts


def test_danger_mode_keeps_999_in_later_signposts(chat):
    sid = chat.new_session()
    assert "999" in chat.texts(sid, "they're outside my house")
    later = chat.texts(sid, SITUATIONS["owe_debt"])
    signposts = later[later.index("People who can help"):]
    assert signposts.splitlines()[1].startswith("• Emergency services: call 999")


def test_every_reply_offers_a_real_person(chat):
    """Safety rule 3: each reply names a service or offers the "Who can I talk to?" button."""
    numbers = [c.phone for c in CONTACTS.values() if c.phone] + [c.web for c in CONTACTS.values() if c.web]
    sid = chat.new_session()
    for message in ["hi", "are you a bot", "who won the football", "what is cuckooing", "thanks", "no", "yes", "bye", "asdkjh qwe"]:
        response = chat.send(sid, message).json()["messages"]
        text = " ".join(m["text"] for m in response)
        payloads = [b["payload"] for m in response for b in m["buttons"]]
        assert any(n in text for n in numbers) or "/who_to_talk_to" in payloads, message


def listed(messages):
    """The list's bubble (the one with cards) and the heading before it."""
    (at,) = [i for i, m in enumerate(messages) if m.get("cards")]
    return messages[at - 1]["text"], messages[at]


def test_the_list_comes_as_text_and_as_cards_then_is_pointed_back_to(chat):
    sid = chat.new_session()
    heading, bubble = listed(chat.messages(sid, AREA_MESSAGES["city"]))
    assert heading == "People who can help (Leicester city):"
    lines = bubble["text"].splitlines()
    assert len(bubble["cards"]) == len(lines) and all(line.startswith("• ") for line in lines)
    for card, line in zip(bubble["cards"], lines, strict=True):
        for link in card["links"]:
            assert link["href"].startswith(("tel:", "sms:", "https://")) and "http" not in link["label"]
            if link["kind"] != "web":
                assert re.search(r"[\d ]+$", link["label"]).group().strip() in line  # the line's number
    names = [card["name"] for card in bubble["cards"]]
    assert "Leicester city's children's team" in names and "Childline" in names
    again = chat.messages(sid, SITUATIONS["owe_debt"])
    assert "listed above" in " ".join(m["text"] for m in again) and not any(m.get("cards") for m in again)


def test_rutland_at_night_is_told_what_the_out_of_hours_line_is(chat, stack):
    friday_night = datetime(2026, 11, 27, 21, 30, tzinfo=LONDON)
    with actions_at(stack, friday_night):
        sid = chat.new_session()
        chat.messages(sid, SITUATIONS["asked_to_carry"])
        heading, bubble = listed(chat.messages(sid, AREA_MESSAGES["rutland"]))
    team = "Rutland's out-of-hours children's team, run by Leicestershire's First Response"
    assert heading == "People who can help (Rutland):"
    assert f"• {team}: call {CONTACTS['leics_first_response'].phone}" in bubble["text"]
    (night,) = [card for card in bubble["cards"] if card["name"] == team]
    assert night["hours"] == "Open now, day and night" and night["note"] == "Rutland's children's team opens 9am Monday."
    assert CONTACTS["rutland_duty"].phone not in bubble["text"]
