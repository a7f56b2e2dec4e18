"""Signpost cards (safeguarding/cards.py) at fixed times on the London clock: open now and
until when, the out-of-hours route for Rutland named as what it is with when Rutland's own
team opens, links with words and tel:/sms:/https: addresses, and the same services as the text."""
import re
from datetime import datetime

import pytest

from safeguarding import cards, signposts
from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import LONDON

CONTACTS = load_contacts()
FRIDAY_NIGHT = datetime(2026, 11, 27, 21, 30, tzinfo=LONDON)  # Rutland's office closed till Monday
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)  # Rutland's office open
OUT_OF_HOURS = "Rutland's out-of-hours children's team, run by Leicestershire's First Response"


def cards_for(when, **kwargs):
    chosen = signposts.choose(CONTACTS, when, **kwargs)
    return {card["name"]: card for card in cards.cards(chosen, when, outside=kwargs.get("area") == "outside")}


def links(card):
    return [(link["label"], link["href"]) for link in card["links"]]


def test_rutland_at_night_gets_the_out_of_hours_team_named_as_what_it_is():
    shown = cards_for(FRIDAY_NIGHT, area="rutland", situation="travel_out_of_town")
    night = shown[OUT_OF_HOURS]
    assert night["for"] == "Answers while Rutland's own team is closed."
    assert night["open"] is True and night["hours"] == "Open now, day and night"
    assert night["note"] == "Rutland's children's team opens 9am Monday."
    assert links(night) == [("Call 0116 305 0005", "tel:01163050005")]
    assert "Rutland's children's team" not in shown
    # The rest of a Friday night's list: SafeCall until 11pm, BTP by text, Childline online too.
    assert shown["SafeCall (Missing People)"]["hours"] == "Open now, until 11pm"
    assert links(shown["SafeCall (Missing People)"]) == [("Call 116 000", "tel:116000"), ("Text 116 000", "sms:116000")]
    assert links(shown["British Transport Police"]) == [("Text 61016", "sms:61016")]
    assert links(shown["Childline"]) == [("Call 0800 1111", "tel:08001111"), ("Chat online", CONTACTS["childline"].web)]


def test_rutland_in_office_hours_gets_its_own_team_until_5pm():
    team = cards_for(WEDNESDAY_MORNING, area="rutland")["Rutland's children's team"]
    assert team["open"] is True and team["hours"] == "Open now, until 5pm" and team["note"] is None
    assert links(team) == [("Call 01572 758 407", "tel:01572758407")]
    assert OUT_OF_HOURS not in cards_for(WEDNESDAY_MORNING, area="rutland")


@pytest.mark.parametrize("when, opens", [
    (datetime(2026, 11, 25, 7, 0, tzinfo=LONDON), "9am today"),       # Wednesday before 9
    (datetime(2026, 11, 24, 18, 0, tzinfo=LONDON), "9am tomorrow"),   # Tuesday evening
    (datetime(2026, 11, 28, 12, 0, tzinfo=LONDON), "9am Monday"),     # Saturday
])
def test_the_out_of_hours_card_says_when_rutlands_team_opens(when, opens):
    assert cards_for(when, area="rutland")[OUT_OF_HOURS]["note"] == f"Rutland's children's team opens {opens}."


def test_a_text_word_is_typed_in_for_them():
    (shout,) = cards.cards([signposts.Signpost(CONTACTS["shout"])], FRIDAY_NIGHT)
    assert links(shout) == [("Text SHOUT to 85258", "sms:85258?&body=SHOUT")]
    assert shout["name"] == "Shout" and shout["for"]


def test_hours_not_published_give_the_web_page_only_and_no_open_state():
    (nspcc,) = cards.cards([signposts.Signpost(CONTACTS["nspcc"], web_only=True)], WEDNESDAY_MORNING)
    assert nspcc["open"] is None and nspcc["hours"] is None
    assert links(nspcc) == [("Get advice online", CONTACTS["nspcc"].web)]


def test_outside_llr_the_police_card_says_101_reaches_the_local_force():
    police = cards_for(WEDNESDAY_MORNING, area="outside")["Police (not an emergency)"]
    assert police["note"] == "101 puts you through to the police where you are."
    assert cards_for(WEDNESDAY_MORNING, area="city")["Police (not an emergency)"]["note"] is None


def test_a_council_closed_with_no_opening_in_its_week_says_nothing_of_when():
    rutland = CONTACTS["rutland_duty"]
    never = type(rutland)(**{**rutland.__dict__, "hours": {"days": [], "open": "09:00", "close": "17:00"}})
    signpost = signposts.Signpost(CONTACTS["leics_first_response"], instead_of=never)
    assert cards.card(signpost, FRIDAY_NIGHT)["note"] is None


@pytest.mark.parametrize("hour, minute, said", [(9, 0, "9am"), (9, 30, "9:30am"), (12, 0, "12pm"), (0, 5, "12:05am"), (23, 0, "11pm")])
def test_times_are_said_as_people_say_them(hour, minute, said):
    assert cards.clock_time(datetime(2026, 11, 25, hour, minute, tzinfo=LONDON)) == said


WHENS = [FRIDAY_NIGHT, WEDNESDAY_MORNING, datetime(2026, 11, 29, 3, 0, tzinfo=LONDON)]


@pytest.mark.parametrize("when", WHENS)
@pytest.mark.parametrize("area", ["city", "county", "rutland", "outside", None])
@pytest.mark.parametrize("audience", signposts.AUDIENCES)
def test_cards_and_text_give_the_same_services_and_links_have_words(when, area, audience):
    for situation in [None, *signposts.BY_SITUATION]:
        for risk in (None, signposts.DANGER, signposts.SELF_HARM):
            chosen = signposts.choose(CONTACTS, when, audience=audience, area=area, situation=situation, risk=risk)
            shown = cards.cards(chosen, when, outside=area == "outside")
            text = signposts.render(chosen, outside=area == "outside")
            assert len(shown) == len(chosen)
            for card in shown:
                assert card["name"] and card["for"] and card["links"]
                for link in card["links"]:
                    assert link["href"].startswith(("tel:", "sms:", "https://")), link
                    assert "http" not in link["label"] and len(link["label"]) <= 24, link
                    if link["kind"] != "web":
                        assert re.search(r"[\d ]+$", link["label"]).group().strip() in text  # the text's number
